using MediaCoop.Api.Platform;
using System.Security.Cryptography;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// Sends due webhook deliveries. A batch is claimed in one statement (<c>for update skip locked</c>, then a lease:
/// the next attempt moved past the request timeout), so several workers or nodes never send one delivery at once and
/// a worker that dies leaves its deliveries due again. Requests go out concurrently with bounded parallelism, at most
/// <see cref="WebhookOptions.MaxPerEndpointPerBatch"/> per endpoint per batch, so a slow or dead receiver holds at
/// most its own slots for at most the timeout while the others are delivered.
/// </summary>
public sealed class WebhookDeliveryJob(NpgsqlDataSource dataSource, WebhookSender sender, WebhookSecrets secrets,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDeliveryJob> logger)
{
    public const string JobId = "webhook-delivery";
    /// <summary>A run stops claiming new batches after this, leaving the rest to the next run.</summary>
    private static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(12);

    public static void Schedule(IRecurringJobManager recurring, WebhookOptions options)
    {
        recurring.AddOrRemove<WebhookDeliveryJob>(JobId, j => j.RunAsync(CancellationToken.None), options.DeliveryCron);
    }

    // Each delivery keeps its own attempts and backoff; Hangfire retrying a whole run would only repeat it.
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken ct) => DispatchAsync(ct);

    /// <summary>Attempts every due delivery (in batches, within the run's budget); returns how many were attempted.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        var o = options.Value;
        var started = time.GetTimestamp();
        var attempted = 0;
        while (time.GetElapsedTime(started) < RunBudget)
        {
            var batch = await ClaimAsync(o, ct);
            if (batch.Count == 0) break;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.MaxParallelDeliveries), CancellationToken = ct },
                async (delivery, token) => await AttemptAsync(delivery, o, token));
            attempted += batch.Count;
        }
        return attempted;
    }

    private sealed record Claimed
    {
        public Guid Id { get; init; }
        public Guid EndpointId { get; init; }
        public Guid EventId { get; init; }
        public int Attempts { get; init; }
        public DateTime CreatedAt { get; init; }
        public string Url { get; init; } = "";
        public string SecretProtected { get; init; } = "";
        public string? PreviousSecretProtected { get; init; }
        public DateTime? PreviousSecretExpiresAt { get; init; }
        public string Body { get; init; } = "";
    }

    private async Task<List<Claimed>> ClaimAsync(WebhookOptions o, CancellationToken ct)
    {
        // The lease outlasts the request timeout, so a delivery still in flight is never claimed twice.
        const string sql = """
            with ranked as (
                select d.id, d.next_attempt_at,
                       row_number() over (partition by d.endpoint_id order by d.next_attempt_at, d.id) as rn
                from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
                where d.status = 'pending' and d.next_attempt_at <= @now
            ), claimed as (
                select d.id from webhook_deliveries d
                where d.id in (select id from ranked where rn <= @perEndpoint order by next_attempt_at limit @batch)
                  and d.status = 'pending' and d.next_attempt_at <= @now
                for update of d skip locked
            )
            update webhook_deliveries d set next_attempt_at = @now + make_interval(secs => @lease)
            from claimed c, webhook_endpoints e, webhook_events ev
            where d.id = c.id and e.id = d.endpoint_id and ev.id = d.event_id
            returning d.id, d.endpoint_id, d.event_id, d.attempts, d.created_at, e.url, e.secret_protected,
                      e.previous_secret_protected, e.previous_secret_expires_at, ev.payload::text as body
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Claimed>(sql, new
        {
            now = time.GetUtcNow(),
            perEndpoint = Math.Max(1, o.MaxPerEndpointPerBatch),
            batch = Math.Max(1, o.MaxParallelDeliveries) * 2,
            lease = o.Timeout.TotalSeconds * 3 + 30,
        });
        return rows.AsList();
    }

    private async Task AttemptAsync(Claimed d, WebhookOptions o, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var signingSecrets = new List<string> { secrets.Unprotect(d.SecretProtected) };
        if (d.PreviousSecretProtected is { } previous && d.PreviousSecretExpiresAt is { } expires && Utc(expires) > now)
            signingSecrets.Add(secrets.Unprotect(previous));
        var timestamp = now.ToUnixTimeSeconds();
        var messageId = d.EventId.ToString();
        var signature = WebhookSignature.Header(signingSecrets, messageId, timestamp, d.Body);

        var result = await sender.SendAsync(new Uri(d.Url), messageId, timestamp, signature, d.Body, ct);
        var attempts = d.Attempts + 1;
        var done = time.GetUtcNow();
        string status;
        DateTimeOffset next = done;
        if (result.Delivered) status = "delivered";
        else if (result.StatusCode == StatusCodes.Status410Gone) status = "failed";
        else
        {
            next = done + Backoff(attempts);
            status = next > Utc(d.CreatedAt) + o.RetryFor ? "failed" : "pending";
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        const string recordSql = """
            update webhook_deliveries
            set status = @status, attempts = @attempts, last_attempt_at = @done, next_attempt_at = @next,
                last_status_code = @code, last_error = @error, response_excerpt = @excerpt,
                delivered_at = case when @status = 'delivered' then @done end
            where id = @id
            """;
        await connection.ExecuteAsync(recordSql, new
        {
            id = d.Id, status, attempts, done, next, code = result.StatusCode, error = result.Error, excerpt = result.ResponseExcerpt,
        }, tx);
        if (result.StatusCode == StatusCodes.Status410Gone)
        {
            // 410 says the endpoint is gone for good: stop sending there until its owner turns it back on.
            const string disableSql = """
                update webhook_endpoints set enabled = false, disabled_at = @done, updated_at = @done,
                       disabled_reason = 'The endpoint answered 410 Gone.'
                where id = @endpointId and enabled
                """;
            await connection.ExecuteAsync(disableSql, new { endpointId = d.EndpointId, done }, tx);
        }
        await tx.CommitAsync(ct);
        if (!result.Delivered)
            logger.LogInformation("Webhook delivery {DeliveryId} attempt {Attempt}: {Error}; now {Status}", d.Id, attempts, result.Error, status);
    }

    /// <summary>
    /// Exponential from 30 s, doubling per attempt up to 12 h, with ±25 % jitter so receivers coming back from an
    /// outage are not hit by every retry in the same second. Three days of retries is about 14 attempts.
    /// </summary>
    public static TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var baseDelay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << exponent));
        var jitter = 0.75 + RandomNumberGenerator.GetInt32(0, 10_001) / 20_000.0;
        return baseDelay * jitter;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
