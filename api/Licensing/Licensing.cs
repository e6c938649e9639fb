using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Licensing;

public static class Licensing
{
    public static IServiceCollection AddLicensing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentSetup.Validator>();
        // Payment providers: one line each, keyed by their Name; Payments:Provider picks the one new checkouts use.
        services.AddKeyedSingleton<IPaymentProvider, DemoPaymentProvider>(DemoPaymentProvider.ProviderName);
        services.AddSingleton<PaymentProviders>();
        services.AddSingleton<LicenseCatalog>();
        services.AddSingleton<LicenseSale>();
        services.AddScoped<OrderExpiryJob>();
        return services;
    }

    public static RouteGroupBuilder MapLicensing(this RouteGroupBuilder api)
    {
        api.MapLicenseTypes();
        api.MapCart();
        api.MapOrders();
        api.MapLicenses();
        return api;
    }

    public static WebApplication ScheduleLicensingJobs(this WebApplication app)
    {
        OrderExpiryJob.Schedule(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }
}
