using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record AppealRequest(string? Note);

/// <summary>A contributor may appeal a decline once, within 30 days; a different editor decides, and that is final.</summary>
public static class AppealEndpoints
{
    public static readonly TimeSpan AppealWindow = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapAppeals(this RouteGroupBuilder api)
    {
        api.MapPost("/me/assets/{id:guid}/appeal", AppealDecline).WithName("AppealDecline").WithTags("Curation")
            .RequireAuthorization(Policies.Contributor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    [EndpointSummary("Appeal a declined photo")]
    [EndpointDescription("Contributors: asks the board to look again at a declined photo, once, within 30 days of the decline. 409 when the photo is not declined, was already appealed, or it is too late.")]
    private static async Task<Results<Ok<AssetDetail>, NotFound, ProblemHttpResult>> AppealDecline(
        Guid id, AppealRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var ownerId = http.User.UserId();
        if (request.Note is { Length: > 2000 })
            return TypedResults.Problem(statusCode: 400, title: "Note too long", detail: "An appeal note has at most 2,000 characters.");
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        var asset = await connection.QuerySingleOrDefaultAsync<(string Status, bool Appealed, DateTime? DeclinedAt)?>("""
            select a.status, exists(select 1 from appeals p where p.asset_id = a.id) as appealed,
                   (select max(d.decided_at) from review_decisions d where d.asset_id = a.id and d.outcome = 'decline') as declined_at
            from assets a where a.id = @id and a.owner_id = @ownerId for update
            """, new { id, ownerId }, tx);
        if (asset is not { } found) return TypedResults.NotFound();
        if (found.Status != AssetStatus.Declined)
            return TypedResults.Problem(statusCode: 409, title: "Nothing to appeal", detail: "Only a declined asset can be appealed.");
        if (found.Appealed)
            return TypedResults.Problem(statusCode: 409, title: "Already appealed", detail: "A decline can be appealed once; the appeal's decision is final.");
        if (found.DeclinedAt is { } declinedAt && DateTime.SpecifyKind(declinedAt, DateTimeKind.Utc) + AppealWindow < DateTime.UtcNow)
            return TypedResults.Problem(statusCode: 409, title: "Too late to appeal", detail: "Appeals must be made within 30 days of the decline.");

        await connection.ExecuteAsync("insert into appeals (asset_id, note) values (@id, @note)", new { id, note = request.Note?.Trim() }, tx);
        await connection.ExecuteAsync("update assets set status = 'appealed', updated_at = now() where id = @id", new { id }, tx);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok((await AssetReader.LoadAsync(connection, ownerId, id))!);
    }
}
