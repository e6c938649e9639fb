using Dapper;
using FluentValidation;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Governance;

public sealed record MeetingSummary(
    Guid Id, string Kind, string Title, DateTimeOffset ScheduledAt, string? Location, string? OnlineUrl, bool MinutesPublished);

public sealed record MeetingList(IReadOnlyList<MeetingSummary> Items);

public sealed record MeetingPerson(Guid Id, string DisplayName);

public sealed record MeetingProposal(Guid Id, string Title, string Status);

/// <summary>A meeting: <c>agenda</c>/<c>minutes</c> are the Markdown sources, <c>agendaHtml</c>/<c>minutesHtml</c> the sanitized HTML to show.</summary>
public sealed record Meeting(
    Guid Id, string Kind, string Title, DateTimeOffset ScheduledAt, string? Location, string? OnlineUrl,
    string Agenda, string AgendaHtml, string? Minutes, string? MinutesHtml, DateTimeOffset? MinutesPublishedAt, MeetingPerson? MinutesPublishedBy,
    IReadOnlyList<MeetingProposal> Proposals);

public sealed record ScheduleMeetingRequest(string? Kind, string? Title, DateTimeOffset? ScheduledAt, string? Location, string? OnlineUrl, string? Agenda);

public sealed class ScheduleMeetingRequestValidator : AbstractValidator<ScheduleMeetingRequest>
{
    public ScheduleMeetingRequestValidator()
    {
        RuleFor(r => r.Kind).Must(k => k is "agm" or "general" or "board")
            .WithMessage("kind is agm (the annual general meeting), general or board.");
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 200 && !t.Any(char.IsControl))
            .WithMessage("Give the meeting a title of at most 200 characters on one line.");
        RuleFor(r => r.ScheduledAt).NotNull().WithMessage("Give the date and time of the meeting (ISO 8601 with its offset).");
        RuleFor(r => r.Location).MaximumLength(500).WithMessage("Keep the location to 500 characters.");
        RuleFor(r => r.OnlineUrl).Must(u => u is null || (u.Length <= 500 && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            .WithMessage("The online link is an http(s) address such as https://meet.example.org/agm, at most 500 characters.");
        RuleFor(r => r.Agenda).MaximumLength(SafeMarkdown.MaxLength).WithMessage($"Keep the agenda to {SafeMarkdown.MaxLength} characters.");
    }
}

public sealed record PublishMinutesRequest(string? Minutes);

public sealed class PublishMinutesRequestValidator : AbstractValidator<PublishMinutesRequest>
{
    public PublishMinutesRequestValidator() =>
        RuleFor(r => r.Minutes).Must(m => !string.IsNullOrWhiteSpace(m) && m.Length <= SafeMarkdown.MaxLength)
            .WithMessage($"Write the minutes (Markdown), at most {SafeMarkdown.MaxLength} characters.");
}

/// <summary>Meetings and their minutes: the board and admins schedule them and publish minutes; members read them.</summary>
public static class MeetingEndpoints
{
    public static RouteGroupBuilder MapMeetings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/coop/meetings").WithTags("Governance").RequireAuthorization().RequireCurrentMember()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListMeetings).WithName("ListMeetings");
        group.MapPost("/", ScheduleMeeting).WithName("ScheduleMeeting").RequireAuthorization(Policies.Board).WithValidation<ScheduleMeetingRequest>();
        group.MapGet("/{id:guid}", GetMeeting).WithName("GetMeeting").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/minutes", PublishMinutes).WithName("PublishMinutes").RequireAuthorization(Policies.Board)
            .WithValidation<PublishMinutesRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private sealed record MeetingRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTime ScheduledAt { get; init; }
        public string? Location { get; init; }
        public string? OnlineUrl { get; init; }
        public string AgendaMarkdown { get; init; } = "";
        public string AgendaHtml { get; init; } = "";
        public string? MinutesMarkdown { get; init; }
        public string? MinutesHtml { get; init; }
        public DateTime? MinutesPublishedAt { get; init; }
        public Guid? MinutesPublishedBy { get; init; }
        public string? PublisherName { get; init; }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    [EndpointSummary("List meetings")]
    [EndpointDescription("Members: the co-op's meetings, latest first, and whether their minutes are published.")]
    private static async Task<Ok<MeetingList>> ListMeetings(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = """
            select id, kind, title, scheduled_at, location, online_url, minutes_published_at
            from meetings order by scheduled_at desc, id desc limit 200
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<MeetingRow>(sql);
        return TypedResults.Ok(new MeetingList(rows.Select(r =>
            new MeetingSummary(r.Id, r.Kind, r.Title, Utc(r.ScheduledAt), r.Location, r.OnlineUrl, r.MinutesPublishedAt is not null)).ToList()));
    }

    [EndpointSummary("Schedule a meeting")]
    [EndpointDescription("Board and admins: schedules a meeting (agm, general or board) with its agenda in Markdown; a meeting already held may be recorded to publish its minutes.")]
    private static async Task<Created<Meeting>> ScheduleMeeting(ScheduleMeetingRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        var id = Guid.CreateVersion7();
        var agenda = request.Agenda ?? "";
        const string sql = """
            insert into meetings (id, kind, title, scheduled_at, location, online_url, agenda_markdown, agenda_html, created_by)
            values (@id, @kind, @title, @scheduledAt, @location, @onlineUrl, @agenda, @agendaHtml, @createdBy)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await connection.ExecuteAsync(sql, new
        {
            id, kind = request.Kind, title = request.Title!.Trim(), scheduledAt = request.ScheduledAt!.Value.ToUniversalTime(),
            location = string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim(),
            onlineUrl = string.IsNullOrWhiteSpace(request.OnlineUrl) ? null : request.OnlineUrl.Trim(),
            agenda, agendaHtml = SafeMarkdown.ToHtml(agenda), createdBy = http.User.UserId(),
        });
        return TypedResults.Created($"/api/v1/coop/meetings/{id}", (await LoadAsync(connection, id))!);
    }

