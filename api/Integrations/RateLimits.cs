using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MediaCoop.Api.Platform;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// The published request limits of the API, per one-minute window. 0 turns a limit off (benchmarks do).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Requests per minute per API key, for every operation without a tighter limit of its own.</summary>
    public int PerKeyPerMinute { get; set; } = 60;
    /// <summary>Uploads (originals, model/property releases) per minute per API key, counted apart from the rest.</summary>
    public int UploadsPerKeyPerMinute { get; set; } = 10;
    /// <summary>Download links created per minute per API key, counted apart from the rest.</summary>
    public int DownloadLinksPerKeyPerMinute { get; set; } = 20;
    /// <summary>Anonymous requests per minute per client address (IPv4 address or IPv6 /64), counted by each node on its own.</summary>
    public int AnonymousPerAddressPerMinute { get; set; } = 300;
    /// <summary>When the recurring job deletes finished windows; empty = never (tests that run it themselves).</summary>
    public string PurgeCron { get; set; } = "*/10 * * * *";
}

/// <summary>Which budget a request spends: uploads and download links have smaller budgets of their own.</summary>
public enum RateLimitBucket
{
    General,
    Uploads,
    DownloadLinks,
}

/// <summary>
/// Rate limits of /api/v1. Requests authenticated with an API key spend the key's budget, counted in PostgreSQL so
/// it holds across every API node. Anonymous requests spend their address's budget, counted in this node's memory:
/// with N nodes behind a load balancer an address can make up to N times the published number, and an anonymous
/// search never waits for a database round trip or a row lock. Cookie-session requests are not limited here (the
/// sign-in endpoints keep their own per-address limit).
/// Windows are fixed minutes aligned to the clock (:00 to :59), the same on every node; a client can therefore send
/// up to twice its limit across a window boundary, which the published numbers allow for.
/// </summary>
public static class RateLimits
{
    public const int WindowSeconds = 60;

    /// <summary>Operations with a budget of their own, by operationId; every other API operation spends the general budget.</summary>
    public static readonly FrozenDictionary<string, RateLimitBucket> BucketByOperation = new Dictionary<string, RateLimitBucket>
    {
        ["UploadOriginal"] = RateLimitBucket.Uploads,
        ["UploadRelease"] = RateLimitBucket.Uploads,
        ["CreateLicenseDownload"] = RateLimitBucket.DownloadLinks,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o is { PerKeyPerMinute: >= 0, UploadsPerKeyPerMinute: >= 0, DownloadLinksPerKeyPerMinute: >= 0, AnonymousPerAddressPerMinute: >= 0 },
                "RateLimits: every limit is a number of requests per minute, 0 or more (0 = no limit).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AnonymousWindows>();
        services.AddSingleton<KeyWindows>();
        services.AddSingleton<RateLimitMiddleware>();
        services.AddTransient<RateLimitPurgeJob>();
        services.ConfigureSwaggerGen(options =>
        {
            options.DocumentFilter<RateLimitDocumentation>();
            options.OperationFilter<RateLimitDocumentation>();
        });
        return services;
    }

    /// <summary>Between authentication (who is calling, with which key) and authorization, so refused calls count too.</summary>
    public static WebApplication UseApiRateLimits(this WebApplication app)
    {
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }

    /// <summary>Puts every operation of the group under the published limits (and says so in the contract).</summary>
    public static RouteGroupBuilder WithApiRateLimits(this RouteGroupBuilder group)
    {
        group.WithMetadata(RateLimited.Instance);
        // Last, and only where a route does not document its own 429 (the sign-in limit).
        ((IEndpointConventionBuilder)group).Finally(endpoint => ProblemResponses.AddIfAbsent(endpoint, StatusCodes.Status429TooManyRequests));
        return group;
    }

    public static WebApplication ScheduleRateLimitPurge(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrRemove<RateLimitPurgeJob>(RateLimitPurgeJob.JobId, j => j.RunAsync(CancellationToken.None), options.PurgeCron);
        return app;
    }

    /// <summary>The start of the window <paramref name="now"/> falls in, and the whole seconds until the next one (at least 1).</summary>
    public static (DateTimeOffset Start, int ResetSeconds) Window(DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        var start = ms - (ms % (WindowSeconds * 1000L));
        var reset = (int)Math.Ceiling((start + WindowSeconds * 1000L - ms) / 1000.0);
        return (DateTimeOffset.FromUnixTimeMilliseconds(start), Math.Max(1, reset));
    }

