using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Integrations;

public sealed record RegisteredEndpoint(Guid Id, string Secret);

public sealed record DeliveryRow
{
    public Guid Id { get; init; }
    public Guid EventId { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public DateTime? LastAttemptAt { get; init; }
    public DateTime NextAttemptAt { get; init; }
}

public static class WebhookSupport
{
    public static async Task<RegisteredEndpoint> RegisterAsync(this ApiClient client, Uri url, params string[] events)
    {
        var created = await (await client.PostAsync("/api/v1/me/webhooks", new { url = url.ToString(), events, description = "test receiver" }))
            .JsonAsync(HttpStatusCode.Created);
        return new RegisteredEndpoint(created["endpoint"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    /// <summary>
    /// Verifies a Standard Webhooks signature from the specification alone, not through the production signer:
    /// base64(HMAC-SHA256(base64-decoded secret after "whsec_", "{id}.{timestamp}.{body}")), any of the
    /// space-separated "v1,…" signatures.
    /// </summary>
    public static bool SignedWith(this ReceivedWebhook hook, string secret)
    {
        Assert.That(secret, Does.StartWith("whsec_"));
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret[6..]));
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{hook.Id}.{hook.Timestamp}.{hook.Body}")));
        return hook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public static JsonObject Json(this ReceivedWebhook hook) => JsonNode.Parse(hook.Body)!.AsObject();

    public static string Type(this ReceivedWebhook hook) => hook.Json()["type"]!.GetValue<string>();

    /// <summary>One run of the delivery job, as the recurring schedule would run it.</summary>
    public static async Task DeliverAsync()
    {
        using var scope = ApiFactory.Shared.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>().DispatchAsync(CancellationToken.None);
    }

    /// <summary>
    /// Runs the delivery job until <paramref name="done"/> holds. Other tests run the job too (the database is
    /// shared), so a test waits for the state it expects rather than assuming its own run did the work.
    /// </summary>
    public static async Task DeliverUntilAsync(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            await DeliverAsync();
            if (await done()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting for: {what}");
    }

    /// <summary>Waits for <paramref name="done"/> without running the job itself (a run in progress does the work).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await done()) return;
            await Task.Delay(50);
        }
        Assert.Fail($"Timed out waiting for: {what}");
    }

    public static async Task<List<DeliveryRow>> DeliveriesAsync(Guid endpointId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return [.. await connection.QueryAsync<DeliveryRow>("""
            select id, event_id, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at
            from webhook_deliveries where endpoint_id = @endpointId order by created_at, id
            """, new { endpointId })];
    }

    public static async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }
}
