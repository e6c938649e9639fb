using Hangfire;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Integrations;

public static class Webhooks
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            // Development and Local receive webhooks on this machine over http; set before binding so settings still win.
            .Configure<IHostEnvironment>((o, env) =>
            {
                if (env.IsDevelopment() || env.IsEnvironment("Local")) o.AllowHttp = o.AllowPrivateNetworks = true;
            })
            .BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero && o.MaxParallelDeliveries > 0 && o.MaxPerEndpointPerBatch > 0, "Webhooks options out of range")
            .ValidateOnStart();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookDeliveryJob>();
        return services;
    }

    public static WebApplication ScheduleWebhookDelivery(this WebApplication app)
    {
        WebhookDeliveryJob.Schedule(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value);
        return app;
    }
}
