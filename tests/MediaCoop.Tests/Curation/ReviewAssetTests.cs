using System.Net;
using System.Text;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;

namespace MediaCoop.Tests.Curation;

public sealed class ReviewAssetTests
{
    private static ApiFactory Api => ApiFactory.Shared;
    private static readonly string[] Keywords = ["market", "stall", "fruit", "vendor", "street", "morning", "colour"];

    [Test]
    public async Task Editors_see_everything_a_decision_needs_including_the_unwatermarked_picture()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var id = await owner.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next(), metadata: new Photos.Embedded(Camera: "Fujifilm X-T5")));
        var asset = await owner.ProcessedAsync(id);
        var release = await (await owner.UploadAsync("/api/v1/me/releases", Encoding.ASCII.GetBytes("%PDF-1.4\n"), "r.pdf", "application/pdf",
            new Dictionary<string, string> { ["kind"] = "model", ["name"] = "Vendor" })).JsonAsync(HttpStatusCode.Created);
        var releaseId = release["id"]!.GetValue<Guid>();
        await owner.PatchAsync($"/api/v1/me/assets/{id}", new { title = "Market stall", keywords = Keywords, showsPeople = true, releaseIds = new[] { releaseId } });
        await (await editor.GetAsync($"/api/v1/review/releases/{releaseId}/file")).ProblemAsync(HttpStatusCode.NotFound);
        await (await owner.PostAsync($"/api/v1/me/assets/{id}/submit")).JsonAsync(HttpStatusCode.OK);

        var detail = await (await editor.GetAsync($"/api/v1/review/assets/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(detail["title"]!.GetValue<string>(), Is.EqualTo("Market stall"));
            Assert.That(detail["camera"]!.GetValue<string>(), Does.Contain("X-T5"));
            Assert.That(detail["contributorId"]!.GetValue<Guid>(), Is.EqualTo(ownerMe.Id));
            Assert.That(detail["releases"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Vendor"));
            Assert.That(detail.ToJsonString(), Does.Not.Contain("latitude"));
        });
        Assert.That((await editor.GetAsync($"/api/v1/review/releases/{releaseId}/file")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var clean = await editor.GetAsync(detail["previewUrl"]!.GetValue<string>());
        Assert.That(clean.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(clean.Headers.CacheControl!.Private, Is.True);
        var cleanBytes = await clean.Content.ReadAsByteArrayAsync();
        var watermarked = await (await owner.GetAsync(asset["preview"]!["url"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        // The product allows only file loaders in this process, so the comparison reads files too.
        var cleanFile = Path.GetTempFileName();
        var markedFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(cleanFile, cleanBytes);
            await File.WriteAllBytesAsync(markedFile, watermarked);
            using var a = NetVips.Image.Jpegload(cleanFile);
            using var b = NetVips.Image.Jpegload(markedFile);
            Assert.That(a.Width, Is.EqualTo(1600));
            Assert.That((a - b).Abs().Avg(), Is.GreaterThan(1.0), "the editors' preview has no watermark");
        }
        finally
        {
            File.Delete(cleanFile);
            File.Delete(markedFile);
        }
    }

    [Test]
    public async Task Nobody_but_editors_sees_the_review_view_and_editors_not_of_their_own_work()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var id = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync($"/api/v1/review/assets/{id}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/review/assets/{id}/preview")).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "buyer", "contributor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.GetAsync($"/api/v1/review/assets/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/review/assets/{id}/preview")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/review/releases/{Guid.NewGuid()}/file")).ProblemAsync(HttpStatusCode.Forbidden);
        }
        var (editor, me) = await Users.SignedInAsync(Api, "editor", "contributor");
        var own = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, me.Id);
        await (await editor.GetAsync($"/api/v1/review/assets/{own}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.GetAsync($"/api/v1/review/assets/{own}/preview")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
