using Hangfire;
using MediaCoop.Api.Uploads.Imaging;

namespace MediaCoop.Api.Uploads;

public static class Uploads
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section)
            .Validate(o => o.MaxFileBytes > 0 && o.FilesPerDay > 0 && o.BytesPerDay > 0, "Upload limits must be positive")
            .ValidateOnStart();
        services.AddImaging();
        services.AddScoped<UploadPipeline>();
        services.AddScoped<RenditionJob>();
        services.AddScoped<MaintenanceJobs>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static RouteGroupBuilder MapUploads(this RouteGroupBuilder api) =>
        api.MapUploadRoutes().MapAssetRoutes().MapReleaseRoutes();

    public static WebApplication ScheduleUploadMaintenance(this WebApplication app)
    {
        MaintenanceJobs.Schedule(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }
}
