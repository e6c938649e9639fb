namespace MediaCoop.Api.Licensing;

/// <summary>
/// A way to take a buyer's payment for an order. A provider only starts a checkout; it never issues licences
/// from the buyer's redirect. Licences come from <see cref="Fulfilment.MarkPaidAsync"/>, called once the
/// provider has proof of payment (Stripe: a verified webhook or a server-side retrieval of the session; demo:
/// the labelled demo checkout page, which exists outside Production only).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>'stripe' or 'demo', as stored in orders.provider.</summary>
    string Name { get; }

    Task<CheckoutStart> StartCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken);
}

public sealed record CheckoutOrder(
    Guid OrderId, Guid BuyerId, string BuyerEmail, string Currency, long Total, DateTimeOffset ExpiresAt, IReadOnlyList<CheckoutLine> Lines);

public sealed record CheckoutLine(Guid LineId, string Description, long Amount);

/// <summary>The provider's own reference for the checkout (a Checkout Session id) and where to send the buyer.</summary>
public sealed record CheckoutStart(string Reference, Uri RedirectUrl);

public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>'demo' (the default for local runs and tests; refused at start-up in Production) or 'stripe'.</summary>
    public string Provider { get; set; } = "demo";

    /// <summary>Unpaid orders expire after this long; their prices are no longer held.</summary>
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>The SPA's public origin, for the provider's success and cancel URLs (e.g. https://coop.example).</summary>
    public string? PublicOrigin { get; set; }
}
