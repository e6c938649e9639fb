using Dapper;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>A contributor's cut of one sale: the user, their share of the split and the royalty credited.</summary>
public sealed record RoyaltyPart(Guid UserId, int ShareBp, long Amount);

/// <summary>
/// Turns sales and refunds into journals (the conventions are in docs of issue 7: sign debit positive). Every method
/// runs inside the caller's transaction — the one that issues the licence or records the refund — so the books
/// and the business commit together, and is idempotent by the journal's external reference.
/// </summary>
public static class RoyaltyPosting
{
    public const string SaleKind = "sale";
    public const string RefundKind = "refund";
    public const string FeeKind = "fee";

    public static string SaleRef(Guid orderLineId) => $"sale:{orderLineId}";
    public static string RefundRef(Guid refundId, Guid orderLineId) => $"refund:{refundId}:{orderLineId}";
    public static string FeeRef(string paymentReference) => $"fee:{paymentReference}";

    /// <summary>
    /// The royalty on a line: each part at its own rate, floored (the co-op keeps the sub-cent of each part).
    /// </summary>
    public static long Royalty(long standardPart, long extendedPart, int standardRateBp, int extendedRateBp) =>
        standardPart * standardRateBp / 10000 + extendedPart * extendedRateBp / 10000;

    /// <summary>
    /// Splits a royalty over the credited contributors by their share_bp with largest remainder. Callers list the
    /// asset's owner first and the others by user id: a unit left over goes to the largest fractional remainder,
    /// then to the larger share, then to the earlier position — so on a tie the owner gets it, then the lower user id.
    /// </summary>
    public static RoyaltyPart[] Split(long royalty, IReadOnlyList<(Guid UserId, int ShareBp)> contributors)
    {
        var parts = Allocation.LargestRemainder(royalty, [.. contributors.Select(c => (long)c.ShareBp)]);
        return [.. contributors.Select((c, i) => new RoyaltyPart(c.UserId, c.ShareBp, parts[i]))];
    }

    private sealed record SaleLineRow
    {
        public Guid Id { get; init; }
        public Guid AssetId { get; init; }
        public Guid OwnerId { get; init; }
        public string Currency { get; init; } = "";
        public long Amount { get; init; }
        public long AmountStandard { get; init; }
        public long AmountExtended { get; init; }
        public string Size { get; init; } = "";
        public Guid[] ContributorIds { get; init; } = [];
        public int[] ContributorShares { get; init; } = [];
    }

