using Dapper;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// For <c>make run</c>: the demo buyer starts with one paid order and its licence, so the account pages, the
/// certificate and the download have something to show. Made through the same sale and fulfilment code as a real
/// purchase (demo provider), once: the order's Idempotency-Key marks it as done.
/// </summary>
internal static class DemoPurchase
{
    private const string Key = "demo-seed-purchase";

    public static async Task RunAsync(WebApplication app, Guid buyerId)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        const string doneSql = "select exists (select 1 from orders where buyer_id = @buyerId and idempotency_key = @key)";
        if (await connection.ExecuteScalarAsync<bool>(doneSql, new { buyerId, key = Key })) return;

        const string photoSql = """
            select asset_id from catalog where not editorial_only order by published_at, asset_id limit 1
            """;
        var assetId = await connection.ExecuteScalarAsync<Guid?>(photoSql);
        if (assetId is null) return;

        var sale = app.Services.GetRequiredService<LicenseSale>();
        var (order, _, problem) = await sale.CreateAsync(buyerId, Key,
            new CreateOrderRequest([new OrderItemRequest(assetId.Value, "medium", [], null)]), CancellationToken.None);
        if (order is null)
            throw new InvalidOperationException($"The demo purchase could not be made: {problem?.ProblemDetails.Detail}");

        var at = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("update orders set provider = 'demo', checkout_reference = @reference where id = @id",
            new { id = order.Id, reference = $"demo_{order.Id:N}" }, tx);
        await Fulfilment.MarkPaidAsync(connection, tx, order.Id, DemoPaymentProvider.ProviderName, $"demo_{order.Id:N}", order.Total.Amount, order.Currency, at);
        await tx.CommitAsync();
        Console.WriteLine($"Demo purchase: the demo buyer holds a {order.Lines[0].SizeLabel} licence for \u201c{order.Lines[0].Title}\u201d.");
    }
}
