using MediaCoop.Tests.Infrastructure;
using static MediaCoop.Tests.Catalog.CatalogSeed;

namespace MediaCoop.Tests.Catalog;

/// <summary>
/// A small test catalogue makes every word rare, so search collects GIN matches; common words on a large one walk
/// the sort indexes instead. This host always walks, so the same behaviour is checked through the other query shape.
/// </summary>
public sealed class WalkingSearchTests
{
    private static readonly Lazy<ApiFactory> Walking = new(() => new ApiFactory(new Dictionary<string, string?>
    {
        ["Catalog:Search:AlwaysWalk"] = "true",
        ["Catalog:Search:FirstPageCacheSeconds"] = "0",
    }));

    [OneTimeTearDown]
    public async Task DisposeAsync()
    {
        if (Walking.IsValueCreated) await Walking.Value.DisposeAsync();
    }

    [Test]
    public async Task Ranking_sorting_filters_and_paging_hold_when_walking_the_sort_indexes()
    {
        var (owner, handle) = await ContributorAsync();
        var word = Word();
        var inDescription = await PhotoAsync(owner, new() { Title = "Dusk", Description = $"A {word} far away", Popularity = 9, PublishedAt = DateTime.UtcNow.AddHours(-1) });
        var inKeywords = await PhotoAsync(owner, new() { Title = "Dawn", Keywords = [word], Popularity = 3, PublishedAt = DateTime.UtcNow.AddHours(-2), EditorialOnly = true });
        var inTitle = await PhotoAsync(owner, new() { Title = $"The {word}", Popularity = 1, PublishedAt = DateTime.UtcNow.AddHours(-3), Width = 2000, Height = 3000 });
        using var visitor = Walking.Value.NewClient();

        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EqualTo(new[] { inTitle, inKeywords, inDescription }));
        Assert.That((await visitor.SearchAsync($"q={word}&sort=newest")).Ids(), Is.EqualTo(new[] { inDescription, inKeywords, inTitle }));
        Assert.That((await visitor.SearchAsync($"q={word}&sort=popular")).Ids(), Is.EqualTo(new[] { inDescription, inKeywords, inTitle }));
        Assert.That((await visitor.SearchAsync($"q={word}&license=editorial")).Ids(), Is.EqualTo(new[] { inKeywords }));
        Assert.That((await visitor.SearchAsync($"q={word}&orientation=portrait")).Ids(), Is.EqualTo(new[] { inTitle }));
        foreach (var sort in new[] { "relevance", "newest", "popular" })
        {
            var seen = await visitor.WalkAsync($"q={word}&sort={sort}&limit=1", () => PhotoAsync(owner, new() { Title = word }));
            Assert.That(seen, Is.Unique, sort);
            Assert.That(seen, Is.SupersetOf(new[] { inTitle, inKeywords, inDescription }), sort);
        }
        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=ffffff&colorDistance=100&limit=100")).Ids(), Is.Empty, "no colours, no colour match");
    }
}
