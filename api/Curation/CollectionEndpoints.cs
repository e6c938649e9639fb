using Dapper;
using FluentValidation;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record CollectionSummary(Guid Id, string Title, string? Description, RenditionLink? Cover, int AssetCount, bool Featured, bool Published);

public sealed record CollectionList(IReadOnlyList<CollectionSummary> Items);

public sealed record CollectionAsset(Guid Id, string? Title, string ContributorName, RenditionLink? Thumbnail, RenditionLink? Preview);

public sealed record CollectionDetail(Guid Id, string Title, string? Description, RenditionLink? Cover, bool Featured, bool Published,
    IReadOnlyList<CollectionAsset> Assets);

public sealed record SaveCollectionRequest(string Title, string? Description, bool Featured, bool Published, Guid[] AssetIds, Guid? CoverAssetId);

public sealed class SaveCollectionRequestValidator : AbstractValidator<SaveCollectionRequest>
{
    public SaveCollectionRequestValidator()
    {
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 120)
            .WithMessage("Give the collection a title of 1 to 120 characters.");
        RuleFor(r => r.Description).MaximumLength(2000).WithMessage("A description has at most 2,000 characters.");
        RuleFor(r => r.AssetIds).NotNull().Must(ids => ids.Length <= 500 && ids.Distinct().Count() == ids.Length)
            .WithMessage("List up to 500 different assets, in the order to show them.");
        RuleFor(r => r.CoverAssetId).Must((r, cover) => cover is null || r.AssetIds.Contains(cover.Value))
            .WithMessage("The cover must be one of the collection's assets.");
    }
}

