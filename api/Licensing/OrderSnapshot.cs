using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Npgsql;

namespace MediaCoop.Api.Licensing;

// The Order shape of the licensing design. lic-core owns the order endpoints; this reader exists so confirm and
// refunds can answer with the same shape until the branches meet (then one reader remains).
public sealed record OrderLineView(Guid Id, Guid AssetId, string? Title, RenditionLink? Thumbnail, string Size, string SizeLabel,
    int Width, int Height, IReadOnlyList<string> Extended, bool EditorialOnly, Guid? UpgradeOf, Money Amount, Money Refunded, Guid? LicenseId);

public sealed record OrderView(Guid Id, string Status, string Currency, Money Total, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt, string? Provider, IReadOnlyList<OrderLineView> Lines, Money AmountRefunded);

public static class OrderSnapshot
{
    public static async Task<OrderView?> ReadAsync(NpgsqlConnection connection, Guid orderId, NpgsqlTransaction? transaction = null)
    {
        const string orderSql = """
            select id, status, currency, total, created_at, expires_at, paid_at, provider, amount_refunded
            from orders where id = @orderId
            """;
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(orderSql, new { orderId }, transaction);
        if (order is null) return null;
        const string linesSql = """
            select l.id, l.asset_id, a.title, r.blob_key as thumb_key, r.width as thumb_width, r.height as thumb_height,
                   l.size, o.label as size_label, l.width, l.height, l.extended, l.editorial_only, l.upgrade_of,
                   l.amount, l.refunded, lic.id as license_id
            from order_lines l
            join assets a on a.id = l.asset_id
            join license_options o on o.code = l.size
            left join asset_renditions r on r.asset_id = l.asset_id and r.kind = 'thumbnail'
            left join licenses lic on lic.order_line_id = l.id
            where l.order_id = @orderId
            order by l.line_no
            """;
        var lines = await connection.QueryAsync<LineRow>(linesSql, new { orderId }, transaction);
        return new OrderView(order.Id, order.Status, order.Currency, new Money(order.Total, order.Currency),
            Utc(order.CreatedAt), Utc(order.ExpiresAt), order.PaidAt is { } paid ? Utc(paid) : null, order.Provider,
            lines.Select(l => new OrderLineView(l.Id, l.AssetId, l.Title,
                l.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(l.ThumbKey), l.ThumbWidth ?? 0, l.ThumbHeight ?? 0),
                l.Size, l.SizeLabel, l.Width, l.Height, l.Extended, l.EditorialOnly, l.UpgradeOf,
                new Money(l.Amount, order.Currency), new Money(l.Refunded, order.Currency), l.LicenseId)).ToList(),
            new Money(order.AmountRefunded, order.Currency));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

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
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public string? ThumbKey { get; init; }
        public int? ThumbWidth { get; init; }
        public int? ThumbHeight { get; init; }
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
}
