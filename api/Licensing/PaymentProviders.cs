using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// The registered payment providers, found by <see cref="IPaymentProvider.Name"/>. A provider joins with one line in
/// <see cref="Licensing.AddLicensing"/>: <c>services.AddSingleton&lt;IPaymentProvider, XxxPaymentProvider&gt;()</c>.
/// </summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> providers, IOptions<PaymentOptions> options)
{
    private readonly IReadOnlyList<IPaymentProvider> all = providers.ToList();

    /// <summary>The provider new checkouts use (<c>Payments:Provider</c>); checked at start-up, so it exists.</summary>
    public IPaymentProvider Current => Get(options.Value.Provider)
        ?? throw new InvalidOperationException(PaymentSetup.Problem(options.Value.Provider, false, Names) ?? "No payment provider.");

    public IPaymentProvider? Get(string? name) =>
        all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> Names => all.Select(p => p.Name).ToList();
}

/// <summary>The start-up check of <c>Payments</c>: a Production node never offers the demo checkout.</summary>
public static class PaymentSetup
{
    /// <summary>What is wrong with the payment settings, or null when the node can take payments.</summary>
    public static string? Problem(string? provider, bool production, IReadOnlyCollection<string> registered)
    {
        if (string.IsNullOrWhiteSpace(provider))
            return "Payments:Provider is empty: set it to 'stripe' (or 'demo' outside Production).";
        if (production && string.Equals(provider, DemoPaymentProvider.ProviderName, StringComparison.OrdinalIgnoreCase))
            return "Payments:Provider is 'demo' in the Production environment: the demo checkout issues licences without payment. " +
                   "Set Payments__Provider=stripe with its keys, or run with ASPNETCORE_ENVIRONMENT other than Production for a local demo.";
        if (!registered.Contains(provider, StringComparer.OrdinalIgnoreCase))
            return $"Payments:Provider is '{provider}', but no such payment provider is registered in this build (registered: {string.Join(", ", registered)}).";
        return null;
    }

    internal sealed class Validator(IHostEnvironment environment, IServiceProvider services) : IValidateOptions<PaymentOptions>
    {
        public ValidateOptionsResult Validate(string? name, PaymentOptions options)
        {
            var failures = new List<string>();
            var registered = services.GetServices<IPaymentProvider>().Select(p => p.Name).ToList();
            if (Problem(options.Provider, environment.IsProduction(), registered) is { } problem) failures.Add(problem);
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
