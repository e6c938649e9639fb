using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>The public storefront catalogue: search, one asset with its licence options, and similar photos. Anyone may read it.</summary>
public static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        var assets = api.MapGroup("/assets").WithTags("Catalog").AllowAnonymous();
        assets.MapGet("/", SearchAssets).WithName("SearchAssets").WithPublicCaching(30)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        assets.MapGet("/{id:guid}", GetCatalogAsset).WithName("GetCatalogAsset").WithPublicCaching(60)
            .ProducesProblem(StatusCodes.Status404NotFound);
        assets.MapGet("/{id:guid}/similar", GetSimilarAssets).WithName("GetSimilarAssets").WithPublicCaching(60)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<SearchResult>, ProblemHttpResult>> SearchAssets(
        [AsParameters] SearchParameters parameters, HttpContext http, NpgsqlDataSource dataSource)
    {
        await Task.CompletedTask;
        _ = (parameters, http, dataSource);
        return TypedResults.Ok(new SearchResult([], null, new ResultTotal(0, true), null, null));
    }

    private static async Task<Results<Ok<CatalogAssetDetail>, NotFound>> GetCatalogAsset(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await Task.CompletedTask;
        _ = (id, http, dataSource);
        return TypedResults.NotFound();
    }

    private static async Task<Results<Ok<SimilarAssets>, NotFound, ProblemHttpResult>> GetSimilarAssets(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, int? limit = null)
    {
        await Task.CompletedTask;
        _ = (id, http, dataSource, limit);
        return TypedResults.NotFound();
    }
}
