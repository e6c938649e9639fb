using System.Globalization;
using Dapper;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Messaging;

/// <summary>
/// Private threads: a buyer (anyone signed in) writes to a contributor with a question or a commission request. Only
/// the two parties ever see a thread; to anyone else, admins included, it does not exist (404). Admins see a reported
/// message through the reports queue only.
/// </summary>
public static class ThreadEndpoints
{
    public static RouteGroupBuilder MapThreads(this RouteGroupBuilder api)
    {
        var threads = api.MapGroup("/threads").WithTags(Messaging.Tag).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        threads.MapGet("/", ListThreads).WithName("ListThreads");
        threads.MapPost("/", StartThread).WithName("StartThread").WithValidation<StartThreadRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        threads.MapGet("/unread", GetUnreadCounts).WithName("GetUnreadCounts");
        threads.MapGet("/{id:guid}", GetThread).WithName("GetThread");
        threads.MapPost("/{id:guid}/messages", PostMessage).WithName("PostMessage").WithValidation<PostMessageRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        threads.MapPost("/{id:guid}/read", MarkThreadRead).WithName("MarkThreadRead");
        return api;
    }

    private static bool IsAdmin(HttpContext http) => http.User.IsInRole(Roles.Admin);

    private sealed record SummaryRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime LastMessageAt { get; init; }
        public long? BudgetAmount { get; init; }
        public string? BudgetCurrency { get; init; }
        public DateTime? Deadline { get; init; }
        public Guid? AssetId { get; init; }
        public string? AssetTitle { get; init; }
        public string? ThumbnailKey { get; init; }
        public Guid CounterpartId { get; init; }
        public string CounterpartName { get; init; } = "";
        public string CounterpartHandle { get; init; } = "";
        public string? LastExcerpt { get; init; }
        public DateTime? LastAt { get; init; }
        public Guid? LastAuthorId { get; init; }
        public bool LastHidden { get; init; }
        public string? FirstExcerpt { get; init; }
        public bool FirstHidden { get; init; }
        public int UnreadCount { get; init; }

        public ThreadAsset? Asset => AssetId is null ? null
            : new ThreadAsset(AssetId.Value, AssetTitle, ThumbnailKey is null ? null : MediaEndpoints.UrlFor(ThumbnailKey));

        public Person Counterpart => new(CounterpartId, CounterpartName, CounterpartHandle);

        public Commission? Commission => Kind != ThreadKinds.Commission ? null
            : new Commission(FirstHidden ? null : FirstExcerpt, BudgetAmount is null ? null : new Money(BudgetAmount.Value, BudgetCurrency!),
                Deadline is null ? null : DateOnly.FromDateTime(Deadline.Value));

