using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// Starts a Stripe Checkout Session for an order. The session carries the order id (metadata, client reference,
/// and the payment intent's metadata so refunds and disputes find the order even before the payment event
/// arrives). Licences come only from a verified webhook or a server-side retrieval of the session.
/// </summary>
public sealed class StripePaymentProvider(StripeGateway stripe, IOptions<PaymentOptions> payments, TimeProvider time) : IPaymentProvider
{
    /// <summary>Stripe refuses a Checkout Session that expires sooner than 30 minutes or later than 24 hours.</summary>
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(31);
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(23);

    public string Name => StripePayments.ProviderName;

    public async Task<CheckoutStart> StartCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken)
    {
        var options = SessionOptions(order, payments.Value.PublicOrigin, time.GetUtcNow());
        // Derived from the order: a double click or a retried request returns the same session (for 24 hours),
        // never a second one the buyer could pay too.
        var request = new RequestOptions { IdempotencyKey = $"checkout-{order.OrderId}" };
        try
        {
            var session = await new SessionService(stripe.Client).CreateAsync(options, request, cancellationToken);
            return new CheckoutStart(session.Id, new Uri(session.Url));
        }
        catch (StripeException e)
        {
            throw new PaymentProviderException($"Stripe did not start the checkout: {e.StripeError?.Message ?? e.Message}", e);
        }
    }

    public static SessionCreateOptions SessionOptions(CheckoutOrder order, string? publicOrigin, DateTimeOffset now)
    {
        if (order.Total <= 0)
            throw new PaymentProviderException("Stripe Checkout cannot take a payment of nothing; this order's total is zero.");
        var origin = (publicOrigin ?? throw new PaymentProviderException("Payments:PublicOrigin is not set.")).TrimEnd('/');
        var orderId = order.OrderId.ToString();
        var metadata = new Dictionary<string, string> { ["order_id"] = orderId };
        return new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = orderId,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            CustomerEmail = order.BuyerEmail,
            // Stripe fills in {CHECKOUT_SESSION_ID}; the SPA calls POST /orders/{id}/confirm with it on return.
            SuccessUrl = $"{origin}/orders/{orderId}?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            CancelUrl = $"{origin}/cart",
            ExpiresAt = SessionExpiry(order.ExpiresAt, now).UtcDateTime,
            LineItems = order.Lines.Select(line => new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = order.Currency.ToLowerInvariant(),
                    UnitAmount = line.Amount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = line.Description },
                },
            }).ToList(),
        };
    }

    /// <summary>
    /// The session lives as long as the order holds its prices. When less than Stripe's 30-minute minimum is left,
    /// the session outlives the order (a payment after expiry is still honoured by Fulfilment); that expiry is
    /// rounded up to 10 minutes so a retried request within the window sends the same parameters again, as the
    /// idempotency key requires.
    /// </summary>
    public static DateTimeOffset SessionExpiry(DateTimeOffset orderExpiresAt, DateTimeOffset now)
    {
        if (orderExpiresAt >= now + MinimumLifetime) return orderExpiresAt <= now + MaximumLifetime ? orderExpiresAt : now + MaximumLifetime;
        var earliest = (now + MinimumLifetime).ToUnixTimeSeconds();
        const long step = 600;
        return DateTimeOffset.FromUnixTimeSeconds((earliest + step - 1) / step * step);
    }
}
