using System.Net;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaCoop.Tests.Licensing;

public sealed class DownloadTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<(ApiClient Buyer, Me Me, LicenseArrange.Photo Photo)> PhotoAsync(string? title, byte[]? original = null)
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var bytes = original ?? Photos.Jpeg(2400, 1800, seed: Random.Shared.Next());
        var info = Image.Identify(bytes);
        var rotated = info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value >= 5;
        var (width, height) = rotated ? (info.Height, info.Width) : (info.Width, info.Height);
        return (buyer, me, await LicenseArrange.PublishedPhotoAsync(owner.Id, bytes, width, height, title));
    }

    private static async Task<(Guid LicenseId, int Width, int Height)> LicenseAsync(Guid buyerId, LicenseArrange.Photo photo, string size, int? longEdge)
    {
        var (width, height) = longEdge is { } edge ? LicenseArrange.Scaled(photo.Width, photo.Height, edge) : (photo.Width, photo.Height);
        var (id, _) = await LicenseArrange.LicenseAsync(buyerId, photo.Id, size, width, height);
        return (id, width, height);
    }

    private static async Task<(System.Text.Json.Nodes.JsonObject Link, HttpResponseMessage File)> DownloadAsync(ApiClient buyer, Guid licenseId)
    {
        var link = await (await buyer.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).JsonAsync(HttpStatusCode.OK);
        // The link is the credential: it works without the buyer's session (a download manager, another tab).
        using var anyone = Api.NewClient();
        var file = await anyone.GetAsync(link["url"]!.GetValue<string>());
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK), await file.Content.ReadAsStringAsync());
        return (link, file);
    }

    [Test]
    public async Task A_licensed_size_is_made_from_the_original_upright_and_without_metadata_and_cached()
    {
        // Stored landscape with EXIF orientation 6 (shown portrait), and a GPS position that must not leave.
        using var fixture = Image.Load<Rgb24>(Photos.Jpeg(2400, 1800, seed: Random.Shared.Next(), metadata: new Photos.Embedded(Gps: true, Camera: "Canon EOS R5")));
        fixture.Metadata.ExifProfile!.SetValue(ExifTag.Orientation, (ushort)6);
        using var encoded = new MemoryStream();
        fixture.SaveAsJpeg(encoded);
        var (buyer, me, photo) = await PhotoAsync("Mooring ropes", encoded.ToArray());
        Assert.That((photo.Width, photo.Height), Is.EqualTo((1800, 2400)));
        var (licenseId, width, height) = await LicenseAsync(me.Id, photo, "small", 1000);
        Assert.That((width, height), Is.EqualTo((750, 1000)));

        var before = DateTimeOffset.UtcNow;
        var (link, file) = await DownloadAsync(buyer, licenseId);
        Assert.That(link["url"]!.GetValue<string>(), Does.StartWith("/media/downloads/"), "the disk store's signed app link");
        Assert.That((link["width"]!.GetValue<int>(), link["height"]!.GetValue<int>()), Is.EqualTo((750, 1000)));
        Assert.That(link["expiresAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(before).And.LessThanOrEqualTo(DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.That(link["filename"]!.GetValue<string>(), Is.EqualTo("Mooring ropes-750x1000.jpg"));
        Assert.That(file.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        Assert.That(file.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));

        var bytes = await file.Content.ReadAsByteArrayAsync();
        using (var image = Image.Load<Rgb24>(bytes))
        {
            Assert.That((image.Width, image.Height), Is.EqualTo((750, 1000)), "decoded, it is the licensed size");
            Assert.That(image.Metadata.ExifProfile, Is.Null, "no EXIF at all: no GPS, no camera serial");
            // The stored left edge (no red) is the top once turned upright; the right edge (full red) the bottom.
            Assert.That(image[375, 5].R, Is.LessThan(60));
            Assert.That(image[375, 994].R, Is.GreaterThan(195));
        }

        // Again: the same cached file, one cache row, and both links in the history.
        var (_, again) = await DownloadAsync(buyer, licenseId);
        Assert.That(await again.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*)::int from license_renditions where asset_id = @id", new { id = photo.Id }), Is.EqualTo(1));
        var history = await (await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}/downloads")).JsonAsync(HttpStatusCode.OK);
        var items = history["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Select(i => i!["width"]!.GetValue<int>()), Is.All.EqualTo(750));
        Assert.That(items[0]!["requestedAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThanOrEqualTo(items[1]!["requestedAt"]!.GetValue<DateTimeOffset>()));
        Assert.That(await connection.ExecuteScalarAsync<int>(
            "select count(*)::int from license_downloads where license_id = @licenseId and user_id = @userId",
            new { licenseId, userId = me.Id }), Is.EqualTo(2), "each link handed out is logged");
    }

    [Test]
    public async Task An_original_licence_or_a_size_the_original_does_not_exceed_downloads_the_original_itself()
    {
        var (buyer, me, photo) = await PhotoAsync("Harbour wall");
        var (original, _, _) = await LicenseAsync(me.Id, photo, "original", null);
        var (large, _, _) = await LicenseAsync(me.Id, photo, "large", 4000);
        foreach (var licenseId in new[] { original, large })
        {
            var (link, file) = await DownloadAsync(buyer, licenseId);
            Assert.That(await file.Content.ReadAsByteArrayAsync(), Is.EqualTo(photo.Original));
            Assert.That((link["width"]!.GetValue<int>(), link["height"]!.GetValue<int>()), Is.EqualTo((2400, 1800)));
            Assert.That(link["filename"]!.GetValue<string>(), Is.EqualTo("Harbour wall-2400x1800.jpg"));
        }
    }

    [Test]
    public async Task Links_expire_and_cannot_be_altered()
    {
        var (buyer, me, photo) = await PhotoAsync("Buoys");
        var (licenseId, _, _) = await LicenseAsync(me.Id, photo, "original", null);
        var url = (await (await buyer.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).JsonAsync(HttpStatusCode.OK))["url"]!.GetValue<string>();
        using var anyone = Api.NewClient();

        var token = url[DownloadLinks.RoutePrefix.Length..];
        var flipped = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        await (await anyone.GetAsync(DownloadLinks.RoutePrefix + flipped)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anyone.GetAsync(DownloadLinks.RoutePrefix + "not-a-token")).ProblemAsync(HttpStatusCode.Forbidden);

        // A link minted by the server itself, but already past its expiry.
        var links = Api.Services.GetRequiredService<DownloadLinks>();
        var expired = links.PathFor($"originals/test/{photo.Id:N}", "Buoys.jpg", "image/jpeg", DateTimeOffset.UtcNow.AddSeconds(-1));
        var problem = await (await anyone.GetAsync(expired)).ProblemAsync(HttpStatusCode.Gone);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Request a new one"));
    }

    [Test]
    public async Task Only_the_licensee_gets_links_and_a_revoked_licence_gets_none()
    {
        var (buyer, me, photo) = await PhotoAsync("Slipway");
        var (licenseId, _, _) = await LicenseAsync(me.Id, photo, "original", null);
        var (stranger, _) = await Users.SignedInAsync(Api);
        using var anonymous = Api.NewClient();
        await (await stranger.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/me/licenses/{licenseId}/downloads")).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/me/licenses/{licenseId}/downloads")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Superseded by an upgrade: still downloads, at its own size.
        var (upgraded, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "original", 2400, 1800, upgradeOf: licenseId);
        await DownloadAsync(buyer, licenseId);

        await LicenseArrange.RevokeAsync(upgraded);
        var problem = await (await buyer.PostAsync($"/api/v1/me/licenses/{upgraded}/download")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("revoked"));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*)::int from license_downloads where license_id = @upgraded", new { upgraded }),
            Is.Zero, "a refused link is not logged as handed out");
    }

    [Test]
    public async Task File_names_cannot_steer_where_the_file_lands()
    {
        var (buyer, me, photo) = await PhotoAsync("../..\\etc/\"pass\"\u0007wd; Zürich");
        var (licenseId, _, _) = await LicenseAsync(me.Id, photo, "small", 1000);
        var (link, file) = await DownloadAsync(buyer, licenseId);
        Assert.That(link["filename"]!.GetValue<string>(), Is.EqualTo("etcpass wd Zürich-1000x750.jpg"));
        var header = file.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.That(header, Is.EqualTo("attachment; filename=\"etcpass wd Zurich-1000x750.jpg\"; filename*=UTF-8''etcpass%20wd%20Z%C3%BCrich-1000x750.jpg"));
        Assert.That(file.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("etcpass wd Zürich-1000x750.jpg"));

        var (untitledBuyer, untitledMe, untitled) = await PhotoAsync("/// ...");
        var (untitledLicense, _, _) = await LicenseAsync(untitledMe.Id, untitled, "original", null);
        var (untitledLink, _) = await DownloadAsync(untitledBuyer, untitledLicense);
        Assert.That(untitledLink["filename"]!.GetValue<string>(), Is.EqualTo($"{untitled.Id}-2400x1800.jpg"));
    }

    [Test]
    public async Task Concurrent_first_requests_leave_one_cached_file()
    {
        var (buyer, me, photo) = await PhotoAsync("Gulls");
        var (licenseId, _, _) = await LicenseAsync(me.Id, photo, "small", 1000);
        var downloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DownloadAsync(buyer, licenseId)));
        var files = await Task.WhenAll(downloads.Select(d => d.File.Content.ReadAsByteArrayAsync()));
        Assert.That(files.Skip(1), Is.All.EqualTo(files[0]));

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var keys = (await connection.QueryAsync<string>("select blob_key from license_renditions where asset_id = @id", new { id = photo.Id })).ToList();
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(File.ReadAllBytes(Path.Combine(ApiFactory.StorageRoot, keys[0])), Is.EqualTo(files[0]), "the cached object is the file served");
    }

    [Test]
    public async Task A_missing_original_is_a_503_that_says_to_try_later_not_a_crash()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, [0xFF, 0xD8, 0xFF], 2400, 1800, "Lost", inSharedStore: false);
        var (licenseId, _, _) = await LicenseAsync(me.Id, photo, "small", 1000);
        var problem = await (await buyer.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("try again later"));
    }

    [TestCase("Sunset", "Sunset")]
    [TestCase("  a\tb\r\nc  ", "a b c")]
    [TestCase("..hidden", "hidden")]
    [TestCase("C:\\Windows\\x", "CWindowsx")]
    [TestCase("\u202Egpj.exe", "gpj.exe")]
    [TestCase("", "")]
    public void Titles_become_safe_file_name_stems(string title, string expected) =>
        Assert.That(DownloadNames.Clean(title), Is.EqualTo(expected));
}
