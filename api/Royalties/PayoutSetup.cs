using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Royalties;

public static class PayoutSetup
{
    public static IServiceCollection AddPayouts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PayoutOptions>().BindConfiguration(PayoutOptions.Section)
            .Validate(o => o.MaxAttempts is >= 1 and <= 20, "Payouts:MaxAttempts is 1-20")
            .ValidateOnStart();
        services.AddSingleton<PayoutAccounts>();
        services.AddScoped<TransferReversals>();
        services.AddScoped<Payouts>();
        return services;
    }

    public static WebApplication SchedulePayoutJobs(this WebApplication app)
    {
        Payouts.Schedule(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<PayoutOptions>>().Value);
        return app;
    }
}
