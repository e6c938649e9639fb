using System.Net;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;

namespace MediaCoop.Tests.Licensing;

/// <summary>
/// Downloads through the S3 store: the link is the bucket's own presigned GET, naming the file for the browser.
/// Against the server named by MEDIACOOP_TEST_S3_* (make test starts one); without it the fixture fails.
/// </summary>
public sealed class S3DownloadTests
{
    private static readonly string[] Variables =
        ["MEDIACOOP_TEST_S3_URL", "MEDIACOOP_TEST_S3_ACCESS_KEY", "MEDIACOOP_TEST_S3_SECRET_KEY", "MEDIACOOP_TEST_S3_BUCKET"];

    [Test]
    public async Task A_licensed_size_downloads_from_the_bucket_with_a_presigned_link_that_names_the_file()
    {
        var missing = Variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
            Assert.Fail($"No S3-compatible server: set {string.Join(", ", missing)} (make test starts one with tests/s3/start.sh).");
        var s3 = new S3StorageOptions
        {
            ServiceUrl = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_URL")!,
            AccessKey = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_ACCESS_KEY")!,
            SecretKey = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_SECRET_KEY")!,
            Bucket = Environment.GetEnvironmentVariable("MEDIACOOP_TEST_S3_BUCKET")!,
        };
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "s3",
            ["Storage:S3:ServiceUrl"] = s3.ServiceUrl,
            ["Storage:S3:Bucket"] = s3.Bucket,
            ["Storage:S3:AccessKey"] = s3.AccessKey,
            ["Storage:S3:SecretKey"] = s3.SecretKey,
        });
        var (_, owner) = await Users.SignedInOnAsync(api, TestDatabase.ConnectionString, "contributor");
        var (buyer, me) = await Users.SignedInOnAsync(api, TestDatabase.ConnectionString);
        var original = Photos.Jpeg(2400, 1800, seed: Random.Shared.Next());
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, original, 2400, 1800, "Fischerboote über Zürich", inSharedStore: false);
        using (var store = new S3BlobStore(new StorageOptions { Provider = Storage.S3, S3 = s3 }, TimeProvider.System, NullLogger<S3BlobStore>.Instance))
            await store.PutAsync($"originals/test/{photo.Id:N}", new MemoryStream(original), "image/jpeg", CancellationToken.None);
        var (licenseId, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 1000, 750);

        var link = await (await buyer.PostAsync($"/api/v1/me/licenses/{licenseId}/download")).JsonAsync(HttpStatusCode.OK);
        var url = new Uri(link["url"]!.GetValue<string>());
        Assert.That(url.GetLeftPart(UriPartial.Authority), Is.EqualTo(new Uri(s3.ServiceUrl).GetLeftPart(UriPartial.Authority)), "straight from the bucket, same scheme");
        Assert.That(url.Query, Does.Contain("response-content-disposition="));
        Assert.That(url.Query, Does.Contain("X-Amz-Expires=300"), "five minutes at most");

        using var browser = new HttpClient();
        using var file = await browser.GetAsync(url);
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK), await file.Content.ReadAsStringAsync());
        Assert.That(file.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(file.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("Fischerboote über Zürich-1000x750.jpg"));
        var info = Image.Identify(await file.Content.ReadAsByteArrayAsync());
        Assert.That((info.Width, info.Height), Is.EqualTo((1000, 750)));
    }
}
