using Dapper;
using Hangfire;
using MediaCoop.Api.Royalties;
using Npgsql;
using Stripe;
using Stripe.Checkout;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// A seam for the crash-before-commit test: runs inside the event's transaction after its effects and before the
/// commit. Nothing is registered outside tests.
/// </summary>
public sealed class PaymentEventHooks
{
    public Func<string, Task>? BeforeCommit { get; set; }
}

/// <summary>
/// Applies one verified Stripe event exactly once. The payment_events row (provider, event id) is inserted first in
/// the same transaction as the event's effects: a concurrent duplicate waits on that key and then finds it taken;
/// a crash before commit leaves neither, so Stripe's retry does everything once.
/// </summary>
public sealed class StripeWebhook(NpgsqlDataSource db, Refunds refunds, PaymentEventHooks hooks, IBackgroundJobClient jobs, TimeProvider time)
{
    public const string Duplicate = "duplicate";

    public async Task<string> HandleAsync(Event stripeEvent, string json, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        const string recordSql = """
            insert into payment_events (provider, event_id, type, payload)
            values ('stripe', @id, @type, @json::jsonb)
            on conflict do nothing
            """;
        var fresh = await connection.ExecuteAsync(recordSql, new { id = stripeEvent.Id, type = stripeEvent.Type, json }, transaction);
        if (fresh == 0) return Duplicate;

        var outcome = stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded when stripeEvent.Data.Object is Session session =>
                await SessionPaidAsync(connection, transaction, session),
            EventTypes.ChargeRefunded when stripeEvent.Data.Object is Charge charge =>
                await refunds.ApplyChargeRefundedAsync(connection, transaction, charge),
            EventTypes.ChargeDisputeCreated when stripeEvent.Data.Object is Dispute dispute =>
                await refunds.ApplyDisputeCreatedAsync(connection, transaction, dispute),
            EventTypes.ChargeDisputeClosed when stripeEvent.Data.Object is Dispute dispute =>
                await refunds.ApplyDisputeClosedAsync(connection, transaction, dispute),
            // Connect: a contributor's payout account (api/Royalties).
            EventTypes.AccountUpdated when stripeEvent.Data.Object is Account account =>
                await PayoutAccounts.ApplyAccountUpdatedAsync(connection, transaction, account, time.GetUtcNow()),
            _ => "ignored",
        };

        const string outcomeSql = """
            update payment_events set outcome = @outcome, processed_at = @at where provider = 'stripe' and event_id = @id
            """;
        await connection.ExecuteAsync(outcomeSql, new { outcome, at = time.GetUtcNow(), id = stripeEvent.Id }, transaction);
        if (hooks.BeforeCommit is { } hook) await hook(stripeEvent.Id);
        await transaction.CommitAsync(ct);
        if (outcome == "fulfilled" && stripeEvent.Data.Object is Session paid) RecordFee(paid);
        return outcome;
    }

    /// <summary>
    /// The buyer's return (POST /orders/{id}/confirm): the session retrieved from Stripe is proof as good as its
    /// webhook. Recorded as event 'session:{id}' so repeated confirms do nothing; the webhook for the same payment
    /// meets an order already paid (Fulfilment's row lock and the unique order line make it exactly once).
    /// </summary>
    public async Task<string> ConfirmSessionAsync(Session session, CancellationToken ct)
    {
        // Nothing is recorded until it is paid: a later confirm must still be able to fulfil.
        if (!IsPaid(session)) return "awaiting-payment";
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        const string recordSql = """
            insert into payment_events (provider, event_id, type, payload)
            values ('stripe', @id, 'checkout.session.retrieved', @json::jsonb)
            on conflict do nothing
            """;
        var fresh = await connection.ExecuteAsync(recordSql, new { id = $"session:{session.Id}", json = session.ToJson() }, transaction);
        if (fresh == 0) return Duplicate;
        var outcome = await SessionPaidAsync(connection, transaction, session);
        const string outcomeSql = """
            update payment_events set outcome = @outcome, processed_at = @at where provider = 'stripe' and event_id = @id
            """;
        await connection.ExecuteAsync(outcomeSql, new { outcome, at = time.GetUtcNow(), id = $"session:{session.Id}" }, transaction);
        await transaction.CommitAsync(ct);
        if (outcome == "fulfilled") RecordFee(session);
        return outcome;
    }

    /// <summary>
    /// After the licences committed: the fee comes from another Stripe call, made by a job that retries until Stripe
    /// answers, so neither its failure nor its wait holds up the licences or this webhook's answer.
    /// </summary>
    private void RecordFee(Session session)
    {
        if (string.IsNullOrEmpty(session.PaymentIntentId)) return;
        var (paymentIntent, currency) = (session.PaymentIntentId, (session.Currency ?? "").ToUpperInvariant());
        jobs.Enqueue<ProviderFees>(fees => fees.BookStripeFeeAsync(paymentIntent, currency, CancellationToken.None));
    }

    private static bool IsPaid(Session session) => session.PaymentStatus is "paid" or "no_payment_required";

    private async Task<string> SessionPaidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Session session)
    {
        // completed with payment_status 'unpaid' is a delayed method (bank debit): async_payment_succeeded follows.
        if (!IsPaid(session)) return "awaiting-payment";
        var reference = session.Metadata?.GetValueOrDefault("order_id") ?? session.ClientReferenceId;
        if (!Guid.TryParse(reference, out var orderId)) return "unknown-order";
        var result = await Fulfilment.MarkPaidAsync(connection, transaction, orderId, StripePayments.ProviderName,
            session.PaymentIntentId ?? session.Id, session.AmountTotal ?? 0, session.Currency ?? "", time.GetUtcNow());
        return result switch
        {
            FulfilmentOutcome.Fulfilled => "fulfilled",
            FulfilmentOutcome.AlreadyFulfilled => "already-fulfilled",
            FulfilmentOutcome.RefundedBeforePayment => "refunded-before-payment",
            FulfilmentOutcome.AmountMismatch => "amount-mismatch",
            _ => "unknown-order",
        };
    }
}
