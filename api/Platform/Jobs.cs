using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Platform;

public sealed class JobsOptions
{
    public const string Section = "Jobs";
    /// <summary>Run job workers in this process. Web-only nodes set false; worker-only nodes serve no traffic but run jobs.</summary>
    public bool RunWorkers { get; set; } = true;
    public int WorkerCount { get; set; } = Environment.ProcessorCount;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Durable background jobs in PostgreSQL (Hangfire): retried with backoff, taken by whichever
/// node has a free worker, and visible to admins at /admin/jobs.
/// </summary>
public static class Jobs
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(Database.ConnectionString(sp.GetRequiredService<IConfiguration>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = sp.GetRequiredService<IOptions<JobsOptions>>().Value.PollInterval,
                }));
        services.AddHostedService<ConditionalJobServer>();
        return services;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
        return app;
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>Starts the Hangfire server only where this node is configured to run workers.</summary>
    private sealed class ConditionalJobServer(IServiceProvider services, IOptions<JobsOptions> options) : IHostedService, IAsyncDisposable
    {
        private BackgroundJobServer? server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.RunWorkers) return Task.CompletedTask;
            server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    WorkerCount = Math.Max(1, options.Value.WorkerCount),
                    SchedulePollingInterval = options.Value.PollInterval,
                    ServerCheckInterval = TimeSpan.FromSeconds(30),
                    Activator = services.GetRequiredService<JobActivator>(),
                },
                services.GetRequiredService<JobStorage>());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            server?.SendStop();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            server?.Dispose();
            server = null;
            return ValueTask.CompletedTask;
        }
    }
}