    internal sealed class RateLimited
    {
        public static readonly RateLimited Instance = new();
    }
}

/// <summary>
/// Counts the request against its budget, adds the RateLimit-* headers to every limited response, and answers 429
/// with Retry-After once the budget of the current minute is spent.
/// </summary>
internal sealed class RateLimitMiddleware(IOptionsMonitor<RateLimitOptions> options, AnonymousWindows anonymous, KeyWindows keys, TimeProvider time)
    : IMiddleware
{
    /// <summary>The API-key id claim (MediaCoopClaims.ApiKeyId once the keys part is merged).</summary>
    public const string ApiKeyClaim = "mc:key";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RateLimits.RateLimited>() is null)
        {
            await next(http);
            return;
        }

        var limits = options.CurrentValue;
        var keyId = http.User.FindFirstValue(ApiKeyClaim);
        int limit, hits;
        string scope;
        var (windowStart, reset) = RateLimits.Window(time.GetUtcNow());
        if (keyId is not null)
        {
            var bucket = RateLimits.BucketByOperation.GetValueOrDefault(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "");
            (limit, scope) = bucket switch
            {
                RateLimitBucket.Uploads => (limits.UploadsPerKeyPerMinute, "uploads"),
                RateLimitBucket.DownloadLinks => (limits.DownloadLinksPerKeyPerMinute, "download links"),
                _ => (limits.PerKeyPerMinute, "requests"),
            };
            if (limit == 0)
            {
                await next(http);
                return;
            }
            hits = await keys.HitAsync($"key:{keyId}:{bucket}", windowStart, http.RequestAborted);
        }
        else if (http.User.Identity?.IsAuthenticated != true)
        {
            limit = limits.AnonymousPerAddressPerMinute;
            if (limit == 0)
            {
                await next(http);
                return;
            }
            scope = "anonymous";
            hits = anonymous.Hit(http.Connection.RemoteIpAddress, windowStart.ToUnixTimeSeconds());
        }
        else
        {
            await next(http);
            return;
        }

        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = Math.Max(0, limit - hits).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"{limit};w={RateLimits.WindowSeconds}");
        if (hits <= limit)
        {
            await next(http);
            return;
        }

        var retryAt = windowStart.AddSeconds(RateLimits.WindowSeconds);
        var detail = scope == "anonymous"
            ? $"Anonymous requests from one address are limited to {limit} a minute. Retry after {reset} seconds (at {retryAt:HH:mm:ss} UTC), or use an API key."
            : $"This API key may make {limit} {scope} a minute. Retry after {reset} seconds (at {retryAt:HH:mm:ss} UTC).";
        Auth.SetRetryAfter(http, TimeSpan.FromSeconds(reset));
        await Auth.WriteProblem(http, StatusCodes.Status429TooManyRequests, "Rate limit reached", detail);
    }
}

