using Dapper;
using MediaCoop.Api.Licensing;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

/// <summary>
/// Takes back from a member's Stripe account royalties that a refund reversed after they were paid out
/// (<c>transfer_reversal_requests</c>, written by the refund posting with a receivable for the amount).
/// The most recent paid payouts are reversed first, each for at most what is left of it, with the idempotency key
/// <c>reversal-&lt;request id&gt;-&lt;payout id&gt;</c> (one Stripe reversal per transfer touched). What came back is
/// booked as Dr cash, Cr receivable (<c>transfer_reversal:&lt;request id&gt;</c>). What could not be reversed stays
/// a receivable, which every later payout subtracts (payouts pay payable − receivable): the request is then failed
/// (nothing came back) or reversed with a smaller <c>reversed_amount</c>.
/// </summary>
public sealed class TransferReversals(NpgsqlDataSource db, StripeGateway stripe, IOptions<PayoutOptions> options, TimeProvider time, ILogger<TransferReversals> logger)
{
    private sealed record RequestRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public int Attempts { get; init; }
    }

    private sealed record PaidPayoutRow
    {
        public Guid Id { get; init; }
        public string StripeTransferId { get; init; } = "";
        public long Left { get; init; }
    }

    private async Task<TransferReversal?> FindReversalAsync(string transferId, Guid requestId, CancellationToken ct)
    {
        var list = await new TransferReversalService(stripe.Client).ListAsync(transferId, new TransferReversalListOptions { Limit = 100 }, cancellationToken: ct);
        return list.Data.FirstOrDefault(r => r.Metadata?.GetValueOrDefault("reversal_request_id") == requestId.ToString());
    }

    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string sql = """
                select id from transfer_reversal_requests where status = 'pending' and next_attempt_at <= @now
                order by created_at limit 100
                """;
            due = [.. await connection.QueryAsync<Guid>(sql, new { now = time.GetUtcNow() })];
        }
        foreach (var id in due) await ProcessAsync(id, ct);
        return due.Count;
    }

    /// <summary>One request, if due; returns its status afterwards.</summary>
    public async Task<string> ProcessAsync(Guid requestId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        RequestRow? request;
        List<PaidPayoutRow> payouts;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            // Claimed by moving its next try out: another worker skips it while Stripe answers this one.
            const string claimSql = """
                update transfer_reversal_requests set attempts = attempts + 1, next_attempt_at = @now + make_interval(secs => @lease)
                where id = @requestId and status = 'pending' and next_attempt_at <= @now
                returning id, user_id, amount, currency, attempts
                """;
            request = await connection.QuerySingleOrDefaultAsync<RequestRow>(claimSql, new { requestId, now, lease = Payouts.Lease.TotalSeconds });
            if (request is null)
                return await connection.ExecuteScalarAsync<string>("select status from transfer_reversal_requests where id = @requestId", new { requestId }) ?? "missing";
            const string payoutsSql = """
                select p.id, p.stripe_transfer_id,
                       p.amount - coalesce((select sum(r.amount) from payout_reversals r where r.payout_id = p.id and r.request_id <> @requestId), 0) as left
                from payouts p
                where p.user_id = @UserId and p.currency = @Currency and p.status = 'paid'
                order by p.sent_at desc, p.id desc
                limit 24
                """;
            payouts = [.. await connection.QueryAsync<PaidPayoutRow>(payoutsSql, new { requestId, request.UserId, request.Currency })];
        }

        var reversed = new List<(Guid PayoutId, long Amount, string ReversalId)>();
        var remaining = request.Amount;
        Exception? error = null;
        foreach (var payout in payouts.Where(p => p.Left > 0))
        {
            if (remaining == 0) break;
            var amount = Math.Min(remaining, payout.Left);
            try
            {
                // A retry may follow a lost answer from longer ago than Stripe keeps keys: look for the reversal first.
                var reversal = (request.Attempts > 1 ? await FindReversalAsync(payout.StripeTransferId, request.Id, ct) : null)
                    ?? await new TransferReversalService(stripe.Client).CreateAsync(payout.StripeTransferId, new TransferReversalCreateOptions
                {
                    Amount = amount,
                    Description = "Royalty refunded after payout",
                    Metadata = new Dictionary<string, string> { ["reversal_request_id"] = request.Id.ToString(), ["payout_id"] = payout.Id.ToString() },
                }, new RequestOptions { IdempotencyKey = $"reversal-{request.Id}-{payout.Id}" }, ct);
                reversed.Add((payout.Id, amount, reversal.Id));
                remaining -= amount;
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or PaymentProviderException
                                          or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
            {
                error = e;
                break;
            }
        }

        if (error is not null && Payouts.IsTransient(error) && request.Attempts < options.Value.MaxAttempts)
        {
            // Reversals already made are made again by the same keys on the next try, answered from Stripe's memory.
            await using var connection = await db.OpenConnectionAsync(ct);
            await connection.ExecuteAsync("""
                update transfer_reversal_requests set last_error = @message, next_attempt_at = @next where id = @id and status = 'pending'
                """, new { message = Payouts.Describe(error), next = time.GetUtcNow() + Payouts.Backoff(request.Attempts), id = request.Id });
            return "pending";
        }

        var total = reversed.Sum(r => r.Amount);
        await using (var connection = await db.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            foreach (var (payoutId, amount, reversalId) in reversed)
                await connection.ExecuteAsync("""
                    insert into payout_reversals (request_id, payout_id, amount, stripe_reversal_id, created_at)
                    values (@requestId, @payoutId, @amount, @reversalId, @now) on conflict do nothing
                    """, new { requestId = request.Id, payoutId, amount, reversalId, now }, transaction);
            if (total > 0)
                await Ledger.PostAsync(connection, transaction, new LedgerJournal($"transfer_reversal:{request.Id}", "transfer_reversal", now,
                    "Royalties taken back from the member's Stripe account after a refund", request.Currency,
                    [
                        new LedgerLine(AccountKinds.Cash, null, total),
                        new LedgerLine(AccountKinds.Receivable, request.UserId, -total),
                    ]));
            var reason = error is not null ? Payouts.Describe(error)
                : remaining > 0 ? "The member's recent payouts did not cover the whole amount; the rest nets against future royalties." : null;
            await connection.ExecuteAsync("""
                update transfer_reversal_requests
                set status = @status, reversed_amount = @total, last_error = @reason, processed_at = @now
                where id = @id and status = 'pending'
                """, new { status = total > 0 ? "reversed" : "failed", total, reason, now, id = request.Id }, transaction);
            await transaction.CommitAsync(ct);
        }
        if (total < request.Amount)
            logger.LogWarning("Transfer reversal request {RequestId}: {Total} of {Amount} taken back; the rest nets against future payouts",
                request.Id, total, request.Amount);
        return total > 0 ? "reversed" : "failed";
    }
}
