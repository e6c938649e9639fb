using MediaCoop.Api.Licensing;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Royalties;

/// <summary>
/// Stripe's fee on a payment is known only from the charge's balance transaction, which the checkout webhook does
/// not carry: after a Stripe payment is fulfilled, this asks Stripe for the payment intent's latest charge with its
/// balance transaction and books the fee (fee:&lt;payment intent&gt;, once). It runs after the fulfilment committed and
/// never fails it: a fee that could not be read now is logged and can be booked later by calling this again.
/// </summary>
public sealed class ProviderFees(NpgsqlDataSource db, StripeGateway stripe, TimeProvider time, ILogger<ProviderFees> logger)
{
    public async Task<bool> RecordStripeFeeAsync(string paymentIntentId, string orderCurrency, CancellationToken ct)
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
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: Stripe answered {Message}; record it later", paymentIntentId, e.Message);
            return false;
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: {Message}", paymentIntentId, e.Message);
            return false;
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Stripe fee for {PaymentIntent} not recorded: Stripe could not be reached; record it later", paymentIntentId);
            return false;
        }
        if (balance is null)
        {
            // Not settled yet (the balance transaction appears when the charge is captured).
            logger.LogInformation("Stripe fee for {PaymentIntent} not known yet: the charge has no balance transaction", paymentIntentId);
            return false;
        }
        if (!string.Equals(balance.Currency, orderCurrency, StringComparison.OrdinalIgnoreCase))
        {
            // The fee is in the settlement currency; the clearing account holds the order's. Booking it needs the
            // exchange rate, which is a correction for a person, not a guess here.
            logger.LogWarning("Stripe fee for {PaymentIntent} is in {FeeCurrency}, the order in {OrderCurrency}: not recorded automatically",
                paymentIntentId, balance.Currency, orderCurrency);
            return false;
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var at = balance.Created == default ? time.GetUtcNow() : new DateTimeOffset(DateTime.SpecifyKind(balance.Created, DateTimeKind.Utc));
        var posted = await RoyaltyPosting.PostFeeAsync(connection, transaction, paymentIntentId, balance.Fee, orderCurrency, at);
        await transaction.CommitAsync(ct);
        return posted;
    }
}
