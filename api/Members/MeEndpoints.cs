using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Members;

public sealed record MembershipResponse(string MemberClass, int Shares, DateTimeOffset JoinedAt);

/// <summary><c>directoryVisible</c>: the member chose to be listed in the member directory (opt-in).</summary>
public sealed record MeResponse(Guid Id, string Email, string DisplayName, string[] Roles, MembershipResponse? Membership, DateTimeOffset CreatedAt, bool DirectoryVisible);

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithTags("Members").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    [EndpointSummary("Get the signed-in user")]
    [EndpointDescription("The caller's id, e-mail, display name, roles, membership and whether they are listed in the member directory.")]
    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(HttpContext http, NpgsqlDataSource dataSource)
    {
        var me = await LoadAsync(dataSource, http.User.UserId());
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }

    // Dapper maps rows through settable properties: positional records would have to match column types exactly.
    private sealed record MeRow
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public DateTime CreatedAt { get; init; }
        public string? MemberClass { get; init; }
        public int? Shares { get; init; }
        public DateTime? JoinedAt { get; init; }
        public bool DirectoryVisible { get; init; }
    }

    internal static async Task<MeResponse?> LoadAsync(NpgsqlDataSource dataSource, Guid userId)
    {
        const string sql = """
            select u.id, u.email, u.display_name, u.created_at, u.directory_visible,
                   array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles,
                   m.member_class, m.shares, m.joined_at
            from users u
            left join memberships m on m.user_id = u.id and m.ended_at is null
            where u.id = @userId
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<MeRow>(sql, new { userId });
        if (row is null) return null;
        var membership = row.MemberClass is null ? null
            : new MembershipResponse(MemberClasses.ToApi(row.MemberClass), row.Shares!.Value, new DateTimeOffset(row.JoinedAt!.Value, TimeSpan.Zero));
        return new MeResponse(row.Id, row.Email, row.DisplayName, row.Roles, membership, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), row.DirectoryVisible);
    }
}

/// <summary>Member classes: camelCase in the API, snake_case in the database.</summary>
public static class MemberClasses
{
    public static readonly IReadOnlyList<string> Api = ["contributor", "worker", "founder", "buyerMember"];

    public static string ToApi(string db) => db == "buyer_member" ? "buyerMember" : db;

    public static string ToDb(string api) => api == "buyerMember" ? "buyer_member" : api;
}
