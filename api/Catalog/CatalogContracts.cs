using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;

namespace MediaCoop.Api.Catalog;

public sealed record ContributorRef(string Handle, string DisplayName);

/// <summary>One search result: what a results grid needs to lay out and show a photo.</summary>
public sealed record CatalogItem(
    Guid Id,
    string? Title,
    int Width,
    int Height,
    string Orientation,
    ContributorRef Contributor,
    RenditionLink Thumbnail,
    RenditionLink Preview,
    string? BlurPlaceholder,
    bool EditorialOnly,
    DateTimeOffset PublishedAt);

/// <summary>How many results there are; <c>exact = false</c> means "at least / about" this many (large result sets are not counted to the end).</summary>
public sealed record ResultTotal(int Value, bool Exact);

public sealed record FacetCount(string Value, int Count);

/// <summary>Counts per filter value for the current query; <c>approximate</c> when they come from a bounded sample of a large result set.</summary>
public sealed record SearchFacets(IReadOnlyList<FacetCount> Orientation, IReadOnlyList<FacetCount> Color, IReadOnlyList<FacetCount> License, bool Approximate);

/// <summary>A page of search results. <c>facets</c> only on the first page; <c>correctedQuery</c> when a typo was corrected and the results are for that query.</summary>
public sealed record SearchResult(IReadOnlyList<CatalogItem> Items, string? NextCursor, ResultTotal Total, SearchFacets? Facets, string? CorrectedQuery);

/// <summary>A standard licence at one delivered size: the pixel size the buyer receives and its price.</summary>
public sealed record LicenseSizeOption(string Code, string Label, int Width, int Height, Money Price);

/// <summary>An extended licence add-on; <c>quoteOnly</c> ones have no list price (the co-op quotes them).</summary>
public sealed record ExtendedLicenseOption(string Code, string Label, Money? Price, bool QuoteOnly);

/// <summary>A published photo as the storefront shows it. Never carries GPS, camera serials, the original filename or the owner's e-mail.</summary>
public sealed record CatalogAssetDetail(
    Guid Id,
    string? Title,
    string? Description,
    string[] Keywords,
    int Width,
    int Height,
    string Orientation,
    bool EditorialOnly,
    bool ShowsPeople,
    bool ShowsProperty,
    bool ModelReleased,
    bool PropertyReleased,
    ContributorRef Contributor,
    RenditionLink Preview,
    RenditionLink Thumbnail,
    string? BlurPlaceholder,
    string[] Colors,
    DateTimeOffset PublishedAt,
    IReadOnlyList<LicenseSizeOption> Sizes,
    IReadOnlyList<ExtendedLicenseOption> Extended);

public sealed record SimilarAssets(IReadOnlyList<CatalogItem> Similar, IReadOnlyList<CatalogItem> MoreFromContributor);
