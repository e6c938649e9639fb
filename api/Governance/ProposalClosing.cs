using System.Text.Json;
using Dapper;
using Hangfire;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Royalties;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>
/// Closes votes: scheduled for each proposal at its close time, and swept every minute for any that were missed. One
/// transaction claims the proposal (<c>status open → closed</c>, only once its time has come: a second or concurrent
/// run finds nothing to claim), counts, separates secret choices from voters, applies a carried settings change or an
/// election, records the result, notifies the electorate and publishes <c>proposal.closed</c>. The result is then
/// permanent (migration 31's triggers refuse any later change).
/// </summary>
public sealed class ProposalClosing(NpgsqlDataSource dataSource, CoopSettings settings, ILogger<ProposalClosing> logger)
{
    public const string SweepJobId = "proposal-close-sweep";

    /// <summary>Closes every open proposal whose time has come; returns how many this run closed.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> CloseDueAsync(CancellationToken ct)
    {
        const string sql = "select id from proposals where status = 'open' and closes_at <= now() order by closes_at limit 500";
        List<Guid> due;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            due = (await connection.QueryAsync<Guid>(sql)).AsList();
        var closed = 0;
        foreach (var id in due)
            if (await CloseAsync(id, ct)) closed++;
        return closed;
    }

    private sealed record Claimed
    {
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public int? Seats { get; init; }
        public int QuorumBp { get; init; }
        public bool SecretBallot { get; init; }
        public string? SettingsChange { get; init; }
        public DateTime ClosedAt { get; init; }
    }

    private sealed record OptionRow
    {
        public Guid Id { get; init; }
        public string Role { get; init; } = "";
        public string Label { get; init; } = "";
        public Guid? CandidateUserId { get; init; }
    }

    /// <summary>Closes the proposal if it is open and due; false when there was nothing to do (already closed, not yet due).</summary>
    public async Task<bool> CloseAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string claim = """
            update proposals set status = 'closed', closed_at = now(), updated_at = now()
            where id = @id and status = 'open' and closes_at <= now()
            returning kind, title, seats, quorum_bp, secret_ballot, settings_change::text as settings_change, closed_at
            """;
        var proposal = await connection.QuerySingleOrDefaultAsync<Claimed>(claim, new { id }, tx);
        if (proposal is null) return false;

        var electors = (await connection.QueryAsync<Guid>("select user_id from proposal_electorate where proposal_id = @id", new { id }, tx)).AsList();
        var options = (await connection.QueryAsync<OptionRow>(
            "select id, role, label, candidate_user_id from proposal_options where proposal_id = @id order by sort", new { id }, tx)).AsList();
        var ballots = (await connection.QueryAsync<Guid[]>("select option_ids from ballots where proposal_id = @id", new { id }, tx)).AsList();
        var tally = ProposalTally.Count(proposal.Kind, proposal.Seats, proposal.QuorumBp, electors.Count,
            options.Select(o => new TallyOption(o.Id, o.Role, o.CandidateUserId)).ToList(), ballots);

        if (proposal.SecretBallot)
        {
            // Random ids in random order: neither the key nor the physical order follows the voters.
            const string separate = """
                insert into anonymous_ballots (proposal_id, option_ids)
                select proposal_id, option_ids from ballots where proposal_id = @id order by random()
                """;
            await connection.ExecuteAsync(separate, new { id }, tx);
            await connection.ExecuteAsync("update ballots set option_ids = null where proposal_id = @id", new { id }, tx);
        }

        Guid? settingsChangeId = null;
        string? settingsChangeProblem = null;
        if (tally.Carried && proposal.SettingsChange is { } json)
        {
            var change = JsonSerializer.Deserialize<SettingsChange>(json, Proposals.Json)!;
            // Checked at draft and open, but the co-op may have moved since (a pool recorded meanwhile): the vote still
            // closes, with the reason the change could not be made, rather than retrying a close that cannot succeed.
            settingsChangeProblem = await SettingsChanges.CheckAsync(connection, change, ct);
            if (settingsChangeProblem is null)
                settingsChangeId = await SettingsChanges.ApplyAsync(connection, tx, change, SettingsAuthority.Proposal(id), ct);
        }
        if (proposal.Kind == ProposalKinds.Election && tally.Elected.Count > 0)
            await SeatBoardAsync(connection, tx, id, tally.Elected);

