using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>The public storefront catalogue: search, one asset with its licence options, and similar photos. Anyone may read it.</summary>
public static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        // Nothing here depends on who asks, so shared caches may keep the answers.
        var assets = api.MapGroup("/assets").WithTags("Catalog").AllowAnonymous();
        assets.MapGet("/", SearchAssets).WithName("SearchAssets").WithPublicCaching(30)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        assets.MapGet("/{id:guid}", GetCatalogAsset).WithName("GetCatalogAsset").WithPublicCaching(60)
            .ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapGet("/{id:guid}/similar", GetSimilarAssets).WithName("GetSimilarAssets").WithPublicCaching(60)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    [EndpointSummary("Search the catalogue")]
    [EndpointDescription("Full-text search over published photos (title, keywords, description; English stemming, accents ignored, typos corrected) with filters for orientation, size, colour, people and editorial use, and facets counting the matches. Pages are cursor-based: pass the previous page's `nextCursor` as `cursor` to get the following one. Public and cacheable; `sort=newest` lists the latest photos.")]
    private static async Task<Results<Ok<SearchResult>, ProblemHttpResult>> SearchAssets(
        [AsParameters] SearchParameters parameters, HttpContext http, CatalogSearch search)
    {
        var (request, problem) = SearchRequest.Parse(parameters);
        if (problem is not null) return problem;
        return TypedResults.Ok(await search.SearchAsync(request!, http.RequestAborted));
    }

    private sealed record DetailRow
    {
        public Guid AssetId { get; init; }
        public Guid OwnerId { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string[] Keywords { get; init; } = [];
        public int Width { get; init; }
        public int Height { get; init; }
        public string Orientation { get; init; } = "";
        public bool EditorialOnly { get; init; }
        public bool ShowsPeople { get; init; }
        public bool ShowsProperty { get; init; }
        public bool ModelReleased { get; init; }
        public bool PropertyReleased { get; init; }
        public string Handle { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? BlurPlaceholder { get; init; }
        public string[] DominantColours { get; init; } = [];
        public DateTime PublishedAt { get; init; }
        public string ThumbKey { get; init; } = "";
        public int ThumbWidth { get; init; }
        public int ThumbHeight { get; init; }
        public string PreviewKey { get; init; } = "";
        public int PreviewWidth { get; init; }
        public int PreviewHeight { get; init; }
    }

    [EndpointSummary("Get a published photo")]
    [EndpointDescription("One published photo with its contributor, renditions, keywords and the licence sizes it can be bought in, with prices. 404 for a photo that does not exist or is not (or no longer) published. Public and cacheable.")]
    private static async Task<Results<Ok<CatalogAssetDetail>, NotFound>> GetCatalogAsset(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog licenses)
    {
        // Only catalogue rows, i.e. published assets; the columns are chosen so nothing private (GPS, camera,
        // original filename, the owner's e-mail) can leave.
        const string sql = """
            select c.asset_id, c.owner_id, c.title, a.description, c.keywords, c.width, c.height, c.orientation, c.editorial_only,
                   a.shows_people, a.shows_property,
                   exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                           where ar.asset_id = c.asset_id and r.kind = 'model') as model_released,
                   exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                           where ar.asset_id = c.asset_id and r.kind = 'property') as property_released,
                   u.handle, u.display_name, a.blur_placeholder, a.dominant_colours, c.published_at,
                   t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   v.blob_key as preview_key, v.width as preview_width, v.height as preview_height
            from catalog c
            join assets a on a.id = c.asset_id
            join users u on u.id = c.owner_id
            join asset_renditions t on t.asset_id = c.asset_id and t.kind = 'thumbnail'
            join asset_renditions v on v.asset_id = c.asset_id and v.kind = 'preview'
            where c.asset_id = @id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<DetailRow>(new CommandDefinition(sql, new { id }, cancellationToken: http.RequestAborted));
        if (row is null) return TypedResults.NotFound();
        // Prices are the co-op's settings in license_options; the photo decides which sizes exist and their pixels.
        var offer = await licenses.GetAsync(http.RequestAborted);
        return TypedResults.Ok(new CatalogAssetDetail(row.AssetId, row.Title, row.Description, row.Keywords, row.Width, row.Height, row.Orientation,
            row.EditorialOnly, row.ShowsPeople, row.ShowsProperty, row.ModelReleased, row.PropertyReleased,
            new ContributorRef(row.Handle, row.DisplayName),
            new RenditionLink(MediaEndpoints.UrlFor(row.PreviewKey), row.PreviewWidth, row.PreviewHeight),
            new RenditionLink(MediaEndpoints.UrlFor(row.ThumbKey), row.ThumbWidth, row.ThumbHeight),
            row.BlurPlaceholder, row.DominantColours, new DateTimeOffset(DateTime.SpecifyKind(row.PublishedAt, DateTimeKind.Utc)),
            offer.SizesFor(row.Width, row.Height).Select(s => new LicenseSizeOption(s.Option.Code, s.Option.Label, s.Width, s.Height, offer.Price(s.Option.Amount ?? 0))).ToList(),
            offer.ExtendedFor(row.EditorialOnly).Select(e => new ExtendedLicenseOption(e.Code, e.Label, e.Amount is { } a ? offer.Price(a) : null, e.Amount is null)).ToList()));
    }

    private const int SimilarDefault = 12;

    [EndpointSummary("Find similar photos")]
    [EndpointDescription("Photos that look like this one (perceptual hash and colours) and the same contributor's other recent work. Public and cacheable.")]
    private static async Task<Results<Ok<SimilarAssets>, NotFound, ProblemHttpResult>> GetSimilarAssets(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, int? limit = null)
    {
        if (limit is < 1 or > SimilarDefault)
            return SearchRequest.Invalid("limit", $"limit is how many photos each list holds, from 1 to {SimilarDefault} (default {SimilarDefault}).");
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var similar = await SimilarPhotos.FindAsync(connection, id, limit ?? SimilarDefault, http.RequestAborted);
        return similar is null ? TypedResults.NotFound() : TypedResults.Ok(similar);
    }
}
