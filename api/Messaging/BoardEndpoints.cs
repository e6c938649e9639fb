using System.Globalization;
using Dapper;
using FluentValidation;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Messaging;

/// <summary>A board topic in the list. <c>excerpt</c> previews its opening post (null when that post is hidden from you).</summary>
public sealed record BoardTopicSummary(Guid Id, string Title, Person Author, bool Announcement, bool Pinned, DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt, int ReplyCount, int UnreadCount, string? Excerpt, bool FromBlocked);

public sealed record BoardTopicList(IReadOnlyList<BoardTopicSummary> Items, string? NextCursor);

/// <summary>A board topic with its posts, oldest first: the first post is the topic's opening text.</summary>
public sealed record BoardTopicDetail(Guid Id, string Title, Person Author, bool Announcement, bool Pinned, DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt, int UnreadCount, bool FromBlocked, IReadOnlyList<MessageView> Messages);

public sealed record StartBoardTopicRequest(string Title, string Body, bool? Announcement);

public sealed class StartBoardTopicRequestValidator : AbstractValidator<StartBoardTopicRequest>
{
    public StartBoardTopicRequestValidator()
    {
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 200)
            .WithMessage("Give the topic a title of 1 to 200 characters.");
        RuleFor(r => r.Body).MarkdownBody("opening post");
    }
}

public sealed record PinBoardTopicRequest(bool Pinned);

