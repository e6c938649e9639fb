using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// Public contributor profiles by handle. Their published work comes from the search API
/// (<c>GET /api/v1/assets?contributor={handle}&amp;sort=newest</c>).
/// </summary>
public static class ContributorEndpoints
{
    public static RouteGroupBuilder MapContributors(this RouteGroupBuilder api)
    {
        api.MapGet("/contributors/{handle}", GetContributor).WithName("GetContributor").WithTags("Catalog").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private sealed record ContributorRow
    {
        public Guid Id { get; init; }
        public string Handle { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Bio { get; init; }
        public string? AvatarKey { get; init; }
        public DateTime CreatedAt { get; init; }
        public int PublishedCount { get; init; }
        public bool IsContributor { get; init; }
        public bool Member { get; init; }
    }

    [EndpointSummary("Get a contributor's public profile")]
    [EndpointDescription("A contributor's handle, name, bio, avatar and published work. 404 for an unknown handle or an account without published photos.")]
    private static async Task<Results<Ok<ContributorProfile>, ProblemHttpResult>> GetContributor(string handle, HttpContext http, NpgsqlDataSource dataSource)
    {
        var notFound = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such contributor",
            detail: "Nobody publishes under this handle. Check the address.");
        if (!ProfileRules.IsWellFormed(handle)) return notFound;

        const string sql = """
            select u.id, u.handle, u.display_name, u.bio, u.avatar_key, u.created_at,
                   (select count(*) from catalog c where c.owner_id = u.id)::int as published_count,
                   exists(select 1 from user_roles r where r.user_id = u.id and r.role = 'contributor') as is_contributor,
                   exists(select 1 from memberships m where m.user_id = u.id and m.ended_at is null) as member
            from users u
            where u.handle = @handle::citext
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<ContributorRow>(sql, new { handle = ProfileRules.Normalize(handle) });
        // Buyers and editors have handles too, but no public page: only people with work to show do.
        if (row is null || (!row.IsContributor && row.PublishedCount == 0)) return notFound;
        return TypedResults.Ok(new ContributorProfile(row.Id, row.Handle, row.DisplayName, row.Bio, ProfileEndpoints.AvatarLink(row.AvatarKey),
            new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)), row.PublishedCount, row.Member));
    }
}
