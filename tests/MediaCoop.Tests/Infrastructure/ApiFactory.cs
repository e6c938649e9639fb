using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MediaCoop.Tests.Infrastructure;

/// <summary>The real API in process, on the run's database. One shared instance; tests that change settings make their own.</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    // The server is built inside the Lazy: WebApplicationFactory does not guard its own first start
    // against tests asking for clients in parallel.
    private static readonly Lazy<ApiFactory> SharedInstance = new(() =>
    {
        var factory = new ApiFactory();
        _ = factory.Server;
        return factory;
    });
    /// <summary>One store for the whole run: a job enqueued through any factory may run on the shared one's workers.</summary>
    public static readonly string StorageRoot = Path.Combine(Path.GetTempPath(), "mediacoop-tests", Guid.NewGuid().ToString("N"));

    public static ApiFactory Shared => SharedInstance.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", TestDatabase.ConnectionString);
        builder.UseSetting("Storage:Root", StorageRoot);
        builder.UseSetting("Uploads:SpoolDirectory", StorageRoot + "-spool");
        // Only the shared instance runs job workers, so each job runs in a host whose settings are known.
        builder.UseSetting("Jobs:RunWorkers", settings is null ? "true" : "false");
        builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
        // Tests run the e-mail dispatch job themselves; a scheduled run would take their outbox rows first.
        builder.UseSetting("Email:DispatchCron", "");
        // Payout tests run the payout run and its retries themselves, on their own contributors.
        builder.UseSetting("Payouts:RunCron", "");
        builder.UseSetting("Payouts:RetryCron", "");
        // Every test shares one client address; the per-address limiter has its own test with its own factory.
        builder.UseSetting("Auth:AttemptsPerAddressPerMinute", "100000");
        // Webhook tests run the delivery job themselves, against receivers on this machine over http.
        builder.UseSetting("Webhooks:DeliveryCron", "");
        builder.UseSetting("Webhooks:AllowHttp", "true");
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        // Likewise for the API's published limits (and API-key tests make many calls with one key); RateLimitTests
        // checks the limits on hosts of its own with small numbers.
        builder.UseSetting("RateLimits:AnonymousPerAddressPerMinute", "1000000");
        builder.UseSetting("RateLimits:PerKeyPerMinute", "1000000");
        builder.UseSetting("RateLimits:UploadsPerKeyPerMinute", "1000000");
        builder.UseSetting("RateLimits:DownloadLinksPerKeyPerMinute", "1000000");
        // Governance tests open votes of a few seconds and run the close job themselves.
        builder.UseSetting("Governance:MinimumVotingWindow", "00:00:02");
        builder.UseSetting("Governance:CloseSweepCron", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    /// <summary>A browser-like client: https (so cookies are Secure and __Host- named), cookies kept.</summary>
    public ApiClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
        AllowAutoRedirect = false,
    }));

    public static async Task DisposeSharedAsync()
    {
        if (SharedInstance.IsValueCreated) await SharedInstance.Value.DisposeAsync();
        if (Directory.Exists(StorageRoot)) Directory.Delete(StorageRoot, recursive: true);
    }
}
