using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// The payment providers, registered as keyed services under their <see cref="IPaymentProvider.Name"/>. A provider
/// joins with one line in its feature's set-up: <c>services.AddKeyedSingleton&lt;IPaymentProvider, XxxPaymentProvider&gt;("xxx")</c>.
/// Only the provider in use is ever built, so an unused one needs no settings.
/// </summary>
public sealed class PaymentProviders(IServiceProvider services, IOptions<PaymentOptions> options)
{
    /// <summary>The provider new checkouts use (<c>Payments:Provider</c>); checked at start-up, so it exists.</summary>
    public IPaymentProvider Current => Get(options.Value.Provider)
        ?? throw new InvalidOperationException($"No payment provider is registered under '{options.Value.Provider}'.");

    /// <summary>The provider an order was paid or started with (orders.provider), e.g. to confirm or refund it.</summary>
    public IPaymentProvider? Get(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : services.GetKeyedService<IPaymentProvider>(name.Trim().ToLowerInvariant());

    public static bool IsRegistered(IServiceProvider services, string name) =>
        services.GetRequiredService<IServiceProviderIsKeyedService>().IsKeyedService(typeof(IPaymentProvider), name.Trim().ToLowerInvariant());
}

/// <summary>The start-up check of <c>Payments</c>: a Production node never offers the demo checkout.</summary>
public static class PaymentSetup
{
    /// <summary>What is wrong with the payment settings, or null when the node can take payments.</summary>
    public static string? Problem(string? provider, bool production, Func<string, bool> registered)
    {
        if (string.IsNullOrWhiteSpace(provider))
            return "Payments:Provider is empty: set it to 'stripe' (or 'demo' outside Production).";
        if (production && string.Equals(provider, DemoPaymentProvider.ProviderName, StringComparison.OrdinalIgnoreCase))
            return "Payments:Provider is 'demo' in the Production environment: the demo checkout issues licences without payment. " +
                   "Set Payments__Provider=stripe with its keys, or run with ASPNETCORE_ENVIRONMENT other than Production for a local demo.";
        if (!registered(provider))
            return $"Payments:Provider is '{provider}', but no such payment provider is registered in this build " +
                   $"(a provider registers with services.AddKeyedSingleton<IPaymentProvider, ...>(\"{provider.Trim().ToLowerInvariant()}\")).";
        return null;
    }

    internal sealed class Validator(IHostEnvironment environment, IServiceProvider services) : IValidateOptions<PaymentOptions>
    {
        public ValidateOptionsResult Validate(string? name, PaymentOptions options)
        {
            var failures = new List<string>();
            if (Problem(options.Provider, environment.IsProduction(), name => PaymentProviders.IsRegistered(services, name)) is { } problem)
                failures.Add(problem);
            if (options.OrderLifetime < TimeSpan.FromMinutes(5) || options.OrderLifetime > TimeSpan.FromDays(7))
                failures.Add("Payments:OrderLifetime must be between 5 minutes and 7 days.");
            if (!string.IsNullOrEmpty(options.PublicOrigin) && !Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out _))
                failures.Add("Payments:PublicOrigin must be an absolute URL such as https://coop.example.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>
/// The labelled demo checkout for local runs and tests: it sends the buyer to the SPA's demo page, whose "complete"
/// button calls POST /api/v1/demo-payments/{orderId}/complete. Refused at start-up in Production.
/// </summary>
public sealed class DemoPaymentProvider(IOptions<PaymentOptions> options) : IPaymentProvider
{
    public const string ProviderName = "demo";

    public string Name => ProviderName;

    public Task<CheckoutStart> StartCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken)
    {
        var path = $"/checkout/demo/{order.OrderId}";
        var url = string.IsNullOrEmpty(options.Value.PublicOrigin)
            ? new Uri(path, UriKind.Relative)
            : new Uri(new Uri(options.Value.PublicOrigin), path);
        return Task.FromResult(new CheckoutStart($"demo_{order.OrderId:N}", url));
    }
}
