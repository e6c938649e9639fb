using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MediaCoop.Api.Platform;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// A search link (shared, bookmarked, from a search engine) is the storefront's usual landing page. Its HTML carries
/// the first page of results — exactly what <c>GET /api/v1/assets</c> returns for the page's query — and preloads of
/// the first photos, so on a phone the photos start downloading while the app's scripts are still arriving instead
/// of after them (the app uses the embedded page only when the URL is the one it would have written itself).
/// A query the API would refuse embeds nothing: the app fetches and shows the API's own error.
/// </summary>
internal sealed class SearchPageHead(CatalogSearch search, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ISpaPageHead
{
    /// <summary>The id of the embedded JSON's script element (read by web-client's prefetch-search-page.ts).</summary>
    public const string ElementId = "search-page-data";
    /// <summary>The first row of tiles on a phone: the largest paint is one of them.</summary>
    private const int Preloads = 3;
    /// <summary>A search slower than this (a cold cache) is not worth holding the page for: the app fetches it instead.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);

    // The API's own JSON shape, with every character that could close the <script> element escaped.
    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default };

    public async Task<string?> HeadAsync(HttpContext http)
    {
        if (!string.Equals(http.Request.Path.Value, "/search", StringComparison.Ordinal)) return null;
        if (Parameters(http.Request.Query) is not { } parameters) return null;
        var (request, problem) = SearchRequest.Parse(parameters);
        if (request is null || problem is not null) return null;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        budget.CancelAfter(Budget);
        SearchResult result;
        try
        {
            result = await search.SearchAsync(request, budget.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        var data = JsonSerializer.Serialize(new { query = http.Request.QueryString.Value ?? "", limit = request.Limit, result }, _options);
        var head = new System.Text.StringBuilder();
        head.Append("<script type=\"application/json\" id=\"").Append(ElementId).Append("\">").Append(data).Append("</script>");
        foreach (var item in result.Items.Take(Preloads))
            head.Append("<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"")
                .Append(HtmlEncoder.Default.Encode(item.Thumbnail.Url)).Append("\">");
        return head.ToString();
    }

    /// <summary>The page's query as the API's parameters (the first page, default size); null if a value cannot even be read.</summary>
    private static SearchParameters? Parameters(IQueryCollection query)
    {
        string? Text(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
        bool Int(string name, out int? value)
        {
            value = null;
            if (Text(name) is not { } text) return true;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
            value = n;
            return true;
        }
        bool Date(string name, out DateOnly? value)
        {
            value = null;
            if (Text(name) is not { } text) return true;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
            value = d;
            return true;
        }
        Guid? collection = null;
        if (Text("collection") is { } c)
        {
            if (!Guid.TryParse(c, out var id)) return null;
            collection = id;
        }
        if (!Int("minWidth", out var minWidth) || !Int("minHeight", out var minHeight) || !Int("colorDistance", out var colorDistance)
            || !Date("publishedAfter", out var after) || !Date("publishedBefore", out var before))
            return null;
        return new SearchParameters
        {
            Q = Text("q"), Orientation = Text("orientation"), MinWidth = minWidth, MinHeight = minHeight, Color = Text("color"),
            ColorDistance = colorDistance, License = Text("license"), People = Text("people"), Contributor = Text("contributor"),
            Collection = collection, PublishedAfter = after, PublishedBefore = before, Sort = Text("sort"),
        };
    }
}
