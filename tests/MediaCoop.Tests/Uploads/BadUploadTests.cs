using System.Net;
using System.Text;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Uploads;

/// <summary>Hostile and broken files: each gets a clear 4xx, nothing is stored or recorded, and the server stays healthy.</summary>
public sealed class BadUploadTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<(long Rows, int Objects)> FootprintAsync(Guid ownerId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var rows = await connection.ExecuteScalarAsync<long>("select count(*) from assets where owner_id = @ownerId", new { ownerId });
        var originals = Path.Combine(ApiFactory.StorageRoot, "originals");
        var objects = Directory.Exists(originals) ? Directory.GetFiles(originals, "*", SearchOption.AllDirectories).Length : 0;
        return (rows, objects);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] TruncatedJpeg()
    {
        var whole = Photos.Jpeg(seed: Random.Shared.Next());
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A PNG signature and IHDR chunk claiming 1 x 500,000,000 pixels, and nothing else.</summary>
    private static byte[] PngBomb()
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[] { 0, 0, 0, 1, 0x1D, 0xCD, 0x65, 0x00, 8, 2, 0, 0, 0 }; // width 1, height 500,000,000, 8-bit RGB
        output.Write([0, 0, 0, 13]);
        var chunk = Ascii("IHDR").Concat(ihdr).ToArray();
        output.Write(chunk);
        output.Write(BitConverter.GetBytes(Crc32(chunk)).Reverse().ToArray());
        return output.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A JPEG whose frame header (SOF0) declares 65,000 x 65,000 pixels.</summary>
    private static byte[] JpegHeaderBomb() =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFD, 0xE8, 0xFD, 0xE8, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xD9,
    ];

    public static IEnumerable<TestCaseData> Refused()
    {
        yield return new TestCaseData((Func<byte[]>)(() => []), HttpStatusCode.BadRequest, "empty").SetName("Zero bytes");
        yield return new TestCaseData((Func<byte[]>)TruncatedJpeg, HttpStatusCode.BadRequest, "incomplete").SetName("Truncated JPEG");
        yield return new TestCaseData((Func<byte[]>)PngBomb, HttpStatusCode.BadRequest, "").SetName("PNG declaring 1 x 500,000,000 pixels");
        yield return new TestCaseData((Func<byte[]>)JpegHeaderBomb, HttpStatusCode.BadRequest, "").SetName("JPEG header of 65,000 x 65,000");
        yield return new TestCaseData((Func<byte[]>)(() => Ascii("<!doctype html><script>alert(1)</script>")), HttpStatusCode.UnsupportedMediaType, "").SetName("HTML named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => Ascii("<?php system($_GET['c']); ?>")), HttpStatusCode.UnsupportedMediaType, "").SetName("PHP named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => [0x50, 0x4B, 0x03, 0x04, .. new byte[200]]), HttpStatusCode.UnsupportedMediaType, "").SetName("ZIP named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")), HttpStatusCode.UnsupportedMediaType, "").SetName("SVG with script named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, .. new byte[200]]), HttpStatusCode.UnsupportedMediaType, "").SetName("TIFF named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => [.. Ascii("GIF89a"), 1, 0, 1, 0, 0, 0, 0, .. new byte[50]]), HttpStatusCode.UnsupportedMediaType, "").SetName("GIF named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => [.. Ascii("RIFF"), 0x24, 0, 0, 0, .. Ascii("WEBPVP8 "), .. new byte[100]]), HttpStatusCode.UnsupportedMediaType, "").SetName("WebP named .jpg");
        yield return new TestCaseData((Func<byte[]>)(() => Photos.Jpeg(1200, 900, seed: Random.Shared.Next())), HttpStatusCode.BadRequest, "").SetName("Below the 4 MP minimum");
    }

    [TestCaseSource(nameof(Refused))]
    public async Task Refused_files_get_a_clear_problem_and_leave_nothing_behind(Func<byte[]> file, HttpStatusCode status, string words)
    {
        var (client, me) = await Users.SignedInAsync(Api, "contributor");
        var before = await FootprintAsync(me.Id);

        var problem = await (await client.UploadPhotoAsync(file(), "holiday.jpg")).ProblemAsync(status);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.Not.Empty);
        if (words.Length > 0) Assert.That(problem["detail"]!.GetValue<string>() + problem["title"], Does.Contain(words).IgnoreCase);

        var after = await FootprintAsync(me.Id);
        Assert.That(after.Rows, Is.EqualTo(before.Rows), "no row recorded");
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server stays healthy");
    }

    [Test]
    public async Task A_jpeg_with_a_zip_appended_is_accepted_and_its_renditions_carry_no_trailing_bytes()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04 }.Concat(Encoding.ASCII.GetBytes(new string('Z', 5000))).ToArray();
        var asset = await client.ProcessedAsync(await client.UploadedAsync([.. Photos.Jpeg(seed: Random.Shared.Next()), .. zip]));
        Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("draft"), asset.ToJsonString());
        var preview = await (await client.GetAsync(asset["preview"]!["url"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        Assert.That(preview[^2..], Is.EqualTo(new byte[] { 0xFF, 0xD9 }), "re-encoded: ends at the JPEG end marker");
        Assert.That(Encoding.ASCII.GetString(preview), Does.Not.Contain("ZZZZZZZZ"));
    }

    [TestCase("../../x.jpg", "x.jpg")]
    [TestCase("a.php%00.jpg", "a.php_00.jpg")]
    [TestCase("C:\\Users\\me\\beach.jpg", "beach.jpg")]
    [TestCase("photo\u202Egpj.exe", "photogpj.exe")]
    public async Task Filenames_are_kept_for_display_only_and_cleaned(string sent, string kept)
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var asset = await (await client.UploadPhotoAsync(Photos.Jpeg(seed: Random.Shared.Next()), sent)).JsonAsync(HttpStatusCode.Created);
        Assert.That(asset["originalFilename"]!.GetValue<string>(), Is.EqualTo(kept));
    }

    [Test]
    public async Task A_300_character_filename_is_shortened_keeping_its_extension()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var asset = await (await client.UploadPhotoAsync(Photos.Jpeg(seed: Random.Shared.Next()), new string('a', 296) + ".jpg")).JsonAsync(HttpStatusCode.Created);
        var name = asset["originalFilename"]!.GetValue<string>();
        Assert.That(name.Length, Is.LessThanOrEqualTo(120));
        Assert.That(name, Does.EndWith(".jpg"));
    }

    [Test]
    public async Task Buyers_and_anonymous_callers_cannot_upload()
    {
        var photo = Photos.Jpeg(seed: Random.Shared.Next());
        using var anonymous = Api.NewClient();
        await (await anonymous.UploadPhotoAsync(photo)).ProblemAsync(HttpStatusCode.Unauthorized);
        var (buyer, _) = await Users.SignedInAsync(Api);
        await (await buyer.UploadPhotoAsync(photo)).ProblemAsync(HttpStatusCode.Forbidden);
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        await (await editor.UploadPhotoAsync(photo)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var content = new MultipartFormDataContent { { new ByteArrayContent(Photos.Jpeg(seed: 3)), "file", "x.jpg" } };
        await (await client.Http.PostAsync("/api/v1/uploads", content)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Another_contributors_asset_is_not_found()
    {
        var (owner, _) = await Users.SignedInAsync(Api, "contributor");
        var (other, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await owner.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        await (await other.GetAsync($"/api/v1/me/assets/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchAsync($"/api/v1/me/assets/{id}", new { title = "Mine now" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/me/assets/{id}/submit")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await owner.AssetAsync(id))["title"], Is.Null, "untouched");
    }
}

/// <summary>Limits that need their own settings, in a host of their own.</summary>
public sealed class UploadLimitTests
{
    [Test]
    public async Task One_byte_over_the_limit_is_413_and_leaves_nothing()
    {
        var photo = Photos.Jpeg(seed: Random.Shared.Next());
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = (photo.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var (client, me) = await Users.SignedInAsync(api, "contributor");
        var problem = await (await client.UploadPhotoAsync(photo)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("at most"));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<long>("select count(*) from assets where owner_id = @id", new { id = me.Id }), Is.Zero);
    }

    [Test]
    public async Task A_chunked_body_with_no_length_is_counted_as_it_streams()
    {
        var photo = Photos.Jpeg(seed: Random.Shared.Next());
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = (photo.Length / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var (client, _) = await Users.SignedInAsync(api, "contributor");
        var multipart = new MultipartFormDataContent { { new StreamContent(new NoLengthStream(photo)), "file", "x.jpg" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads") { Content = multipart };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-XSRF-TOKEN", client.AntiforgeryToken);
        await (await client.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Twenty_parallel_oversized_uploads_are_all_refused_and_the_server_stays_up()
    {
        var photo = Photos.Jpeg(seed: Random.Shared.Next());
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = "100000" });
        var (client, _) = await Users.SignedInAsync(api, "contributor");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.UploadPhotoAsync(photo)));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_daily_quota_answers_429_with_retry_after()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Uploads:FilesPerDay"] = "2" });
        var (client, _) = await Users.SignedInAsync(api, "contributor");
        await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        var third = await client.UploadPhotoAsync(Photos.Jpeg(seed: Random.Shared.Next()));
        await third.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    /// <summary>Hides its length, so the client must send the body chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