/// <summary>Editors curate collections; the storefront shows the published ones, featured first.</summary>
public static class CollectionEndpoints
{
    public static RouteGroupBuilder MapCollections(this RouteGroupBuilder api)
    {
        var collections = api.MapGroup("/collections");
        collections.MapGet("/", ListCollections).WithName("ListCollections").WithTags("Catalog").AllowAnonymous().WithPublicCaching(60);
        collections.MapGet("/{id:guid}", GetCollection).WithName("GetCollection").WithTags("Catalog").AllowAnonymous().WithPublicCaching(60);
        collections.MapPost("/", CreateCollection).WithName("CreateCollection").WithTags("Curation")
            .RequireAuthorization(Policies.Editor).WithValidation<SaveCollectionRequest>().WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        collections.MapPut("/{id:guid}", UpdateCollection).WithName("UpdateCollection").WithTags("Curation")
            .RequireAuthorization(Policies.Editor).WithValidation<SaveCollectionRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private sealed record SummaryRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string? Description { get; init; }
        public bool Featured { get; init; }
        public bool Published { get; init; }
        public int AssetCount { get; init; }
        public string? CoverKey { get; init; }
        public int? CoverWidth { get; init; }
        public int? CoverHeight { get; init; }

        public RenditionLink? Cover => CoverKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(CoverKey), CoverWidth!.Value, CoverHeight!.Value);
        public CollectionSummary ToApi() => new(Id, Title, Description, Cover, AssetCount, Featured, Published);
    }

    private const string SummarySql = """
        select c.id, c.title, c.description, c.featured, (c.published_at is not null) as published,
               (select count(*) from collection_assets ca join assets a on a.id = ca.asset_id
                where ca.collection_id = c.id and a.status = 'published')::int as asset_count,
               r.blob_key as cover_key, r.width as cover_width, r.height as cover_height
        from collections c
        left join asset_renditions r on r.asset_id = c.cover_asset_id and r.kind = 'preview'
        """;

    [EndpointSummary("List collections")]
    [EndpointDescription("The editors' published collections; `featured=true` returns only those featured on the home page. Public and cacheable.")]
    private static async Task<Ok<CollectionList>> ListCollections(NpgsqlDataSource dataSource, bool? featured = null)
    {
        var sql = $"""
            {SummarySql}
            where c.published_at is not null and (@featured::boolean is null or c.featured = @featured)
            order by c.featured desc, c.published_at desc
            limit 100
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<SummaryRow>(sql, new { featured });
        return TypedResults.Ok(new CollectionList(rows.Select(r => r.ToApi()).ToList()));
    }

    private sealed record AssetRow(Guid Id, string? Title, string ContributorName, string? ThumbKey, int? ThumbWidth, int? ThumbHeight,
        string? PreviewKey, int? PreviewWidth, int? PreviewHeight);

    [EndpointSummary("Get a collection")]
    [EndpointDescription("A published collection with its photos in the editors' order. Public and cacheable.")]
    private static async Task<Results<Ok<CollectionDetail>, NotFound>> GetCollection(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var summary = await connection.QuerySingleOrDefaultAsync<SummaryRow>($"{SummarySql} where c.id = @id", new { id });
        var isEditor = http.User.IsInRole(Roles.Editor) || http.User.IsInRole(Roles.Admin);
        // Drafts are the board's work in progress: to everyone else they do not exist.
        if (summary is null || (!summary.Published && !isEditor)) return TypedResults.NotFound();
        // A draft is for the board's eyes only: no shared cache may keep it.
        if (!summary.Published) http.Response.Headers.CacheControl = "private, no-store";

        const string assetsSql = """
            select a.id, a.title, u.display_name as contributor_name,
                   t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   p.blob_key as preview_key, p.width as preview_width, p.height as preview_height
            from collection_assets ca
            join assets a on a.id = ca.asset_id and a.status = 'published'
            join users u on u.id = a.owner_id
            left join asset_renditions t on t.asset_id = a.id and t.kind = 'thumbnail'
            left join asset_renditions p on p.asset_id = a.id and p.kind = 'preview'
            where ca.collection_id = @id
            order by ca.position
            """;
        var assets = (await connection.QueryAsync<AssetRow>(assetsSql, new { id })).Select(a => new CollectionAsset(a.Id, a.Title, a.ContributorName,
            a.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(a.ThumbKey), a.ThumbWidth!.Value, a.ThumbHeight!.Value),
            a.PreviewKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(a.PreviewKey), a.PreviewWidth!.Value, a.PreviewHeight!.Value))).ToList();
        return TypedResults.Ok(new CollectionDetail(summary.Id, summary.Title, summary.Description, summary.Cover, summary.Featured, summary.Published, assets));
    }

    [EndpointSummary("Create a collection")]
    [EndpointDescription("Editors: creates a curated collection of published photos.")]
    private static async Task<Results<Created<CollectionSummary>, ProblemHttpResult>> CreateCollection(
        SaveCollectionRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        await connection.ExecuteAsync("insert into collections (id, title, created_by) values (@id, @title, @editor)",
            new { id, title = request.Title.Trim(), editor = http.User.UserId() }, tx);
        if (await SaveAsync(connection, tx, id, request) is { } problem) return problem;
        await tx.CommitAsync(http.RequestAborted);
        var summary = await connection.QuerySingleAsync<SummaryRow>($"{SummarySql} where c.id = @id", new { id });
        return TypedResults.Created($"/api/v1/collections/{id}", summary.ToApi());
    }

    [EndpointSummary("Update a collection")]
    [EndpointDescription("Editors: replaces a collection's title, description, photos, order and featured flag.")]
    private static async Task<Results<Ok<CollectionSummary>, NotFound, ProblemHttpResult>> UpdateCollection(
        Guid id, SaveCollectionRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await connection.ExecuteScalarAsync<int?>("select 1 from collections where id = @id for update", new { id }, tx) is null)
            return TypedResults.NotFound();
        if (await SaveAsync(connection, tx, id, request) is { } problem) return problem;
        await tx.CommitAsync(http.RequestAborted);
        var summary = await connection.QuerySingleAsync<SummaryRow>($"{SummarySql} where c.id = @id", new { id });
        return TypedResults.Ok(summary.ToApi());
    }

    private static async Task<ProblemHttpResult?> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, SaveCollectionRequest request)
    {
        var ids = request.AssetIds;
        var published = await connection.ExecuteScalarAsync<int>(
            "select count(*) from assets where id = any(@ids) and status = 'published'", new { ids }, tx);
        if (published != ids.Length)
            return TypedResults.Problem(statusCode: 400, title: "Only published assets",
                detail: "A collection shows published assets only; remove the ones still in review or not published.");
        const string update = """
            update collections set title = @title, description = @description, featured = @featured, cover_asset_id = @cover,
                   published_at = case when @published then coalesce(published_at, now()) else null end, updated_at = now()
            where id = @id
            """;
        await connection.ExecuteAsync(update, new
        {
            id, title = request.Title.Trim(), description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            featured = request.Featured, cover = request.CoverAssetId ?? (ids.Length > 0 ? ids[0] : null), published = request.Published,
        }, tx);
        await connection.ExecuteAsync("delete from collection_assets where collection_id = @id", new { id }, tx);
        await connection.ExecuteAsync("""
            insert into collection_assets (collection_id, asset_id, position)
            select @id, asset_id, position::int from unnest(@ids) with ordinality as t(asset_id, position)
            """, new { id, ids }, tx);
        return null;
    }
}
