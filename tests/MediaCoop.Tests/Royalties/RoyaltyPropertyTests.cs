using CsCheck;
using Dapper;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using static MediaCoop.Tests.Royalties.RoyaltyArrange;

namespace MediaCoop.Tests.Royalties;

/// <summary>
/// Property tests (CsCheck inside NUnit): the allocation for any amount and weights, and the ledger's invariants after
/// random sequences of sales, partial and full refunds and payouts run through the real posting code and database.
/// </summary>
public sealed class RoyaltyPropertyTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public void Largest_remainder_parts_sum_exactly_and_stay_within_one_unit_of_the_exact_share()
    {
        var weights = Gen.Long[0, 1_000_000].Array[1, 12].Where(w => w.Any(x => x > 0));
        Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000], weights).Sample((total, w) =>
        {
            var parts = Allocation.LargestRemainder(total, w);
            var sum = w.Sum();
            if (parts.Sum() != total) return false;
            for (var i = 0; i < w.Length; i++)
            {
                var exact = (decimal)total * w[i] / sum;
                if (Math.Abs(parts[i] - exact) >= 1) return false;
                if (w[i] == 0 && parts[i] != 0) return false;
                if (Math.Sign(parts[i]) * Math.Sign(total) < 0) return false;
            }
            return true;
        }, iter: 20_000);
    }

    [Test]
    public void A_royalty_never_exceeds_its_parts_at_their_rates_nor_goes_negative()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Long[0, 10_000_000], Gen.Int[0, 10000], Gen.Int[0, 10000]).Sample((standard, extended, rs, re) =>
        {
            var royalty = RoyaltyPosting.Royalty(standard, extended, rs, re);
            var exact = (standard * rs + extended * re) / 10000m;
            return royalty >= 0 && royalty <= exact && exact - royalty < 2;
        }, iter: 20_000);
    }

    /// <summary>One step of a random history; x and y pick what and how much.</summary>
    public sealed record Step(int Kind, int X, int Y);

    private static int window;

    [Test]
    public async Task After_random_sales_refunds_and_payouts_the_books_balance_replay_and_never_reverse_more_than_was_credited()
    {
        var contributors = new List<Guid>();
        for (var i = 0; i < 3; i++) contributors.Add((await Users.SignedInAsync(Api, "contributor")).Me.Id);
        var (_, buyer) = await Users.SignedInAsync(Api);
        Guid[] assets =
        [
            await PhotoAsync(contributors[0]),
            await PhotoAsync(contributors[0], (contributors[0], 6000), (contributors[1], 4000)),
            await PhotoAsync(contributors[1], (contributors[1], 3334), (contributors[2], 3333), (contributors[0], 3333)),
        ];
        var snapshots = new List<(Guid User, DateTimeOffset At, long Payable, long Receivable)>();
        var lines = new List<Guid>();

        var steps = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], (k, x, y) => new Step(k, x, y)).Array[4, 14];
        await steps.SampleAsync(async history =>
        {
            // Each history lives in its own 20-day window after the previous one, so "as of" a step sees all of it.
            var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(20 * Interlocked.Increment(ref window));
            var orders = new List<(Guid OrderId, Guid[] LineIds)>();
            for (var i = 0; i < history.Length; i++)
            {
                var step = history[i];
                var at = start.AddHours(30 * i);
                switch (step.Kind)
                {
                    case 0 or 1 or 2 when orders.Count == 0 || step.Kind == 0:
                        var count = 1 + step.X % 3;
                        var specs = Enumerable.Range(0, count).Select(n =>
                        {
                            var amount = 1 + (step.Y / (n + 1)) % 60000;
                            return new LineSpec(assets[(step.X / 3 + n) % assets.Length], amount, (step.X % 2 == 0) ? amount * (step.Y % 100) / 100 : 0);
                        }).ToArray();
                        var order = await SaleAsync(buyer.Id, at, specs);
                        orders.Add(order);
                        lines.AddRange(order.LineIds);
                        break;
                    case 1 or 2:
                        var (orderId, lineIds) = orders[step.X % orders.Count];
                        Guid? line = step.Y % 2 == 0 ? lineIds[step.Y / 2 % lineIds.Length] : null;
                        var refund = step.Kind == 2 ? long.MaxValue / 4 : 1 + step.Y % 20000;
                        await using (var connection = await OpenAsync())
                        await using (var tx = await connection.BeginTransactionAsync())
                        {
                            await RoyaltyPosting.PostRefundAsync(connection, tx, Guid.CreateVersion7(), orderId, line, refund, at);
                            await tx.CommitAsync();
                        }
                        break;
                    case 3:
                        var who = contributors[step.X % contributors.Count];
                        await using (var connection = await OpenAsync())
                        {
                            var available = (await Api_BalanceAsync(connection, who, at)).Available.Amount;
                            var payout = available * (1 + step.Y % 100) / 100;
                            if (payout > 0) await PayoutAsync(who, payout, at);
                        }
                        break;
                }

                await using var check = await OpenAsync();
                foreach (var user in contributors)
                {
                    var balance = await Api_BalanceAsync(check, user, at);
                    // Payouts took at most what was available, and only a receivable (a clawback) can make it negative.
                    Assert.That(balance.Available.Amount >= 0 || balance.Receivable.Amount > 0, $"available {balance.Available.Amount} at step {i}");
                    snapshots.Add((user, at,
                        await Ledger.BalanceAsync(check, AccountKinds.RoyaltiesPayable, user, "USD", at),
                        await Ledger.BalanceAsync(check, AccountKinds.Receivable, user, "USD", at)));
                }
            }
        }, iter: 12, threads: 1);

        await using var connection = await OpenAsync();
        // Every journal balances, so the whole ledger sums to zero in each currency.
        var totals = await connection.QueryAsync<(string Currency, long Sum)>("select currency, sum(amount)::bigint from ledger_postings group by currency");
        Assert.That(totals.Where(t => t.Sum != 0), Is.Empty);

        // Replaying the postings alone reproduces every balance seen along the way.
        var postings = (await connection.QueryAsync<(Guid User, string Kind, long Amount, DateTime At)>("""
            select a.user_id, a.kind, p.amount, j.occurred_at from ledger_postings p join ledger_accounts a on a.id = p.account_id
            join ledger_journals j on j.id = p.journal_id where a.user_id = any(@users) and a.currency = 'USD'
            """, new { users = contributors.ToArray() })).ToList();
        foreach (var (user, at, payable, receivable) in snapshots)
        {
            var upTo = postings.Where(p => p.User == user && p.At <= at.UtcDateTime).ToList();
            Assert.That(upTo.Where(p => p.Kind == AccountKinds.RoyaltiesPayable).Sum(p => p.Amount), Is.EqualTo(payable));
            Assert.That(upTo.Where(p => p.Kind == AccountKinds.Receivable).Sum(p => p.Amount), Is.EqualTo(receivable));
        }

        // Per line: refunds never exceed the sale, reversals never exceed the royalty, for the line and each contributor.
        var overdrawn = await connection.QueryAsync<string>("""
            with lines as (select unnest(@lines) as id),
            royalty as (
                select j.order_line_id as line_id, a.kind, a.user_id, sum(p.amount) filter (where j.kind = 'sale') as sold,
                       coalesce(sum(p.amount) filter (where j.kind = 'refund'), 0) as returned
                from lines l join ledger_journals j on j.order_line_id = l.id join ledger_postings p on p.journal_id = j.id
                join ledger_accounts a on a.id = p.account_id
                group by j.order_line_id, a.kind, a.user_id)
            select line_id || ' ' || kind from royalty
            where (kind = 'revenue' and sold + (select coalesce(sum(p.amount), 0) from ledger_journals j join ledger_postings p on p.journal_id = j.id
                                                join ledger_accounts a on a.id = p.account_id
                                                where j.order_line_id = royalty.line_id and j.kind = 'refund' and a.kind = 'refunds') > 0)
               or (kind = 'royalty_expense' and sold + returned < 0)
            union all
            select r.line_id || ' contributor ' || r.user_id from royalty r
            where r.kind = 'royalties_payable' and r.sold + (select coalesce(sum(x.returned), 0) from royalty x
                                                             where x.line_id = r.line_id and x.user_id = r.user_id and x.kind in ('royalties_payable', 'receivable')) > 0
            """, new { lines = lines.ToArray() });
        Assert.That(overdrawn, Is.Empty);
        // The histories did exercise refunds and clawbacks, not only sales.
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*)::int from ledger_journals where kind = 'refund' and order_line_id = any(@lines)",
            new { lines = lines.ToArray() }), Is.GreaterThan(0));
    }

    private static Task<EarningsBalance> Api_BalanceAsync(Npgsql.NpgsqlConnection connection, Guid user, DateTimeOffset at) =>
        EarningsEndpoints.BalanceAsync(connection, user, "USD", at, holdDays: 30);
}
