using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace MediaCoop.Api.Licensing;

/// <summary>Section <c>Payments:Stripe</c>. Keys come from the environment or user secrets, never from a committed file.</summary>
public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>sk_test_... / sk_live_... (or a restricted key with Checkout Sessions and Refunds write access).</summary>
    public string? SecretKey { get; set; }

    /// <summary>whsec_... of the webhook endpoint (or the one `stripe listen` prints for local runs).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// whsec_... of the Connect webhook endpoint (events from connected accounts: payout accounts' account.updated),
    /// when the co-op pays contributors through Stripe Connect. Optional.
    /// </summary>
    public string? ConnectWebhookSecret { get; set; }

    /// <summary>Only for tests and local fakes: where the API calls go instead of https://api.stripe.com.</summary>
    public string? ApiBase { get; set; }

    /// <summary>Stripe.net retries network failures and 409/429/5xx itself, with the same idempotency key.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How far a webhook's signed timestamp may be from our clock, either way (replay protection).</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool HasApiKey => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>A Stripe API call failed or Stripe is not configured: the buyer or admin may retry later (502).</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one Stripe.net client of the process. It is built lazily so the app starts (and the OpenAPI generator
/// runs) without keys; a Stripe call without a key is a clear <see cref="PaymentProviderException"/>.
/// </summary>
public sealed class StripeGateway(IOptions<StripeOptions> options) : IDisposable
{
    private readonly Lazy<(IStripeClient Client, HttpClient Http)?> client = new(() => Build(options.Value));

    public StripeOptions Options => options.Value;

    public IStripeClient Client => client.Value?.Client ?? throw new PaymentProviderException(
        "Stripe is not configured on this server: set Payments:Stripe:SecretKey (see the README's configuration section).");

    private static (IStripeClient, HttpClient)? Build(StripeOptions o)
    {
        if (!o.HasApiKey) return null;
        // One long-lived HttpClient with a bounded connection lifetime: pooled connections, fresh DNS.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var stripe = new StripeClient(o.SecretKey, httpClient: new SystemNetHttpClient(http, maxNetworkRetries: o.MaxNetworkRetries),
            apiBase: string.IsNullOrWhiteSpace(o.ApiBase) ? null : o.ApiBase.TrimEnd('/'));
        return (stripe, http);
    }

    public void Dispose()
    {
        if (client.IsValueCreated) client.Value?.Http.Dispose();
    }
}

public static class StripePayments
{
    public const string ProviderName = "stripe";

    /// <summary>
    /// Stripe's pieces: options, the client, the provider, refunds, the webhook and its test hook. Keys are
    /// required at start only when Payments:Provider is 'stripe'.
    /// </summary>
    public static IServiceCollection AddStripePayments(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section)
            .Validate<IOptions<PaymentOptions>>((stripe, payments) => !IsSelected(payments.Value) ||
                    (stripe.HasApiKey && !string.IsNullOrWhiteSpace(stripe.WebhookSecret) &&
                     Uri.TryCreate(payments.Value.PublicOrigin, UriKind.Absolute, out _)),
                "Payments:Provider is 'stripe': set Payments:Stripe:SecretKey, Payments:Stripe:WebhookSecret and Payments:PublicOrigin")
            .Validate(o => o.MaxNetworkRetries is >= 0 and <= 5 && o.WebhookToleranceSeconds is > 0 and <= 3600,
                "Payments:Stripe: MaxNetworkRetries 0-5, WebhookToleranceSeconds 1-3600")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<StripePaymentProvider>();
        services.AddSingleton<Refunds>();
        services.AddSingleton<StripeWebhook>();
        services.AddSingleton<PaymentEventHooks>();
        // Keyed by name: checkout builds only the provider Payments:Provider names, and a Stripe order keeps
        // reaching Stripe (confirm, refunds) through StripeGateway whichever provider is current.
        services.AddKeyedSingleton<IPaymentProvider>(ProviderName, (sp, _) => sp.GetRequiredService<StripePaymentProvider>());
        return services;
    }

    private static bool IsSelected(PaymentOptions payments) =>
        string.Equals(payments.Provider, ProviderName, StringComparison.OrdinalIgnoreCase);
}
