using System.Net;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Catalog.CatalogSeed;

namespace MediaCoop.Tests.Catalog;

/// <summary>Whatever a visitor types or a script sends, search answers a 400 that says what to fix, or searches safely; never a 500.</summary>
public sealed class SearchInputTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [TestCase("q=%22unbalanced")]
    [TestCase("q=%26%7C!%3A*()%3C%3E'%22%5C")]
    [TestCase("q=a%20%26%20b%20%7C%20!c%20%3C-%3E%20d%3A*")]
    [TestCase("q='%3B%20drop%20table%20catalog%3B%20--")]
    [TestCase("q=%22%22%20or%20or%20-%20-%22")]
    [TestCase("q=%00%00nul%00")]
    [TestCase("q=%F0%9F%93%B7%E2%80%AE%EF%BF%BF%CC%81%CC%81%CC%81")]
    [TestCase("q=%ED%A0%80")]
    [TestCase("q=the%20and%20of")]
    [TestCase("q=%20%20%20")]
    [TestCase("q=-")]
    [TestCase("unknownFilter=whatever")]
    public async Task Hostile_or_odd_text_searches_safely(string query)
    {
        using var visitor = Api.NewClient();
        var response = await visitor.GetAsync("/api/v1/assets?" + query + "&limit=5");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
    }

    [Test]
    public async Task Operators_in_the_text_are_web_search_syntax_not_sql()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var other = Word();
        var both = await PhotoAsync(owner, new() { Title = $"{word} {other}" });
        var one = await PhotoAsync(owner, new() { Title = word });
        using var visitor = Api.NewClient();
        Assert.That((await visitor.SearchAsync($"q={word}+-{other}")).Ids(), Is.EqualTo(new[] { one }));
        Assert.That((await visitor.SearchAsync($"q=%22{other}+{word}%22")).Ids(), Is.Empty, "a quoted phrase keeps its word order");
        Assert.That((await visitor.SearchAsync($"q=%22{word}+{other}%22")).Ids(), Is.EqualTo(new[] { both }));
        Assert.That((await visitor.SearchAsync($"q={word}'%3B+drop+table+catalog%3B--")).Ids(), Is.Empty);
        Assert.That((await visitor.SearchAsync($"q={word}")).Ids(), Is.EquivalentTo(new[] { both, one }), "and the catalogue is still there");
    }

    [TestCase("q", "at most 200 characters")]
    [TestCase("orientation=diagonal", "landscape, portrait, square, panorama")]
    [TestCase("minWidth=0", "minWidth")]
    [TestCase("minHeight=100001", "minHeight")]
    [TestCase("color=chartreuse", "red, orange")]
    [TestCase("color=12345", "hex")]
    [TestCase("color=%23gg0000", "hex")]
    [TestCase("color=ff0000&colorDistance=0", "colorDistance")]
    [TestCase("color=ff0000&colorDistance=101", "colorDistance")]
    [TestCase("license=free", "commercial, editorial")]
    [TestCase("people=some", "released, none")]
    [TestCase("contributor=%27%3B%20drop", "handle")]
    [TestCase("sort=random", "relevance, newest, popular")]
    [TestCase("sort=relevance", "q")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=1000", "limit")]
    [TestCase("publishedAfter=2026-05-01&publishedBefore=2026-04-01", "publishedBefore")]
    [TestCase("cursor=garbage", "cursor")]
    [TestCase("cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    public async Task Bad_values_get_a_400_naming_the_parameter_and_what_it_accepts(string query, string hint)
    {
        if (query == "q") query = "q=" + new string('x', 201);
        using var visitor = Api.NewClient();
        var problem = await (await visitor.GetAsync("/api/v1/assets?" + query)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(hint));
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key).Single(), Is.EqualTo(query.Split('=')[0] switch
        {
            "color" when query.Contains("colorDistance", StringComparison.Ordinal) => "colorDistance",
            "publishedAfter" => "publishedBefore",
            var name => name,
        }));
    }

    [TestCase("minWidth=wide")]
    [TestCase("limit=1e9")]
    [TestCase("collection=not-a-uuid")]
    [TestCase("publishedAfter=2026-13-45")]
    public async Task Values_of_the_wrong_type_get_a_400(string query)
    {
        using var visitor = Api.NewClient();
        await (await visitor.GetAsync("/api/v1/assets?" + query)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("minWidth=abc", "minWidth", "whole number")]
    [TestCase("collection=not-an-id", "collection", "UUID")]
    [TestCase("publishedAfter=27/11/2026", "publishedAfter", "yyyy-mm-dd")]
    [TestCase("limit=9999999999999", "limit", "whole number")]
    public async Task A_value_of_the_wrong_type_gets_a_400_naming_the_parameter(string query, string parameter, string expected)
    {
        using var visitor = Api.NewClient();
        var problem = await (await visitor.GetAsync("/api/v1/assets?" + query)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(parameter).And.Contain(expected));
    }

    [Test]
    public async Task A_body_that_is_not_json_gets_a_400_problem()
    {
        var (client, _) = await Users.SignedInAsync(Api, "buyer");
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        var problem = await (await client.SendRawAsync(HttpMethod.Post, "/api/v1/lightboxes", content)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not valid JSON"));
    }

    [Test]
    public async Task A_ten_kilobyte_query_gets_a_400_not_a_search()
    {
        using var visitor = Api.NewClient();
        var huge = string.Concat(Enumerable.Repeat("a&|!:*()<>'\" ", 800));
        var problem = await (await visitor.GetAsync("/api/v1/assets?q=" + Uri.EscapeDataString(huge))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("at most 200 characters"));
    }

    [Test]
    public async Task A_cursor_only_continues_the_search_and_sort_it_came_from()
    {
        var (owner, handle) = await ContributorAsync();
        for (var i = 0; i < 3; i++) await PhotoAsync(owner, new());
        using var visitor = Api.NewClient();
        var first = await visitor.SearchAsync($"contributor={handle}&limit=1");
        var cursor = Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>());

        await visitor.SearchAsync($"contributor={handle}&limit=1&cursor={cursor}");
        await visitor.SearchAsync($"contributor={handle}&limit=50&cursor={cursor}");
        var otherSort = await (await visitor.GetAsync($"/api/v1/assets?contributor={handle}&sort=popular&cursor={cursor}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(otherSort["detail"]!.GetValue<string>(), Does.Contain("another search"));
        await (await visitor.GetAsync($"/api/v1/assets?orientation=square&contributor={handle}&cursor={cursor}")).ProblemAsync(HttpStatusCode.BadRequest);

        var raw = first["nextCursor"]!.GetValue<string>();
        var tampered = raw[..10] + (raw[10] == 'A' ? 'B' : 'A') + raw[11..];
        var problem = await (await visitor.GetAsync($"/api/v1/assets?contributor={handle}&limit=1&cursor={Uri.EscapeDataString(tampered)}"))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("damaged"));
    }
}
