using Microsoft.AspNetCore.Mvc;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// The query string of <c>GET /api/v1/assets</c>. Enum-like values arrive as strings and are checked by
/// <see cref="SearchRequest.Parse"/>, so a wrong value gets a 400 that names the parameter and its allowed values.
/// </summary>
public sealed class SearchParameters
{
    /// <summary>Free text, at most 200 characters; quotes, <c>or</c> and <c>-word</c> work as on web search engines.</summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }
    /// <summary>landscape, portrait, square or panorama.</summary>
    [FromQuery(Name = "orientation")] public string? Orientation { get; init; }
    /// <summary>Minimum width in pixels (1 to 100000).</summary>
    [FromQuery(Name = "minWidth")] public int? MinWidth { get; init; }
    /// <summary>Minimum height in pixels (1 to 100000).</summary>
    [FromQuery(Name = "minHeight")] public int? MinHeight { get; init; }
    /// <summary>A colour family (red, orange, yellow, lime, green, teal, blue, navy, purple, pink, brown, beige, black, grey, white) or a hex colour rrggbb / #rrggbb.</summary>
    [FromQuery(Name = "color")] public string? Color { get; init; }
    /// <summary>For a hex colour: how far a dominant colour may be, in percent of the RGB cube's diagonal (1 to 100, default 15).</summary>
    [FromQuery(Name = "colorDistance")] public int? ColorDistance { get; init; }
    /// <summary>commercial (usable in advertising) or editorial (editorial use only).</summary>
    [FromQuery(Name = "license")] public string? License { get; init; }
    /// <summary>released (shows people, with model releases) or none (shows no people).</summary>
    [FromQuery(Name = "people")] public string? People { get; init; }
    /// <summary>A contributor's handle.</summary>
    [FromQuery(Name = "contributor")] public string? Contributor { get; init; }
    /// <summary>A published collection's id.</summary>
    [FromQuery(Name = "collection")] public Guid? Collection { get; init; }
    /// <summary>Published on or after this day (UTC, yyyy-mm-dd).</summary>
    [FromQuery(Name = "publishedAfter")] public DateOnly? PublishedAfter { get; init; }
    /// <summary>Published on or before this day (UTC, yyyy-mm-dd).</summary>
    [FromQuery(Name = "publishedBefore")] public DateOnly? PublishedBefore { get; init; }
    /// <summary>relevance (needs q; the default when q is given), newest (the default otherwise) or popular.</summary>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }
    /// <summary>The nextCursor of the previous page, unchanged, with the same query and filters.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }
    /// <summary>Results per page, 1 to 100 (default 40).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}
