using System.Linq.Expressions;
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
/// The storage, client, activator and server belong to this host's container rather than to
/// Hangfire's process-wide statics (which <c>AddHangfire</c> sets): a host that stops must not take
/// the job machinery of another host in the same process with it — as happens in the test suite.
/// </summary>
public static class Jobs
{
    public const string SchemaName = "hangfire";

    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        // Serializer settings are process-wide by Hangfire's design; they hold no host's objects.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();

        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddSingleton<JobStorage>(sp =>
        {
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = SchemaName,
                // Installed by DatabaseMigrator under its advisory lock.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = sp.GetRequiredService<IOptions<JobsOptions>>().Value.PollInterval,
            };
            var connectionString = Database.ConnectionString(sp.GetRequiredService<IConfiguration>());
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, storageOptions, null), storageOptions);
        });
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        // What the dashboard middleware looks up; both are static, provider-free objects.
        services.AddSingleton<IGlobalConfiguration>(GlobalConfiguration.Configuration);
        services.AddSingleton(DashboardRoutes.Routes);
        services.AddHostedService<JobServer>();
        return services;
    }

    /// <summary>
    /// Puts a recurring job on its cron, or takes it off when the cron is empty (the tests run such jobs themselves,
    /// and a node can be configured not to schedule one).
    /// </summary>
    public static void AddOrRemove<TJob>(this IRecurringJobManager recurring, string jobId, Expression<Func<TJob, Task>> run, string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) recurring.RemoveIfExists(jobId);
        else recurring.AddOrUpdate(jobId, run, cron);
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>Runs the Hangfire server where this node is configured to run workers.</summary>
    private sealed class JobServer(IServiceProvider services, JobStorage storage, IOptions<JobsOptions> options) : IHostedService, IAsyncDisposable
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
                    Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
                },
                storage);
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
