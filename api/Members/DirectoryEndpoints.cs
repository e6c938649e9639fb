using System.Text;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using MediaCoop.Api.Catalog;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Members;

/// <summary>A member who chose to be listed. <c>board</c>: they hold the board role.</summary>
public sealed record DirectoryMember(
    Guid Id, string DisplayName, string Handle, string MemberClass, DateTimeOffset JoinedAt, string? Bio, RenditionLink? Avatar,
    [property: JsonPropertyName("board")] bool IsBoard);

public sealed record DirectoryPage(IReadOnlyList<DirectoryMember> Items, string? NextCursor);

public sealed record SetDirectoryVisibilityRequest(bool? Visible);

public sealed class SetDirectoryVisibilityRequestValidator : AbstractValidator<SetDirectoryVisibilityRequest>
{
    public SetDirectoryVisibilityRequestValidator() =>
        RuleFor(r => r.Visible).NotNull().WithMessage("Say whether other members may see you in the directory: {\"visible\": true} or false.");
}

/// <summary>The member directory: current members who opted in, readable by members only.</summary>
public static class DirectoryEndpoints
{
    private const int PageSize = 30;

    public static RouteGroupBuilder MapMemberDirectory(this RouteGroupBuilder api)
    {
        api.MapGet("/members/directory", ListMemberDirectory).WithName("ListMemberDirectory").WithTags("Governance")
            .RequireAuthorization().RequireCurrentMember("The member directory is open to the co-op's members.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // Not members-only: a former member may still want to leave the directory.
        api.MapPut("/me/directory", SetDirectoryVisibility).WithName("SetDirectoryVisibility").WithTags("Governance")
            .RequireAuthorization().WithValidation<SetDirectoryVisibilityRequest>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private sealed record DirectoryRow
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Handle { get; init; } = "";
        public string MemberClass { get; init; } = "";
        public DateTime JoinedAt { get; init; }
        public string? Bio { get; init; }
        public string? AvatarKey { get; init; }
        public bool IsBoard { get; init; }
    }

    [EndpointSummary("List the member directory")]
    [EndpointDescription("Members: the current members who chose to be listed, by name. `q` searches names and handles; `class` is contributor, worker, founder or buyerMember; `cursor` is the previous page's `nextCursor`.")]
    private static async Task<Results<Ok<DirectoryPage>, ProblemHttpResult>> ListMemberDirectory(
        string? q, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "class")] string? memberClass, string? cursor, HttpContext http, NpgsqlDataSource dataSource)
    {
        if (memberClass is not null && !MemberClasses.Api.Contains(memberClass))
            return TypedResults.Problem(statusCode: 400, title: "Unknown member class",
                detail: $"class is one of {string.Join(", ", MemberClasses.Api)}, or leave it out for every class.");
        if (q is { Length: > 100 })
            return TypedResults.Problem(statusCode: 400, title: "Search too long", detail: "Search with at most 100 characters of a name or handle.");
        (string Name, Guid Id)? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (DecodeCursor(cursor) is not { } decoded)
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass the nextCursor of the previous page, or no cursor for the first page.");
            after = decoded;
        }

        // Names sort case-insensitively by lower(); the id breaks ties so pages never skip or repeat a member.
        const string sql = """
            select u.id, u.display_name, u.handle, m.member_class, m.joined_at, u.bio, u.avatar_key,
                   exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'board') as is_board
            from users u
            join memberships m on m.user_id = u.id and m.ended_at is null
            where u.directory_visible
              and (@pattern::text is null or u.display_name ilike @pattern or u.handle::text ilike @pattern)
              and (@memberClass::text is null or m.member_class = @memberClass)
              and (@afterName::text is null or (lower(u.display_name), u.id) > (@afterName, @afterId))
            order by lower(u.display_name), u.id
            limit @limit
            """;
        var pattern = string.IsNullOrWhiteSpace(q) ? null
            : "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<DirectoryRow>(sql, new
        {
            pattern, memberClass = memberClass is null ? null : MemberClasses.ToDb(memberClass),
            afterName = after?.Name, afterId = after?.Id ?? Guid.Empty, limit = PageSize + 1,
        })).ToList();
        var page = rows.Take(PageSize).ToList();
        var next = rows.Count > PageSize ? EncodeCursor(page[^1].DisplayName.ToLowerInvariant(), page[^1].Id) : null;
        return TypedResults.Ok(new DirectoryPage(page.Select(r => new DirectoryMember(r.Id, r.DisplayName, r.Handle, MemberClasses.ToApi(r.MemberClass),
            new DateTimeOffset(DateTime.SpecifyKind(r.JoinedAt, DateTimeKind.Utc)), r.Bio, ProfileEndpoints.AvatarLink(r.AvatarKey), r.IsBoard)).ToList(), next));
    }

    private static string EncodeCursor(string name, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}|{name}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Name, Guid Id)? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar == 36 && Guid.TryParse(text[..bar], out var id) ? (text[(bar + 1)..], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [EndpointSummary("Show or hide me in the member directory")]
    [EndpointDescription("Opt in to (visible: true) or out of (false) the member directory; nobody is listed until they opt in. Returns the updated /me.")]
    private static async Task<Results<Ok<MeResponse>, NotFound>> SetDirectoryVisibility(
        SetDirectoryVisibilityRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var userId = http.User.UserId();
        await using (var connection = await dataSource.OpenConnectionAsync(http.RequestAborted))
            await connection.ExecuteAsync("update users set directory_visible = @visible, updated_at = now() where id = @userId",
                new { visible = request.Visible!.Value, userId });
        var me = await MeEndpoints.LoadAsync(dataSource, userId);
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }
}