        var closedAt = Proposals.Utc(proposal.ClosedAt);
        var results = new ProposalResults(tally.Eligible, tally.Voted, tally.TurnoutBp, tally.QuorumMet, tally.Counts, tally.Outcome,
            tally.Elected, tally.WinningOptionId, settingsChangeId, settingsChangeProblem, closedAt);
        await connection.ExecuteAsync("update proposals set result = @result::jsonb, settings_change_id = @settingsChangeId where id = @id",
            new { id, result = JsonSerializer.Serialize(results, Proposals.Json), settingsChangeId }, tx);

        var summary = Summary(tally, options);
        await Notifier.NotifyManyAsync(connection, tx, electors, "proposal", $"Vote closed: {proposal.Title}", summary, $"/coop/proposals/{id}");
        await ProposalEvents.PublishAsync(connection, tx, WebhookEvents.ProposalClosed, electors, new Dictionary<string, object?>
        {
            ["proposal_id"] = id, ["title"] = proposal.Title, ["kind"] = proposal.Kind, ["closed_at"] = closedAt,
            ["outcome"] = tally.Outcome, ["eligible"] = tally.Eligible, ["voted"] = tally.Voted, ["turnout_bp"] = tally.TurnoutBp,
            ["quorum_met"] = tally.QuorumMet,
            ["counts"] = tally.Counts.Select(c => new Dictionary<string, object> { ["option_id"] = c.OptionId, ["votes"] = c.Votes }).ToList(),
            ["elected"] = tally.Elected, ["settings_change_id"] = settingsChangeId,
            ["url"] = Notifier.Absolute($"/coop/proposals/{id}"),
        });
        await tx.CommitAsync(ct);
        if (settingsChangeId is not null)
        {
            SettingsChanges.ForgetCachedSettings();
            settings.Invalidate();
        }
        logger.LogInformation("Proposal {ProposalId} closed: {Outcome}, {Voted} of {Eligible} voted", id, tally.Outcome, tally.Voted, tally.Eligible);
        return true;
    }

    /// <summary>
    /// The elected take office and the previous board's terms end (everyone else loses the board role; admins keep
    /// their own role, which is separate). An election that fills no seat leaves the sitting board in office.
    /// </summary>
    private static async Task SeatBoardAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid proposalId, IReadOnlyList<Guid> elected)
    {
        var ids = elected.ToArray();
        await connection.ExecuteAsync("update board_terms set ended_at = now() where ended_at is null", transaction: tx);
        await connection.ExecuteAsync("delete from user_roles where role = 'board' and user_id <> all(@ids)", new { ids }, tx);
        const string seat = """
            insert into board_terms (id, user_id, proposal_id) select t.id, t.user_id, @proposalId from unnest(@termIds, @ids) as t (id, user_id);
            insert into user_roles (user_id, role) select user_id, 'board' from unnest(@ids) as t (user_id) on conflict do nothing;
            """;
        await connection.ExecuteAsync(seat, new { proposalId, ids, termIds = ids.Select(_ => Guid.CreateVersion7()).ToArray() }, tx);
    }

    private static string Summary(TallyResult tally, IReadOnlyList<OptionRow> options)
    {
        var turnout = $"{tally.Voted} of {tally.Eligible} eligible members voted ({tally.TurnoutBp / 100.0:0.#} %).";
        var label = options.FirstOrDefault(o => o.Id == tally.WinningOptionId)?.Label;
        return tally.Outcome switch
        {
            ProposalOutcomes.NoQuorum => $"No quorum: the proposal failed. {turnout}",
            ProposalOutcomes.Carried => label is null or "Yes" ? $"Carried. {turnout}" : $"Carried: {label}. {turnout}",
            ProposalOutcomes.Elected => $"{tally.Elected.Count} elected to the board. {turnout}",
            ProposalOutcomes.Tied => $"Tied: not carried. {turnout}",
            _ => $"Failed. {turnout}",
        };
    }
}
