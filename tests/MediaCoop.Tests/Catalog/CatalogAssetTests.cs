using System.Net;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Catalog.CatalogSeed;

namespace MediaCoop.Tests.Catalog;

public sealed class CatalogAssetTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_published_photo_shows_its_details_and_every_size_below_the_original_with_prices()
    {
        var (owner, handle) = await ContributorAsync();
        var id = await PhotoAsync(owner, new()
        {
            Title = "Fishing boats", Description = "Morning in the harbour", Keywords = ["boat", "harbour"], Width = 6000, Height = 4000,
            Colours = ["#1e90ff", "#f0f0f0"], ShowsPeople = true, ModelRelease = true,
        });
        using var visitor = Api.NewClient();
        var response = await visitor.GetAsync($"/api/v1/assets/{id}");
        var text = await response.Content.ReadAsStringAsync();
        var asset = await response.JsonAsync(HttpStatusCode.OK);

        Assert.That(asset["title"]!.GetValue<string>(), Is.EqualTo("Fishing boats"));
        Assert.That(asset["description"]!.GetValue<string>(), Is.EqualTo("Morning in the harbour"));
        Assert.That(asset["keywords"].Strings(), Is.EqualTo(new[] { "boat", "harbour" }));
        Assert.That(asset["colors"].Strings(), Is.EqualTo(new[] { "#1e90ff", "#f0f0f0" }));
        Assert.That(asset["orientation"]!.GetValue<string>(), Is.EqualTo("landscape"));
        Assert.That(asset["showsPeople"]!.GetValue<bool>() && asset["modelReleased"]!.GetValue<bool>(), Is.True);
        Assert.That(asset["propertyReleased"]!.GetValue<bool>(), Is.False);
        Assert.That(asset["contributor"]!["handle"]!.GetValue<string>(), Is.EqualTo(handle));
        Assert.That(asset["preview"]!["url"]!.GetValue<string>(), Does.StartWith("/media/renditions/"));

        Assert.That(Sizes(asset), Is.EqualTo(new[]
        {
            ("small", 1000, 667, 1500L), ("medium", 2500, 1667, 5000L), ("large", 4000, 2667, 10000L), ("original", 6000, 4000, 15000L),
        }));
        Assert.That(asset["sizes"]![0]!["price"]!["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
        var extended = asset["extended"]!.AsArray();
        Assert.That(extended.Select(e => e!["code"]!.GetValue<string>()),
            Is.EqualTo(new[] { "unlimited-print", "products-for-resale", "multi-seat", "market-freeze" }));
        Assert.That(extended[0]!["price"]!["amount"]!.GetValue<long>(), Is.EqualTo(30000));
        Assert.That(extended[3]!["quoteOnly"]!.GetValue<bool>(), Is.True);
        Assert.That(extended[3]!["price"], Is.Null);

        foreach (var secret in new[] { "DSC_0042", "secret-name", "48.8584", "2.2945", "Canon", "0123456789", "@example.test", "originals/" })
            Assert.That(text, Does.Not.Contain(secret), "nothing private leaves the catalogue");
    }

    [Test]
    public async Task A_small_original_offers_no_larger_sizes_and_an_editorial_photo_no_extended_licence()
    {
        var (owner, _) = await ContributorAsync();
        var small = await PhotoAsync(owner, new() { Width = 1800, Height = 2400 });
        var exactlyLarge = await PhotoAsync(owner, new() { Width = 4000, Height = 3000 });
        var editorial = await PhotoAsync(owner, new() { EditorialOnly = true });
        using var visitor = Api.NewClient();

        var smallAsset = await (await visitor.GetAsync($"/api/v1/assets/{small}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(Sizes(smallAsset), Is.EqualTo(new[] { ("small", 750, 1000, 1500L), ("original", 1800, 2400, 15000L) }));
        var largeAsset = await (await visitor.GetAsync($"/api/v1/assets/{exactlyLarge}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(Sizes(largeAsset).Select(s => s.Item1), Is.EqualTo(new[] { "small", "medium", "original" }), "large would be the original itself");
        var editorialAsset = await (await visitor.GetAsync($"/api/v1/assets/{editorial}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(editorialAsset["editorialOnly"]!.GetValue<bool>(), Is.True);
        Assert.That(editorialAsset["extended"]!.AsArray(), Is.Empty);
        Assert.That(editorialAsset["sizes"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public async Task Photos_that_are_not_published_are_not_found_even_by_their_owner()
    {
        var (ownerClient, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        using var visitor = Api.NewClient();
        foreach (var status in new[] { "ready", "in_review", "sent_back", "declined" })
        {
            var id = await PhotoAsync(owner.Id, new() { Status = status });
            foreach (var client in new[] { visitor, ownerClient, editor })
            {
                await (await client.GetAsync($"/api/v1/assets/{id}")).ProblemAsync(HttpStatusCode.NotFound);
                await (await client.GetAsync($"/api/v1/assets/{id}/similar")).ProblemAsync(HttpStatusCode.NotFound);
            }
        }
        await (await visitor.GetAsync($"/api/v1/assets/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Similar_photos_are_near_in_dhash_or_share_rare_keywords_and_exclude_the_photo_itself()
    {
        var (owner, _) = await ContributorAsync();
        var (other, _) = await ContributorAsync();
        var rare = Word();
        // A random hash with the top bit clear, so flipping bits stays a positive bigint and easy to read.
        var hash = Random.Shared.NextInt64(1L << 40, 1L << 62);
        var photo = await PhotoAsync(other, new() { Title = "Lighthouse", Keywords = [rare, "coast"], Dhash = hash });
        var nearDuplicate = await PhotoAsync(owner, new() { Title = "Lighthouse again", Keywords = ["sea"], Dhash = hash ^ 0b101 });
        var sameSubject = await PhotoAsync(owner, new() { Title = "Another view", Keywords = [rare], Dhash = ~hash & long.MaxValue });
        var unrelated = await PhotoAsync(owner, new() { Title = "Forest", Keywords = ["tree"], Dhash = hash ^ 0x0FFF_FFFF });
        var moreByOther = await PhotoAsync(other, new() { Title = "Dunes" });
        using var visitor = Api.NewClient();

        var result = await (await visitor.GetAsync($"/api/v1/assets/{photo}/similar")).JsonAsync(HttpStatusCode.OK);
        var similar = result.Ids("similar");
        Assert.That(similar, Does.Contain(nearDuplicate).And.Contain(sameSubject));
        Assert.That(similar, Does.Not.Contain(photo).And.Not.Contain(unrelated));
        Assert.That(result.Ids("moreFromContributor"), Is.EqualTo(new[] { moreByOther }));

        var limited = await (await visitor.GetAsync($"/api/v1/assets/{photo}/similar?limit=1")).JsonAsync(HttpStatusCode.OK);
        Assert.That(limited.Ids("similar"), Has.Length.EqualTo(1));
        await (await visitor.GetAsync($"/api/v1/assets/{photo}/similar?limit=500")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static (string, int, int, long)[] Sizes(JsonObject asset) => asset["sizes"]!.AsArray().Select(s => (
        s!["code"]!.GetValue<string>(), s["width"]!.GetValue<int>(), s["height"]!.GetValue<int>(), s["price"]!["amount"]!.GetValue<long>())).ToArray();
}
