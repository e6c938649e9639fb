using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Messaging;

/// <summary>Per-person limits on writing, against spam and harassment. 0 turns a limit off (benchmarks do).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";
    /// <summary>Private threads one person may start per hour.</summary>
    public int NewThreadsPerHour { get; set; } = 10;
    /// <summary>Messages (private replies and board replies) one person may post per ten minutes.</summary>
    public int MessagesPerTenMinutes { get; set; } = 30;
    /// <summary>Board topics one member may start per hour.</summary>
    public int BoardTopicsPerHour { get; set; } = 5;
}

public static class Messaging
{
    public const string Tag = "Messaging";

    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section)
            .Validate(o => o is { NewThreadsPerHour: >= 0, MessagesPerTenMinutes: >= 0, BoardTopicsPerHour: >= 0 },
                "Messaging: every limit is a number of posts per window, 0 or more (0 = no limit).")
            .ValidateOnStart();
        services.AddSingleton<MessagingLimits>();
        services.ConfigureSwaggerGen(options => options.SchemaFilter<MessagingEnums>());
        return services;
    }

    public static RouteGroupBuilder MapMessaging(this RouteGroupBuilder api) => api.MapThreads().MapBoard().MapModeration();

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>The closed sets of words in messaging's JSON, typed in the contract so clients can switch on them.</summary>
internal sealed class MessagingEnums : Swashbuckle.AspNetCore.SwaggerGen.ISchemaFilter
{
    private static readonly Dictionary<(Type, string), string[]> Values = new()
    {
        [(typeof(StartThreadRequest), "kind")] = [.. ThreadKinds.All],
        [(typeof(ThreadSummary), "kind")] = [.. ThreadKinds.All],
        [(typeof(ThreadDetail), "kind")] = [.. ThreadKinds.All],
        [(typeof(ReportedMessage), "threadKind")] = [ThreadKinds.Question, ThreadKinds.Commission, "topic"],
        [(typeof(MessageReport), "status")] = ["open", "removed", "restored"],
        [(typeof(AdminMessageReport), "status")] = ["open", "removed", "restored"],
        [(typeof(DecideMessageReportRequest), "outcome")] = [ReportOutcomes.Remove, ReportOutcomes.Restore],
    };

    public void Apply(Microsoft.OpenApi.IOpenApiSchema schema, Swashbuckle.AspNetCore.SwaggerGen.SchemaFilterContext context)
    {
        if (schema.Properties is null) return;
        foreach (var ((type, property), values) in Values)
        {
            if (type != context.Type || !schema.Properties.TryGetValue(property, out var found) || found is not Microsoft.OpenApi.OpenApiSchema target) continue;
            target.Enum = values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)).ToList();
        }
    }
}

/// <summary>Someone as the other people in a conversation see them.</summary>
public sealed record Person(Guid Id, string DisplayName, string Handle);

/// <summary>
/// One message as the caller may see it. A hidden message (reported, pending review, or removed by an admin) has no
/// body for anyone but its author and admins. <c>fromBlocked</c>: written by someone the caller blocked.
/// </summary>
public sealed record MessageView(Guid Id, Person Author, string? Body, string? BodyHtml, DateTimeOffset CreatedAt, bool Hidden, bool Removed,
    bool Mine, bool FromBlocked);

public enum MessageWindow
{
    NewThreads,
    Messages,
    BoardTopics,
}

/// <summary>
/// Per-person write limits, counted with the API's PostgreSQL counters (<see cref="KeyWindows"/>) so they hold across
/// every API node. The counters' purge deletes windows that started over two minutes ago; these windows are longer,
/// so they are stored under the time their window ENDS (the purge leaves them alone until then).
/// </summary>
internal sealed class MessagingLimits(KeyWindows counters, IOptionsMonitor<MessagingOptions> options, TimeProvider time)
{
    public async Task<ProblemHttpResult?> SpendAsync(HttpContext http, Guid userId, MessageWindow window)
    {
        var o = options.CurrentValue;
        var (limit, length, what) = window switch
        {
            MessageWindow.NewThreads => (o.NewThreadsPerHour, TimeSpan.FromHours(1), "new conversations an hour"),
            MessageWindow.BoardTopics => (o.BoardTopicsPerHour, TimeSpan.FromHours(1), "new board topics an hour"),
            _ => (o.MessagesPerTenMinutes, TimeSpan.FromMinutes(10), "messages every ten minutes"),
        };
        if (limit == 0) return null;
        var now = time.GetUtcNow();
        var ticks = length.Ticks;
        var end = new DateTimeOffset(now.UtcTicks - now.UtcTicks % ticks + ticks, TimeSpan.Zero);
        var hits = await counters.HitAsync($"messaging:{window}:{userId}", end, http.RequestAborted);
        if (hits <= limit) return null;
        var wait = end - now;
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return Auth.TooManyRequests(http, wait,
            $"You can send {limit} {what}. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.");
    }
}

/// <summary>Reads and writes shared by private threads and the board.</summary>
internal static class Conversations
{
    public const int ExcerptLength = 140;

