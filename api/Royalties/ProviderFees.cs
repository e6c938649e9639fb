using MediaCoop.Api.Licensing;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

/// <summary>
/// Stripe's fee on a payment is known only from the charge's balance transaction, which the checkout webhook does
/// not carry: after a Stripe payment is fulfilled, this asks Stripe for the payment intent's latest charge with its
/// balance transaction and books the fee (fee:&lt;payment intent&gt;, once). It runs as a durable job enqueued after the
/// fulfilment committed, so it never fails the fulfilment, and a fee that cannot be read yet (Stripe unreachable, the
/// charge not settled) is tried again with growing delays until it is booked.
/// </summary>
public sealed class ProviderFees(NpgsqlDataSource db, StripeGateway stripe, TimeProvider time, ILogger<ProviderFees> logger)
{
    /// <summary>The job: books the fee, or throws so that Hangfire tries again (about 10 times over a day and a half).</summary>
    [Hangfire.AutomaticRetry(Attempts = 10, DelaysInSeconds = [30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 43200])]
    public async Task BookStripeFeeAsync(string paymentIntentId, string orderCurrency, CancellationToken ct)
    {
        var outcome = await TryRecordStripeFeeAsync(paymentIntentId, orderCurrency, ct);
        if (outcome == FeeOutcome.NotYet)
            throw new InvalidOperationException($"The Stripe fee of {paymentIntentId} could not be read yet; the job tries again later.");
    }

    /// <summary>NeedsPerson: the fee is in another currency than the order, a correction for a person, not for retries.</summary>
    private enum FeeOutcome { Booked, AlreadyBooked, NotYet, NeedsPerson }

    private async Task<FeeOutcome> TryRecordStripeFeeAsync(string paymentIntentId, string orderCurrency, CancellationToken ct)
    {
        BalanceTransaction? balance;
        try
        {
            var intent = await new PaymentIntentService(stripe.Client).GetAsync(paymentIntentId,
                new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: ct);
            balance = intent.LatestCharge?.BalanceTransaction;
        }
        catch (StripeException e)
        {
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: Stripe answered {Message}; tried again later", paymentIntentId, e.Message);
            return FeeOutcome.NotYet;
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: {Message}", paymentIntentId, e.Message);
            return FeeOutcome.NotYet;
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: Stripe could not be reached; tried again later", paymentIntentId);
            return FeeOutcome.NotYet;
        }
        if (balance is null)
        {
            // Not settled yet (the balance transaction appears when the charge is captured).
            logger.LogInformation("Stripe fee for {PaymentIntent} not known yet: the charge has no balance transaction", paymentIntentId);
            return FeeOutcome.NotYet;
        }
        if (!string.Equals(balance.Currency, orderCurrency, StringComparison.OrdinalIgnoreCase))
        {
            // The fee is in the settlement currency; the clearing account holds the order's. Booking it needs the
            // exchange rate, which is a correction for a person, not a guess here.
            logger.LogWarning("Stripe fee for {PaymentIntent} is in {FeeCurrency}, the order in {OrderCurrency}: not recorded automatically",
                paymentIntentId, balance.Currency, orderCurrency);
            return FeeOutcome.NeedsPerson;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var at = balance.Created == default ? time.GetUtcNow() : new DateTimeOffset(DateTime.SpecifyKind(balance.Created, DateTimeKind.Utc));
        var posted = await RoyaltyPosting.PostFeeAsync(connection, transaction, paymentIntentId, balance.Fee, orderCurrency, at);
        await transaction.CommitAsync(ct);
        return posted ? FeeOutcome.Booked : FeeOutcome.AlreadyBooked;
    }
}
