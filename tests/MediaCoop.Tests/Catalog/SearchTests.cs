using System.Net;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Catalog.CatalogSeed;

namespace MediaCoop.Tests.Catalog;

public sealed class SearchTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_title_match_ranks_above_a_keyword_match_above_a_description_match()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        // Inserted in the opposite order, so neither time nor id explains the ranking.
        var inDescription = await PhotoAsync(owner, new() { Title = "Harbour at dusk", Keywords = ["boat"], Description = $"A {word} in the corner" });
        var inKeywords = await PhotoAsync(owner, new() { Title = "Harbour at dawn", Keywords = ["boat", word] });
        var inTitle = await PhotoAsync(owner, new() { Title = $"The {word} harbour", Keywords = ["boat"] });

        using var visitor = Api.NewClient();
        var result = await visitor.SearchAsync($"q={word}");
        Assert.That(result.Ids(), Is.EqualTo(new[] { inTitle, inKeywords, inDescription }));
        Assert.That(result["total"]!["value"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(result["total"]!["exact"]!.GetValue<bool>(), Is.True);
        var first = result["items"]![0]!;
        Assert.That(first["title"]!.GetValue<string>(), Is.EqualTo($"The {word} harbour"));
        Assert.That(first["thumbnail"]!["url"]!.GetValue<string>(), Does.StartWith("/media/renditions/"));
        Assert.That(first["contributor"]!["displayName"]!.GetValue<string>(), Is.EqualTo("Test Person"));
    }

    [Test]
    public async Task A_words_postings_follow_publishing_popularity_and_withdrawal()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var photo = await PhotoAsync(owner, new() { Title = $"{word} lighthouse", Keywords = ["coast"] });
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        const string postings = "select lexeme, popularity from catalog_postings where asset_id = @photo order by lexeme";
        async Task<List<(string Lexeme, double Popularity)>> Postings() =>
            (await connection.QueryAsync<(string, double)>(postings, new { photo })).ToList();

        var lexemes = await connection.QuerySingleAsync<string[]>(
            "select array(select l.lexeme from catalog c, unnest(c.document) l where c.asset_id = @photo order by 1)", new { photo });
        Assert.That(lexemes, Does.Contain("lighthous").And.Contain("coast"));
        Assert.That((await Postings()).Select(p => p.Lexeme), Is.EqualTo(lexemes));
        await connection.ExecuteAsync("update catalog set popularity = popularity + 7 where asset_id = @photo", new { photo });
        Assert.That((await Postings()).Select(p => p.Popularity), Is.All.EqualTo(7));

        // One word and nothing else is answered from the postings.
        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EqualTo(new[] { photo }));

        await connection.ExecuteAsync("update assets set status = 'declined' where id = @photo", new { photo });
        Assert.That(await Postings(), Is.Empty);
    }

    [Test]
    public async Task English_stemming_and_accent_folding_find_other_forms_of_a_word()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var running = await PhotoAsync(owner, new() { Title = $"{word} running on the beach" });
        var café = await PhotoAsync(owner, new() { Title = $"{word} café terrace" });
        var cafe = await PhotoAsync(owner, new() { Title = $"{word} cafe counter" });

        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"q={word}+runs")).Ids(), Is.EqualTo(new[] { running }));
        Assert.That((await visitor.SearchAsync($"q={word}+cafe")).Ids(), Is.EquivalentTo(new[] { café, cafe }));
        Assert.That((await visitor.SearchAsync($"q={word}+caf%C3%A9")).Ids(), Is.EquivalentTo(new[] { café, cafe }));
    }

    [Test]
    public async Task Each_filter_narrows_the_results_to_the_photos_that_match_it()
    {
        var (owner, handle) = await ContributorAsync();
        var (other, _) = await ContributorAsync();
        var word = Word();
        var wide = await PhotoAsync(owner, new() { Title = word, Width = 6000, Height = 2000, Colours = ["#d01010"], PublishedAt = DateTime.UtcNow.AddDays(-40) });
        var tall = await PhotoAsync(owner, new() { Title = word, Width = 2000, Height = 3000, Colours = ["#1040d0"], EditorialOnly = true });
        var square = await PhotoAsync(owner, new() { Title = word, Width = 1000, Height = 1000, Colours = ["#10c030"], ShowsPeople = true, ModelRelease = true });
        var people = await PhotoAsync(owner, new() { Title = word, Width = 4000, Height = 3000, Colours = ["#f0f0f0"], ShowsPeople = true });
        var others = await PhotoAsync(other, new() { Title = word, Width = 4000, Height = 3000, Colours = ["#d01010"] });

        using var visitor = Api.NewClient();
        async Task<Guid[]> Find(string filters) => (await visitor.SearchAsync($"q={word}&{filters}")).Ids();

        Assert.That(await Find("orientation=panorama"), Is.EquivalentTo(new[] { wide }));
        Assert.That(await Find("orientation=portrait"), Is.EquivalentTo(new[] { tall }));
        Assert.That(await Find("orientation=square"), Is.EquivalentTo(new[] { square }));
        Assert.That(await Find("orientation=landscape"), Is.EquivalentTo(new[] { people, others }));
        Assert.That(await Find("minWidth=4000"), Is.EquivalentTo(new[] { wide, people, others }));
        Assert.That(await Find("minHeight=3000"), Is.EquivalentTo(new[] { tall, people, others }));
        Assert.That(await Find("minWidth=3000&minHeight=3000"), Is.EquivalentTo(new[] { people, others }));
        Assert.That(await Find("color=red"), Is.EquivalentTo(new[] { wide, others }));
        Assert.That(await Find("color=blue"), Is.EquivalentTo(new[] { tall }));
        Assert.That(await Find("color=white"), Is.EquivalentTo(new[] { people }));
        Assert.That(await Find("license=editorial"), Is.EquivalentTo(new[] { tall }));
        Assert.That(await Find("license=commercial"), Is.EquivalentTo(new[] { wide, square, people, others }));
        Assert.That(await Find("people=released"), Is.EquivalentTo(new[] { square }));
        Assert.That(await Find("people=none"), Is.EquivalentTo(new[] { wide, tall, others }));
        Assert.That(await Find($"contributor={handle}"), Is.EquivalentTo(new[] { wide, tall, square, people }));
        Assert.That(await Find($"contributor={handle.ToUpperInvariant()}"), Is.EquivalentTo(new[] { wide, tall, square, people }), "handles ignore case");
        Assert.That(await Find("contributor=nobody-by-this-name"), Is.Empty);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var monthAgo = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(await Find($"publishedBefore={monthAgo}"), Is.EquivalentTo(new[] { wide }));
        Assert.That(await Find($"publishedAfter={monthAgo}"), Is.EquivalentTo(new[] { tall, square, people, others }));
        Assert.That(await Find($"publishedAfter={today}&publishedBefore={today}"), Is.EquivalentTo(new[] { tall, square, people, others }));
        Assert.That(await Find($"contributor={handle}&orientation=landscape&license=commercial&people=none"), Is.Empty, "filters combine with and");
    }

    [Test]
    public async Task A_hex_colour_finds_photos_with_a_dominant_colour_within_the_distance()
    {
        var (owner, handle) = await ContributorAsync();
        var exact = await PhotoAsync(owner, new() { Colours = ["#808080", "#1e90ff"] });
        var near = await PhotoAsync(owner, new() { Colours = ["#2a9af0"] });         // ~17 away: 4 % of the diagonal
        var farther = await PhotoAsync(owner, new() { Colours = ["#4060c0"] });      // ~81 away: 18 %
        var unrelated = await PhotoAsync(owner, new() { Colours = ["#ff2000"] });
        using var visitor = Api.NewClient();

        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=1e90ff&colorDistance=1")).Ids(), Is.EquivalentTo(new[] { exact }));
        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=%231E90FF&colorDistance=5")).Ids(), Is.EquivalentTo(new[] { exact, near }));
        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=1e90ff")).Ids(), Is.EquivalentTo(new[] { exact, near }), "15 % by default");
        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=1e90ff&colorDistance=25")).Ids(), Is.EquivalentTo(new[] { exact, near, farther }));
        Assert.That((await visitor.SearchAsync($"contributor={handle}&color=1e90ff&colorDistance=100")).Ids(), Is.EquivalentTo(new[] { exact, near, farther, unrelated }));
    }

    [Test]
    public async Task The_collection_filter_shows_a_published_collections_photos_only()
    {
        var (owner, handle) = await ContributorAsync();
        var (_, editor) = await Users.SignedInAsync(Api, "editor");
        var inIt = await PhotoAsync(owner, new());
        await PhotoAsync(owner, new());
        Guid published = Guid.CreateVersion7(), draft = Guid.CreateVersion7();
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.ExecuteAsync("""
                insert into collections (id, title, created_by, published_at) values (@published, 'Picks', @editor, now()), (@draft, 'Draft', @editor, null);
                insert into collection_assets (collection_id, asset_id, position) values (@published, @inIt, 1), (@draft, @inIt, 1);
                """, new { published, draft, editor = editor.Id, inIt });
        }
        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"contributor={handle}&collection={published}")).Ids(), Is.EqualTo(new[] { inIt }));
        Assert.That((await visitor.SearchAsync($"contributor={handle}&collection={draft}")).Ids(), Is.Empty, "a draft collection shows nothing");
    }

    [Test]
    public async Task Newest_popular_and_relevance_sorts_order_the_results()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var old = await PhotoAsync(owner, new() { Title = $"{word} {word}", PublishedAt = DateTime.UtcNow.AddDays(-3), Popularity = 5 });
        var middle = await PhotoAsync(owner, new() { Keywords = [word], PublishedAt = DateTime.UtcNow.AddDays(-2), Popularity = 50 });
        var recent = await PhotoAsync(owner, new() { Description = word, PublishedAt = DateTime.UtcNow.AddDays(-1), Popularity = 1 });
        using var visitor = Api.NewClient();

        Assert.That((await visitor.SearchAsync($"q={word}&sort=newest")).Ids(), Is.EqualTo(new[] { recent, middle, old }));
        Assert.That((await visitor.SearchAsync($"q={word}&sort=popular")).Ids(), Is.EqualTo(new[] { middle, old, recent }));
        Assert.That((await visitor.SearchAsync($"q={word}&sort=relevance")).Ids(), Is.EqualTo(new[] { old, middle, recent }));
        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EqualTo(new[] { old, middle, recent }), "relevance by default with q");
        var problem = await (await visitor.GetAsync("/api/v1/assets?sort=relevance")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("q"));
    }

    [Test]
    public async Task Paging_newest_walks_every_result_once_while_new_photos_are_published()
    {
        var (owner, handle) = await ContributorAsync();
        var start = DateTime.UtcNow.AddMinutes(-30);
        var existing = new List<(Guid Id, DateTime At)>();
        for (var i = 0; i < 7; i++)
            existing.Add((await PhotoAsync(owner, new() { PublishedAt = start.AddMinutes(i) }), start.AddMinutes(i)));
        // Two photos published in the same instant: the id breaks the tie.
        var sameInstant = start.AddMinutes(3).AddSeconds(30);
        existing.Add((await PhotoAsync(owner, new() { PublishedAt = sameInstant }), sameInstant));
        existing.Add((await PhotoAsync(owner, new() { PublishedAt = sameInstant }), sameInstant));

        using var visitor = Api.NewClient();
        var added = new List<Guid>();
        var seen = await visitor.WalkAsync($"contributor={handle}&limit=2", async () => added.Add(await PhotoAsync(owner, new())));

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EqualTo(existing.OrderByDescending(e => e.At).ThenByDescending(e => e.Id.ToString(), StringComparer.Ordinal).Select(e => e.Id)),
            "every photo there when paging began, newest first, none of those published meanwhile");
        Assert.That((await visitor.SearchAsync($"contributor={handle}&limit=100")).Ids(), Is.SupersetOf(added), "the new ones are on a fresh first page");
    }

    [Test]
    public async Task Paging_by_popularity_and_relevance_walks_every_result_once()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var all = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            // Pairs share a popularity and a rank, so the id tiebreak decides between them.
            all.Add(await PhotoAsync(owner, new()
            {
                Title = i % 3 == 0 ? word : "Other", Keywords = i % 3 == 1 ? [word] : [], Description = i % 3 == 2 ? word : null, Popularity = i / 2,
            }));
        }
        using var visitor = Api.NewClient();
        foreach (var sort in new[] { "popular", "relevance" })
        {
            var seen = await visitor.WalkAsync($"q={word}&sort={sort}&limit=2", () => PhotoAsync(owner, new() { Title = word, Popularity = 1 }));
            Assert.That(seen, Is.Unique, sort);
            Assert.That(seen, Is.SupersetOf(all), sort);
        }
    }

    [Test]
    public async Task Only_published_photos_are_ever_found_and_a_withdrawn_one_disappears()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var published = await PhotoAsync(owner, new() { Title = word });
        foreach (var status in new[] { "uploaded", "ready", "in_review", "sent_back", "declined", "appealed" })
            await PhotoAsync(owner, new() { Title = word, Status = status });
        using var visitor = Api.NewClient();

        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EqualTo(new[] { published }));
        await SetStatusAsync(published, "declined");
        Assert.That((await visitor.SearchAsync($"q={word}&sort=newest")).Ids(), Is.Empty);
        await (await visitor.GetAsync($"/api/v1/assets/{published}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Publishing_through_the_review_desk_makes_a_photo_searchable_at_once()
    {
        var (owner, _) = await ContributorAsync();
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var word = Word();
        var id = await PhotoAsync(owner, new() { Title = word, Status = "in_review" });
        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"q={word}"))["total"]!["value"]!.GetValue<int>(), Is.Zero);

        await (await editor.PostAsync($"/api/v1/review/assets/{id}/decision", new { outcome = "publish", reasonCodes = Array.Empty<string>() }))
            .JsonAsync(HttpStatusCode.OK);
        var found = await visitor.SearchAsync($"q={word}");
        Assert.That(found.Ids(), Is.EqualTo(new[] { id }));
        Assert.That(found["total"]!["value"]!.GetValue<int>(), Is.EqualTo(1), "counts are not served stale after a publish");
    }

    [Test]
    public async Task Photos_without_renditions_are_not_listed()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var shown = await PhotoAsync(owner, new() { Title = word });
        await PhotoAsync(owner, new() { Title = word, Renditions = false });
        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EqualTo(new[] { shown }));
    }

    [Test]
    public async Task A_misspelt_word_is_corrected_when_the_exact_search_finds_little()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var photo = await PhotoAsync(owner, new() { Title = $"{word} lighthouse", Keywords = ["coast"] });
        using var visitor = Api.NewClient();

        var typo = word[..^1] + (word[^1] == 'x' ? 'y' : 'x');
        var result = await visitor.SearchAsync($"q={Uri.EscapeDataString(typo + " lighthouse")}");
        Assert.That(result.Ids(), Is.EqualTo(new[] { photo }));
        Assert.That(result["correctedQuery"]!.GetValue<string>(), Is.EqualTo($"{word} lighthouse"));

        var exact = await visitor.SearchAsync($"q={word}");
        Assert.That(exact["correctedQuery"], Is.Null, "nothing to correct");
    }

    [Test]
    public async Task Facets_count_the_results_by_orientation_colour_and_licence_on_the_first_page()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        await PhotoAsync(owner, new() { Title = word, Width = 3000, Height = 2000, Colours = ["#d01010", "#1040d0"] });
        await PhotoAsync(owner, new() { Title = word, Width = 3000, Height = 2000, Colours = ["#d01010"], EditorialOnly = true });
        await PhotoAsync(owner, new() { Title = word, Width = 2000, Height = 3000, Colours = ["#1040d0"] });
        using var visitor = Api.NewClient();

        var result = await visitor.SearchAsync($"q={word}&limit=2");
        var facets = result["facets"]!;
        Assert.That(facets["approximate"]!.GetValue<bool>(), Is.False);
        Assert.That(Counts(facets["orientation"]), Is.EquivalentTo(new Dictionary<string, int> { ["landscape"] = 2, ["portrait"] = 1 }));
        Assert.That(Counts(facets["color"]), Is.EquivalentTo(new Dictionary<string, int> { ["red"] = 2, ["blue"] = 2 }));
        Assert.That(Counts(facets["license"]), Is.EquivalentTo(new Dictionary<string, int> { ["commercial"] = 2, ["editorial"] = 1 }));
        Assert.That(result["total"]!["value"]!.GetValue<int>(), Is.EqualTo(3));

        var second = await visitor.SearchAsync($"q={word}&limit=2&cursor={Uri.EscapeDataString(result["nextCursor"]!.GetValue<string>())}");
        Assert.That(second["facets"], Is.Null, "only the first page carries facets");
        Assert.That(second.Ids(), Has.Length.EqualTo(1));
    }

    private static Dictionary<string, int> Counts(System.Text.Json.Nodes.JsonNode? facet) =>
        facet!.AsArray().ToDictionary(f => f!["value"]!.GetValue<string>(), f => f!["count"]!.GetValue<int>());
}
