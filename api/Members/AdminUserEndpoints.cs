using Dapper;
using FluentValidation;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Members;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, string[] Roles, string? MemberClass, DateTimeOffset CreatedAt);

public sealed record UserPage(IReadOnlyList<UserSummary> Items, string? NextCursor);

public sealed record SetRolesRequest(string[] Roles);

public sealed class SetRolesRequestValidator : AbstractValidator<SetRolesRequest>
{
    public SetRolesRequestValidator()
    {
        RuleFor(r => r.Roles).NotNull().WithMessage("List the roles the user should hold.");
        RuleForEach(r => r.Roles).Must(Platform.Roles.All.Contains)
            .WithMessage($"Unknown role. Roles are: {string.Join(", ", Platform.Roles.All)}.");
    }
}

public sealed record GrantMembershipRequest(string MemberClass);

public sealed class GrantMembershipRequestValidator : AbstractValidator<GrantMembershipRequest>
{
    public GrantMembershipRequestValidator() =>
        RuleFor(r => r.MemberClass).Must(MemberClasses.Api.Contains)
            .WithMessage($"Member class must be one of: {string.Join(", ", MemberClasses.Api)}.");
}

/// <summary>Staff tools for accounts: who holds which role, and who is a member of the co-op.</summary>
public static class AdminUserEndpoints
{
    public static RouteGroupBuilder MapAdminUsers(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/users").WithTags("Members").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListUsers).WithName("ListUsers");
        admin.MapPut("/{id:guid}/roles", SetUserRoles).WithName("SetUserRoles").WithValidation<SetRolesRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/membership", GrantMembership).WithName("GrantMembership").WithValidation<GrantMembershipRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private const string SummaryColumns = """
        u.id, u.email, u.display_name, u.created_at,
        array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles,
        (select m.member_class from memberships m where m.user_id = u.id and m.ended_at is null) as member_class
        """;

    private sealed record SummaryRow
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string[] Roles { get; init; } = [];
        public string? MemberClass { get; init; }

        public UserSummary ToApi() => new(Id, Email, DisplayName, Roles, MemberClass is null ? null : MemberClasses.ToApi(MemberClass),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero));
    }

    [EndpointSummary("List users")]
    [EndpointDescription("Admins: accounts with their roles, searchable and paged.")]
    private static async Task<Results<Ok<UserPage>, ProblemHttpResult>> ListUsers(
        NpgsqlDataSource dataSource, string? q = null, string? cursor = null, int limit = 50)
    {
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        Guid? after = null;
        if (cursor is not null)
        {
            if (!Guid.TryParse(cursor, out var parsed))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
            after = parsed;
        }

        // Ids are UUIDv7, so ordering by id is ordering by sign-up time.
        var sql = $"""
            select {SummaryColumns}
            from users u
            where (@after::uuid is null or u.id > @after)
              and (@q::text is null or u.email ilike '%' || @q || '%' or u.display_name ilike '%' || @q || '%')
            order by u.id
            limit @take
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<SummaryRow>(sql, new { after, q, take = limit + 1 })).ToList();
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString() : null;
        return TypedResults.Ok(new UserPage(rows.Take(limit).Select(r => r.ToApi()).ToList(), next));
    }

    [EndpointSummary("Set a user's roles")]
    [EndpointDescription("Admins: replaces the user's roles. 409 when admins would remove their own admin role.")]
    private static async Task<Results<Ok<UserSummary>, NotFound, ProblemHttpResult>> SetUserRoles(
        Guid id, SetRolesRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var roles = request.Roles.Append(Roles.Buyer).Distinct().ToArray();
        if (id == http.User.UserId() && !roles.Contains(Roles.Admin))
            return TypedResults.Problem(statusCode: 409, title: "Cannot remove your own admin role",
                detail: "Ask another admin to do it, so the co-op is never left without one.");

        const string delete = "delete from user_roles where user_id = @id and role <> all(@roles)";
        const string insert = "insert into user_roles (user_id, role) select @id, unnest(@roles) on conflict do nothing";
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var locked = await connection.ExecuteScalarAsync<int?>("select 1 from users where id = @id for update", new { id }, tx);
        if (locked is null) return TypedResults.NotFound();
        await connection.ExecuteAsync(delete, new { id, roles }, tx);
        await connection.ExecuteAsync(insert, new { id, roles }, tx);
        await tx.CommitAsync();
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    [EndpointSummary("Grant membership")]
    [EndpointDescription("Admins: records a co-op membership for a user. 409 when the user is already a member.")]
    private static async Task<Results<Created<UserSummary>, NotFound, ProblemHttpResult>> GrantMembership(
        Guid id, GrantMembershipRequest request, NpgsqlDataSource dataSource)
    {
        const string sql = """
            insert into memberships (id, user_id, member_class)
            select @membershipId, u.id, @memberClass from users u where u.id = @id
            on conflict (user_id) where ended_at is null do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await connection.ExecuteAsync(sql, new { membershipId = Guid.CreateVersion7(), id, memberClass = MemberClasses.ToDb(request.MemberClass) });
        var user = await LoadAsync(connection, id);
        if (user is null) return TypedResults.NotFound();
        if (inserted == 0)
            return TypedResults.Problem(statusCode: 409, title: "Already a member",
                detail: "This person already holds a membership share; one member holds one share.");
        return TypedResults.Created($"/api/v1/admin/users/{id}", user);
    }

    private static async Task<UserSummary?> LoadAsync(NpgsqlConnection connection, Guid id)
    {
        var sql = $"select {SummaryColumns} from users u where u.id = @id";
        return (await connection.QuerySingleOrDefaultAsync<SummaryRow>(sql, new { id }))?.ToApi();
    }
}
