using System.Net;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;

namespace MediaCoop.Tests.Curation;

public sealed class CollectionTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Editors_curate_a_collection_that_the_storefront_shows_once_published()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var first = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id, status: "published");
        var second = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id, status: "published");
        var title = $"Harbours {Guid.NewGuid():N}";

        var created = await (await editor.PostAsync("/api/v1/collections", new
        {
            title, description = "Boats at first light", featured = true, published = false, assetIds = new[] { second, first }, coverAssetId = first,
        })).JsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();

        using var visitor = Api.NewClient();
        await (await visitor.GetAsync($"/api/v1/collections/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var listed = await (await visitor.GetAsync("/api/v1/collections")).JsonAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()), Does.Not.Contain(title), "drafts are not shown");

        await (await editor.PutAsync($"/api/v1/collections/{id}", new
        {
            title, description = "Boats at first light", featured = true, published = true, assetIds = new[] { second, first }, coverAssetId = first,
        })).JsonAsync(HttpStatusCode.OK);
        var detail = await (await visitor.GetAsync($"/api/v1/collections/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(detail["assets"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { second, first }), "in the editors' order");
        var featured = await (await visitor.GetAsync("/api/v1/collections?featured=true")).JsonAsync(HttpStatusCode.OK);
        Assert.That(featured["items"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()), Does.Contain(title));
    }

    [Test]
    public async Task Only_published_assets_can_be_collected_and_the_cover_must_be_one_of_them()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var draft = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var published = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id, status: "published");
        await (await editor.PostAsync("/api/v1/collections", new { title = "X", featured = false, published = true, assetIds = new[] { draft } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var problem = await (await editor.PostAsync("/api/v1/collections", new { title = "X", featured = false, published = true, assetIds = new[] { published }, coverAssetId = draft }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("coverAssetId"));
    }

    [Test]
    public async Task Contributors_buyers_and_anonymous_callers_cannot_curate()
    {
        var body = new { title = "Mine", featured = true, published = true, assetIds = Array.Empty<Guid>() };
        using var anonymous = Api.NewClient();
        await (await anonymous.PostAsync("/api/v1/collections", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "buyer", "contributor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.PostAsync("/api/v1/collections", body)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PutAsync($"/api/v1/collections/{Guid.NewGuid()}", body)).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }
}
