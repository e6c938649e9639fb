using Hangfire;
using MediaCoop.Api.Platform;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Governance;

public sealed class GovernanceOptions
{
    public const string Section = "Governance";
    /// <summary>The shortest vote the board may open: members need time to read and vote (Local/Development: seconds).</summary>
    public TimeSpan MinimumVotingWindow { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan MaximumVotingWindow { get; set; } = TimeSpan.FromDays(90);
    /// <summary>The sweep that closes overdue votes whose scheduled close did not run; empty: not scheduled.</summary>
    public string? CloseSweepCron { get; set; } = "* * * * *";
}

public static class Governance
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddOptions<GovernanceOptions>()
            // Local and Development close votes in seconds so the demo and the browser tests can see results.
            .Configure<IHostEnvironment>((o, env) =>
            {
                if (env.IsDevelopment() || env.IsEnvironment("Local")) o.MinimumVotingWindow = TimeSpan.FromSeconds(5);
            })
            .BindConfiguration(GovernanceOptions.Section)
            .Validate(o => o.MinimumVotingWindow > TimeSpan.Zero && o.MaximumVotingWindow >= o.MinimumVotingWindow, "Governance options out of range")
            .ValidateOnStart();
        services.AddScoped<Proposals>();
        services.AddScoped<ProposalClosing>();
        return services;
    }

    public static WebApplication ScheduleGovernanceJobs(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GovernanceOptions>>().Value;
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrRemove<ProposalClosing>(ProposalClosing.SweepJobId, c => c.CloseDueAsync(CancellationToken.None), options.CloseSweepCron);
        return app;
    }
}
