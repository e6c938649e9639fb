using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>The public licence catalogue (sizes, add-ons, terms) and the admin's market freeze of a photo.</summary>
public static class LicenseTypeEndpoints
{
    public static RouteGroupBuilder MapLicenseTypes(this RouteGroupBuilder api)
    {
        // Nothing here depends on who asks, so shared caches may keep the answers.
        api.MapGet("/license-types", GetLicenseTypes).WithName("GetLicenseTypes").WithTags("Licensing").AllowAnonymous().WithPublicCaching(60);
        api.MapGet("/license-terms/{version:int}", GetLicenseTerms).WithName("GetLicenseTerms").WithTags("Licensing").AllowAnonymous()
            .WithPublicCaching(3600).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/admin/assets/{id:guid}/market-freeze", SetMarketFreeze).WithName("SetMarketFreeze").WithTags("Licensing")
            .RequireAuthorization(Policies.Admin).WithValidation<MarketFreezeRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    [EndpointSummary("List licence sizes and add-ons")]
    [EndpointDescription("The licence sizes with their prices, the Extended add-ons and the licence terms in force. Public and cacheable.")]
    private static async Task<Ok<LicenseTypes>> GetLicenseTypes(LicenseCatalog catalog, HttpContext http)
    {
        var snapshot = await catalog.GetAsync(http.RequestAborted);
        return TypedResults.Ok(new LicenseTypes(snapshot.Currency,
            snapshot.Sizes.Select(s => new LicenseSizeType(s.Code, s.Label, s.LongEdge, snapshot.Price(s.Amount ?? 0), s.Description)).ToList(),
            snapshot.Extended.Select(e => new ExtendedLicenseType(e.Code, e.Label, e.Amount is { } a ? snapshot.Price(a) : null, e.Amount is null, e.Description)).ToList(),
            new LicenseTermsSummary(snapshot.Terms.Version, snapshot.Terms.Title, snapshot.Terms.Body)));
    }

    [EndpointSummary("Get a version of the licence terms")]
    [EndpointDescription("The full text of one version of the licence terms. Public and cacheable.")]
    private static async Task<Results<Ok<LicenseTerms>, ProblemHttpResult>> GetLicenseTerms(int version, NpgsqlDataSource dataSource, HttpContext http)
    {
        const string sql = "select version, title, body, published_at from license_terms where version = @version";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var terms = await connection.QuerySingleOrDefaultAsync<LicenseTermsRow>(new CommandDefinition(sql, new { version }, cancellationToken: http.RequestAborted));
        if (terms is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such terms version",
                detail: $"There is no version {version} of the licence terms. GET /api/v1/license-types shows the version in force.");
        return TypedResults.Ok(new LicenseTerms(terms.Version, terms.Title, terms.Body, Orders.Utc(terms.PublishedAt)));
    }

    [EndpointSummary("Freeze or unfreeze a photo's sales")]
    [EndpointDescription("Admins: stops (or resumes) new licences for a photo, e.g. during a rights dispute; existing licences stay valid.")]
    private static async Task<Results<Ok<MarketFreeze>, ProblemHttpResult>> SetMarketFreeze(
        Guid id, MarketFreezeRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        if (request.Until is { } until && until <= time.GetUtcNow())
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Freeze end in the past",
                detail: "until must be a future date and time; send null to lift the freeze.");
        var reason = request.Reason.Trim();
        const string sql = """
            update assets set frozen_until = @until where id = @id;
            insert into market_freezes (id, asset_id, frozen_until, reason, admin_id)
            select @freezeId, @id, @until, @reason, @adminId where exists (select 1 from assets where id = @id);
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        var exists = await connection.ExecuteScalarAsync<bool>("select exists (select 1 from assets where id = @id for update)", new { id }, tx);
        if (!exists)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such photo", detail: $"There is no photo with id {id}.");
        await connection.ExecuteAsync(sql, new { id, until = request.Until, reason, adminId = http.User.UserId(), freezeId = Guid.CreateVersion7() }, tx);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok(new MarketFreeze(id, request.Until, reason));
    }
}
