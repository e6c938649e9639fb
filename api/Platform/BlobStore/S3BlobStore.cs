using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Objects in one bucket of an S3-compatible service (AWS S3, MinIO, R2, ...).
/// <para>
/// Uploads are plain signed PUTs: each part is read into a buffer first, so its length and SHA-256
/// are known before sending. That avoids the SDK's default <c>aws-chunked</c> framing and its
/// default CRC trailers, which several S3-compatible servers mishandle (some store the framing as
/// data), while SigV4's payload hash still protects the bytes in transit. A body that fits in one
/// part is one PutObject; a longer or unknown-length body becomes a multipart upload, so memory
/// stays at one part per upload whatever the object's size.
/// </para>
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    /// <summary>S3's smallest allowed part (except the last) is 5 MiB.</summary>
    internal const int MinPartSize = 5 * 1024 * 1024;

    private readonly AmazonS3Client client;
    private readonly string bucket;
    private readonly Protocol urlProtocol;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public S3BlobStore(StorageOptions options, TimeProvider time, ILogger<S3BlobStore> logger)
    {
        var s3 = options.S3;
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            // Checksums only where an operation demands one: the SDK 4.x default (a CRC on every
            // upload, sent as an aws-chunked trailer) is refused or mis-stored by R2 and other
            // S3-compatible servers; the signed payload hash covers integrity instead.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3.Region);
        }
        else
        {
            config.ServiceURL = s3.ServiceUrl;
            config.AuthenticationRegion = s3.Region;
        }
        client = new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        bucket = s3.Bucket;
        // Presigned URLs default to https; a browser must be sent to the scheme the endpoint really speaks.
        urlProtocol = s3.ServiceUrl is { Length: > 0 } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? Protocol.HTTP
            : Protocol.HTTPS;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Bytes buffered per request; the multipart threshold. Tests lower it; never below 5 MiB against real S3.</summary>
    internal int PartSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Keys per ListObjectsV2 page; null leaves it to the server (1,000 on S3). Tests lower it to exercise paging.</summary>
    internal int? ListPageSize { get; init; }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var length = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            if (length < PartSize)
                await PutSingleAsync(key, buffer, length, contentType, ct);
            else
                await PutMultipartAsync(key, content, buffer, length, contentType, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PutSingleAsync(string key, byte[] buffer, int length, string contentType, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            AutoCloseStream = false,
            UseChunkEncoding = false,
            // Write-once on the server: S3 (since 2024), MinIO and R2 refuse the put with 412 when the key exists.
            IfNoneMatch = "*",
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.PutObjectAsync(request, ct);
                return;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                throw new BlobAlreadyExistsException(key);
            }
            // 409 ConditionalRequestConflict: another conditional write of this key was in flight. S3 asks
            // for a retry, which then either succeeds (the other failed) or gets 412 (the other won).
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                request.InputStream.Position = 0;
            }
        }
    }

    private async Task PutMultipartAsync(string key, Stream content, byte[] buffer, int firstLength, string contentType, CancellationToken ct)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
        }, ct);
        try
        {
            var parts = new List<PartETag>();
            var length = firstLength;
            while (length > 0)
            {
                var partNumber = parts.Count + 1;
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = partNumber,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false),
                    PartSize = length,
                    UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag { PartNumber = partNumber, ETag = part.ETag });
                length = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
                IfNoneMatch = "*",
            }, ct);
        }
        catch (Exception ex)
        {
            // Parts of an unfinished upload are billed until aborted (a bucket lifecycle rule is the backstop).
            await AbortQuietlyAsync(key, upload.UploadId);
            // A 409 here is left to the caller: retrying would mean uploading every part again.
            if (ex is AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed }) throw new BlobAlreadyExistsException(key);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            // Not the caller's token: a cancelled upload must still be cleaned up.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, timeout.Token);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not abort multipart upload {UploadId} of {Key}; its parts stay until the bucket's lifecycle rule removes them", uploadId, key);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        try
        {
            var response = await client.GetObjectAsync(bucket, key, ct);
            // Disposing the response stream releases the connection.
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        try
        {
            await client.GetObjectMetadataAsync(bucket, key, ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        // S3 answers 204 for a missing key too.
        await client.DeleteObjectAsync(bucket, key, ct);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKeys.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        if (ListPageSize is { } pageSize) request.MaxKeys = pageSize;
        while (true)
        {
            var page = await client.ListObjectsV2Async(request, ct);
            // SDK 4.x leaves collections null when a response has none.
            foreach (var item in page.S3Objects ?? [])
            {
                // Skip what the server never wrote through a store (hand-made or foreign keys).
                if (!BlobKeys.IsValid(item.Key)) continue;
                yield return new BlobInfo(item.Key, item.Size ?? 0, item.LastModified is { } modified ? AsUtc(modified) : DateTimeOffset.MinValue);
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<Uri?> GetDownloadUrlAsync(string key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct)
    {
        BlobKeys.Validate(key);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = urlProtocol,
            Expires = time.GetUtcNow().Add(lifetime).UtcDateTime,
        };
        if (downloadFileName is not null)
        {
            // filename* carries any name; the plain filename is an ASCII fallback for old clients (the header type quotes it).
            var disposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = AsciiFallback(downloadFileName),
                FileNameStar = downloadFileName,
            };
            request.ResponseHeaderOverrides.ContentDisposition = disposition.ToString();
        }
        return new Uri(await client.GetPreSignedURLAsync(request));
    }

    public async Task CheckWritableAsync(CancellationToken ct)
    {
        var key = BlobKeys.ProbeKey();
        await PutAsync(key, new MemoryStream([1]), "application/octet-stream", ct);
        try
        {
            await using var read = await OpenReadAsync(key, ct) ?? throw new IOException("The probe object vanished after it was written.");
            var buffer = new byte[2];
            var length = await read.ReadAtLeastAsync(buffer, 2, throwOnEndOfStream: false, ct);
            if (length != 1 || buffer[0] != 1) throw new IOException("The probe object read back different bytes.");
        }
        finally
        {
            await DeleteAsync(key, ct);
        }
    }

    public void Dispose() => client.Dispose();

    // S3 sends UTC; a DateTime without a kind is read as UTC rather than as this machine's local time.
    private static DateTimeOffset AsUtc(DateTime value) =>
        new(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());

    private static string AsciiFallback(string name)
    {
        var chars = name.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray();
        return new string(chars);
    }
}
