using Dapper;
using FluentValidation;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Messaging;

public sealed record ReportMessageRequest(string Reason);

public sealed class ReportMessageRequestValidator : AbstractValidator<ReportMessageRequest>
{
    public ReportMessageRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 1000)
            .WithMessage("Say in 1 to 1,000 characters what is wrong with the message; the admins read it.");
}

/// <summary>Your report of a message: <c>open</c> until an admin decides, then <c>removed</c> or <c>restored</c>.</summary>
public sealed record MessageReport(Guid Id, Guid MessageId, string Status, string Reason, DateTimeOffset CreatedAt);

public sealed record BlockedUser(Person User, DateTimeOffset BlockedAt);

public sealed record BlockList(IReadOnlyList<BlockedUser> Items);

/// <summary>A reported message in full, for the admins who review it. <c>threadKind</c>: question, commission or topic.</summary>
public sealed record ReportedMessage(Guid Id, Guid ThreadId, string ThreadKind, string ThreadSubject, Person Author, string Body, string BodyHtml,
    DateTimeOffset CreatedAt, bool Hidden, bool Removed);

public sealed record AdminMessageReport(Guid Id, string Status, string Reason, DateTimeOffset CreatedAt, Person Reporter, ReportedMessage Message,
    Person? ReviewedBy, DateTimeOffset? ReviewedAt, string? Note);

public sealed record AdminMessageReportList(IReadOnlyList<AdminMessageReport> Items);

public static class ReportOutcomes
{
    public const string Remove = "remove";
    public const string Restore = "restore";
}

public sealed record DecideMessageReportRequest(string Outcome, string? Note);

public sealed class DecideMessageReportRequestValidator : AbstractValidator<DecideMessageReportRequest>
{
    public DecideMessageReportRequestValidator()
    {
        RuleFor(r => r.Outcome).Must(o => o is ReportOutcomes.Remove or ReportOutcomes.Restore)
            .WithMessage("outcome is \"remove\" (the message stays hidden for good) or \"restore\" (it is shown again).");
        RuleFor(r => r.Note).MaximumLength(1000).WithMessage("A note has at most 1,000 characters.");
    }
}