/// <summary>
/// The members' board: topics and replies that only current members see (others get 403, anonymous callers 401).
/// Announcements are topics by the board or an admin: pinned, and every member is told.
/// </summary>
public static class BoardEndpoints
{
    public static RouteGroupBuilder MapBoard(this RouteGroupBuilder api)
    {
        var board = api.MapGroup("/board/topics").WithTags(Messaging.Tag).RequireAuthorization()
            .RequireCurrentMember("The members' board is open to the co-op's members. Apply for membership to take part.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        board.MapGet("/", ListBoardTopics).WithName("ListBoardTopics");
        board.MapPost("/", StartBoardTopic).WithName("StartBoardTopic").WithValidation<StartBoardTopicRequest>();
        board.MapGet("/{id:guid}", GetBoardTopic).WithName("GetBoardTopic");
        board.MapPost("/{id:guid}/replies", ReplyToBoardTopic).WithName("ReplyToBoardTopic").WithValidation<PostMessageRequest>();
        board.MapPost("/{id:guid}/read", MarkBoardTopicRead).WithName("MarkBoardTopicRead");
        board.MapPut("/{id:guid}/pin", PinBoardTopic).WithName("PinBoardTopic").RequireAuthorization(Policies.Board);
        return api;
    }

    private static bool IsAdmin(HttpContext http) => http.User.IsInRole(Roles.Admin);

    private sealed record TopicRow
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public bool Announcement { get; init; }
        public bool Pinned { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime LastMessageAt { get; init; }
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorHandle { get; init; } = "";
        public int ReplyCount { get; init; }
        public int UnreadCount { get; init; }
        public string? Excerpt { get; init; }
        public bool ExcerptHidden { get; init; }
        public bool FromBlocked { get; init; }

        public Person Author => new(AuthorId, AuthorName, AuthorHandle);

        public BoardTopicSummary ToApi() => new(Id, Title, Author, Announcement, Pinned, Messaging.Utc(CreatedAt), Messaging.Utc(LastMessageAt),
            ReplyCount, UnreadCount, ExcerptHidden ? null : Excerpt, FromBlocked);
    }

    // Unread posts count from my read mark, or from when I joined: a new member does not start with the whole history unread.
    private const string TopicSelect = """
        with viewer as (select coalesce((select joined_at from memberships where user_id = @me and ended_at is null), now()) as joined_at)
        select t.id, t.subject as title, t.announcement, t.pinned, t.created_at, t.last_message_at,
               u.id as author_id, u.display_name as author_name, u.handle as author_handle,
               greatest((select count(*) from messages m where m.thread_id = t.id) - 1, 0)::int as reply_count,
               (select count(*) from messages m
                where m.thread_id = t.id and m.author_id <> @me and m.hidden_at is null
                  and m.created_at > coalesce(r.last_read_at, viewer.joined_at))::int as unread_count,
               first.excerpt, coalesce(first.hidden, false) as excerpt_hidden,
               exists (select 1 from user_blocks b where b.blocker_id = @me and b.blocked_id = t.started_by) as from_blocked
        from message_threads t
        cross join viewer
        join users u on u.id = t.started_by
        left join thread_reads r on r.thread_id = t.id and r.user_id = @me
        left join lateral (
            select m.excerpt, (m.hidden_at is not null and m.author_id <> @me and not @isAdmin) as hidden
            from messages m where m.thread_id = t.id order by m.created_at, m.id limit 1
        ) first on true
        """;

    [EndpointSummary("List board topics")]
    [EndpointDescription("Members only: the members' board, pinned topics first, then by latest activity, with your unread count per topic. `fromBlocked` marks topics started by someone you blocked. Pass `nextCursor` back as `cursor` for the next page.")]
    private static async Task<Results<Ok<BoardTopicList>, ProblemHttpResult>> ListBoardTopics(
        HttpContext http, NpgsqlDataSource dataSource, string? cursor = null, int limit = 50)
    {
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        bool? beforePinned = null;
        DateTimeOffset? beforeAt = null;
        Guid? beforeId = null;
        if (cursor is not null)
        {
            var parts = cursor.Split('_');
            if (parts.Length != 3 || parts[0] is not ("0" or "1") ||
                !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var micros) || micros > 253_402_300_799_000_000L ||
                !Guid.TryParseExact(parts[2], "N", out var id))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
            (beforePinned, beforeAt, beforeId) = (parts[0] == "1", DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
        }
        var sql = $"""
            {TopicSelect}
            where t.kind = 'topic'
              and (@beforeAt::timestamptz is null
                   or (t.pinned, t.last_message_at, t.id) < (@beforePinned::boolean, @beforeAt::timestamptz, @beforeId::uuid))
            order by t.pinned desc, t.last_message_at desc, t.id desc
            limit @take
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<TopicRow>(sql,
            new { me = http.User.UserId(), isAdmin = IsAdmin(http), beforePinned, beforeAt, beforeId, take = limit + 1 })).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            var last = rows[limit - 1];
            next = string.Create(CultureInfo.InvariantCulture, $"{(last.Pinned ? 1 : 0)}_{(last.LastMessageAt.Ticks - DateTime.UnixEpoch.Ticks) / 10}_{last.Id:N}");
        }
        return TypedResults.Ok(new BoardTopicList(rows.Take(limit).Select(r => r.ToApi()).ToList(), next));
    }

    private static async Task<BoardTopicDetail?> LoadAsync(NpgsqlConnection connection, Guid id, Guid me, bool isAdmin)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TopicRow>($"{TopicSelect} where t.id = @id and t.kind = 'topic'", new { id, me, isAdmin });
        if (row is null) return null;
        var messages = await Conversations.MessagesAsync(connection, id, me);
        return new BoardTopicDetail(row.Id, row.Title, row.Author, row.Announcement, row.Pinned, Messaging.Utc(row.CreatedAt),
            Messaging.Utc(row.LastMessageAt), row.UnreadCount, row.FromBlocked, messages.Select(m => m.ToApi(me, isAdmin)).ToList());
    }

    [EndpointSummary("Read a board topic")]
    [EndpointDescription("Members only: a topic with all its posts, oldest first. Posts by people you blocked stay readable but carry `fromBlocked: true`; a reported post is `hidden` (no body) except for its author and admins. Reading does not mark it read: call MarkBoardTopicRead.")]
    private static async Task<Results<Ok<BoardTopicDetail>, NotFound>> GetBoardTopic(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var topic = await LoadAsync(connection, id, http.User.UserId(), IsAdmin(http));
        return topic is null ? TypedResults.NotFound() : TypedResults.Ok(topic);
    }

    [EndpointSummary("Start a board topic")]
    [EndpointDescription("Members only: opens a topic on the members' board (Markdown). `announcement: true` is for the board and admins (403 otherwise): the topic is pinned and every member is notified in the app and by e-mail. 429 past the limit of new topics an hour.")]
    private static async Task<Results<Created<BoardTopicDetail>, ProblemHttpResult>> StartBoardTopic(
        StartBoardTopicRequest request, HttpContext http, NpgsqlDataSource dataSource, MessagingLimits limits)
    {
        var me = http.User.UserId();
        var announcement = request.Announcement == true;
        if (announcement && !(http.User.IsInRole(Roles.Board) || http.User.IsInRole(Roles.Admin)))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Board only",
                detail: "Announcements are made by the board and admins. Start an ordinary topic instead.");
        if (await limits.SpendAsync(http, me, MessageWindow.BoardTopics) is { } tooMany) return tooMany;

        var id = Guid.CreateVersion7();
        var title = request.Title.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string insert = """
            insert into message_threads (id, kind, subject, started_by, announcement, pinned)
            values (@id, 'topic', @title, @me, @announcement, @announcement)
            """;
        await connection.ExecuteAsync(insert, new { id, title, me, announcement }, tx);
        await Conversations.AddMessageAsync(connection, tx, Guid.CreateVersion7(), id, me, request.Body);
        if (announcement)
        {
            const string members = "select user_id from memberships where ended_at is null and user_id <> @me";
            var everyone = (await connection.QueryAsync<Guid>(members, new { me }, tx)).ToList();
            await Notifier.NotifyManyAsync(connection, tx, everyone, "announcement", $"Announcement: {title}",
                SafeMarkdown.ToPlainText(request.Body, 300), $"/board/{id}");
        }
        await tx.CommitAsync(http.RequestAborted);
        var topic = await LoadAsync(connection, id, me, IsAdmin(http));
        return TypedResults.Created($"/api/v1/board/topics/{id}", topic!);
    }

    [EndpointSummary("Reply to a board topic")]
    [EndpointDescription("Members only: adds a post to a topic (Markdown; at most 20,000 characters). 429 past the message limit.")]
    private static async Task<Results<Created<MessageView>, NotFound, ProblemHttpResult>> ReplyToBoardTopic(
        Guid id, PostMessageRequest request, HttpContext http, NpgsqlDataSource dataSource, MessagingLimits limits)
    {
        var me = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from message_threads where id = @id and kind = 'topic')", new { id }))
            return TypedResults.NotFound();
        if (await limits.SpendAsync(http, me, MessageWindow.Messages) is { } tooMany) return tooMany;
        var messageId = Guid.CreateVersion7();
        await using (var tx = await connection.BeginTransactionAsync(http.RequestAborted))
        {
            await Conversations.AddMessageAsync(connection, tx, messageId, id, me, request.Body);
            await tx.CommitAsync(http.RequestAborted);
        }
        var message = await Conversations.MessageAsync(connection, messageId, me);
        return TypedResults.Created($"/api/v1/board/topics/{id}", message.ToApi(me, IsAdmin(http)));
    }

    [EndpointSummary("Mark a board topic read")]
    [EndpointDescription("Members only: marks every post of the topic read for you, up to its newest.")]
    private static async Task<Results<NoContent, NotFound>> MarkBoardTopicRead(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from message_threads where id = @id and kind = 'topic')", new { id }))
            return TypedResults.NotFound();
        await Conversations.MarkReadAsync(connection, http.User.UserId(), id);
        return TypedResults.NoContent();
    }

    [EndpointSummary("Pin or unpin a board topic")]
    [EndpointDescription("The board and admins: pinned topics stay at the top of the members' board.")]
    private static async Task<Results<Ok<BoardTopicSummary>, NotFound>> PinBoardTopic(
        Guid id, PinBoardTopicRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (await connection.ExecuteAsync("update message_threads set pinned = @pinned where id = @id and kind = 'topic'", new { id, pinned = request.Pinned }) == 0)
            return TypedResults.NotFound();
        var me = http.User.UserId();
        var isAdmin = IsAdmin(http);
        var row = await connection.QuerySingleAsync<TopicRow>($"{TopicSelect} where t.id = @id", new { id, me, isAdmin });
        return TypedResults.Ok(row.ToApi());
    }
}
