using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaCoop.Tests.Platform;

/// <summary>
/// The contract every <see cref="IBlobStore"/> keeps, run against each store. Each fixture works
/// under its own key prefix, so runs sharing a bucket (CI's MinIO) never see each other's objects.
/// </summary>
public abstract class BlobStoreContract
{
    protected IBlobStore Store { get; private set; } = null!;
    protected string Prefix { get; } = $"t{Guid.NewGuid():N}/";

    protected abstract IBlobStore CreateStore();

    /// <summary>A store that lists <paramref name="pageSize"/> keys per request, where the store pages at all.</summary>
    protected abstract IBlobStore CreateStoreWithListPageSize(int pageSize);

    [OneTimeSetUp]
    public void CreateTheStore() => Store = CreateStore();

    [OneTimeTearDown]
    public void DisposeTheStore() => (Store as IDisposable)?.Dispose();

    private string Key(string name) => Prefix + name;

    [TestCase(1)]
    [TestCase(1024 * 1024)]
    public async Task Put_then_read_gives_back_the_exact_bytes(int size)
    {
        var key = Key($"exact/{size}.bin");
        var bytes = RandomNumberGenerator.GetBytes(size);
        await Store.PutAsync(key, new MemoryStream(bytes), "application/octet-stream", CancellationToken.None);

        Assert.That(await ReadAllAsync(key), Is.EqualTo(bytes));
        Assert.That(await Store.ExistsAsync(key, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task A_12_MB_stream_of_unknown_length_is_stored_exactly()
    {
        // Not seekable, no Length, short reads: what a request body being hashed on its way in looks like.
        var key = Key("exact/unknown-length.bin");
        var bytes = RandomNumberGenerator.GetBytes(12 * 1024 * 1024 + 12345);
        await Store.PutAsync(key, new UnknownLengthStream(bytes), "image/jpeg", CancellationToken.None);

        var back = await ReadAllAsync(key);
        Assert.That(back, Has.Length.EqualTo(bytes.Length));
        Assert.That(SHA256.HashData(back), Is.EqualTo(SHA256.HashData(bytes)));
    }

    [Test]
    public async Task Objects_are_write_once()
    {
        var key = Key("once/original.jpg");
        await Store.PutAsync(key, new MemoryStream("first"u8.ToArray()), "image/jpeg", CancellationToken.None);

        var ex = Assert.ThrowsAsync<BlobAlreadyExistsException>(() =>
            Store.PutAsync(key, new MemoryStream("second, longer"u8.ToArray()), "image/jpeg", CancellationToken.None));
        Assert.That(ex!.Key, Is.EqualTo(key));
        Assert.That(await ReadAllAsync(key), Is.EqualTo("first"u8.ToArray()));
    }

    [Test]
    public async Task Concurrent_puts_of_one_key_have_exactly_one_winner()
    {
        var key = Key("race/original.jpg");
        var contents = Enumerable.Range(0, 8).Select(i => RandomNumberGenerator.GetBytes(64 * 1024 + i)).ToArray();
        var attempts = contents.Select(async bytes =>
        {
            try
            {
                await Store.PutAsync(key, new MemoryStream(bytes), "image/jpeg", CancellationToken.None);
                return bytes;
            }
            catch (BlobAlreadyExistsException)
            {
                return null;
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r is not null).ToList();
        Assert.That(winners, Has.Count.EqualTo(1));
        Assert.That(await ReadAllAsync(key), Is.EqualTo(winners[0]));
    }

    [Test]
    public async Task A_missing_key_reads_as_null_and_does_not_exist()
    {
        var key = Key("missing/nothing-here.jpg");
        Assert.That(await Store.OpenReadAsync(key, CancellationToken.None), Is.Null);
        Assert.That(await Store.ExistsAsync(key, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Delete_removes_the_object_and_may_be_repeated()
    {
        var key = Key("delete/gone.jpg");
        await Store.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(Key("delete/never-existed/at-all.jpg"), CancellationToken.None);

        Assert.That(await Store.ExistsAsync(key, CancellationToken.None), Is.False);
        Assert.That(await Store.OpenReadAsync(key, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task List_returns_every_key_under_the_prefix_across_pages()
    {
        var listing = CreateStoreWithListPageSize(7);
        try
        {
            var expected = new Dictionary<string, long>();
            for (var i = 0; i < 30; i++)
            {
                var key = Key($"list/in/{i:D2}/file.bin");
                expected[key] = i + 1;
                await Store.PutAsync(key, new MemoryStream(new byte[i + 1]), "application/octet-stream", CancellationToken.None);
            }
            // Shares the prefix's first characters but not the prefix.
            await Store.PutAsync(Key("list/inside.bin"), new MemoryStream([1]), "application/octet-stream", CancellationToken.None);
            await Store.PutAsync(Key("list/out/file.bin"), new MemoryStream([1]), "application/octet-stream", CancellationToken.None);

            var listed = new List<BlobInfo>();
            await foreach (var info in listing.ListAsync(Key("list/in/"), CancellationToken.None)) listed.Add(info);

            Assert.That(listed.ToDictionary(b => b.Key, b => b.Size), Is.EquivalentTo(expected));
            Assert.That(listed.Select(b => b.LastModified),
                Has.All.InRange(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10)));
        }
        finally
        {
            (listing as IDisposable)?.Dispose();
        }
    }

    [Test]
    public async Task A_prefix_that_is_not_a_whole_segment_still_matches_by_string()
    {
        await Store.PutAsync(Key("partial/abc1.bin"), new MemoryStream([1]), "application/octet-stream", CancellationToken.None);
        await Store.PutAsync(Key("partial/abd1.bin"), new MemoryStream([1]), "application/octet-stream", CancellationToken.None);

        var listed = new List<string>();
        await foreach (var info in Store.ListAsync(Key("partial/abc"), CancellationToken.None)) listed.Add(info.Key);

        Assert.That(listed, Is.EqualTo(new[] { Key("partial/abc1.bin") }));
    }

    [Test]
    public async Task The_writability_probe_succeeds_and_leaves_nothing_behind()
    {
        await Store.CheckWritableAsync(CancellationToken.None);

        var left = new List<BlobInfo>();
        await foreach (var info in Store.ListAsync("health/", CancellationToken.None)) left.Add(info);
        Assert.That(left, Is.Empty);
    }

    [TestCase("../x")]
    [TestCase("/abs")]
    [TestCase("a/../../b")]
    [TestCase("a\\b")]
    [TestCase("a//b")]
    [TestCase("a/./b")]
    [TestCase("dir/")]
    [TestCase("Upper.jpg")]
    [TestCase("a b.jpg")]
    [TestCase("")]
    public void Keys_a_server_would_never_generate_are_refused_by_every_operation(string key)
    {
        var none = CancellationToken.None;
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => BlobKeys.Validate(key));
            Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1]), "image/jpeg", none));
            Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, none));
            Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync(key, none));
            Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, none));
            Assert.ThrowsAsync<ArgumentException>(() => Store.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(1), null, none));
        });
    }

    [Test]
    public void Keys_longer_than_512_characters_are_refused()
    {
        Assert.That(() => BlobKeys.Validate(new string('a', 600)), Throws.ArgumentException);
        Assert.That(() => BlobKeys.Validate(new string('a', 512)), Throws.Nothing);
        Assert.That(() => Store.PutAsync(new string('a', 600), new MemoryStream([1]), "image/jpeg", CancellationToken.None), Throws.ArgumentException);
    }

    [Test]
    public void Keys_the_server_generates_are_accepted()
    {
        Assert.That(() => BlobKeys.Validate("originals/2026/01/0198c4f2-7b1e-7c3a-9d6e-2f1a3b4c5d6e.jpg"), Throws.Nothing);
        Assert.That(() => BlobKeys.Validate("renditions/ab/abcdef0123456789_1600.jpg"), Throws.Nothing);
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.That(stream, Is.Not.Null, $"{key} should exist");
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Hands out its bytes in uneven short reads and cannot tell its length.</summary>
    protected sealed class UnknownLengthStream(byte[] bytes, int failAfter = int.MaxValue) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position >= failAfter) throw new IOException("the client went away");
            var n = Math.Min(Math.Min(buffer.Length, 7919 + position % 5000), bytes.Length - position);
            bytes.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class DiskBlobStoreTests : BlobStoreContract
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "mediacoop-blob-tests", Guid.NewGuid().ToString("N"));

    protected override IBlobStore CreateStore() => new DiskBlobStore(new StorageOptions { Root = root });

    // The disk store reads directories, which have no pages.
    protected override IBlobStore CreateStoreWithListPageSize(int pageSize) => CreateStore();

    [OneTimeTearDown]
    public void DeleteTheRoot()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Test]
    public async Task A_put_that_fails_midway_leaves_no_file_at_all()
    {
        var key = Prefix + "failed/original.jpg";
        var body = new UnknownLengthStream(RandomNumberGenerator.GetBytes(1024 * 1024), failAfter: 300 * 1024);

        Assert.ThrowsAsync<IOException>(() => Store.PutAsync(key, body, "image/jpeg", CancellationToken.None));

        Assert.That(await Store.ExistsAsync(key, CancellationToken.None), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(root, Prefix, "failed")), Is.Empty);
    }

    [Test]
    public async Task A_cancelled_put_leaves_no_file_at_all()
    {
        var key = Prefix + "cancelled/original.jpg";
        using var cancel = new CancellationTokenSource();
        var body = new CancellingStream(RandomNumberGenerator.GetBytes(1024 * 1024), cancel);

        Assert.That(() => Store.PutAsync(key, body, "image/jpeg", cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(await Store.ExistsAsync(key, CancellationToken.None), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(root, Prefix, "cancelled")), Is.Empty);
    }

    [Test]
    public async Task Temporary_files_are_never_listed()
    {
        var directory = Path.Combine(root, Prefix, "temp");
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "~tmp-0123"), [1]);
        await Store.PutAsync(Prefix + "temp/real.bin", new MemoryStream([1]), "application/octet-stream", CancellationToken.None);

        var listed = new List<string>();
        await foreach (var info in Store.ListAsync(Prefix + "temp/", CancellationToken.None)) listed.Add(info.Key);

        Assert.That(listed, Is.EqualTo(new[] { Prefix + "temp/real.bin" }));
    }

    [Test]
    public async Task There_are_no_download_urls_the_api_streams_files_itself()
    {
        var key = Prefix + "url/file.jpg";
        await Store.PutAsync(key, new MemoryStream([1]), "image/jpeg", CancellationToken.None);
        Assert.That(await Store.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), "photo.jpg", CancellationToken.None), Is.Null);
    }

    /// <summary>Cancels its token once some bytes have been read, as a client disconnect would.</summary>
    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cancel) : Stream
    {
        private readonly MemoryStream inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (inner.Position > 200 * 1024) await cancel.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// Against the S3-compatible server named by MEDIACOOP_TEST_S3_* (make test starts s3rver behind
/// tests/s3/server.mjs; CI runs MinIO). Without one the fixture fails: an S3 test that skips proves nothing.
/// </summary>
public sealed class S3BlobStoreTests : BlobStoreContract
{
    private static readonly string[] Variables =
        ["MEDIACOOP_TEST_S3_URL", "MEDIACOOP_TEST_S3_ACCESS_KEY", "MEDIACOOP_TEST_S3_SECRET_KEY", "MEDIACOOP_TEST_S3_BUCKET"];

    private static StorageOptions Options()
    {
        var missing = Variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
            Assert.Fail($"No S3-compatible server for the S3 store's tests: set {string.Join(", ", missing)} " +
                        "(make test starts one with tests/s3/start.sh and sets them all).");
        return new StorageOptions
        {
            Provider = Storage.S3,
            S3 = new S3StorageOptions
            {
                ServiceUrl = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_URL")!,
                AccessKey = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_ACCESS_KEY")!,
                SecretKey = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_SECRET_KEY")!,
                Bucket = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_BUCKET")!,
            },
        };
    }

    // The smallest part S3 accepts, so that the 12 MB test upload takes three parts.
    protected override IBlobStore CreateStore() =>
        new S3BlobStore(Options(), TimeProvider.System, NullLogger<S3BlobStore>.Instance) { PartSize = S3BlobStore.MinPartSize };

    protected override IBlobStore CreateStoreWithListPageSize(int pageSize) =>
        new S3BlobStore(Options(), TimeProvider.System, NullLogger<S3BlobStore>.Instance) { ListPageSize = pageSize };

    [Test]
    public async Task A_presigned_url_downloads_with_a_plain_get_over_the_endpoints_scheme()
    {
        var key = Prefix + "url/photo.jpg";
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await Store.PutAsync(key, new MemoryStream(bytes), "image/jpeg", CancellationToken.None);

        var url = await Store.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), "Sunset über Zürich.jpg", CancellationToken.None);

        Assert.That(url, Is.Not.Null);
        Assert.That(url!.Scheme, Is.EqualTo(new Uri(Options().S3.ServiceUrl).Scheme));
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("Sunset über Zürich.jpg"));
    }

    [Test]
    public async Task A_tampered_presigned_url_is_refused()
    {
        var key = Prefix + "url/private.jpg";
        await Store.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", CancellationToken.None);
        // It exists, so only a checked signature stands between the edited URL and its bytes.
        await Store.PutAsync(Prefix + "url/other.jpg", new MemoryStream([4, 5, 6]), "image/jpeg", CancellationToken.None);
        var url = (await Store.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), null, CancellationToken.None))!;

        var other = new Uri(url.ToString().Replace("/url/private.jpg", "/url/other.jpg", StringComparison.Ordinal));
        using var http = new HttpClient();
        using var response = await http.GetAsync(other);

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task The_api_configured_for_s3_probes_the_bucket_for_readiness()
    {
        var s3 = Options().S3;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "s3",
            ["Storage:S3:ServiceUrl"] = s3.ServiceUrl,
            ["Storage:S3:Bucket"] = s3.Bucket,
            ["Storage:S3:AccessKey"] = s3.AccessKey,
            ["Storage:S3:SecretKey"] = s3.SecretKey,
        };
        await using (var api = new ApiFactory(settings))
        {
            using var client = api.NewClient();
            var ready = await client.GetAsync("/health/ready");
            var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            Assert.That(body["checks"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"), body.ToJsonString());
        }

        settings["Storage:S3:SecretKey"] = "not-the-secret";
        await using (var wrongKey = new ApiFactory(settings))
        {
            using var client = wrongKey.NewClient();
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
    }

    [Test]
    public async Task The_server_stores_exactly_what_a_default_configured_sdk_sends()
    {
        // The SDK's defaults (aws-chunked bodies with a CRC trailer) are not what the store sends, but
        // they are what any other client of the bucket sends: the test server must not corrupt them.
        var options = Options().S3;
        using var client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey),
            new AmazonS3Config { ServiceURL = options.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = options.Region });
        var key = Prefix + "sdk-defaults/file.bin";
        var bytes = RandomNumberGenerator.GetBytes(300 * 1024);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = key, InputStream = new MemoryStream(bytes) });

        Assert.That(await ReadAllAsync(key), Is.EqualTo(bytes));
    }
}

public sealed class StorageConfigurationTests
{
    [TestCase("s3", "Storage:S3:Bucket is required")]
    [TestCase("ftp", "Storage:Provider must be 'disk' or 's3'")]
    public async Task A_store_that_cannot_work_stops_the_api_at_start(string provider, string message)
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
        });
        Assert.That(() => api.Server, Throws.Exception.With.Message.Contains(message));
    }
}
