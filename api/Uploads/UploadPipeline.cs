using System.Security.Cryptography;
using Dapper;
using Hangfire;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>Why an upload was refused, with the HTTP status and a message a photographer can act on.</summary>
public sealed class UploadRejectedException(int status, string title, string detail, IDictionary<string, object?>? extensions = null, TimeSpan? retryAfter = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, object?>? Extensions { get; } = extensions;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// One uploaded original, from request body to a stored, recorded asset:
/// the multipart body is streamed to a spool file while it is hashed and counted (never held in
/// memory), identified by its bytes and header before any pixel is decoded, checked to decode
/// whole, and only then written to the store and recorded. A row is committed only after its
/// object exists; an object whose row never commits is removed by the orphan sweep.
/// </summary>
public sealed class UploadPipeline(
    NpgsqlDataSource dataSource,
    IBlobStore store,
    ImageInspector inspector,
    IBackgroundJobClient jobs,
    IOptions<UploadOptions> options,
    ILogger<UploadPipeline> logger)
{
    private const int MultipartEnvelopeAllowance = 64 * 1024;
    private readonly UploadOptions limits = options.Value;

    public async Task<Guid> AcceptAsync(HttpRequest request, Guid ownerId, CancellationToken ct)
    {
        if (request.ContentLength > limits.MaxFileBytes + MultipartEnvelopeAllowance)
            throw TooLarge();
        await EnforceQuotaAsync(ownerId, incomingBytes: 0, ct);

        var boundary = MultipartBoundary(request);
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        Directory.CreateDirectory(limits.SpoolDirectory);
        var spool = Path.Combine(limits.SpoolDirectory, Guid.NewGuid().ToString("N") + ".upload");
        try
        {
            var (filename, size, sha256) = await SpoolFirstFileAsync(reader, spool, ct);
            if (size == 0)
                throw new UploadRejectedException(400, "Empty file", "The file is empty (0 bytes). Choose the photo again and re-upload it.");
            await EnforceQuotaAsync(ownerId, size, ct);

            var header = Inspect(spool);
            await RejectExactDuplicateAsync(ownerId, sha256, ct);
            Verify(spool, header);
            var metadata = EmbeddedMetadataReader.Read(spool);

            var assetId = Guid.CreateVersion7();
            var key = $"originals/{DateTime.UtcNow:yyyy/MM}/{assetId:N}";
            await using (var file = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
                await store.PutAsync(key, file, header.ContentType, ct);

            try
            {
                await RecordAsync(assetId, ownerId, key, FileNames.Clean(filename, header.Format == ImageFormat.Png ? ".png" : ".jpg"),
                    header, size, sha256, metadata, ct);
            }
            catch
            {
                await DeleteQuietlyAsync(key);
                throw;
            }
            // After the commit: a crash before this line leaves an 'uploaded' asset that the recovery sweep re-enqueues.
            jobs.Enqueue<RenditionJob>(job => job.RunAsync(assetId, CancellationToken.None));
            return assetId;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static string MultipartBoundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UploadRejectedException(415, "Send the photo as multipart/form-data",
                "Upload the file as a multipart/form-data request with the photo in a field named \"file\".");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
            throw new UploadRejectedException(400, "Malformed multipart body", "The multipart boundary is missing or too long.");
        return boundary;
    }

    private async Task<(string? Filename, long Size, byte[] Sha256)> SpoolFirstFileAsync(MultipartReader reader, string spool, CancellationToken ct)
    {
        MultipartSection? section;
        try
        {
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data") || !disposition.Name.Equals("file"))
                    continue;
                var filename = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
                var (size, hash) = await CopyLimitedAsync(section.Body, spool, ct);
                return (filename, size, hash);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new UploadRejectedException(400, "Malformed multipart body", $"The upload could not be read: {ex.Message}");
        }
        throw new UploadRejectedException(400, "No file", "The request has no file. Put the photo in a form field named \"file\".");
    }

    private async Task<(long Size, byte[] Sha256)> CopyLimitedAsync(Stream body, string spool, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        long total = 0;
        try
        {
            await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, buffer.Length), ct)) > 0)
            {
                total += read;
                // Stop at the first byte over the limit, whatever the request claimed its length was.
                if (total > limits.MaxFileBytes) throw TooLarge();
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return (total, hash.GetHashAndReset());
    }

    private UploadRejectedException TooLarge() => new(413, "File too large",
        $"Photos can be at most {limits.MaxFileBytes / (1024 * 1024)} MB. Export a smaller JPEG (quality 90–95 is plenty) and upload that.");

    private ImageHeader Inspect(string spool)
    {
        try
        {
            return inspector.Inspect(spool);
        }
        catch (ImageRejectedException ex)
        {
            throw Rejected(ex);
        }
    }

    private void Verify(string spool, ImageHeader header)
    {
        try
        {
            inspector.VerifyDecodes(spool, header);
        }
        catch (ImageRejectedException ex)
        {
            throw Rejected(ex);
        }
    }

    private static UploadRejectedException Rejected(ImageRejectedException ex) => ex.Code switch
    {
        "unsupported-type" => new(415, "Not a JPEG or PNG photo", ex.Message),
        "empty" => new(400, "Empty file", ex.Message),
        "too-few-pixels" => new(400, "Image too small", ex.Message),
        "too-many-pixels" or "side-too-long" => new(400, "Image too large", ex.Message),
        "truncated" => new(400, "Incomplete file", ex.Message),
        _ => new(400, "Unreadable image", ex.Message),
    };

    private sealed record Usage(int Files, long Bytes, DateTime? Oldest);

    private async Task EnforceQuotaAsync(Guid ownerId, long incomingBytes, CancellationToken ct)
    {
        const string sql = """
            select count(*)::int as files, coalesce(sum(byte_size), 0)::bigint as bytes, min(created_at) as oldest
            from assets where owner_id = @ownerId and created_at > now() - interval '24 hours'
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var usage = await connection.QuerySingleAsync<Usage>(sql, new { ownerId });
        if (usage.Files < limits.FilesPerDay && usage.Bytes + incomingBytes <= limits.BytesPerDay) return;

        var retryAfter = usage.Oldest is { } oldest
            ? DateTime.SpecifyKind(oldest, DateTimeKind.Utc).AddHours(24) - DateTime.UtcNow
            : TimeSpan.FromHours(1);
        throw new UploadRejectedException(429, "Daily upload limit reached",
            $"You can upload {limits.FilesPerDay} files or {limits.BytesPerDay / (1024 * 1024 * 1024)} GB in 24 hours. Try again later.",
            retryAfter: retryAfter < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : retryAfter);
    }

    private async Task RejectExactDuplicateAsync(Guid ownerId, byte[] sha256, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var existing = await connection.QuerySingleOrDefaultAsync<(Guid Id, Guid OwnerId)?>(
            "select id, owner_id from assets where sha256 = @sha256", new { sha256 });
        if (existing is not { } found) return;
        throw DuplicateOf(found.Id, found.OwnerId == ownerId);
    }

    private static UploadRejectedException DuplicateOf(Guid assetId, bool yours) => yours
        ? new(409, "Already uploaded", "You have already uploaded this exact file.",
            new Dictionary<string, object?> { ["existingAssetId"] = assetId, ["existingAssetUrl"] = $"/portfolio/{assetId}" })
        // Another member's file: say so without revealing which asset or whose.
        : new(409, "Already in the catalogue", "This exact file has already been uploaded by another member.");

    private async Task RecordAsync(Guid assetId, Guid ownerId, string key, string filename, ImageHeader header, long size, byte[] sha256,
        EmbeddedMetadata metadata, CancellationToken ct)
    {
        const string insertAsset = """
            insert into assets (id, owner_id, original_key, original_filename, content_type, byte_size, sha256, width, height,
                                title, description, keywords, captured_at, camera, lens, gps_latitude, gps_longitude)
            values (@assetId, @ownerId, @key, @filename, @contentType, @size, @sha256, @width, @height,
                    @title, @description, @keywords, @capturedAt, @camera, @lens, @latitude, @longitude)
            """;
        const string insertOwnerShare = "insert into asset_contributors (asset_id, user_id, share_bp) values (@assetId, @ownerId, 10000)";

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await connection.ExecuteAsync(insertAsset, new
            {
                assetId, ownerId, key, filename, contentType = header.ContentType, size, sha256, width = header.Width, height = header.Height,
                title = metadata.Title, description = metadata.Description,
                keywords = metadata.Keywords.Take(SubmissionRules.MaxKeywords).ToArray(),
                capturedAt = metadata.CapturedAt?.UtcDateTime, camera = metadata.Camera, lens = metadata.Lens,
                latitude = metadata.Gps?.Latitude, longitude = metadata.Gps?.Longitude,
            }, tx);
            await connection.ExecuteAsync(insertOwnerShare, new { assetId, ownerId }, tx);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "assets_sha256_key")
        {
            // The same file raced in through another request; that one won.
            await tx.RollbackAsync(CancellationToken.None);
            var winner = await connection.QuerySingleAsync<(Guid Id, Guid OwnerId)>("select id, owner_id from assets where sha256 = @sha256", new { sha256 });
            throw DuplicateOf(winner.Id, winner.OwnerId == ownerId);
        }
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or Amazon.S3.AmazonS3Exception or HttpRequestException)
        {
            // The orphan sweep will remove it later.
            logger.LogWarning(ex, "Could not delete {Key} after a failed upload; the orphan sweep will", key);
        }
    }
}
