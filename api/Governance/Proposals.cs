using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Hangfire;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>
/// The rules of a proposal's life before its close: drafting and editing (author or board, draft only), opening
/// (board/admin: the window starts and the electorate is fixed), withdrawing, and casting a ballot. Times are the
/// database's clock, the same one the close job compares with.
/// </summary>
public sealed class Proposals(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, IOptions<GovernanceOptions> options, ILogger<Proposals> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsBoard(ClaimsPrincipal user) => user.IsInRole(Roles.Board) || user.IsInRole(Roles.Admin);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private sealed record Locked
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public Guid AuthorId { get; init; }
        public DateTime? OpensAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public string[] EligibleClasses { get; init; } = [];
        public string? SettingsChange { get; init; }
        public DateTime Now { get; init; }
    }

    private static async Task<Locked?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, string mode = "update")
    {
        var sql = $"""
            select id, status, kind, title, author_id, opens_at, closes_at, eligible_classes, settings_change::text as settings_change, now() as now
            from proposals where id = @id for {mode}
            """;
        return await connection.QuerySingleOrDefaultAsync<Locked>(sql, new { id }, tx);
    }

    public async Task<(Guid? Id, ProblemHttpResult? Problem)> DraftAsync(DraftProposalRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await CheckDraftAsync(connection, tx, request) is { } problem) return (null, problem);
        await InsertDraftAsync(connection, tx, id, request, user.UserId());
        await tx.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>Writes a checked draft and its options (the demo seed writes its proposals through here too).</summary>
    internal static async Task InsertDraftAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid id, DraftProposalRequest request, Guid authorId)
    {
        const string sql = """
            insert into proposals (id, kind, title, body_markdown, body_html, author_id, quorum_bp, opens_at, closes_at,
                                   eligible_classes, secret_ballot, seats, settings_change, meeting_id)
            values (@id, @kind, @title, @body, @bodyHtml, @authorId, @quorumBp, @opensAt, @closesAt,
                    @eligibleClasses, @secretBallot, @seats, @settingsChange::jsonb, @meetingId)
            """;
        await connection.ExecuteAsync(sql, DraftParameters(id, request, authorId), tx);
        await InsertOptionsAsync(connection, tx, id, request);
    }

    public async Task<ProblemHttpResult?> UpdateAsync(Guid id, DraftProposalRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var proposal = await LockAsync(connection, tx, id);
        if (proposal is null) return Problem(404, "No such proposal", "This proposal does not exist.");
        if (proposal.AuthorId != user.UserId() && !IsBoard(user))
            return Problem(403, "Not yours to edit", "Only the proposal's author or the board can edit it.");
        if (proposal.Status != ProposalStatuses.Draft)
            return Problem(409, "No longer a draft", $"This proposal is {proposal.Status}: only drafts can be edited.");
        if (await CheckDraftAsync(connection, tx, request) is { } problem) return problem;
        const string sql = """
            update proposals set kind = @kind, title = @title, body_markdown = @body, body_html = @bodyHtml, quorum_bp = @quorumBp,
                   opens_at = @opensAt, closes_at = @closesAt, eligible_classes = @eligibleClasses, secret_ballot = @secretBallot,
                   seats = @seats, settings_change = @settingsChange::jsonb, meeting_id = @meetingId, updated_at = now()
            where id = @id
            """;
        await connection.ExecuteAsync(sql, DraftParameters(id, request, proposal.AuthorId), tx);
        await connection.ExecuteAsync("delete from proposal_options where proposal_id = @id", new { id }, tx);
        await InsertOptionsAsync(connection, tx, id, request);
        await tx.CommitAsync(ct);
        return null;
    }

    private static object DraftParameters(Guid id, DraftProposalRequest r, Guid authorId) => new
    {
        id, kind = r.Kind, title = r.Title.Trim(), body = r.Body, bodyHtml = SafeMarkdown.ToHtml(r.Body), authorId, quorumBp = r.QuorumBp,
        opensAt = r.OpensAt?.UtcDateTime, closesAt = r.ClosesAt?.UtcDateTime, eligibleClasses = r.EligibleClasses.ToArray(),
        secretBallot = r.SecretBallot ?? true, seats = r.Seats,
        settingsChange = r.SettingsChange is null ? null : JsonSerializer.Serialize(r.SettingsChange, Json), meetingId = r.MeetingId,
    };

    private static async Task<ProblemHttpResult?> CheckDraftAsync(NpgsqlConnection connection, NpgsqlTransaction tx, DraftProposalRequest request)
    {
        if (request.CandidateIds is { Count: > 0 } candidates && await NotMembersAsync(connection, tx, candidates) is { Count: > 0 } missing)
            return Problem(400, "Candidates must be members",
                $"Every candidate must be a current member of the co-op; these are not: {string.Join(", ", missing)}.");
        if (request.MeetingId is { } meetingId
            && !await connection.ExecuteScalarAsync<bool>("select exists (select 1 from meetings where id = @meetingId)", new { meetingId }, tx))
            return Problem(400, "No such meeting", "The meeting this proposal names does not exist: pick one from the co-op's meetings, or none.");
        if (request.SettingsChange is { } change && await SettingsChanges.CheckAsync(connection, change) is { } message)
            return Problem(400, "The settings change cannot be made", message);
        return null;
    }

    private static async Task<List<Guid>> NotMembersAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<Guid> userIds)
    {
        const string sql = """
            select c from unnest(@ids) as c
            where not exists (select 1 from memberships m where m.user_id = c and m.ended_at is null)
            """;
        return (await connection.QueryAsync<Guid>(sql, new { ids = userIds.ToArray() }, tx)).AsList();
    }

    private static async Task InsertOptionsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid proposalId, DraftProposalRequest request)
    {
        List<(string Label, string Role, Guid? Candidate)> options;
        if (request.Kind == ProposalKinds.Election)
        {
            const string names = "select id, display_name from users where id = any(@ids)";
            var byId = (await connection.QueryAsync<(Guid Id, string Name)>(names, new { ids = request.CandidateIds!.ToArray() }, tx))
                .ToDictionary(u => u.Id, u => u.Name);
            options = request.CandidateIds!.Select(c => (byId[c], "candidate", (Guid?)c)).ToList();
        }
        else if (request.Options is { Count: > 0 } labels)
            options = [.. labels.Select(l => (l.Trim(), "choice", (Guid?)null)), ("Abstain", "abstain", null)];
        else
            options = [("Yes", "yes", null), ("No", "no", null), ("Abstain", "abstain", null)];

        const string sql = """
            insert into proposal_options (id, proposal_id, label, role, candidate_user_id, sort)
            select o.id, @proposalId, o.label, o.role, o.candidate, o.sort::int
            from unnest(@ids, @labels, @roles, @candidates) with ordinality as o (id, label, role, candidate, sort)
            """;
        await connection.ExecuteAsync(sql, new
        {
            proposalId, ids = options.Select(_ => Guid.CreateVersion7()).ToArray(), labels = options.Select(o => o.Label).ToArray(),
            roles = options.Select(o => o.Role).ToArray(), candidates = options.Select(o => o.Candidate).ToArray(),
        }, tx);
    }

    public async Task<ProblemHttpResult?> OpenAsync(Guid id, OpenProposalRequest request, CancellationToken ct)
    {
        var o = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var proposal = await LockAsync(connection, tx, id);
        if (proposal is null) return Problem(404, "No such proposal", "This proposal does not exist.");
        if (proposal.Status != ProposalStatuses.Draft)
            return Problem(409, "Not a draft", $"This proposal is {proposal.Status}: only a draft can be put to the vote.");

        var now = Utc(proposal.Now);
        var requestedOpen = request.OpensAt ?? (proposal.OpensAt is { } draftOpen ? Utc(draftOpen) : null);
        var opensAt = requestedOpen is { } given && given > now ? given : now;
        var closesAt = request.ClosesAt ?? (proposal.ClosesAt is { } draftClose ? Utc(draftClose) : null);
        if (closesAt is null)
            return Problem(400, "When does voting close?", "Give closesAt: the time voting ends.");
        if (closesAt.Value - opensAt < o.MinimumVotingWindow)
            return Problem(400, "Voting window too short",
                $"Voting must stay open at least {Describe(o.MinimumVotingWindow)}: close at {(opensAt + o.MinimumVotingWindow):u} or later.");
        if (closesAt.Value - opensAt > o.MaximumVotingWindow)
            return Problem(400, "Voting window too long", $"Voting may stay open at most {Describe(o.MaximumVotingWindow)}.");

        if (proposal.SettingsChange is { } json
            && await SettingsChanges.CheckAsync(connection, JsonSerializer.Deserialize<SettingsChange>(json, Json)!, ct) is { } message)
            return Problem(400, "The settings change cannot be made", message);
        if (proposal.Kind == ProposalKinds.Election)
        {
            var candidates = (await connection.QueryAsync<Guid>(
                "select candidate_user_id from proposal_options where proposal_id = @id and candidate_user_id is not null", new { id }, tx)).AsList();
            if (await NotMembersAsync(connection, tx, candidates) is { Count: > 0 } gone)
                return Problem(409, "Candidates must be members",
                    $"Some candidates are no longer members ({string.Join(", ", gone)}): edit the candidates before opening the vote.");
        }

        const string open = """
            update proposals set status = 'open', opens_at = @opensAt, closes_at = @closesAt, opened_at = now(), updated_at = now()
            where id = @id
            """;
        await connection.ExecuteAsync(open, new { id, opensAt = opensAt.UtcDateTime, closesAt = closesAt.Value.UtcDateTime }, tx);
        const string electorate = """
            insert into proposal_electorate (proposal_id, user_id, member_class)
            select @id, user_id, member_class from memberships
            where ended_at is null and member_class = any(@classes)
            returning user_id
            """;
        var electors = (await connection.QueryAsync<Guid>(electorate, new { id, classes = proposal.EligibleClasses }, tx)).AsList();
        if (electors.Count == 0)
            return Problem(409, "Nobody could vote",
                $"No current member belongs to the eligible classes ({string.Join(", ", proposal.EligibleClasses)}).");

        await Notifier.NotifyManyAsync(connection, tx, electors, "proposal", $"Vote open: {proposal.Title}",
            $"Voting {(opensAt > now ? $"opens {opensAt:u} and " : "")}closes {closesAt.Value:u}. Your vote counts: one member, one vote.",
            $"/coop/proposals/{id}");
        await ProposalEvents.PublishAsync(connection, tx, WebhookEvents.ProposalOpened, electors, new Dictionary<string, object?>
        {
            ["proposal_id"] = id, ["title"] = proposal.Title, ["kind"] = proposal.Kind, ["opens_at"] = opensAt, ["closes_at"] = closesAt.Value,
            ["eligible"] = electors.Count, ["url"] = Notifier.Absolute($"/coop/proposals/{id}"),
        });
        await tx.CommitAsync(ct);

        // The sweep closes it too if this job is lost; closing twice changes nothing.
        jobs.Schedule<ProposalClosing>(c => c.CloseAsync(id, CancellationToken.None), closesAt.Value);
        logger.LogInformation("Proposal {ProposalId} opened for {Electors} electors until {ClosesAt}", id, electors.Count, closesAt.Value);
        return null;
    }

    public async Task<ProblemHttpResult?> WithdrawAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var proposal = await LockAsync(connection, tx, id);
        if (proposal is null) return Problem(404, "No such proposal", "This proposal does not exist.");
        if (proposal.AuthorId != user.UserId() && !IsBoard(user))
            return Problem(403, "Not yours to withdraw", "Only the proposal's author or the board can withdraw it.");
        if (proposal.Status is not (ProposalStatuses.Draft or ProposalStatuses.Open))
            return Problem(409, "Cannot be withdrawn", $"This proposal is {proposal.Status}: only drafts and open votes can be withdrawn.");
        // Never counted, so no choice needs keeping: the record says who voted, not how.
        await connection.ExecuteAsync("update ballots set option_ids = null where proposal_id = @id", new { id }, tx);
        await connection.ExecuteAsync("update proposals set status = 'withdrawn', withdrawn_at = now(), updated_at = now() where id = @id", new { id }, tx);
        if (proposal.Status == ProposalStatuses.Open)
        {
            var electors = (await connection.QueryAsync<Guid>("select user_id from proposal_electorate where proposal_id = @id", new { id }, tx)).AsList();
            await Notifier.NotifyManyAsync(connection, tx, electors, "proposal", $"Vote withdrawn: {proposal.Title}",
                "This proposal was withdrawn before its close; no result will be recorded.", $"/coop/proposals/{id}");
        }
        await tx.CommitAsync(ct);
        return null;
    }

    public async Task<(MyBallot? Ballot, ProblemHttpResult? Problem)> CastAsync(Guid id, CastVoteRequest request, Guid voterId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // A share lock: votes go in side by side, while the close (which updates the row) waits for them or they for it.
        var proposal = await LockAsync(connection, tx, id, "share");
        if (proposal is null) return (null, Problem(404, "No such proposal", "This proposal does not exist."));
        if (proposal.Status != ProposalStatuses.Open)
            return (null, Problem(409, "Voting is not open", proposal.Status switch
            {
                ProposalStatuses.Draft => "This proposal is still a draft: it has not been put to the vote.",
                ProposalStatuses.Closed => "Voting on this proposal has closed; its result is recorded.",
                _ => "This proposal was withdrawn; there is nothing to vote on.",
            }));
        const string elector = "select exists (select 1 from proposal_electorate where proposal_id = @id and user_id = @voterId)";
        if (!await connection.ExecuteScalarAsync<bool>(elector, new { id, voterId }, tx))
            return (null, Problem(403, "Not on the electorate",
                $"Only members of the classes {string.Join(", ", proposal.EligibleClasses)} who were members when this vote opened may vote on it."));
        if (proposal.Now < proposal.OpensAt)
            return (null, Problem(409, "Voting has not started", $"Voting on this proposal opens at {Utc(proposal.OpensAt!.Value):u}."));
        if (proposal.Now >= proposal.ClosesAt)
            return (null, Problem(409, "Voting has closed", $"Voting on this proposal closed at {Utc(proposal.ClosesAt!.Value):u}."));

        var valid = (await connection.QueryAsync<Guid>("select id from proposal_options where proposal_id = @id", new { id }, tx)).ToHashSet();
        if (request.OptionIds.Any(o => !valid.Contains(o)))
            return (null, Problem(400, "Not an option", "Choose among this proposal's options."));
        if (proposal.Kind != ProposalKinds.Election && request.OptionIds.Count != 1)
            return (null, Problem(400, "One choice", "Choose exactly one option; only elections approve several candidates."));

        const string upsert = """
            insert into ballots (proposal_id, voter_id, option_ids) values (@id, @voterId, @optionIds)
            on conflict (proposal_id, voter_id) do update set option_ids = excluded.option_ids, changed_at = now()
            returning cast_at
            """;
        var castAt = await connection.ExecuteScalarAsync<DateTime>(upsert, new { id, voterId, optionIds = request.OptionIds.ToArray() }, tx);
        await tx.CommitAsync(ct);
        return (new MyBallot(request.OptionIds, Utc(castAt)), null);
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? "" : "s")}"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}"
        : $"{span.TotalSeconds:0} seconds";
}

/// <summary>Webhook events about proposals go to every elector who has an endpoint subscribed to them.</summary>
public static class ProposalEvents
{
    public static async Task PublishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string type, IReadOnlyCollection<Guid> electors, object data)
    {
        const string sql = """
            select distinct user_id from webhook_endpoints
            where enabled and @type = any(events) and user_id = any(@electors)
            """;
        var owners = (await connection.QueryAsync<Guid>(sql, new { type, electors = electors.ToArray() }, tx)).AsList();
        foreach (var owner in owners)
            await WebhookEvents.PublishAsync(connection, tx, type, owner, data);
    }
}
