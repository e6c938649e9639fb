using System.Security.Cryptography;
using System.Text;
using Dapper;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Licensing;

public enum SaleOutcome { Created, Replayed }

/// <summary>
/// Creates orders: prices fixed by the server from license_options, one order per (buyer, Idempotency-Key), ordered
/// photos taken out of the cart in the same transaction.
/// </summary>
public sealed class LicenseSale(NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time, IOptions<PaymentOptions> options)
{
    /// <summary>
    /// SHA-256 of the request as the server understands it: items sorted by photo, codes normalised, add-ons sorted.
    /// Anything else the client sends (prices, totals, unknown fields) is not part of the order, so not of the hash.
    /// </summary>
    public static byte[] RequestHash(CreateOrderRequest request)
    {
        var canonical = new StringBuilder();
        foreach (var item in request.Items.OrderBy(i => i.AssetId))
            canonical.Append(item.AssetId.ToString("D")).Append('|').Append(item.Size.Trim().ToLowerInvariant()).Append('|')
                .Append(string.Join(',', LicensingRules.Normalise(item.Extended))).Append('|')
                .Append(item.UpgradeOf?.ToString("D") ?? "").Append('\n');
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
    }

    private sealed record KeyRow
    {
        public Guid Id { get; init; }
        public byte[] RequestHash { get; init; } = [];
    }

    public async Task<(Order? Order, SaleOutcome Outcome, ProblemHttpResult? Problem)> CreateAsync(
        Guid buyerId, string idempotencyKey, CreateOrderRequest request, CancellationToken ct)
    {
        var hash = RequestHash(request);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var replay = await ReplayAsync(connection, buyerId, idempotencyKey, hash, ct);
        if (replay is not null) return replay.Value;

        var snapshot = await catalog.GetAsync(ct);
        var now = time.GetUtcNow();
        var orderId = Guid.CreateVersion7();
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            var assets = await LicenseChoices.LoadAssetsAsync(connection, request.Items.Select(i => i.AssetId).ToList(), tx);
            var priced = new List<PricedChoice>(request.Items.Count);
            foreach (var item in request.Items)
            {
                var result = await LicenseChoices.EvaluateAsync(connection, tx, snapshot, buyerId, assets.GetValueOrDefault(item.AssetId),
                    item.AssetId, item.Size, item.Extended, item.UpgradeOf, now);
                if (result.Problem is not null) return (null, SaleOutcome.Created, result.Problem);
                priced.Add(result.Choice!);
            }

            const string orderSql = """
                insert into orders (id, buyer_id, status, currency, total, idempotency_key, request_hash, created_at, expires_at)
                values (@orderId, @buyerId, 'pending', @currency, @total, @idempotencyKey, @hash, @now, @expiresAt)
                """;
            const string lineSql = """
                insert into order_lines (id, order_id, line_no, asset_id, size, extended, width, height, editorial_only, upgrade_of, amount, amount_extended)
                values (@id, @orderId, @lineNo, @assetId, @size, @extended, @width, @height, @editorialOnly, @upgradeOf, @amount, @amountExtended)
                """;
            const string leaveCartSql = "delete from cart_items where user_id = @buyerId and asset_id = any(@assetIds)";
            try
            {
                await connection.ExecuteAsync(orderSql, new
                {
                    orderId, buyerId, currency = snapshot.Currency, total = priced.Sum(p => p.Amount), idempotencyKey, hash, now,
                    expiresAt = now + options.Value.OrderLifetime,
                }, tx);
                await connection.ExecuteAsync(lineSql, priced.Select((p, i) => new
                {
                    id = Guid.CreateVersion7(), orderId, lineNo = i + 1, assetId = p.Asset.Id, size = p.Size.Option.Code, extended = p.Extended.ToArray(),
                    width = p.Size.Width, height = p.Size.Height, editorialOnly = p.Asset.EditorialOnly, upgradeOf = p.UpgradeOf, amount = p.Amount,
                    amountExtended = p.ExtendedAmount,
                }), tx);
                await connection.ExecuteAsync(leaveCartSql, new { buyerId, assetIds = priced.Select(p => p.Asset.Id).ToArray() }, tx);
                await tx.CommitAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "orders_buyer_id_idempotency_key_key")
            {
                // A concurrent request with the same key committed first (this insert waited for it): answer as a replay.
                await tx.RollbackAsync(ct);
                return await ReplayAsync(connection, buyerId, idempotencyKey, hash, ct)
                    ?? throw new InvalidOperationException("An order with this idempotency key vanished.", e);
            }
        }
        var order = (await Orders.LoadAsync(connection, buyerId, orderId, ct)).Single();
        return (order, SaleOutcome.Created, null);
    }

    private static async Task<(Order?, SaleOutcome, ProblemHttpResult?)?> ReplayAsync(NpgsqlConnection connection, Guid buyerId, string key, byte[] hash, CancellationToken ct)
    {
        const string sql = "select id, request_hash from orders where buyer_id = @buyerId and idempotency_key = @key";
        var existing = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(sql, new { buyerId, key }, cancellationToken: ct));
        if (existing is null) return null;
        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
            return (null, SaleOutcome.Replayed, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused for a different order",
                detail: "This Idempotency-Key was already used for an order with different items. Send a new key for a new order, or the same items to get the existing order back."));
        return ((await Orders.LoadAsync(connection, buyerId, existing.Id, ct)).Single(), SaleOutcome.Replayed, null);
    }
}