    [EndpointSummary("Get a meeting")]
    [EndpointDescription("Members: a meeting with its agenda, its minutes once published, and the proposals that name it.")]
    private static async Task<Results<Ok<Meeting>, ProblemHttpResult>> GetMeeting(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return await LoadAsync(connection, id) is { } meeting ? TypedResults.Ok(meeting) : NotFound();
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: "No such meeting", detail: "This meeting does not exist. Pick one from the list of meetings.");

    [EndpointSummary("Publish a meeting's minutes")]
    [EndpointDescription("Board and admins: publishes (or corrects) the minutes of a meeting that has been held, in Markdown; every member is told the first time.")]
    private static async Task<Results<Ok<Meeting>, ProblemHttpResult>> PublishMinutes(
        Guid id, PublishMinutesRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        const string lockSql = "select title, scheduled_at, minutes_published_at from meetings where id = @id for update";
        var found = await connection.QuerySingleOrDefaultAsync<MeetingRow>(lockSql, new { id }, tx);
        if (found is null) return NotFound();
        if (Utc(found.ScheduledAt) > time.GetUtcNow())
            return TypedResults.Problem(statusCode: 409, title: "The meeting has not been held",
                detail: $"Minutes are published after the meeting; this one is scheduled for {Utc(found.ScheduledAt):yyyy-MM-dd HH:mm} UTC.");

        const string sql = """
            update meetings set minutes_markdown = @minutes, minutes_html = @html,
                minutes_published_at = coalesce(minutes_published_at, now()), minutes_published_by = @by
            where id = @id
            """;
        var minutes = request.Minutes!;
        await connection.ExecuteAsync(sql, new { id, minutes, html = SafeMarkdown.ToHtml(minutes), by = http.User.UserId() }, tx);
        if (found.MinutesPublishedAt is null)
        {
            var members = (await connection.QueryAsync<Guid>("select user_id from memberships where ended_at is null", transaction: tx)).ToList();
            await Notifier.NotifyManyAsync(connection, tx, members, "coop.minutes.published", $"Minutes published: {found.Title}",
                SafeMarkdown.ToPlainText(minutes, 200), $"/coop/meetings/{id}");
        }
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Ok((await LoadAsync(connection, id))!);
    }

    private static async Task<Meeting?> LoadAsync(NpgsqlConnection connection, Guid id)
    {
        const string sql = """
            select m.id, m.kind, m.title, m.scheduled_at, m.location, m.online_url, m.agenda_markdown, m.agenda_html,
                   m.minutes_markdown, m.minutes_html, m.minutes_published_at, m.minutes_published_by, u.display_name as publisher_name
            from meetings m left join users u on u.id = m.minutes_published_by
            where m.id = @id
            """;
        var r = await connection.QuerySingleOrDefaultAsync<MeetingRow>(sql, new { id });
        if (r is null) return null;
        // The proposals put to the vote at this meeting (drafts are still being written).
        var proposals = (await connection.QueryAsync<(Guid Id, string Title, string Status)>(
                "select id, title, status from proposals where meeting_id = @id and status <> 'draft' order by created_at", new { id }))
            .Select(p => new MeetingProposal(p.Id, p.Title, p.Status)).ToList();
        return new Meeting(r.Id, r.Kind, r.Title, Utc(r.ScheduledAt), r.Location, r.OnlineUrl, r.AgendaMarkdown, r.AgendaHtml,
            r.MinutesMarkdown, r.MinutesHtml, r.MinutesPublishedAt is { } at ? Utc(at) : null,
            r.MinutesPublishedBy is { } by ? new MeetingPerson(by, r.PublisherName ?? "") : null, proposals);
    }
}
