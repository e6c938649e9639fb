using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaCoop.Api.Catalog;

public enum SearchSort : byte { Newest = 1, Popular = 2, Relevance = 3 }

/// <summary>A search's query string, checked and normalised. Everything that selects results is in <see cref="Fingerprint"/>.</summary>
public sealed record SearchRequest
{
    public const int MaxQueryLength = 200;
    public const int DefaultLimit = 40;
    public const int MaxLimit = 100;
    public const int DefaultColorDistance = 15;

    public static readonly string[] Orientations = ["landscape", "portrait", "square", "panorama"];
    public static readonly string[] Licenses = ["commercial", "editorial"];
    public static readonly string[] PeopleValues = ["released", "none"];
    public static readonly string[] Sorts = ["relevance", "newest", "popular"];

    public string? Text { get; init; }
    public string? Orientation { get; init; }
    public int? MinWidth { get; init; }
    public int? MinHeight { get; init; }
    /// <summary>Bit number of a colour family (ColourFamilies).</summary>
    public int? ColorFamily { get; init; }
    /// <summary>0xrrggbb of an exact colour, searched within <see cref="ColorDistance"/> percent.</summary>
    public int? ColorRgb { get; init; }
    public int ColorDistance { get; init; } = DefaultColorDistance;
    public bool? EditorialOnly { get; init; }
    public string? People { get; init; }
    public string? Contributor { get; init; }
    public Guid? Collection { get; init; }
    public DateTime? PublishedFrom { get; init; }
    public DateTime? PublishedUntil { get; init; }
    public SearchSort Sort { get; init; }
    public int Limit { get; init; } = DefaultLimit;
    public SearchCursor? Cursor { get; init; }

    /// <summary>
    /// Every filter in a fixed order: the key of cached facets and the check that a cursor is replayed
    /// against the search it came from. The text is kept as typed (trimmed), so "Cafe" and "cafe" differ
    /// here even though they find the same photos; that only costs a cache miss.
    /// </summary>
    public string Canonical => string.Join('\u001f',
        Text, Orientation, MinWidth, MinHeight, ColorFamily, ColorRgb, ColorRgb is null ? null : ColorDistance, EditorialOnly, People,
        Contributor?.ToLowerInvariant(), Collection, PublishedFrom?.Ticks, PublishedUntil?.Ticks);

    /// <summary>Anything beyond the text narrows the search.</summary>
    public bool HasFilters =>
        Orientation is not null || MinWidth is not null || MinHeight is not null || ColorFamily is not null || ColorRgb is not null
        || EditorialOnly is not null || People is not null || Contributor is not null || Collection is not null
        || PublishedFrom is not null || PublishedUntil is not null;