/// <summary>Reads orders as their buyer sees them (the receipt).</summary>
public static class Orders
{
    private sealed record OrderRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Currency { get; init; } = "";
        public long Total { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime ExpiresAt { get; init; }
        public DateTime? PaidAt { get; init; }
        public string? Provider { get; init; }
        public long AmountRefunded { get; init; }
    }

    private sealed record LineRow
    {
        public Guid Id { get; init; }
        public Guid OrderId { get; init; }
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public string? ThumbKey { get; init; }
        public int ThumbWidth { get; init; }
        public int ThumbHeight { get; init; }
        public string Size { get; init; } = "";
        public string SizeLabel { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public string[] Extended { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public Guid? UpgradeOf { get; init; }
        public long Amount { get; init; }
        public long Refunded { get; init; }
        public Guid? LicenseId { get; init; }
    }

    /// <summary>The buyer's orders (one, or the newest <paramref name="limit"/>), newest first.</summary>
    public static async Task<List<Order>> LoadAsync(NpgsqlConnection connection, Guid buyerId, Guid? orderId, CancellationToken ct, int limit = 100,
        NpgsqlTransaction? tx = null)
    {
        const string ordersSql = """
            select id, status, currency, total, created_at, expires_at, paid_at, provider, amount_refunded
            from orders where buyer_id = @buyerId and (@orderId::uuid is null or id = @orderId)
            order by created_at desc, id desc limit @limit
            """;
        const string linesSql = """
            select ol.id, ol.order_id, ol.asset_id, a.title, t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   ol.size, o.label as size_label, ol.width, ol.height, ol.extended, ol.editorial_only, ol.upgrade_of, ol.amount, ol.refunded,
                   l.id as license_id
            from order_lines ol
            join assets a on a.id = ol.asset_id
            join license_options o on o.code = ol.size
            left join asset_renditions t on t.asset_id = ol.asset_id and t.kind = 'thumbnail'
            left join licenses l on l.order_line_id = ol.id
            where ol.order_id = any(@ids)
            order by ol.order_id, ol.line_no
            """;
        var orders = (await connection.QueryAsync<OrderRow>(new CommandDefinition(ordersSql, new { buyerId, orderId, limit }, tx, cancellationToken: ct))).AsList();
        if (orders.Count == 0) return [];
        var lines = (await connection.QueryAsync<LineRow>(new CommandDefinition(linesSql, new { ids = orders.Select(o => o.Id).ToArray() }, tx, cancellationToken: ct)))
            .ToLookup(l => l.OrderId);
        return orders.Select(o => new Order(o.Id, o.Status, o.Currency, new(o.Total, o.Currency), Utc(o.CreatedAt), Utc(o.ExpiresAt),
            o.PaidAt is { } paid ? Utc(paid) : null, o.Provider,
            lines[o.Id].Select(l => new OrderLine(l.Id, l.AssetId, l.Title,
                l.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(l.ThumbKey), l.ThumbWidth, l.ThumbHeight),
                l.Size, l.SizeLabel, l.Width, l.Height, l.Extended, l.EditorialOnly, l.UpgradeOf, new(l.Amount, o.Currency),
                new(l.Refunded, o.Currency), l.LicenseId)).ToList(),
            new(o.AmountRefunded, o.Currency))).ToList();
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
