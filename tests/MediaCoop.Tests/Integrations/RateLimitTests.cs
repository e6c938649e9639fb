using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MediaCoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCoop.Tests.Integrations;

/// <summary>
/// The published limits, on two hosts of their own (two API nodes on the run's database) with small numbers and a
/// clock that stands still in the middle of a minute. Each test uses its own key ids and client addresses.
/// </summary>
public sealed class RateLimitTests
{
    private const int PerKey = 5;
    private const int Uploads = 2;
    private const int Anonymous = 3;
    private TestClock clock = null!;
    private WebApplicationFactory<Program> node = null!;
    private WebApplicationFactory<Program> otherNode = null!;

    [OneTimeSetUp]
    public void StartNodes()
    {
        clock = TestClock.MidWindow();
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:PerKeyPerMinute"] = PerKey.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:UploadsPerKeyPerMinute"] = Uploads.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:DownloadLinksPerKeyPerMinute"] = "4",
            ["RateLimits:AnonymousPerAddressPerMinute"] = Anonymous.ToString(CultureInfo.InvariantCulture),
        };
        node = TestCallers.Host(settings, clock);
        otherNode = TestCallers.Host(settings, clock);
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await node.DisposeAsync();
        await otherNode.DisposeAsync();
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    private static string NewKey() => Guid.NewGuid().ToString();

    private static int addresses;

    /// <summary>A client address no other test of this run uses (the anonymous counters live as long as the node).</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref addresses);
        return $"198.51.{n / 250}.{n % 250 + 1}";
    }

    [Test]
    public async Task An_api_key_gets_its_published_number_of_requests_a_minute_and_then_429_with_Retry_After()
    {
        using var client = TestCallers.Client(node, NewAddress(), NewKey());
        for (var i = 1; i <= PerKey; i++)
        {
            var ok = await client.GetAsync("/api/v1/lightboxes");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
            Assert.Multiple(() =>
            {
                Assert.That(Header(ok, "RateLimit-Limit"), Is.EqualTo(PerKey));
                Assert.That(Header(ok, "RateLimit-Remaining"), Is.EqualTo(PerKey - i));
                Assert.That(Header(ok, "RateLimit-Reset"), Is.EqualTo(30), "the clock stands at :30");
                Assert.That(ok.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo($"{PerKey};w=60"));
            });
        }

        var refused = await client.GetAsync("/api/v1/lightboxes");
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(Header(refused, "Retry-After"), Is.EqualTo(30));
            Assert.That(Header(refused, "RateLimit-Remaining"), Is.Zero);
            Assert.That(Header(refused, "RateLimit-Reset"), Is.EqualTo(30));
            Assert.That(problem["detail"]!.ToString(), Does.Contain($"{PerKey} requests a minute").And.Contain("Retry after 30 seconds"));
        });

        using var otherKey = TestCallers.Client(node, NewAddress(), NewKey());
        var unaffected = await otherKey.GetAsync("/api/v1/lightboxes");
        Assert.That(unaffected.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has its own budget");
        Assert.That(Header(unaffected, "RateLimit-Remaining"), Is.EqualTo(PerKey - 1));
    }

    [Test]
    public async Task Uploads_have_a_smaller_budget_of_their_own()
    {
        using var client = TestCallers.Client(node, NewAddress(), NewKey());
        // Empty uploads: refused after the limiter (no file, no antiforgery token), which is all this test needs.
        for (var i = 0; i < Uploads; i++)
        {
            var upload = await client.PostAsync("/api/v1/uploads", new ByteArrayContent([]));
            Assert.That(upload.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(upload, "RateLimit-Limit"), Is.EqualTo(Uploads));
        }
        var refused = await client.PostAsync("/api/v1/uploads", new ByteArrayContent([]));
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(problem["detail"]!.ToString(), Does.Contain($"{Uploads} uploads a minute"));

        var read = await client.GetAsync("/api/v1/lightboxes");
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the general budget is untouched by uploads");
        Assert.That(Header(read, "RateLimit-Remaining"), Is.EqualTo(PerKey - 1));
    }

    [Test]
    public async Task Anonymous_callers_are_limited_per_address_and_an_ipv6_network_counts_as_one_address()
    {
        var address = NewAddress();
        using var anonymous = TestCallers.Client(node, address);
        var search = $"/api/v1/assets?q=zq{Guid.NewGuid():N}";
        for (var i = 1; i <= Anonymous; i++)
        {
            var ok = await anonymous.GetAsync(search);
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
            Assert.That(Header(ok, "RateLimit-Remaining"), Is.EqualTo(Anonymous - i));
        }
        var refused = await anonymous.GetAsync(search);
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(Header(refused, "Retry-After"), Is.EqualTo(30));
        Assert.That(problem["detail"]!.ToString(), Does.Contain($"limited to {Anonymous} a minute").And.Contain("API key"));

        using var neighbour = TestCallers.Client(node, NewAddress());
        Assert.That((await neighbour.GetAsync(search)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "another address has its own budget");

        var network = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        for (var i = 1; i <= Anonymous; i++)
        {
            using var host = TestCallers.Client(node, $"{network}::{i:x}");
            Assert.That((await host.GetAsync(search)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        using var sameNetwork = TestCallers.Client(node, $"{network}::beef");
        await (await sameNetwork.GetAsync(search)).ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task Browser_sessions_are_not_limited_per_minute()
    {
        var address = NewAddress();
        using var session = new ApiClient(TestCallers.Client(node, address));
        // Sign-up spends two anonymous requests (antiforgery token, register); afterwards the session is not counted.
        var registered = await session.RegisterAsync(ApiClient.UniqueEmail());
        Assert.That(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        for (var i = 0; i < Anonymous + 2; i++)
        {
            var mine = await session.GetAsync("/api/v1/lightboxes");
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(mine.Headers.Contains("RateLimit-Limit"), Is.False);
        }
    }

    [Test]
    public async Task Two_api_nodes_share_one_budget_per_key_and_a_new_minute_restores_it()
    {
        var key = NewKey();
        using var first = TestCallers.Client(node, NewAddress(), key);
        using var second = TestCallers.Client(otherNode, NewAddress(), key);
        for (var i = 0; i < PerKey; i++)
        {
            var response = await (i % 2 == 0 ? first : second).GetAsync("/api/v1/lightboxes");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo(PerKey - 1 - i), "both nodes count into one budget");
        }
        await (await first.GetAsync("/api/v1/lightboxes")).ProblemAsync(HttpStatusCode.TooManyRequests);
        await (await second.GetAsync("/api/v1/lightboxes")).ProblemAsync(HttpStatusCode.TooManyRequests);

        var start = clock.Now;
        try
        {
            clock.Now = start.AddSeconds(Header(await second.GetAsync("/api/v1/lightboxes"), "Retry-After"));
            var again = await second.GetAsync("/api/v1/lightboxes");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "after Retry-After the key has a new minute");
            Assert.That(Header(again, "RateLimit-Remaining"), Is.EqualTo(PerKey - 1));
            Assert.That(Header(again, "RateLimit-Reset"), Is.EqualTo(60));
        }
        finally
        {
            clock.Now = start;
        }
    }

    [Test]
    public async Task Finished_windows_are_purged_and_the_current_one_kept()
    {
        var key = NewKey();
        using var client = TestCallers.Client(node, NewAddress(), key);
        await client.GetAsync("/api/v1/lightboxes");
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        var old = $"key:{NewKey()}:General";
        await Dapper.SqlMapper.ExecuteAsync(connection,
            "insert into rate_limit_counters (bucket, window_start, hits) values (@old, now() - interval '10 minutes', 7)", new { old });

        using (var scope = node.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Integrations.RateLimitPurgeJob>().RunAsync(CancellationToken.None);

        var left = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "select bucket from rate_limit_counters where bucket = any(@buckets)", new { buckets = new[] { old, $"key:{key}:General" } });
        Assert.That(left, Is.EqualTo(new[] { $"key:{key}:General" }));
    }

    [Test]
    public async Task The_contract_publishes_the_numbers_and_the_429_answer()
    {
        using var client = ApiFactory.Shared.NewClient();
        var document = await client.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/swagger/v1/swagger.json");
        Assert.That(document!["info"]!["description"]!.ToString(),
            Does.Contain("60 requests per minute").And.Contain("10 uploads per minute").And.Contain("20 download links per minute")
                .And.Contain("300 requests per minute").And.Contain("counted by each API server separately"));
        var tooMany = document["paths"]!["/api/v1/assets"]!["get"]!["responses"]!["429"]!;
        Assert.That(tooMany["headers"]!.AsObject().Select(h => h.Key),
            Is.SupersetOf(new[] { "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy" }));
    }
}
