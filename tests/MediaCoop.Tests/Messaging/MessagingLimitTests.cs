using System.Globalization;
using System.Net;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Integrations;
using MediaCoop.Tests.Uploads;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Messaging;

/// <summary>
/// The per-person write limits, on a host of its own with small numbers and a clock that stands still in the middle of
/// an hour (so no test straddles a window). Counters are per person, and each test has people of its own.
/// </summary>
public sealed class MessagingLimitTests
{
    private const int Threads = 2;
    private const int Messages = 3;
    private const int Topics = 1;
    private ApiFactory host = null!;
    private WebApplicationFactory<Program> api = null!;

    [OneTimeSetUp]
    public void Start()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new TestClock(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 35, 0, TimeSpan.Zero));
        host = new ApiFactory(new Dictionary<string, string?>
        {
            ["Messaging:NewThreadsPerHour"] = Threads.ToString(CultureInfo.InvariantCulture),
            ["Messaging:MessagesPerTenMinutes"] = Messages.ToString(CultureInfo.InvariantCulture),
            ["Messaging:BoardTopicsPerHour"] = Topics.ToString(CultureInfo.InvariantCulture),
        });
        api = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await api.DisposeAsync();
        await host.DisposeAsync();
    }

    private ApiClient NewClient() => new(api.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false,
    }));

    private async Task<(ApiClient Client, Guid Id)> PersonAsync(string? role = null)
    {
        var client = NewClient();
        var registered = await client.RegisterAsync(ApiClient.UniqueEmail("limits"));
        Assert.That(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var me = await client.MeAsync();
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        if (role is not null) await connection.ExecuteAsync("insert into user_roles (user_id, role) values (@id, @role)", new { id = me.Id, role });
        await connection.ExecuteAsync("insert into memberships (id, user_id, member_class) values (gen_random_uuid(), @id, 'worker')", new { id = me.Id });
        return (client, me.Id);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string says)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(says));
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.That(retryAfter, Is.GreaterThan(0).And.LessThanOrEqualTo(3600));
    }

    [Test]
    public async Task New_conversations_are_limited_per_hour_with_429_and_Retry_After()
    {
        var (buyer, _) = await PersonAsync();
        var contributors = new List<Guid>();
        for (var i = 0; i <= Threads; i++) contributors.Add((await PersonAsync("contributor")).Id);
        for (var i = 0; i < Threads; i++)
            await (await buyer.PostAsync("/api/v1/threads", new { recipientId = contributors[i], kind = "question", subject = "Hi", body = "Hello" }))
                .JsonAsync(HttpStatusCode.Created);
        await AssertTooManyAsync(
            await buyer.PostAsync("/api/v1/threads", new { recipientId = contributors[Threads], kind = "question", subject = "Hi", body = "Hello" }),
            "2 new conversations an hour");

        var (otherBuyer, _) = await PersonAsync();
        await (await otherBuyer.PostAsync("/api/v1/threads", new { recipientId = contributors[Threads], kind = "question", subject = "Hi", body = "Hello" }))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Messages_are_limited_per_ten_minutes_across_threads_and_the_board()
    {
        var (buyer, _) = await PersonAsync();
        var (_, contributor) = await PersonAsync("contributor");
        var thread = await (await buyer.PostAsync("/api/v1/threads", new { recipientId = contributor, kind = "question", subject = "Hi", body = "Hello" }))
            .JsonAsync(HttpStatusCode.Created);
        var threadId = thread["id"]!.GetValue<Guid>();
        var (member, _) = await PersonAsync();
        var topic = (await (await member.PostAsync("/api/v1/board/topics", new { title = "Open topic", body = "Reply here" })).JsonAsync(HttpStatusCode.Created))["id"]!
            .GetValue<Guid>();

        for (var i = 0; i < Messages - 1; i++)
            await (await buyer.PostAsync($"/api/v1/threads/{threadId}/messages", new { body = $"Message {i}" })).JsonAsync(HttpStatusCode.Created);
        await (await buyer.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "On the board" })).JsonAsync(HttpStatusCode.Created);
        await AssertTooManyAsync(await buyer.PostAsync($"/api/v1/threads/{threadId}/messages", new { body = "One too many" }), "3 messages every ten minutes");
        await AssertTooManyAsync(await buyer.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "One too many" }), "3 messages");

        await (await member.PostAsync("/api/v1/board/topics", new { title = "Another", body = "Too soon" })).ProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
