using Dapper;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>
/// Demo votes for <c>make run</c>: one closed proposal with its recorded result and one open binding proposal (the
/// Extended royalty rate from 75 % to 80 %) the demo members can vote on. Written once: a second run finds them.
/// </summary>
internal static class DemoGovernance
{
    private const string BudgetTitle = "Adopt the 2027 budget";
    private const string RateTitle = "Raise the Extended royalty rate from 75 % to 80 %";

    public static async Task RunAsync(WebApplication app, IReadOnlyDictionary<string, Guid> people)
    {
        if (!people.TryGetValue("admin", out var admin) || !people.TryGetValue("ana", out var ana)) return;
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            var seeded = await connection.ExecuteScalarAsync<bool>("select exists (select 1 from proposals where title = any(@titles))",
                new { titles = new[] { BudgetTitle, RateTitle } });
            if (seeded) return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await ClosedBudgetAsync(dataSource, scope.ServiceProvider.GetRequiredService<ProposalClosing>(), admin, people);
        await OpenRateVoteAsync(dataSource, scope.ServiceProvider.GetRequiredService<Proposals>(), ana);
    }

    private static DraftProposalRequest Request(string title, string body, SettingsChange? change = null, int quorumBp = 2000) =>
        new(title, body, ProposalKinds.Ordinary, null, null, null, quorumBp, ["contributor", "worker", "founder", "buyer_member"], true, null, null, change, null);

    /// <summary>Voted a week ago by the demo members; closed through the real close job, so its result is computed, not typed in.</summary>
    private static async Task ClosedBudgetAsync(NpgsqlDataSource dataSource, ProposalClosing closing, Guid admin, IReadOnlyDictionary<string, Guid> people)
    {
        var id = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await Proposals.InsertDraftAsync(connection, tx, id, Request(BudgetTitle, """
                The board proposes the 2027 budget: **62 %** of revenue to royalties, **18 %** to platform costs, **12 %** to
                the workers' wages and **8 %** to the reserve. The full spreadsheet is in the members' board.
                """), admin);
            await connection.ExecuteAsync("""
                update proposals set status = 'open', opens_at = now() - interval '14 days', closes_at = now() - interval '7 days',
                       opened_at = now() - interval '14 days'
                where id = @id;
                insert into proposal_electorate (proposal_id, user_id, member_class)
                select @id, user_id, member_class from memberships where ended_at is null;
                """, new { id }, tx);
            var options = (await connection.QueryAsync<(Guid Id, string Role)>("select id, role from proposal_options where proposal_id = @id", new { id }, tx))
                .ToDictionary(o => o.Role, o => o.Id);
            var votes = new (string Who, string Role)[] { ("admin", "yes"), ("ana", "yes"), ("ben", "no"), ("editor", "abstain") };
            foreach (var (who, role) in votes)
            {
                if (!people.TryGetValue(who, out var voter)) continue;
                await connection.ExecuteAsync("""
                    insert into ballots (proposal_id, voter_id, option_ids, cast_at, changed_at)
                    select @id, @voter, array[@option], now() - interval '10 days', now() - interval '10 days'
                    where exists (select 1 from proposal_electorate where proposal_id = @id and user_id = @voter)
                    """, new { id, voter, option = options[role] }, tx);
            }
            await tx.CommitAsync();
        }
        await closing.CloseAsync(id, CancellationToken.None);
    }

    private static async Task OpenRateVoteAsync(NpgsqlDataSource dataSource, Proposals proposals, Guid ana)
    {
        var id = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await Proposals.InsertDraftAsync(connection, tx, id, Request(RateTitle, """
                Extended licences (unlimited print runs, merchandise, multi-seat) are where our photos earn the most for
                buyers. Raising the contributors' share of the extended part from **75 %** to **80 %** keeps the co-op
                competitive for the photographers who make it. Binding: if this carries, the rate changes at once.
                """, new SettingsChange { RoyaltyRateExtendedBp = 8000 }, quorumBp: 2500), ana);
            await tx.CommitAsync();
        }
        await proposals.OpenAsync(id, new OpenProposalRequest(null, DateTimeOffset.UtcNow.AddDays(4)), CancellationToken.None);
    }
}