    /// <summary>
    /// Adds a message, moves the thread's activity time, and moves the author's read mark to it (writing a reply means
    /// you have read what came before). Returns the message's time.
    /// </summary>
    public static async Task<DateTimeOffset> AddMessageAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid messageId, Guid threadId,
        Guid authorId, string markdown)
    {
        const string sql = """
            with message as (
                insert into messages (id, thread_id, author_id, body_markdown, body_html, excerpt)
                values (@messageId, @threadId, @authorId, @markdown, @html, @excerpt)
                returning created_at
            ), thread as (
                update message_threads set last_message_at = greatest(last_message_at, (select created_at from message))
                where id = @threadId
            ), mark as (
                insert into thread_reads (user_id, thread_id, last_read_at)
                select @authorId, @threadId, created_at from message
                on conflict (user_id, thread_id) do update set last_read_at = greatest(thread_reads.last_read_at, excluded.last_read_at)
            )
            select created_at from message
            """;
        var at = await connection.ExecuteScalarAsync<DateTime>(sql, new
        {
            messageId, threadId, authorId, markdown,
            html = SafeMarkdown.ToHtml(markdown), excerpt = SafeMarkdown.ToPlainText(markdown, ExcerptLength),
        }, tx);
        return Messaging.Utc(at);
    }

    /// <summary>Moves the caller's read mark to the thread's latest activity (never backwards).</summary>
    public static async Task MarkReadAsync(NpgsqlConnection connection, Guid userId, Guid threadId)
    {
        const string sql = """
            insert into thread_reads (user_id, thread_id, last_read_at)
            select @userId, id, last_message_at from message_threads where id = @threadId
            on conflict (user_id, thread_id) do update set last_read_at = greatest(thread_reads.last_read_at, excluded.last_read_at)
            """;
        await connection.ExecuteAsync(sql, new { userId, threadId });
    }

    public sealed record MessageRow
    {
        public Guid Id { get; init; }
        public Guid AuthorId { get; init; }
        public string AuthorName { get; init; } = "";
        public string AuthorHandle { get; init; } = "";
        public string BodyMarkdown { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? HiddenAt { get; init; }
        public DateTime? RemovedAt { get; init; }
        public bool FromBlocked { get; init; }

        public MessageView ToApi(Guid viewer, bool isAdmin)
        {
            var mine = AuthorId == viewer;
            var hidden = HiddenAt is not null;
            var show = !hidden || mine || isAdmin;
            return new MessageView(Id, new Person(AuthorId, AuthorName, AuthorHandle), show ? BodyMarkdown : null, show ? BodyHtml : null,
                Messaging.Utc(CreatedAt), hidden, RemovedAt is not null, mine, FromBlocked);
        }
    }

    /// <summary>A thread's messages, oldest first, with whether the viewer blocked each author.</summary>
    public static async Task<List<MessageRow>> MessagesAsync(NpgsqlConnection connection, Guid threadId, Guid viewer) =>
        (await connection.QueryAsync<MessageRow>(MessagesSql + " where m.thread_id = @threadId order by m.created_at, m.id", new { threadId, viewer })).ToList();

    /// <summary>One message as <paramref name="viewer"/> sees it (the answer to posting it).</summary>
    public static async Task<MessageRow> MessageAsync(NpgsqlConnection connection, Guid messageId, Guid viewer) =>
        await connection.QuerySingleAsync<MessageRow>(MessagesSql + " where m.id = @messageId", new { messageId, viewer });

    private const string MessagesSql = """
        select m.id, m.author_id, u.display_name as author_name, u.handle as author_handle, m.body_markdown, m.body_html,
               m.created_at, m.hidden_at, m.removed_at,
               exists (select 1 from user_blocks b where b.blocker_id = @viewer and b.blocked_id = m.author_id) as from_blocked
        from messages m
        join users u on u.id = m.author_id
        """;

    /// <summary>Which way, if any, two people block each other.</summary>
    public static async Task<(bool IBlocked, bool TheyBlocked)> BlocksAsync(NpgsqlConnection connection, Guid me, Guid other, NpgsqlTransaction? tx = null)
    {
        const string sql = """
            select exists (select 1 from user_blocks where blocker_id = @me and blocked_id = @other) as i_blocked,
                   exists (select 1 from user_blocks where blocker_id = @other and blocked_id = @me) as they_blocked
            """;
        var row = await connection.QuerySingleAsync<(bool, bool)>(sql, new { me, other }, tx);
        return row;
    }

    /// <summary>Why the caller may not write to <paramref name="name"/>, or null when they may.</summary>
    public static string? BlockedReason((bool IBlocked, bool TheyBlocked) blocks, string name) =>
        blocks.TheyBlocked ? $"{name} doesn't accept messages from you."
        : blocks.IBlocked ? $"You blocked {name}; unblock them to write to them."
        : null;

    public static ProblemHttpResult Blocked(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Messages blocked", detail: reason);
}
