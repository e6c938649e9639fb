using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Notifications;

public sealed record NotificationItem(Guid Id, string Kind, string Title, string? Body, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor, int UnreadCount);

public sealed record MarkReadRequest(Guid[]? Ids, bool? All);

public sealed record OutboxItem(Guid Id, string To, string Subject, string TextBody, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    bool KeptLocally, int Attempts, string? LastError);

public sealed record OutboxPage(IReadOnlyList<OutboxItem> Items, string? NextCursor);

/// <summary>A member's notifications, and the e-mail outbox for admins (where mail stays when no SMTP server is configured).</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationRoutes(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/notifications").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/", ListNotifications).WithName("ListNotifications");
        me.MapPost("/read", MarkNotificationsRead).WithName("MarkNotificationsRead");

        api.MapGet("/admin/outbox", ListOutbox).WithName("ListOutbox").WithTags("Notifications").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static ProblemHttpResult? InvalidPage(string? cursor, int limit, out Guid? after)
    {
        after = null;
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        if (cursor is null) return null;
        if (!Guid.TryParse(cursor, out var parsed))
            return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
        after = parsed;
        return null;
    }

    private sealed record NotificationRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Body { get; init; }
        public string? Link { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? ReadAt { get; init; }

        public NotificationItem ToApi() => new(Id, Kind, Title, Body, Link, new DateTimeOffset(CreatedAt, TimeSpan.Zero), ReadAt is not null);
    }

    [EndpointSummary("List my notifications")]
    [EndpointDescription("The caller's notifications, newest first, with the unread count.")]
    private static async Task<Results<Ok<NotificationPage>, ProblemHttpResult>> ListNotifications(
        HttpContext http, NpgsqlDataSource dataSource, string? cursor = null, int limit = 50)
    {
        if (InvalidPage(cursor, limit, out var before) is { } problem) return problem;
        // Ids are UUIDv7, so newest first is id descending, and the cursor is the last id seen.
        const string sql = """
            select id, kind, title, body, link, created_at, read_at from notifications
            where user_id = @userId and (@before::uuid is null or id < @before)
            order by id desc
            limit @take
            """;
        const string unread = "select count(*)::int from notifications where user_id = @userId and read_at is null";
        var userId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<NotificationRow>(sql, new { userId, before, take = limit + 1 })).ToList();
        var unreadCount = await connection.ExecuteScalarAsync<int>(unread, new { userId });
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString() : null;
        return TypedResults.Ok(new NotificationPage(rows.Take(limit).Select(r => r.ToApi()).ToList(), next, unreadCount));
    }

    [EndpointSummary("Mark notifications read")]
    [EndpointDescription("Marks the given notifications, or all of them, as read (only ever the caller's own).")]
    private static async Task<Results<NoContent, ProblemHttpResult>> MarkNotificationsRead(
        MarkReadRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        if (request.All != true && (request.Ids is null || request.Ids.Length == 0))
            return TypedResults.Problem(statusCode: 400, title: "Nothing to mark", detail: "Pass the ids to mark read, or all: true.");
        // The user_id condition keeps callers to their own notifications; other ids are ignored, not refused,
        // so a caller learns nothing about ids that are not theirs.
        const string sql = """
            update notifications set read_at = now()
            where user_id = @userId and read_at is null and (@all or id = any(@ids))
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync(sql, new { userId = http.User.UserId(), all = request.All == true, ids = request.Ids ?? [] });
        return TypedResults.NoContent();
    }

    private sealed record OutboxRow
    {
        public Guid Id { get; init; }
        public string ToEmail { get; init; } = "";
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? SentAt { get; init; }
        public bool KeptLocally { get; init; }
        public int Attempts { get; init; }
        public string? LastError { get; init; }

        public OutboxItem ToApi() => new(Id, ToEmail, Subject, TextBody, new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            SentAt is null ? null : new DateTimeOffset(SentAt.Value, TimeSpan.Zero), KeptLocally, Attempts, LastError);
    }

    [EndpointSummary("List outgoing e-mails")]
    [EndpointDescription("Admins: the e-mails the co-op has written, newest first (kept locally when no SMTP server is configured).")]
    private static async Task<Results<Ok<OutboxPage>, ProblemHttpResult>> ListOutbox(
        NpgsqlDataSource dataSource, string? cursor = null, int limit = 50)
    {
        if (InvalidPage(cursor, limit, out var before) is { } problem) return problem;
        const string sql = """
            select id, to_email, subject, text_body, created_at, sent_at, kept_locally, attempts, last_error from email_outbox
            where (@before::uuid is null or id < @before)
            order by id desc
            limit @take
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<OutboxRow>(sql, new { before, take = limit + 1 })).ToList();
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString() : null;
        return TypedResults.Ok(new OutboxPage(rows.Take(limit).Select(r => r.ToApi()).ToList(), next));
    }
}