/// <summary>
/// Per-key counters in PostgreSQL: one statement per request, holding the key's row lock only for that statement.
/// Only requests of the same key (and minute) ever wait on each other.
/// </summary>
internal sealed class KeyWindows(NpgsqlDataSource dataSource)
{
    public async Task<int> HitAsync(string bucket, DateTimeOffset windowStart, CancellationToken ct)
    {
        const string sql = """
            insert into rate_limit_counters (bucket, window_start, hits) values (@bucket, @windowStart, 1)
            on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + 1
            returning hits
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { bucket, windowStart }, cancellationToken: ct));
    }
}

/// <summary>
/// Per-address counters in this node's memory, lock-free: concurrent requests from one address only share an
/// interlocked increment. An IPv6 client is counted by its /64 (one subscriber's network), an IPv4 one by its address.
/// Entries of past windows are dropped by the first request of each new window.
/// </summary>
internal sealed class AnonymousWindows
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ulong High, ulong Low, long Window), System.Runtime.CompilerServices.StrongBox<int>> counts = new();
    private long currentWindow;

    public int Hit(System.Net.IPAddress? address, long window)
    {
        var (high, low) = Partition(address);
        var counter = counts.GetOrAdd((high, low, window), static _ => new System.Runtime.CompilerServices.StrongBox<int>());
        var hits = Interlocked.Increment(ref counter.Value);
        if (window > Volatile.Read(ref currentWindow) && Interlocked.Exchange(ref currentWindow, window) < window)
        {
            foreach (var entry in counts)
                if (entry.Key.Window < window) counts.TryRemove(entry.Key, out _);
        }
        return hits;
    }

    public static (ulong High, ulong Low) Partition(System.Net.IPAddress? address)
    {
        if (address is null) return (ulong.MaxValue, ulong.MaxValue);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? (0, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : (System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), ulong.MaxValue);
    }
}

/// <summary>Deletes per-key counters of finished windows (kept two windows, for a node whose clock runs a little behind).</summary>
public sealed class RateLimitPurgeJob(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string JobId = "rate-limit-purge";

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        const string sql = "delete from rate_limit_counters where window_start < @before";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql,
            new { before = time.GetUtcNow().AddSeconds(-2 * RateLimits.WindowSeconds) }, cancellationToken: ct));
    }
}

/// <summary>
/// Publishes the default numbers in the contract's description. The defaults, not this node's settings: the
/// committed contract must not change with a test's or a benchmark's configuration.
/// </summary>
internal sealed class RateLimitDocumentation : Swashbuckle.AspNetCore.SwaggerGen.IDocumentFilter, Swashbuckle.AspNetCore.SwaggerGen.IOperationFilter
{
    private static readonly (string Name, string Description)[] Headers =
    [
        ("Retry-After", "Seconds until the budget is renewed."),
        ("RateLimit-Limit", "Requests allowed in the current window."),
        ("RateLimit-Remaining", "Requests left in the current window."),
        ("RateLimit-Reset", "Seconds until the current window ends."),
        ("RateLimit-Policy", "The budget as `limit;w=window-seconds`, e.g. `60;w=60`."),
    ];

    /// <summary>Names the headers on the 429 answer of every limited operation.</summary>
    public void Apply(Microsoft.OpenApi.OpenApiOperation operation, Swashbuckle.AspNetCore.SwaggerGen.OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RateLimits.RateLimited>().Any()) return;
        if (operation.Responses?.GetValueOrDefault("429") is not Microsoft.OpenApi.OpenApiResponse tooMany) return;
        tooMany.Headers ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiHeader>();
        foreach (var (name, description) in Headers)
            tooMany.Headers[name] = new Microsoft.OpenApi.OpenApiHeader
            {
                Description = description,
                Schema = new Microsoft.OpenApi.OpenApiSchema
                {
                    Type = name == "RateLimit-Policy" ? Microsoft.OpenApi.JsonSchemaType.String : Microsoft.OpenApi.JsonSchemaType.Integer,
                },
            };
    }

    public void Apply(Microsoft.OpenApi.OpenApiDocument swaggerDoc, Swashbuckle.AspNetCore.SwaggerGen.DocumentFilterContext context)
    {
        var o = new RateLimitOptions();
        static string Per(int n, string what) => n == 0 ? $"no limit on {what}" : $"{n} {what} per minute";
        // A copy: the Info object belongs to the generator's options and would collect one section per generated document.
        swaggerDoc.Info = new Microsoft.OpenApi.OpenApiInfo(swaggerDoc.Info)
        {
            Description = $"""
            {swaggerDoc.Info.Description}

            ## Rate limits
            Requests authenticated with an API key: {Per(o.PerKeyPerMinute, "requests")} per key; uploads ({Per(o.UploadsPerKeyPerMinute, "uploads")}) and download links ({Per(o.DownloadLinksPerKeyPerMinute, "download links")}) have budgets of their own. These hold across all API servers.
            Anonymous requests: {Per(o.AnonymousPerAddressPerMinute, "requests")} per client address (IPv6: per /64), counted by each API server separately.
            Windows are calendar minutes (UTC). Every limited response carries `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the window ends) and `RateLimit-Policy` (e.g. `60;w=60`); over the limit the answer is 429 with `Retry-After` (seconds).
            """,
        };
    }
}

/// <summary>Documents a problem-details answer on an endpoint unless the route already documents that status itself.</summary>
internal static class ProblemResponses
{
    public static void AddIfAbsent(EndpointBuilder endpoint, int status)
    {
        if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status)) return;
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }
}