    public ulong Fingerprint => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)), 0);

    public static ProblemHttpResult Invalid(string parameter, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {parameter}", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [detail] } });

    private static ProblemHttpResult NotOneOf(string parameter, IEnumerable<string> allowed) =>
        Invalid(parameter, $"{parameter} must be one of: {string.Join(", ", allowed)}.");

    /// <summary>Checks the query string; a wrong value gets a 400 naming the parameter and what it accepts.</summary>
    public static (SearchRequest? Request, ProblemHttpResult? Problem) Parse(SearchParameters p)
    {
        var text = CleanText(p.Q);
        if (text is not null && text.Length > MaxQueryLength)
            return (null, Invalid("q", $"The search text has at most {MaxQueryLength} characters (this one has {text.Length})."));

        var orientation = Lower(p.Orientation);
        if (orientation is not null && !Orientations.Contains(orientation)) return (null, NotOneOf("orientation", Orientations));
        if (p.MinWidth is < 1 or > 100_000) return (null, Invalid("minWidth", "minWidth is a width in pixels from 1 to 100000."));
        if (p.MinHeight is < 1 or > 100_000) return (null, Invalid("minHeight", "minHeight is a height in pixels from 1 to 100000."));

        int? family = null, rgb = null;
        if (Lower(p.Color) is { } color)
        {
            family = ColourFamilies.BitOf(color);
            if (family is null && (rgb = ParseHex(color)) is null)
                return (null, Invalid("color", $"color is a colour family ({string.Join(", ", ColourFamilies.Names)}) or a hex colour like 1e90ff or #1e90ff."));
        }
        if (p.ColorDistance is < 1 or > 100)
            return (null, Invalid("colorDistance", "colorDistance is a percentage of the colour space from 1 to 100 (default 15)."));

        var license = Lower(p.License);
        if (license is not null && !Licenses.Contains(license)) return (null, NotOneOf("license", Licenses));
        var people = Lower(p.People);
        if (people is not null && !PeopleValues.Contains(people)) return (null, NotOneOf("people", PeopleValues));

        var contributor = string.IsNullOrWhiteSpace(p.Contributor) ? null : p.Contributor.Trim().ToLowerInvariant();
        // The handle format of users (migration 09); anything else cannot be anyone's handle.
        if (contributor is not null && (contributor.Length is < 3 or > 40 || !contributor.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')))
            return (null, Invalid("contributor", "contributor is a contributor's handle: 3 to 40 letters, digits and dashes."));

        DateTime? from = p.PublishedAfter?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DateTime? until = p.PublishedBefore?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (from is not null && until is not null && from >= until)
            return (null, Invalid("publishedBefore", "publishedBefore must be on or after publishedAfter."));

        SearchSort sort;
        switch (Lower(p.Sort))
        {
            case null: sort = text is null ? SearchSort.Newest : SearchSort.Relevance; break;
            case "newest": sort = SearchSort.Newest; break;
            case "popular": sort = SearchSort.Popular; break;
            case "relevance" when text is null:
                return (null, Invalid("sort", "Sorting by relevance needs search text in q; without it sort by newest or popular."));
            case "relevance": sort = SearchSort.Relevance; break;
            default: return (null, NotOneOf("sort", Sorts));
        }
        if (p.Limit is < 1 or > MaxLimit) return (null, Invalid("limit", $"limit is the page size, from 1 to {MaxLimit} (default {DefaultLimit})."));

        var request = new SearchRequest
        {
            Text = text, Orientation = orientation, MinWidth = p.MinWidth, MinHeight = p.MinHeight, ColorFamily = family, ColorRgb = rgb,
            ColorDistance = p.ColorDistance ?? DefaultColorDistance, EditorialOnly = license is null ? null : license == "editorial",
            People = people, Contributor = contributor, Collection = p.Collection, PublishedFrom = from, PublishedUntil = until,
            Sort = sort, Limit = p.Limit ?? DefaultLimit,
        };
        if (p.Cursor is null) return (request, null);
        var cursor = SearchCursor.Decode(p.Cursor);
        if (cursor is null)
            return (null, Invalid("cursor", "This cursor is damaged. Pass back the nextCursor of the previous page unchanged, or leave cursor out to start again."));
        if (cursor.Sort != sort || cursor.Fingerprint != request.Fingerprint)
            return (null, Invalid("cursor", "This cursor belongs to another search (a different q, filter or sort). Leave cursor out to start this one from its first page."));
        return (request with { Cursor = cursor }, null);
    }

    private static string? Lower(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    // Control characters (NUL included, which PostgreSQL text cannot hold) become spaces; operators and
    // quotes stay: websearch_to_tsquery reads them as web search syntax and never fails on them.
    private static string? CleanText(string? q)
    {
        if (q is null) return null;
        var cleaned = string.Create(q.Length, q, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) && !IsPairedSurrogate(source, i) ? ' ' : source[i];
        }).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : i > 0 && char.IsHighSurrogate(s[i - 1]);

    private static int? ParseHex(string value)
    {
        var hex = value.StartsWith('#') ? value[1..] : value;
        return hex.Length == 6 && int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb) ? rgb : null;
    }
}
