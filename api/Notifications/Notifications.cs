using Hangfire;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Notifications;

public static class Notifications
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be a TCP port")
            .ValidateOnStart();
        services.AddScoped<EmailDispatchJob>();
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api) => api.MapNotificationRoutes();

    public static WebApplication ScheduleEmailDispatch(this WebApplication app)
    {
        // Notifier is static (it runs inside other features' transactions); every host in a process
        // serves the same public address, so setting it once here is enough.
        Notifier.PublicUrl = app.Configuration["App:PublicUrl"] is { Length: > 0 } url ? url : Notifier.DefaultPublicUrl;
        EmailDispatchJob.Schedule(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<EmailOptions>>().Value);
        return app;
    }
}
