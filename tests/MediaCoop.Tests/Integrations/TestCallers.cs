using System.Net;
using System.Security.Claims;
using MediaCoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCoop.Tests.Integrations;

/// <summary>
/// Test-only stand-ins, installed before the app's own pipeline: a request says which client address it comes from
/// (TestServer has none), and which API key it is authenticated with — the principal the API-key scheme produces
/// (owner's user id plus the <c>mc:key</c> claim), so the rate limits can be tested apart from how keys are checked.
/// </summary>
internal sealed class TestCallers : IStartupFilter
{
    public const string AddressHeader = "X-Test-Client-Address";
    public const string KeyHeader = "X-Test-Api-Key";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, rest) =>
        {
            if (http.Request.Headers.TryGetValue(AddressHeader, out var address))
                http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            if (http.Request.Headers.TryGetValue(KeyHeader, out var key))
                http.User = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim("mc:key", key.ToString())], "ApiKey"));
            await rest(http);
        });
        next(app);
    };

    /// <summary>A host with <paramref name="settings"/>, these stand-ins, and <paramref name="clock"/> as its time.</summary>
    public static WebApplicationFactory<Program> Host(IReadOnlyDictionary<string, string?> settings, TimeProvider clock) =>
        new ApiFactory(settings).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestCallers>();
            services.AddSingleton(clock);
        }));

    /// <summary>A client whose every request comes from <paramref name="address"/> (and with <paramref name="key"/>, if given).</summary>
    public static HttpClient Client(WebApplicationFactory<Program> host, string address, string? key = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        if (key is not null) client.DefaultRequestHeaders.Add(KeyHeader, key);
        return client;
    }
}

/// <summary>A clock the test sets; it stands still otherwise, so a test never straddles a window boundary by chance.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Half a minute into the current minute: the middle of a rate-limit window, close to the real time.</summary>
    public static TestClock MidWindow()
    {
        var now = DateTimeOffset.UtcNow;
        return new TestClock(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 30, TimeSpan.Zero));
    }
}
