using MediaCoop.Api.Platform;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Hangfire;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Notifications;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

/// <summary>Section <c>Payouts</c>: when the durable jobs run and how long a failing transfer is retried.</summary>
public sealed class PayoutOptions
{
    public const string Section = "Payouts";

    /// <summary>The monthly run (UTC): 06:00 on the 1st. Empty: no scheduled run (admins run it by hand).</summary>
    public string? RunCron { get; set; } = "0 6 1 * *";

    /// <summary>Retries of failed transfers and pending transfer reversals. Empty: not scheduled.</summary>
    public string? RetryCron { get; set; } = "*/10 * * * *";

    /// <summary>Attempts before a payout is given up as failed and its amount is owed again.</summary>
    public int MaxAttempts { get; set; } = 8;
}

/// <summary>The co-op settings payouts need, from <c>coop_settings</c> with the shared defaults for missing keys.</summary>
public sealed record PayoutSettings(long ThresholdMinor, int HoldDays)
{
    public static async Task<PayoutSettings> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        const string sql = """
            select key, value::text as value from coop_settings where key in ('payout_threshold_minor', 'payout_hold_days')
            """;
        var values = (await connection.QueryAsync<(string Key, string Value)>(sql, transaction: transaction))
            .ToDictionary(r => r.Key, r => r.Value);
        return new PayoutSettings(Number(values, "payout_threshold_minor", 2500), (int)Number(values, "payout_hold_days", 30));
    }

    private static long Number(Dictionary<string, string> values, string key, long fallback)
    {
        if (!values.TryGetValue(key, out var json)) return fallback;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind switch
        {
            JsonValueKind.Number => document.RootElement.GetInt64(),
            JsonValueKind.String when long.TryParse(document.RootElement.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => fallback,
        };
    }
}

/// <summary>A member's balance in one currency, as the payout run sees it.</summary>
public sealed record PayoutBalance(string Currency, long Payable, long Receivable, long Pending)
{
    /// <summary>What may be paid out now: owed, less what they owe us back, less royalties still in the hold period.</summary>
    public long Available => Payable - Receivable - Pending;
}

public sealed record PayoutRunResult(Guid RunId, string Period, int Created, int Paid, int Failed);