        public ThreadSummary ToApi() => new(Id, Kind, Subject, Asset, Counterpart,
            LastAt is null ? null : new LastMessage(LastHidden ? null : LastExcerpt, Messaging.Utc(LastAt.Value), LastAuthorId!.Value),
            UnreadCount, Commission, Messaging.Utc(CreatedAt));
    }

    // The caller's view of each thread: the other party, the photo, the newest message, the commission brief (the
    // first message) and how many of the other party's visible messages came after the caller's read mark.
    private const string SummarySelect = """
        select t.id, t.kind, t.subject, t.created_at, t.last_message_at, t.budget_amount, t.budget_currency, t.deadline,
               a.id as asset_id, a.title as asset_title, tn.blob_key as thumbnail_key,
               c.id as counterpart_id, c.display_name as counterpart_name, c.handle as counterpart_handle,
               last.excerpt as last_excerpt, last.created_at as last_at, last.author_id as last_author_id,
               coalesce(last.hidden, false) as last_hidden,
               first.excerpt as first_excerpt, coalesce(first.hidden, false) as first_hidden,
               (select count(*) from messages m
                where m.thread_id = t.id and m.author_id <> @me and m.hidden_at is null
                  and m.created_at > coalesce(r.last_read_at, '-infinity'))::int as unread_count
        from message_threads t
        join users c on c.id = case when t.started_by = @me then t.recipient_id else t.started_by end
        left join assets a on a.id = t.asset_id
        left join asset_renditions tn on tn.asset_id = a.id and tn.kind = 'thumbnail'
        left join thread_reads r on r.thread_id = t.id and r.user_id = @me
        left join lateral (
            select m.excerpt, m.created_at, m.author_id, (m.hidden_at is not null and m.author_id <> @me) as hidden
            from messages m where m.thread_id = t.id order by m.created_at desc, m.id desc limit 1
        ) last on true
        left join lateral (
            select m.excerpt, (m.hidden_at is not null and m.author_id <> @me) as hidden
            from messages m where m.thread_id = t.id order by m.created_at, m.id limit 1
        ) first on t.kind = 'commission'
        """;

    [EndpointSummary("List my conversations")]
    [EndpointDescription("Your private threads (questions and commission requests you sent or received), newest activity first, with the other party, the photo, the newest message and your unread count. Pass `nextCursor` back as `cursor` for the next page.")]
    private static async Task<Results<Ok<ThreadList>, ProblemHttpResult>> ListThreads(
        HttpContext http, NpgsqlDataSource dataSource, string? cursor = null, int limit = 50)
    {
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        DateTimeOffset? beforeAt = null;
        Guid? beforeId = null;
        if (cursor is not null)
        {
            if (!TryParseCursor(cursor, out var at, out var id))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
            (beforeAt, beforeId) = (at, id);
        }

        // Threads I started and threads addressed to me: each side is one range scan of its own index, newest first.
        var sql = $"""
            with mine as (
                (select id from message_threads
                 where started_by = @me and kind <> 'topic'
                   and (@beforeAt::timestamptz is null or (last_message_at, id) < (@beforeAt::timestamptz, @beforeId::uuid))
                 order by last_message_at desc, id desc limit @take)
                union all
                (select id from message_threads
                 where recipient_id = @me
                   and (@beforeAt::timestamptz is null or (last_message_at, id) < (@beforeAt::timestamptz, @beforeId::uuid))
                 order by last_message_at desc, id desc limit @take)
            )
            {SummarySelect}
            where t.id in (select id from mine)
            order by t.last_message_at desc, t.id desc
            limit @take
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<SummaryRow>(sql, new { me = http.User.UserId(), beforeAt, beforeId, take = limit + 1 })).ToList();
        var next = rows.Count > limit ? Cursor(rows[limit - 1]) : null;
        return TypedResults.Ok(new ThreadList(rows.Take(limit).Select(r => r.ToApi()).ToList(), next));
    }

    private static string Cursor(SummaryRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{(row.LastMessageAt.Ticks - DateTime.UnixEpoch.Ticks) / 10}_{row.Id:N}");

    private static bool TryParseCursor(string cursor, out DateTimeOffset at, out Guid id)
    {
        at = default;
        id = default;
        var parts = cursor.Split('_');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros) ||
            !Guid.TryParseExact(parts[1], "N", out id)) return false;
        if (micros > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() * 1000) return false;
        at = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return true;
    }

    /// <summary>The thread as <paramref name="me"/> sees it, or null when they are not one of its two parties.</summary>
    internal static async Task<ThreadDetail?> LoadAsync(NpgsqlConnection connection, Guid id, Guid me, bool isAdmin)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SummaryRow>(
            $"{SummarySelect} where t.id = @id and t.kind <> 'topic' and (t.started_by = @me or t.recipient_id = @me)", new { id, me });
        if (row is null) return null;
        var blocks = await Conversations.BlocksAsync(connection, me, row.CounterpartId);
        var reason = Conversations.BlockedReason(blocks, row.CounterpartName);
        var messages = await Conversations.MessagesAsync(connection, id, me);
        return new ThreadDetail(row.Id, row.Kind, row.Subject, row.Asset, row.Counterpart, row.Commission, Messaging.Utc(row.CreatedAt),
            Messaging.Utc(row.LastMessageAt), row.UnreadCount, reason is null, reason, messages.Select(m => m.ToApi(me, isAdmin)).ToList());
    }

    [EndpointSummary("Read a conversation")]
    [EndpointDescription("A private thread with its messages, oldest first. Only its two parties may read it; to anyone else it does not exist (404). A reported message is `hidden` and has no body except for its author. Reading does not mark it read: call MarkThreadRead.")]
    private static async Task<Results<Ok<ThreadDetail>, NotFound>> GetThread(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var thread = await LoadAsync(connection, id, http.User.UserId(), IsAdmin(http));
        return thread is null ? TypedResults.NotFound() : TypedResults.Ok(thread);
    }

    private sealed record RecipientRow
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public bool IsContributor { get; init; }
    }

    private sealed record MeRow
    {
        public string DisplayName { get; init; } = "";
    }

    [EndpointSummary("Contact a contributor")]
    [EndpointDescription("Starts a private thread with a contributor: a question, or a commission request (the body is the brief; budget and deadline optional). `assetId`, when given, must be one of the contributor's published photos. The contributor is notified in the app and by e-mail. 403 when either of you blocked the other; 429 past the limit of new conversations an hour.")]
    private static async Task<Results<Created<ThreadDetail>, ProblemHttpResult>> StartThread(
        StartThreadRequest request, HttpContext http, NpgsqlDataSource dataSource, MessagingLimits limits)
    {
        var me = http.User.UserId();
        if (request.RecipientId == me)
            return TypedResults.Problem(statusCode: 400, title: "That's you",
                detail: "You can't start a conversation with yourself; choose another contributor.");
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        const string recipientSql = """
            select u.id, u.display_name,
                   exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'contributor') as is_contributor
            from users u where u.id = @id
            """;
        var recipient = await connection.QuerySingleOrDefaultAsync<RecipientRow>(recipientSql, new { id = request.RecipientId });
        if (recipient is not { IsContributor: true })
            return TypedResults.Problem(statusCode: 400, title: "Not a contributor",
                detail: "Conversations are with the co-op's contributors; the recipient is not one. Start from a contributor's photo or portfolio page.");
        if (Conversations.BlockedReason(await Conversations.BlocksAsync(connection, me, recipient.Id), recipient.DisplayName) is { } blocked)
            return Conversations.Blocked(blocked);
        if (request.AssetId is { } assetId)
        {
            const string assetSql = "select exists (select 1 from assets where id = @assetId and owner_id = @owner and status = 'published')";
            if (!await connection.ExecuteScalarAsync<bool>(assetSql, new { assetId, owner = recipient.Id }))
                return TypedResults.Problem(statusCode: 400, title: "Not their photo",
                    detail: $"That photo is not one of {recipient.DisplayName}'s published photos; leave assetId out or choose one of theirs.");
        }
        if (await limits.SpendAsync(http, me, MessageWindow.NewThreads) is { } tooMany) return tooMany;

        var id = Guid.CreateVersion7();
        var subject = request.Subject.Trim();
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string insert = """
            insert into message_threads (id, kind, subject, started_by, recipient_id, asset_id, budget_amount, budget_currency, deadline)
            values (@id, @kind, @subject, @me, @recipientId, @assetId, @budgetAmount, @budgetCurrency, @deadline)
            """;
        await connection.ExecuteAsync(insert, new
        {
            id, kind = request.Kind, subject, me, recipientId = recipient.Id, assetId = request.AssetId,
            budgetAmount = request.Budget?.Amount, budgetCurrency = request.Budget?.Currency,
            deadline = request.Deadline?.ToDateTime(TimeOnly.MinValue),
        }, tx);
        await Conversations.AddMessageAsync(connection, tx, Guid.CreateVersion7(), id, me, request.Body);
        var sender = await connection.QuerySingleAsync<MeRow>("select display_name from users where id = @me", new { me }, tx);
        var title = request.Kind == ThreadKinds.Commission
            ? $"Commission request from {sender.DisplayName}: {subject}"
            : $"{sender.DisplayName} asked you: {subject}";
        await Notifier.NotifyAsync(connection, tx, recipient.Id, "message", title,
            SafeMarkdown.ToPlainText(request.Body, Conversations.ExcerptLength), $"/inbox/{id}");
        await tx.CommitAsync(http.RequestAborted);

        var thread = await LoadAsync(connection, id, me, IsAdmin(http));
        return TypedResults.Created($"/api/v1/threads/{id}", thread!);
    }

    private sealed record PartiesRow
    {
        public Guid OtherId { get; init; }
        public string OtherName { get; init; } = "";
        public string MyName { get; init; } = "";
        public string Subject { get; init; } = "";
        public bool IBlocked { get; init; }
        public bool TheyBlocked { get; init; }
    }

    [EndpointSummary("Reply in a conversation")]
    [EndpointDescription("Adds a message to a private thread you are a party of (Markdown; at most 20,000 characters). The other party is notified; a burst of messages they have not read yet sends one notice, not one per message. 403 when either of you blocked the other; 429 past the message limit.")]
    private static async Task<Results<Created<MessageView>, NotFound, ProblemHttpResult>> PostMessage(
        Guid id, PostMessageRequest request, HttpContext http, NpgsqlDataSource dataSource, MessagingLimits limits)
    {
        var me = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        const string partiesSql = """
            select o.id as other_id, o.display_name as other_name, my.display_name as my_name, t.subject,
                   exists (select 1 from user_blocks where blocker_id = @me and blocked_id = o.id) as i_blocked,
                   exists (select 1 from user_blocks where blocker_id = o.id and blocked_id = @me) as they_blocked
            from message_threads t
            join users o on o.id = case when t.started_by = @me then t.recipient_id else t.started_by end
            join users my on my.id = @me
            where t.id = @id and t.kind <> 'topic' and (t.started_by = @me or t.recipient_id = @me)
            """;
        var parties = await connection.QuerySingleOrDefaultAsync<PartiesRow>(partiesSql, new { id, me });
        if (parties is null) return TypedResults.NotFound();
        if (Conversations.BlockedReason((parties.IBlocked, parties.TheyBlocked), parties.OtherName) is { } blocked)
            return Conversations.Blocked(blocked);
        if (await limits.SpendAsync(http, me, MessageWindow.Messages) is { } tooMany) return tooMany;

        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // One notice per burst: when the other party already has unread messages here, the first notice (and the
        // inbox's unread count) already sends them to this thread, so neither another notification nor another
        // e-mail is written. Their next notice comes with the first message after they have read the thread.
        const string alreadyUnread = """
            select exists (
                select 1 from messages m
                left join thread_reads r on r.thread_id = m.thread_id and r.user_id = @other
                where m.thread_id = @id and m.author_id <> @other and m.hidden_at is null
                  and m.created_at > coalesce(r.last_read_at, '-infinity'))
            """;
        var told = await connection.ExecuteScalarAsync<bool>(alreadyUnread, new { id, other = parties.OtherId }, tx);
        var messageId = Guid.CreateVersion7();
        await Conversations.AddMessageAsync(connection, tx, messageId, id, me, request.Body);
        if (!told)
        {
            await Notifier.NotifyAsync(connection, tx, parties.OtherId, "message", $"New message from {parties.MyName}: {parties.Subject}",
                SafeMarkdown.ToPlainText(request.Body, Conversations.ExcerptLength), $"/inbox/{id}");
        }
        await tx.CommitAsync(http.RequestAborted);

        var message = await Conversations.MessageAsync(connection, messageId, me);
        return TypedResults.Created($"/api/v1/threads/{id}", message.ToApi(me, IsAdmin(http)));
    }

    [EndpointSummary("Mark a conversation read")]
    [EndpointDescription("Marks everything in a private thread read for you, up to its newest message. Only its two parties may (others get 404).")]
    private static async Task<Results<NoContent, NotFound>> MarkThreadRead(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var me = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        const string sql = "select exists (select 1 from message_threads where id = @id and kind <> 'topic' and (started_by = @me or recipient_id = @me))";
        if (!await connection.ExecuteScalarAsync<bool>(sql, new { id, me })) return TypedResults.NotFound();
        await Conversations.MarkReadAsync(connection, me, id);
        return TypedResults.NoContent();
    }

    [EndpointSummary("Count unread conversations")]
    [EndpointDescription("For the badge: how many of your private threads have unread messages, and how many members' board topics have posts you have not read (0 when you are not a member). One cheap query.")]
    private static async Task<Ok<UnreadCounts>> GetUnreadCounts(HttpContext http, NpgsqlDataSource dataSource)
    {
        // A thread counts when its newest activity is past my read mark and some of that activity is a visible message
        // by someone else (my own posts move my mark). Board topics count from when I joined, not from the first topic ever.
        const string sql = """
            select
              (select count(*) from message_threads t
               left join thread_reads r on r.user_id = @me and r.thread_id = t.id
               where (t.started_by = @me or t.recipient_id = @me) and t.kind <> 'topic'
                 and t.last_message_at > coalesce(r.last_read_at, '-infinity')
                 and exists (select 1 from messages m where m.thread_id = t.id and m.author_id <> @me and m.hidden_at is null
                             and m.created_at > coalesce(r.last_read_at, '-infinity')))::int as threads,
              (select count(*) from message_threads t
               join memberships ms on ms.user_id = @me and ms.ended_at is null
               left join thread_reads r on r.user_id = @me and r.thread_id = t.id
               where t.kind = 'topic' and t.last_message_at > coalesce(r.last_read_at, ms.joined_at)
                 and exists (select 1 from messages m where m.thread_id = t.id and m.author_id <> @me and m.hidden_at is null
                             and m.created_at > coalesce(r.last_read_at, ms.joined_at)))::int as board
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var counts = await connection.QuerySingleAsync<(int Threads, int Board)>(sql, new { me = http.User.UserId() });
        return TypedResults.Ok(new UnreadCounts(counts.Threads, counts.Board));
    }
}