/// <summary>
/// Abuse controls: reporting a message (hidden at once, pending review), blocking people, and the admins' review queue.
/// </summary>
public static class ModerationEndpoints
{
    public static RouteGroupBuilder MapModeration(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{id:guid}/reports", ReportMessage).WithName("ReportMessage").WithTags(Messaging.Tag)
            .RequireAuthorization().WithValidation<ReportMessageRequest>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var blocks = api.MapGroup("/me/blocks").WithTags(Messaging.Tag).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        blocks.MapGet("/", ListBlocks).WithName("ListBlocks");
        blocks.MapPut("/{userId:guid}", BlockUser).WithName("BlockUser");
        blocks.MapDelete("/{userId:guid}", UnblockUser).WithName("UnblockUser");

        var admin = api.MapGroup("/admin/reports").WithTags(Messaging.Tag).RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListMessageReports).WithName("ListMessageReports");
        admin.MapPost("/{id:guid}/decision", DecideMessageReport).WithName("DecideMessageReport").WithValidation<DecideMessageReportRequest>();
        return api;
    }

    private sealed record ReportTargetRow
    {
        public Guid AuthorId { get; init; }
        public string Kind { get; init; } = "";
        public Guid StartedBy { get; init; }
        public Guid? RecipientId { get; init; }
        public bool ViewerIsMember { get; init; }
    }

    private sealed record ReportRow
    {
        public Guid Id { get; init; }
        public Guid MessageId { get; init; }
        public string Status { get; init; } = "";
        public string Reason { get; init; } = "";
        public DateTime CreatedAt { get; init; }

        public MessageReport ToApi() => new(Id, MessageId, Status, Reason, Messaging.Utc(CreatedAt));
    }

    [EndpointSummary("Report a message")]
    [EndpointDescription("Reports a message you can see (not your own) to the admins. It is hidden at once from everyone but its author and the admins until an admin decides. Reporting the same message again answers 200 with your existing report and changes nothing (so a restored message cannot be hidden again by the same person).")]
    private static async Task<Results<Created<MessageReport>, Ok<MessageReport>, NotFound, ProblemHttpResult>> ReportMessage(
        Guid id, ReportMessageRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var me = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string targetSql = """
            select m.author_id, t.kind, t.started_by, t.recipient_id,
                   exists (select 1 from memberships ms where ms.user_id = @me and ms.ended_at is null) as viewer_is_member
            from messages m join message_threads t on t.id = m.thread_id
            where m.id = @id
            for update of m
            """;
        var target = await connection.QuerySingleOrDefaultAsync<ReportTargetRow>(targetSql, new { id, me }, tx);
        // Whoever cannot see the message is told it does not exist, exactly as when reading the thread.
        var canSee = target is not null && (target.Kind == "topic" ? target.ViewerIsMember : target.StartedBy == me || target.RecipientId == me);
        if (!canSee) return TypedResults.NotFound();
        if (target!.AuthorId == me)
            return TypedResults.Problem(statusCode: 400, title: "Your own message",
                detail: "You can't report your own message. If someone else's reply troubles you, report that one or block them.");

        const string existingSql = "select id, message_id, status, reason, created_at from message_reports where message_id = @id and reporter_id = @me";
        if (await connection.QuerySingleOrDefaultAsync<ReportRow>(existingSql, new { id, me }, tx) is { } existing)
            return TypedResults.Ok(existing.ToApi());

        const string insert = """
            insert into message_reports (id, message_id, reporter_id, reason) values (@reportId, @id, @me, @reason)
            returning id, message_id, status, reason, created_at
            """;
        var report = await connection.QuerySingleAsync<ReportRow>(insert, new { reportId = Guid.CreateVersion7(), id, me, reason = request.Reason.Trim() }, tx);
        await connection.ExecuteAsync(
            "update messages set hidden_at = coalesce(hidden_at, now()), hidden_reason = 'reported' where id = @id", new { id }, tx);
        var admins = (await connection.QueryAsync<Guid>("select user_id from user_roles where role = 'admin'", transaction: tx)).ToList();
        await Notifier.NotifyManyAsync(connection, tx, admins, "message_report", "A message was reported",
            SafeMarkdown.ToPlainText(request.Reason, 200), "/admin/reports");
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Created($"/api/v1/messages/{id}/reports", report.ToApi());
    }

    private sealed record BlockRow
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Handle { get; init; } = "";
        public DateTime CreatedAt { get; init; }
    }

    [EndpointSummary("List the people I block")]
    [EndpointDescription("The people you blocked, most recent first. They cannot start or continue a private conversation with you, and their board posts are marked `fromBlocked` for you.")]
    private static async Task<Ok<BlockList>> ListBlocks(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = """
            select u.id, u.display_name, u.handle, b.created_at
            from user_blocks b join users u on u.id = b.blocked_id
            where b.blocker_id = @me
            order by b.created_at desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<BlockRow>(sql, new { me = http.User.UserId() });
        return TypedResults.Ok(new BlockList(rows.Select(r => new BlockedUser(new Person(r.Id, r.DisplayName, r.Handle), Messaging.Utc(r.CreatedAt))).ToList()));
    }

    [EndpointSummary("Block someone")]
    [EndpointDescription("Blocks a person: neither of you can start or continue a private conversation with the other, and their board posts are marked `fromBlocked` for you (others still see them). Blocking twice is harmless.")]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> BlockUser(Guid userId, HttpContext http, NpgsqlDataSource dataSource)
    {
        var me = http.User.UserId();
        if (userId == me)
            return TypedResults.Problem(statusCode: 400, title: "That's you", detail: "You can't block yourself.");
        const string sql = """
            insert into user_blocks (blocker_id, blocked_id)
            select @me, id from users where id = @userId
            on conflict do nothing
            returning 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (await connection.ExecuteScalarAsync<int?>(sql, new { me, userId }) is null &&
            !await connection.ExecuteScalarAsync<bool>("select exists (select 1 from users where id = @userId)", new { userId }))
            return TypedResults.NotFound();
        return TypedResults.NoContent();
    }

    [EndpointSummary("Unblock someone")]
    [EndpointDescription("Lifts your block on a person; conversations between you can continue. Unblocking someone you do not block is harmless.")]
    private static async Task<NoContent> UnblockUser(Guid userId, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync("delete from user_blocks where blocker_id = @me and blocked_id = @userId", new { me = http.User.UserId(), userId });
        return TypedResults.NoContent();
    }

    private sealed record AdminReportRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Reason { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public Guid ReporterId { get; init; }
        public string ReporterName { get; init; } = "";
        public string ReporterHandle { get; init; } = "";
        public Guid MessageId { get; init; }
        public Guid ThreadId { get; init; }
        public string ThreadKind { get; init; } = "";
        public string ThreadSubject { get; init; } = "";
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorHandle { get; init; } = "";
        public string BodyMarkdown { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public DateTime MessageCreatedAt { get; init; }
        public DateTime? HiddenAt { get; init; }
        public DateTime? RemovedAt { get; init; }
        public Guid? ReviewerId { get; init; }
        public string? ReviewerName { get; init; }
        public string? ReviewerHandle { get; init; }
        public DateTime? ReviewedAt { get; init; }
        public string? Note { get; init; }

        public AdminMessageReport ToApi() => new(Id, Status, Reason, Messaging.Utc(CreatedAt), new Person(ReporterId, ReporterName, ReporterHandle),
            new ReportedMessage(MessageId, ThreadId, ThreadKind, ThreadSubject, new Person(AuthorId, AuthorName, AuthorHandle), BodyMarkdown, BodyHtml,
                Messaging.Utc(MessageCreatedAt), HiddenAt is not null, RemovedAt is not null),
            ReviewerId is null ? null : new Person(ReviewerId.Value, ReviewerName!, ReviewerHandle!),
            ReviewedAt is null ? null : Messaging.Utc(ReviewedAt.Value), Note);
    }

    private const string AdminReportSelect = """
        select r.id, r.status, r.reason, r.created_at,
               rp.id as reporter_id, rp.display_name as reporter_name, rp.handle as reporter_handle,
               m.id as message_id, t.id as thread_id, t.kind as thread_kind, t.subject as thread_subject,
               a.id as author_id, a.display_name as author_name, a.handle as author_handle,
               m.body_markdown, m.body_html, m.created_at as message_created_at, m.hidden_at, m.removed_at,
               rv.id as reviewer_id, rv.display_name as reviewer_name, rv.handle as reviewer_handle, r.reviewed_at, r.note
        from message_reports r
        join users rp on rp.id = r.reporter_id
        join messages m on m.id = r.message_id
        join message_threads t on t.id = m.thread_id
        join users a on a.id = m.author_id
        left join users rv on rv.id = r.reviewed_by
        """;

    [EndpointSummary("List message reports")]
    [EndpointDescription("Admins: reported messages with their full text, the thread kind, the reporter and the author. `status=open` (the default) is the queue, oldest first; `removed`, `restored` or `all` list decided reports, newest first (at most 200).")]
    private static async Task<Results<Ok<AdminMessageReportList>, ProblemHttpResult>> ListMessageReports(
        HttpContext http, NpgsqlDataSource dataSource, string status = "open")
    {
        if (status is not ("open" or "removed" or "restored" or "all"))
            return TypedResults.Problem(statusCode: 400, title: "Invalid status", detail: "status is open, removed, restored or all.");
        var sql = $"""
            {AdminReportSelect}
            where (@status = 'all' or r.status = @status)
            order by case when @status = 'open' then r.created_at end, r.created_at desc
            limit 200
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<AdminReportRow>(sql, new { status });
        return TypedResults.Ok(new AdminMessageReportList(rows.Select(r => r.ToApi()).ToList()));
    }

    private sealed record DecisionTargetRow
    {
        public Guid MessageId { get; init; }
        public string Status { get; init; } = "";
        public Guid AuthorId { get; init; }
        public Guid ThreadId { get; init; }
        public string ThreadKind { get; init; } = "";
        public string Excerpt { get; init; } = "";
    }

    [EndpointSummary("Decide a message report")]
    [EndpointDescription("Admins: `remove` keeps the message hidden for good; `restore` shows it again. The decision closes every open report of that message, and its author is notified of the outcome. 409 when the report was already decided.")]
    private static async Task<Results<Ok<AdminMessageReport>, NotFound, ProblemHttpResult>> DecideMessageReport(
        Guid id, DecideMessageReportRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var admin = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string targetSql = """
            select r.message_id, r.status, m.author_id, m.thread_id, t.kind as thread_kind, m.excerpt
            from message_reports r join messages m on m.id = r.message_id join message_threads t on t.id = m.thread_id
            where r.id = @id
            for update of r, m
            """;
        var target = await connection.QuerySingleOrDefaultAsync<DecisionTargetRow>(targetSql, new { id }, tx);
        if (target is null) return TypedResults.NotFound();
        if (target.Status != "open")
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided",
                detail: $"This report was already decided ({target.Status}). Reload the queue.");

        var remove = request.Outcome == ReportOutcomes.Remove;
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        const string decide = """
            update message_reports set status = @status, reviewed_by = @admin, reviewed_at = now(), note = @note
            where message_id = @messageId and status = 'open'
            """;
        await connection.ExecuteAsync(decide, new { status = remove ? "removed" : "restored", admin, note, messageId = target.MessageId }, tx);
        var message = remove
            ? "update messages set removed_at = now(), hidden_at = coalesce(hidden_at, now()) where id = @messageId"
            : "update messages set hidden_at = null, hidden_reason = null, removed_at = null where id = @messageId";
        await connection.ExecuteAsync(message, new { messageId = target.MessageId }, tx);
        var link = target.ThreadKind == "topic" ? $"/board/{target.ThreadId}" : $"/inbox/{target.ThreadId}";
        var (title, body) = remove
            ? ("Your message was removed after review", $"An admin reviewed a report of your message \"{target.Excerpt}\" and removed it." +
                (note is null ? "" : $" Their note: {note}"))
            : ("Your message is visible again", $"An admin reviewed a report of your message \"{target.Excerpt}\" and restored it." +
                (note is null ? "" : $" Their note: {note}"));
        await Notifier.NotifyAsync(connection, tx, target.AuthorId, "message_report", title, body, link);
        await tx.CommitAsync(http.RequestAborted);

        var decided = await connection.QuerySingleAsync<AdminReportRow>($"{AdminReportSelect} where r.id = @id", new { id });
        return TypedResults.Ok(decided.ToApi());
    }
}