/// <summary>
/// Pays contributors their available royalties through Stripe Connect transfers, exactly once.
/// A payout is first a row and its <c>payout:&lt;id&gt;</c> journal (Dr royalties_payable, Cr payouts_in_transit),
/// committed together; only then is Stripe asked for the transfer, with the idempotency key <c>payout-&lt;id&gt;</c>
/// and the transfer group <c>payout_&lt;id&gt;</c>. A lost answer is retried with the same key; once the payout is
/// older than Stripe keeps keys (24 h), a retry first lists the transfers of its group and adopts the one it finds.
/// A Connect transfer moves the money between Stripe balances at once, so the transfer Stripe returns is the
/// confirmation: the payout is then paid and settled (Dr payouts_in_transit, Cr cash). A payout given up is failed
/// and its amount owed again (<c>payout_failed:&lt;id&gt;</c>); the next run pays it with the rest.
/// </summary>
public sealed class Payouts(NpgsqlDataSource db, StripeGateway stripe, TransferReversals reversals, IOptions<PayoutOptions> options, TimeProvider time,
    ILogger<Payouts> logger)
{
    public const string RunJobId = "payout-run";
    public const string RetryJobId = "payout-retry";

    /// <summary>Stripe keeps idempotency keys for at least 24 hours; an hour of margin for clocks and slow retries.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(23);

    public static string Period(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>How long a try in flight holds its payout: well beyond Stripe.net's timeouts and its own retries.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How long before the next try after <paramref name="attempts"/> tries.</summary>
    public static TimeSpan Backoff(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(5),
        2 => TimeSpan.FromMinutes(30),
        3 => TimeSpan.FromHours(2),
        4 => TimeSpan.FromHours(6),
        5 => TimeSpan.FromHours(12),
        _ => TimeSpan.FromHours(24),
    };

    public static void Schedule(IRecurringJobManager recurring, PayoutOptions options)
    {
        recurring.AddOrRemove<Payouts>(RunJobId, p => p.ScheduledRunAsync(CancellationToken.None), options.RunCron);
        recurring.AddOrRemove<Payouts>(RetryJobId, p => p.RetryAsync(CancellationToken.None), options.RetryCron);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<PayoutRunResult?> ScheduledRunAsync(CancellationToken ct)
    {
        if (!stripe.Options.HasApiKey)
        {
            logger.LogWarning("The monthly payout run did nothing: Stripe is not configured (Payments:Stripe:SecretKey)");
            return null;
        }
        return await RunAsync(null, ct);
    }

    /// <summary>The retry job: due payouts, then pending transfer reversals.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RetryAsync(CancellationToken ct)
    {
        await SendDueAsync(ct);
        await reversals.ProcessDueAsync(ct);
    }

    private sealed record EligibleRow
    {
        public Guid UserId { get; init; }
    }

    /// <summary>
    /// One run for the current month: a payout for every contributor with an enabled account, no hold, and an
    /// available balance at or above the threshold; then their transfers. Running it again in the same month pays
    /// no one twice (one live payout per member, currency and period; a failed one does not count).
    /// </summary>
    public async Task<PayoutRunResult> RunAsync(Guid? startedBy, CancellationToken ct)
    {
        // Without Stripe no payout could be sent: better none made than money parked in transit until it fails.
        if (!stripe.Options.HasApiKey)
            throw new PaymentProviderException("Payouts need Stripe: set Payments:Stripe:SecretKey (see the README's payouts section).");
        var now = time.GetUtcNow();
        var period = Period(now);
        var runId = Guid.CreateVersion7();
        var created = new List<Guid>();
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string runSql = """
                insert into payout_runs (id, period, started_at, started_by) values (@runId, @period, @now, @startedBy)
                """;
            await connection.ExecuteAsync(runSql, new { runId, period, now, startedBy });
            var settings = await PayoutSettings.ReadAsync(connection);
            const string eligibleSql = """
                select user_id from payout_accounts where status = 'enabled' and not hold order by user_id
                """;
            var eligible = (await connection.QueryAsync<EligibleRow>(eligibleSql)).Select(r => r.UserId).ToList();
            foreach (var userId in eligible)
            {
                ct.ThrowIfCancellationRequested();
                created.AddRange(await CreatePayoutsAsync(connection, userId, runId, period, settings, now));
            }
        }

        int paid = 0, failed = 0;
        foreach (var payoutId in created)
        {
            var status = await AttemptAsync(payoutId, ct);
            if (status == "paid") paid++;
            else if (status == "failed") failed++;
        }

        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string finishSql = """
                update payout_runs set finished_at = @at, created = @created, paid = @paid, failed = @failed where id = @runId
                """;
            await connection.ExecuteAsync(finishSql, new { at = time.GetUtcNow(), created = created.Count, paid, failed, runId });
        }
        logger.LogInformation("Payout run {RunId} for {Period}: {Created} payouts, {Paid} paid, {Failed} failed", runId, period, created.Count, paid, failed);
        return new PayoutRunResult(runId, period, created.Count, paid, failed);
    }

    private sealed record AccountLockRow
    {
        public string Status { get; init; } = "";
        public bool Hold { get; init; }
        public string? StripeAccountId { get; init; }
    }

    /// <summary>
    /// The payout rows and their journals for one member, in one transaction under the member's payout-account row
    /// lock: two runs at once (a month's boundary, two nodes) see each other's payouts in the balance.
    /// </summary>
    private static async Task<List<Guid>> CreatePayoutsAsync(NpgsqlConnection connection, Guid userId, Guid runId, string period,
        PayoutSettings settings, DateTimeOffset now)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        const string lockSql = """
            select status, hold, stripe_account_id from payout_accounts where user_id = @userId for update
            """;
        var account = await connection.QuerySingleOrDefaultAsync<AccountLockRow>(lockSql, new { userId }, transaction);
        var createdIds = new List<Guid>();
        if (account is not { Status: "enabled", Hold: false, StripeAccountId: { } destination }) return createdIds;
        // The lock a refund takes before reversing this member's royalty (RoyaltyPosting.OwedAndLockAsync): a refund
        // committing between this balance and the payout's journal could otherwise leave the payout larger than what
        // is owed, instead of recording the receivable the refund would have seen.
        const string payableLockSql = """
            select id from ledger_accounts where kind = 'royalties_payable' and user_id = @userId order by id for update
            """;
        await connection.ExecuteAsync(payableLockSql, new { userId }, transaction);

        foreach (var balance in await BalancesAsync(connection, transaction, userId, settings.HoldDays, now))
        {
            if (balance.Available < settings.ThresholdMinor || balance.Available <= 0) continue;
            var id = Guid.CreateVersion7();
            const string insertSql = """
                insert into payouts (id, user_id, amount, currency, period, status, transfer_group, stripe_account_id,
                                     next_attempt_at, created_at, run_id)
                values (@id, @userId, @amount, @currency, @period, 'pending', @group, @destination, @now, @now, @runId)
                on conflict (user_id, currency, period) where status <> 'failed' do nothing
                """;
            var inserted = await connection.ExecuteAsync(insertSql, new
            {
                id, userId, amount = balance.Available, currency = balance.Currency, period, group = TransferGroup(id), destination, now, runId,
            }, transaction);
            if (inserted == 0) continue;
            await Ledger.PostAsync(connection, transaction, new LedgerJournal($"payout:{id}", "payout", now,
                $"Payout of royalties for {period}", balance.Currency,
                [
                    new LedgerLine(AccountKinds.RoyaltiesPayable, userId, balance.Available),
                    new LedgerLine(AccountKinds.PayoutsInTransit, null, -balance.Available),
                ]));
            createdIds.Add(id);
        }
        await transaction.CommitAsync();
        return createdIds;
    }

    public static string TransferGroup(Guid payoutId) => $"payout_{payoutId}";

    public static string IdempotencyKey(Guid payoutId) => $"payout-{payoutId}";

    private sealed record BalanceRow
    {
        public string Currency { get; init; } = "";
        public long Payable { get; init; }
        public long Receivable { get; init; }
        public long Recent { get; init; }
    }

    /// <summary>
    /// Per currency, from the postings alone. Royalties credited by sales (less their refunds) within the hold period
    /// are pending: a chargeback can still take them back.
    /// </summary>
    public static async Task<IReadOnlyList<PayoutBalance>> BalancesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid userId, int holdDays, DateTimeOffset now)
    {
        const string sql = """
            select a.currency,
                   coalesce(-sum(p.amount) filter (where a.kind = 'royalties_payable'), 0)::bigint as payable,
                   coalesce(sum(p.amount) filter (where a.kind = 'receivable'), 0)::bigint as receivable,
                   coalesce(-sum(p.amount) filter (where a.kind = 'royalties_payable' and j.kind in ('sale', 'refund')
                                                    and j.occurred_at > @holdFrom), 0)::bigint as recent
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_journals j on j.id = p.journal_id
            where a.user_id = @userId and a.kind in ('royalties_payable', 'receivable') and j.occurred_at <= @now
            group by a.currency
            order by a.currency
            """;
        var rows = await connection.QueryAsync<BalanceRow>(sql, new { userId, holdFrom = now.AddDays(-holdDays), now }, transaction);
        return [.. rows.Select(r => new PayoutBalance(r.Currency, r.Payable, r.Receivable, Math.Max(0, r.Recent)))];
    }

    private sealed record DueRow
    {
        public Guid Id { get; init; }
    }

    /// <summary>Tries every payout whose retry time has come.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string sql = """
                select id from payouts where status in ('pending', 'sent') and next_attempt_at <= @now order by next_attempt_at limit 200
                """;
            due = [.. (await connection.QueryAsync<DueRow>(sql, new { now = time.GetUtcNow() })).Select(r => r.Id)];
        }
        foreach (var id in due) await AttemptAsync(id, ct);
        return due.Count;
    }

    private sealed record ClaimRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public string StripeAccountId { get; init; } = "";
        public int Attempts { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    /// <summary>
    /// One try at a payout's transfer, if it is due: claimed by moving its next try out by the backoff (a lease no
    /// other worker takes while this one waits for Stripe). Returns the payout's status afterwards.
    /// </summary>
    public async Task<string> AttemptAsync(Guid payoutId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        ClaimRow? claim;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            const string claimSql = """
                update payouts set status = 'sent', attempts = attempts + 1,
                       next_attempt_at = @now + make_interval(secs => @lease)
                where id = @payoutId and status in ('pending', 'sent') and next_attempt_at <= @now
                returning id, user_id, amount, currency, stripe_account_id, attempts, created_at
                """;
            claim = await connection.QuerySingleOrDefaultAsync<ClaimRow>(claimSql, new { payoutId, now, lease = Lease.TotalSeconds });
            if (claim is null)
                return await connection.ExecuteScalarAsync<string>("select status from payouts where id = @payoutId", new { payoutId }) ?? "missing";
        }

        var createdAt = new DateTimeOffset(DateTime.SpecifyKind(claim.CreatedAt, DateTimeKind.Utc));
        Transfer? transfer = null;
        Exception? error = null;
        try
        {
            // Past Stripe's memory of the key a second create could make a second transfer: look for the first.
            if (claim.Attempts > 1 && now - createdAt >= IdempotencyWindow)
                transfer = await FindTransferAsync(claim.Id, ct);
            transfer ??= await CreateTransferAsync(claim, ct);
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or PaymentProviderException
                                      or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            error = e;
        }

        if (transfer is not null) return await MarkPaidAsync(claim, transfer, ct);

        var transient = IsTransient(error!);
        if (transient && claim.Attempts < options.Value.MaxAttempts)
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            const string retrySql = """
                update payouts set status = 'pending', last_error = @message, next_attempt_at = @next where id = @id and status = 'sent'
                """;
            await connection.ExecuteAsync(retrySql, new { message = Describe(error!), next = time.GetUtcNow() + Backoff(claim.Attempts), id = claim.Id });
            logger.LogWarning(error, "Payout {PayoutId} try {Attempt} failed; retrying", claim.Id, claim.Attempts);
            return "pending";
        }

        // Giving up after a lost answer: the transfer may exist after all.
        if (transient)
        {
            try
            {
                if (await FindTransferAsync(claim.Id, ct) is { } found) return await MarkPaidAsync(claim, found, ct);
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or PaymentProviderException
                                          or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
            {
                // Stripe is still unreachable: leave it for the next retry rather than risk paying twice.
                await using var connection = await db.OpenConnectionAsync(ct);
                await connection.ExecuteAsync("update payouts set status = 'pending', last_error = @message where id = @id and status = 'sent'",
                    new { message = Describe(e), id = claim.Id });
                return "pending";
            }
        }
        return await MarkFailedAsync(claim, Describe(error!), ct);
    }

    private async Task<Transfer> CreateTransferAsync(ClaimRow claim, CancellationToken ct)
    {
        var options = new TransferCreateOptions
        {
            Amount = claim.Amount,
            Currency = claim.Currency.ToLowerInvariant(),
            Destination = claim.StripeAccountId,
            TransferGroup = TransferGroup(claim.Id),
            Description = "MediaCoop royalties",
            Metadata = new Dictionary<string, string> { ["payout_id"] = claim.Id.ToString(), ["user_id"] = claim.UserId.ToString() },
        };
        return await new TransferService(stripe.Client).CreateAsync(options, new RequestOptions { IdempotencyKey = IdempotencyKey(claim.Id) }, ct);
    }

    private async Task<Transfer?> FindTransferAsync(Guid payoutId, CancellationToken ct)
    {
        var list = await new TransferService(stripe.Client).ListAsync(new TransferListOptions { TransferGroup = TransferGroup(payoutId), Limit = 10 }, cancellationToken: ct);
        // The group is ours alone; the metadata check guards against a hand-made transfer reusing it.
        return list.Data.FirstOrDefault(t => t.Metadata?.GetValueOrDefault("payout_id") == payoutId.ToString()) ?? list.Data.FirstOrDefault();
    }

    private async Task<string> MarkPaidAsync(ClaimRow claim, Transfer transfer, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        const string paidSql = """
            update payouts set status = 'paid', stripe_transfer_id = @transferId, sent_at = @now, last_error = null
            where id = @id and status in ('pending', 'sent')
            """;
        var updated = await connection.ExecuteAsync(paidSql, new { transferId = transfer.Id, now, id = claim.Id }, transaction);
        if (updated == 0)
            return await connection.ExecuteScalarAsync<string>("select status from payouts where id = @id", new { id = claim.Id }, transaction) ?? "missing";
        await Ledger.PostAsync(connection, transaction, new LedgerJournal($"payout_settled:{claim.Id}", "payout_settled", now,
            $"Stripe transfer {transfer.Id}", claim.Currency,
            [
                new LedgerLine(AccountKinds.PayoutsInTransit, null, claim.Amount),
                new LedgerLine(AccountKinds.Cash, null, -claim.Amount),
            ]));
        // With the payout's own change: the member's systems hear of it exactly when it is recorded as sent.
        await WebhookEvents.PublishAsync(connection, transaction, WebhookEvents.PayoutSent, claim.UserId, new
        {
            payout_id = claim.Id,
            amount = claim.Amount,
            currency = claim.Currency,
            sent_at = now,
            stripe_transfer_id = transfer.Id,
            url = Notifier.Absolute("/account/payouts"),
        });
        await transaction.CommitAsync(ct);
        return "paid";
    }

    private async Task<string> MarkFailedAsync(ClaimRow claim, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        const string failSql = """
            update payouts set status = 'failed', last_error = @reason where id = @id and status in ('pending', 'sent')
            """;
        if (await connection.ExecuteAsync(failSql, new { reason, id = claim.Id }, transaction) == 0) return "failed";
        await Ledger.PostAsync(connection, transaction, new LedgerJournal($"payout_failed:{claim.Id}", "payout_failed", now,
            $"Payout failed: {reason}", claim.Currency,
            [
                new LedgerLine(AccountKinds.PayoutsInTransit, null, claim.Amount),
                new LedgerLine(AccountKinds.RoyaltiesPayable, claim.UserId, -claim.Amount),
            ]));
        await Notifier.NotifyAsync(connection, transaction, claim.UserId, "payout_failed", "Your payout could not be sent",
            $"Stripe did not accept the transfer: {reason} The amount is back in your balance and goes out with the next payout run; check your payout account.",
            "/account/payouts");
        await transaction.CommitAsync(ct);
        logger.LogWarning("Payout {PayoutId} failed: {Reason}", claim.Id, reason);
        return "failed";
    }

    /// <summary>Network trouble, a lost answer, Stripe's own errors, rate limits and a platform balance still short are worth another try.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        StripeException s when s.StripeError?.Code is "balance_insufficient" => true,
        // No error object: the answer was lost or garbled on the way, so the outcome is unknown. Stripe's own
        // refusals always come with one.
        StripeException { StripeError: null } => true,
        StripeException s => s.HttpStatusCode is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        _ => true,
    };

    public static string Describe(Exception e) => e switch
    {
        StripeException { StripeError.Message: { Length: > 0 } message } => message,
        StripeException or HttpRequestException or TaskCanceledException => "Stripe did not answer in time.",
        _ => e.Message,
    };
}
