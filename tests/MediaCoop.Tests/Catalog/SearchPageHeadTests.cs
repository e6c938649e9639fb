using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MediaCoop.Tests.Infrastructure;
using static MediaCoop.Tests.Catalog.CatalogSeed;

namespace MediaCoop.Tests.Catalog;

/// <summary>A search link's HTML carries its first page of results and preloads its first photos (SearchPageHead).</summary>
public sealed partial class SearchPageHeadTests
{
    private const string Shell = "<!doctype html><html><head><title>MediaCoop test shell</title></head><body><div id=\"root\"></div></body></html>";

    [GeneratedRegex("<script type=\"application/json\" id=\"search-page-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Embedded();

    private static async Task<T> WithSpaAsync<T>(Func<ApiClient, Task<T>> test)
    {
        var root = Directory.CreateTempSubdirectory("mediacoop-spa").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), Shell);
        try
        {
            await using var withSpa = new ApiFactory(new Dictionary<string, string?> { ["Spa:Root"] = root });
            using var client = withSpa.NewClient();
            return await test(client);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<string> PageAsync(ApiClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        return await response.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task A_search_link_carries_the_apis_first_page_and_preloads_its_first_photos()
    {
        var (owner, _) = await ContributorAsync();
        var word = Word();
        var photos = new List<Guid>();
        for (var i = 0; i < 4; i++) photos.Add(await PhotoAsync(owner, new() { Title = $"{word} harbour {i}", Keywords = ["boat"] }));

        await WithSpaAsync<object?>(async client =>
        {
            var html = await PageAsync(client, $"/search?q={word}&orientation=landscape");
            var match = Embedded().Match(html);
            Assert.That(match.Success, Is.True, html);
            Assert.That(html.IndexOf(match.Value, StringComparison.Ordinal), Is.LessThan(html.IndexOf("</head>", StringComparison.Ordinal)),
                "the data is in <head>, before the app's script");
            var embedded = JsonNode.Parse(match.Groups[1].Value)!;
            var api = await client.SearchAsync($"q={word}&orientation=landscape&limit=40");
            Assert.Multiple(() =>
            {
                Assert.That(embedded["query"]!.GetValue<string>(), Is.EqualTo($"?q={word}&orientation=landscape"));
                Assert.That(embedded["limit"]!.GetValue<int>(), Is.EqualTo(40));
                Assert.That(JsonNode.DeepEquals(embedded["result"], api), Is.True,
                    $"embedded {embedded["result"]!.ToJsonString()}\nAPI {api.ToJsonString()}");
                Assert.That(api.Ids(), Is.EquivalentTo(photos));
            });
            var preloads = Regex.Matches(html, "<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"([^\"]+)\">")
                .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.That(preloads, Is.EqualTo(api["items"]!.AsArray().Take(3).Select(i => i!["thumbnail"]!["url"]!.GetValue<string>())));
            return null;
        });
    }

    [Test]
    public async Task Markup_in_the_query_stays_inside_the_embedded_json()
    {
        await WithSpaAsync<object?>(async client =>
        {
            var hostile = "</script><script>alert(1)</script><!--";
            var html = await PageAsync(client, "/search?q=" + Uri.EscapeDataString(hostile));
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(html, Does.Not.Contain("<!--"));
            var match = Embedded().Match(html);
            Assert.That(match.Success, Is.True, html);
            Assert.That(JsonNode.Parse(match.Groups[1].Value)!["query"]!.GetValue<string>(), Is.EqualTo("?q=" + Uri.EscapeDataString(hostile)));
            return null;
        });
    }

    [Test]
    public async Task A_query_the_api_refuses_and_other_pages_embed_nothing()
    {
        await WithSpaAsync<object?>(async client =>
        {
            foreach (var url in new[] { "/search?orientation=sideways", "/search?minWidth=wide", "/search?sort=relevance", "/account", "/assets/x" })
            {
                var html = await PageAsync(client, url);
                Assert.That(html, Is.EqualTo(Shell), url);
            }
            return null;
        });
    }
}
