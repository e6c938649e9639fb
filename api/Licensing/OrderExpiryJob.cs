using Dapper;
using Hangfire;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// Marks unpaid orders past their expiry as expired, so their prices are no longer held. A payment that still
/// arrives for one is honoured by <see cref="Fulfilment"/> (the buyer paid); the order row lock orders the two.
/// </summary>
public sealed class OrderExpiryJob(NpgsqlDataSource dataSource, TimeProvider time, ILogger<OrderExpiryJob> logger)
{
    public const string JobId = "order-expiry";

    public static void Schedule(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<OrderExpiryJob>(JobId, j => j.RunAsync(CancellationToken.None), "* * * * *");

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        const string sql = """
            update orders set status = 'expired' where status = 'pending' and expires_at <= @now
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var expired = await connection.ExecuteAsync(new CommandDefinition(sql, new { now = time.GetUtcNow() }, cancellationToken: ct));
        if (expired > 0) logger.LogInformation("Expired {Count} unpaid orders", expired);
        return expired;
    }
}