    /// <summary>
    /// The sale of one order line: Dr payments_clearing G, Cr revenue G, Dr royalty_expense R, Cr royalties_payable
    /// of each credited contributor (external_ref sale:&lt;order line id&gt;). The asset's credited contributors come from
    /// asset_contributors; an asset with none credits its owner alone with 10000. A free line (an upgrade that cost
    /// nothing) records nothing. Returns the journal id, or null when there was nothing to record.
    /// </summary>
    public static async Task<Guid?> PostSaleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderLineId, DateTimeOffset at)
    {
        // The line with its photo's credited contributors: owner first, then by user id, the order the remainder
        // rule (see Split) relies on.
        const string lineSql = """
            select l.id, l.asset_id, a.owner_id, o.currency, l.amount, l.amount_standard, l.amount_extended, l.size,
                   array(select c.user_id from asset_contributors c where c.asset_id = l.asset_id
                         order by (c.user_id = a.owner_id) desc, c.user_id) as contributor_ids,
                   array(select c.share_bp from asset_contributors c where c.asset_id = l.asset_id
                         order by (c.user_id = a.owner_id) desc, c.user_id) as contributor_shares
            from order_lines l join orders o on o.id = l.order_id join assets a on a.id = l.asset_id
            where l.id = @orderLineId
            """;
        var line = await connection.QuerySingleOrDefaultAsync<SaleLineRow>(lineSql, new { orderLineId }, transaction)
            ?? throw new InvalidOperationException($"Order line {orderLineId} does not exist.");
        if (line.Amount == 0) return null;

        var contributors = line.ContributorIds.Zip(line.ContributorShares).ToList();
        if (contributors.Count == 0) contributors.Add((line.OwnerId, 10000));

        var settings = await CoopSettings.LoadAsync(connection, transaction);
        var royalty = Royalty(line.AmountStandard, line.AmountExtended, settings.RoyaltyRateStandardBp, settings.RoyaltyRateExtendedBp);
        // The effective rate on the whole line (what a statement shows); exact when the line is all one kind.
        var rateBp = (int)(line.AmountExtended == 0 ? settings.RoyaltyRateStandardBp
            : line.AmountStandard == 0 ? settings.RoyaltyRateExtendedBp
            : royalty * 10000 / line.Amount);
        var parts = Split(royalty, contributors);

        List<LedgerLine> lines =
        [
            new(AccountKinds.PaymentsClearing, null, line.Amount),
            new(AccountKinds.Revenue, null, -line.Amount),
            new(AccountKinds.RoyaltyExpense, null, royalty),
            .. parts.Select(p => new LedgerLine(AccountKinds.RoyaltiesPayable, p.UserId, -p.Amount, p.ShareBp, rateBp)),
        ];
        var (journalId, _) = await Ledger.PostAsync(connection, transaction, new LedgerJournal(
            SaleRef(orderLineId), SaleKind, at, $"Sale of a {line.Size} licence", line.Currency, lines, orderLineId, line.AssetId));
        return journalId;
    }

    private sealed record LineLedgerRow
    {
        public Guid Id { get; init; }
        public Guid AssetId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        /// <summary>Refunded so far according to the books (refund journals), which is the cap for more.</summary>
        public long RefundedInLedger { get; init; }
    }

    private sealed record RoyaltyCreditRow
    {
        public Guid UserId { get; init; }
        public long Credited { get; init; }
        public long Reversed { get; init; }
        public int? ShareBp { get; init; }
        public int? RateBp { get; init; }
    }

    /// <summary>
    /// Records a refund in the books. With a line, all of <paramref name="amount"/> is that line's; without one (a
    /// refund made at Stripe as money only, a lost dispute), it is spread over the order's lines by what is left of
    /// each with largest remainder (the earlier line first on a tie). Each line gets its own journal
    /// refund:&lt;refund id&gt;:&lt;line id&gt;. Nothing beyond what the books hold as paid for the order is recorded (a
    /// refund before the sale was posted, i.e. before payment, records nothing: there was no sale in the books).
    /// </summary>
    public static async Task PostRefundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid refundId, Guid orderId,
        Guid? orderLineId, long amount, DateTimeOffset at)
    {
        if (amount <= 0) return;
        const string linesSql = """
            select l.id, l.asset_id, l.amount, o.currency,
                   coalesce((select sum(p.amount) from ledger_journals j
                             join ledger_postings p on p.journal_id = j.id
                             join ledger_accounts a on a.id = p.account_id and a.kind = 'refunds'
                             where j.order_line_id = l.id and j.kind = 'refund'), 0)::bigint as refunded_in_ledger
            from order_lines l join orders o on o.id = l.order_id
            where l.order_id = @orderId
              and exists (select 1 from ledger_journals s where s.external_ref = 'sale:' || l.id::text)
            order by l.line_no
            """;
        var lines = (await connection.QueryAsync<LineLedgerRow>(linesSql, new { orderId }, transaction)).AsList();
        var left = lines.Select(l => Math.Max(0, l.Amount - l.RefundedInLedger)).ToArray();
        var rest = Math.Min(amount, left.Sum());
        if (rest == 0) return;
        var shares = new long[lines.Count];
        if (lines.FindIndex(l => l.Id == orderLineId) is var named and >= 0)
        {
            shares[named] = Math.Min(rest, left[named]);
            rest -= shares[named];
            left[named] -= shares[named];
        }
        // A line refund larger than what the books hold for the line (part of it went back earlier as a money-only
        // refund spread over the order) spills over the order's other lines, so the books record all the money.
        if (rest > 0)
        {
            var spread = Allocation.LargestRemainder(rest, left);
            for (var i = 0; i < shares.Length; i++) shares[i] += spread[i];
        }
        for (var i = 0; i < lines.Count; i++)
            if (shares[i] > 0)
                await PostLineRefundAsync(connection, transaction, refundId, lines[i], shares[i], at);
    }

    private static async Task PostLineRefundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid refundId,
        LineLedgerRow line, long refund, DateTimeOffset at)
    {
        // What each contributor was credited by the sale and has had reversed since, in the sale's own order
        // (owner first, then by user id), from the books rather than today's asset_contributors.
        const string creditsSql = """
            select a.user_id,
                   (-sum(p.amount) filter (where j.kind = 'sale'))::bigint as credited,
                   (coalesce(sum(p.amount) filter (where j.kind = 'refund'), 0))::bigint as reversed,
                   max(p.share_bp) filter (where j.kind = 'sale') as share_bp,
                   max(p.rate_bp) filter (where j.kind = 'sale') as rate_bp
            from ledger_journals j
            join ledger_postings p on p.journal_id = j.id
            join ledger_accounts a on a.id = p.account_id and a.kind in ('royalties_payable', 'receivable')
            where j.order_line_id = @lineId and j.kind in ('sale', 'refund')
            group by a.user_id
            order by min(p.id) filter (where j.kind = 'sale')
            """;
        var credits = (await connection.QueryAsync<RoyaltyCreditRow>(creditsSql, new { lineId = line.Id }, transaction))
            .Where(c => c.Credited > 0).ToList();
        var royalty = credits.Sum(c => c.Credited);
        var reversed = credits.Sum(c => c.Reversed);

        // Cumulative: the royalty reversed after this refund is the sale's royalty in proportion to everything
        // refunded on the line so far (floored), so the last refund takes exactly what is left and the sum of
        // reversals never exceeds the royalty.
        var refundedAfter = Math.Min(line.Amount, line.RefundedInLedger + refund);
        var targetReversed = refundedAfter == line.Amount ? royalty : (long)((Int128)royalty * refundedAfter / line.Amount);
        var reversal = Math.Max(0, targetReversed - reversed);

        List<LedgerLine> lines =
        [
            new(AccountKinds.Refunds, null, refund),
            new(AccountKinds.PaymentsClearing, null, -refund),
        ];
        var receivables = new List<(Guid UserId, long Amount)>();
        if (reversal > 0)
        {
            lines.Add(new(AccountKinds.RoyaltyExpense, null, -reversal));
            // Largest remainder over what is left of each contributor's original part: on a first refund that is
            // the original parts themselves; no one's reversals ever exceed what the sale credited them.
            var weights = credits.Select(c => c.Credited - c.Reversed).ToArray();
            var parts = Allocation.LargestRemainder(reversal, weights);
            for (var i = 0; i < credits.Count; i++)
            {
                if (parts[i] == 0) continue;
                var credit = credits[i];
                var owed = await OwedAndLockAsync(connection, transaction, credit.UserId, line.Currency);
                var fromPayable = Math.Min(parts[i], Math.Max(0, owed));
                var excess = parts[i] - fromPayable;
                if (fromPayable > 0)
                    lines.Add(new(AccountKinds.RoyaltiesPayable, credit.UserId, fromPayable, credit.ShareBp, credit.RateBp));
                if (excess > 0)
                {
                    lines.Add(new(AccountKinds.Receivable, credit.UserId, excess, credit.ShareBp, credit.RateBp));
                    receivables.Add((credit.UserId, excess));
                }
            }
        }

        var (journalId, posted) = await Ledger.PostAsync(connection, transaction, new LedgerJournal(
            RefundRef(refundId, line.Id), RefundKind, at, "Refund of a licence", line.Currency, lines, line.Id, line.AssetId));
        if (!posted) return;
        // The royalty was already paid out: ask for the Stripe transfer to be reversed (roy-payouts processes these).
        foreach (var (userId, excess) in receivables)
        {
            const string requestSql = """
                insert into transfer_reversal_requests (id, user_id, amount, currency, journal_id)
                values (@id, @userId, @excess, @currency, @journalId)
                """;
            await connection.ExecuteAsync(requestSql, new { id = Guid.CreateVersion7(), userId, excess, currency = line.Currency, journalId }, transaction);
        }
    }

    /// <summary>
    /// What the co-op owes a contributor in their royalties payable account (available and pending together), after
    /// locking that account: two refunds reversing the same contributor's royalties serialise here, so both cannot
    /// take the same balance. Anything else that debits a payable account (payouts) should take the same lock.
    /// </summary>
    public static async Task<long> OwedAndLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, string currency)
    {
        var account = await Ledger.AccountAsync(connection, transaction, AccountKinds.RoyaltiesPayable, userId, currency);
        const string sql = """
            select -coalesce((select sum(amount) from ledger_postings where account_id = a.id), 0)::bigint
            from ledger_accounts a where a.id = @account for update
            """;
        return await connection.ExecuteScalarAsync<long>(sql, new { account }, transaction);
    }

    /// <summary>
    /// A payment provider's fee (from Stripe's balance transaction): Dr provider_fees F, Cr payments_clearing F,
    /// once per payment (fee:&lt;payment reference&gt;).
    /// </summary>
    public static async Task<bool> PostFeeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string paymentReference, long fee,
        string currency, DateTimeOffset at)
    {
        if (fee <= 0) return false;
        var (_, posted) = await Ledger.PostAsync(connection, transaction, new LedgerJournal(
            FeeRef(paymentReference), FeeKind, at, "Payment provider fee", currency.ToUpperInvariant(),
            [new(AccountKinds.ProviderFees, null, fee), new(AccountKinds.PaymentsClearing, null, -fee)]));
        return posted;
    }
}
