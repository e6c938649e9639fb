using System.Net;
using System.Text;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Uploads;

public sealed class EditAndSubmitTests
{
    private static ApiFactory Api => ApiFactory.Shared;
    private static readonly string[] SevenKeywords = ["harbour", "boats", "dawn", "sea", "fishing", "morning", "coast"];

    private static async Task<(ApiClient Client, Guid Id)> DraftAsync(string filename = "photo.jpg")
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next()), filename);
        await client.ProcessedAsync(id);
        return (client, id);
    }

    [Test]
    public async Task An_incomplete_draft_is_refused_with_the_list_of_what_is_missing()
    {
        var (client, id) = await DraftAsync();
        var problem = await (await client.PostAsync($"/api/v1/me/assets/{id}/submit")).ProblemAsync(HttpStatusCode.Conflict);
        var missing = problem["missing"].Strings();
        Assert.That(missing, Has.Some.Contains("title"));
        Assert.That(missing, Has.Some.Contains("at least 7 keywords"));
        Assert.That((await client.AssetAsync(id))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_complete_draft_goes_to_review_and_can_no_longer_be_edited()
    {
        var (client, id) = await DraftAsync();
        var edited = await (await client.PatchAsync($"/api/v1/me/assets/{id}", new { title = "Harbour at dawn", keywords = SevenKeywords }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(edited["missing"]!.AsArray(), Is.Empty);

        var submitted = await (await client.PostAsync($"/api/v1/me/assets/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.That(submitted["status"]!.GetValue<string>(), Is.EqualTo("inReview"));
        Assert.That(submitted["submittedAt"], Is.Not.Null);
        await (await client.PatchAsync($"/api/v1/me/assets/{id}", new { title = "Changed" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Invalid_metadata_gets_field_errors()
    {
        var (client, id) = await DraftAsync();
        var problem = await (await client.PatchAsync($"/api/v1/me/assets/{id}", new
        {
            title = new string('t', 71),
            keywords = Enumerable.Range(0, 51).Select(i => $"k{i}").ToArray(),
            contributors = new[] { new { userId = Guid.NewGuid(), shareBasisPoints = 5000 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.SupersetOf(new[] { "title", "keywords", "contributors" }));
    }

    [Test]
    public async Task Co_contributors_share_the_royalty_in_basis_points_that_sum_to_10000()
    {
        var (client, id) = await DraftAsync();
        var owner = await client.MeAsync();
        var (_, partner) = await Users.SignedInAsync(Api, "contributor");
        var edited = await (await client.PatchAsync($"/api/v1/me/assets/{id}", new
        {
            contributors = new[] { new { userId = owner.Id, shareBasisPoints = 6000 }, new { userId = partner.Id, shareBasisPoints = 4000 } },
        })).JsonAsync(HttpStatusCode.OK);
        var shares = edited["contributors"]!.AsArray().ToDictionary(c => c!["userId"]!.GetValue<Guid>(), c => c!["shareBasisPoints"]!.GetValue<int>());
        Assert.That(shares, Is.EquivalentTo(new Dictionary<Guid, int> { [owner.Id] = 6000, [partner.Id] = 4000 }));

        var (_, buyer) = await Users.SignedInAsync(Api);
        await (await client.PatchAsync($"/api/v1/me/assets/{id}", new
        {
            contributors = new[] { new { userId = owner.Id, shareBasisPoints = 5000 }, new { userId = buyer.Id, shareBasisPoints = 5000 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task People_need_a_model_release_unless_the_image_is_editorial_only()
    {
        var (client, id) = await DraftAsync();
        await client.PatchAsync($"/api/v1/me/assets/{id}", new { title = "Market day", keywords = SevenKeywords, showsPeople = true });
        var problem = await (await client.PostAsync($"/api/v1/me/assets/{id}/submit")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["missing"].Strings(), Has.Some.Contains("model release"));

        var release = await (await client.UploadAsync("/api/v1/me/releases", Encoding.ASCII.GetBytes("%PDF-1.4\n% signed release\n"), "release.pdf",
            "application/pdf", new Dictionary<string, string> { ["kind"] = "model", ["name"] = "Maria, market stall" })).JsonAsync(HttpStatusCode.Created);
        var releaseId = release["id"]!.GetValue<Guid>();
        var edited = await (await client.PatchAsync($"/api/v1/me/assets/{id}", new { releaseIds = new[] { releaseId } })).JsonAsync(HttpStatusCode.OK);
        Assert.That(edited["missing"]!.AsArray(), Is.Empty);
        Assert.That(edited["releases"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Maria, market stall"));

        var download = await client.GetAsync($"/api/v1/me/releases/{releaseId}/file");
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
    }

    [Test]
    public async Task Editorial_only_images_of_people_need_no_release()
    {
        var (client, id) = await DraftAsync();
        var edited = await (await client.PatchAsync($"/api/v1/me/assets/{id}",
            new { title = "Protest march", keywords = SevenKeywords, showsPeople = true, editorialOnly = true })).JsonAsync(HttpStatusCode.OK);
        Assert.That(edited["missing"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Releases_are_private_and_must_be_documents()
    {
        var (owner, _) = await Users.SignedInAsync(Api, "contributor");
        var (other, _) = await Users.SignedInAsync(Api, "contributor");
        var release = await (await owner.UploadAsync("/api/v1/me/releases", Encoding.ASCII.GetBytes("%PDF-1.7\n"), "r.pdf", "application/pdf",
            new Dictionary<string, string> { ["kind"] = "property", ["name"] = "Lighthouse" })).JsonAsync(HttpStatusCode.Created);
        var id = release["id"]!.GetValue<Guid>();
        await (await other.GetAsync($"/api/v1/me/releases/{id}/file")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await other.GetAsync("/api/v1/me/releases")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray(), Is.Empty);

        await (await owner.UploadAsync("/api/v1/me/releases", Encoding.ASCII.GetBytes("<html>"), "r.pdf", "application/pdf",
            new Dictionary<string, string> { ["kind"] = "model", ["name"] = "X" })).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var invalid = await (await owner.UploadAsync("/api/v1/me/releases", Encoding.ASCII.GetBytes("%PDF-1.7\n"), "r.pdf", "application/pdf",
            new Dictionary<string, string> { ["kind"] = "pet", ["name"] = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(invalid["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "kind", "name" }));

        var (buyer, _) = await Users.SignedInAsync(Api);
        await (await buyer.GetAsync("/api/v1/me/releases")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Batch_edit_and_batch_submit()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next())));
        foreach (var id in ids) await client.ProcessedAsync(id);
        await client.PatchAsync($"/api/v1/me/assets/{ids[0]}", new { title = "One" });
        await client.PatchAsync($"/api/v1/me/assets/{ids[1]}", new { title = "Two" });

        var batch = await (await client.PatchAsync("/api/v1/me/assets", new { assetIds = ids, addKeywords = SevenKeywords.Append("extra").ToArray(), removeKeywords = new[] { "extra" } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(batch["items"]!.AsArray().Select(a => a!["keywords"].Strings().Length), Is.All.EqualTo(7));

        var result = await (await client.PostAsync("/api/v1/me/assets/submit", new { assetIds = ids })).JsonAsync(HttpStatusCode.OK);
        Assert.That(result["submitted"]!.AsArray().Select(x => x!.GetValue<Guid>()), Is.EquivalentTo(ids.Take(2)));
        var rejected = result["rejected"]!.AsArray().Single()!;
        Assert.That(rejected["assetId"]!.GetValue<Guid>(), Is.EqualTo(ids[2]));
        Assert.That(rejected["missing"].Strings(), Has.Some.Contains("title"));
    }

    [Test]
    public async Task Batch_edit_of_an_asset_that_is_not_yours_changes_nothing()
    {
        var (client, mine) = await DraftAsync();
        var (_, theirs) = await DraftAsync();
        await (await client.PatchAsync("/api/v1/me/assets", new { assetIds = new[] { mine, theirs }, addKeywords = new[] { "x" } })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await client.AssetAsync(mine))["keywords"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task A_metadata_csv_updates_drafts_by_filename_and_reports_bad_rows()
    {
        var (client, id) = await DraftAsync("beach-001.jpg");
        var csv = "filename,title,keywords,editorial\n" +
                  "beach-001.jpg,Beach at noon,sand;sea;sun;waves;summer;holiday;coast,no\n" +
                  "nope.jpg,Nothing,a;b;c;d;e;f;g,no\n" +
                  "beach-001.jpg,Twice,a;b;c;d;e;f;g,no\n";
        var result = await (await client.UploadAsync("/api/v1/me/assets/import-metadata", Encoding.UTF8.GetBytes(csv), "meta.csv", "text/csv"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(result["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()), Is.SupersetOf(new[] { 3 }), result.ToJsonString());
        var asset = await client.AssetAsync(id);
        Assert.That(asset["title"]!.GetValue<string>(), Is.Not.EqualTo("Nothing"));
        Assert.That(asset["keywords"]!.AsArray(), Has.Count.EqualTo(7));
    }

    [Test]
    public async Task The_portfolio_lists_newest_first_with_status_filters_and_a_cursor()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await client.UploadedAsync(Photos.Jpeg(seed: Random.Shared.Next())));
        foreach (var id in ids) await client.ProcessedAsync(id);
        await client.PatchAsync($"/api/v1/me/assets/{ids[0]}", new { title = "First", keywords = SevenKeywords });
        await client.PostAsync($"/api/v1/me/assets/{ids[0]}/submit");

        var page = await (await client.GetAsync("/api/v1/me/assets?limit=2")).JsonAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { ids[2], ids[1] }));
        var next = await (await client.GetAsync($"/api/v1/me/assets?limit=2&cursor={page["nextCursor"]}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(next["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>(), Is.EqualTo(ids[0]));

        var inReview = await (await client.GetAsync("/api/v1/me/assets?status=inReview")).JsonAsync(HttpStatusCode.OK);
        Assert.That(inReview["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>(), Is.EqualTo(ids[0]));
        await (await client.GetAsync("/api/v1/me/assets?status=bogus")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
