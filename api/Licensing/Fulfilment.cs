using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Catalog;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Royalties;
using Npgsql;

namespace MediaCoop.Api.Licensing;

public enum FulfilmentOutcome
{
    /// <summary>The order was paid now and its licences issued.</summary>
    Fulfilled,
    /// <summary>The order had already been fulfilled (a duplicate or retried event): nothing changed.</summary>
    AlreadyFulfilled,
    /// <summary>A refund arrived before the payment: the order stays refunded and no licence is issued.</summary>
    RefundedBeforePayment,
    /// <summary>The amount or currency paid is not the order's: nothing issued, the event is kept for a person.</summary>
    AmountMismatch,
    NotFound,
}

/// <summary>
/// The one code path that turns a payment into licences, whichever provider took it (Stripe's verified webhook,
/// a server-side retrieval of a Checkout Session, the demo checkout). The caller owns the transaction, so the
/// provider's own record (the payment event row) commits or rolls back together with the licences: a crash
/// before commit leaves nothing, and the retry does it all once.
/// </summary>
public static class Fulfilment
{
    public static async Task<FulfilmentOutcome> MarkPaidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orderId, string provider, string paymentReference, long amountPaid, string currency, DateTimeOffset at)
    {
        // The row lock serialises concurrent deliveries of the same payment: the second waits, then sees 'paid'.
        const string lockSql = "select status, total, currency, buyer_id from orders where id = @orderId for update";
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(lockSql, new { orderId }, transaction);
        if (order is null) return FulfilmentOutcome.NotFound;
        if (order.Status == "paid") return FulfilmentOutcome.AlreadyFulfilled;
        if (order.Status == "refunded")
        {
            const string lateSql = """
                update orders set paid_at = coalesce(paid_at, @at), amount_paid = coalesce(amount_paid, @amountPaid),
                       provider = coalesce(provider, @provider), payment_reference = coalesce(payment_reference, @paymentReference)
                where id = @orderId
                """;
            await connection.ExecuteAsync(lateSql, new { orderId, at, amountPaid, provider, paymentReference }, transaction);
            return FulfilmentOutcome.RefundedBeforePayment;
        }
        if (amountPaid != order.Total || !string.Equals(currency, order.Currency, StringComparison.OrdinalIgnoreCase))
            return FulfilmentOutcome.AmountMismatch;

        // 'pending' or 'expired': a payment that completes after the order expired is still honoured.
        const string paySql = """
            update orders set status = 'paid', paid_at = @at, amount_paid = @amountPaid, provider = @provider,
                   payment_reference = @paymentReference
            where id = @orderId
            """;
        await connection.ExecuteAsync(paySql, new { orderId, at, amountPaid, provider, paymentReference }, transaction);

        const string linesSql = """
            select id, asset_id, upgrade_of from order_lines where order_id = @orderId order by line_no
            """;
        var lines = (await connection.QueryAsync<LineRow>(linesSql, new { orderId }, transaction)).AsList();
        const string termsSql = "select max(version) from license_terms";
        var terms = await connection.ExecuteScalarAsync<int>(termsSql, transaction: transaction);
        var issuedLicences = new List<Guid>();
        foreach (var line in lines)
        {
            var licenseId = Guid.CreateVersion7();
            // on conflict: the unique order line makes a second issue impossible even outside this lock.
            const string issueSql = """
                insert into licenses (id, order_line_id, buyer_id, asset_id, size, extended, width, height, editorial_only,
                                      terms_version, verification_code, issued_at)
                select @licenseId, l.id, o.buyer_id, l.asset_id, l.size, l.extended, l.width, l.height, l.editorial_only,
                       @terms, @code, @at
                from order_lines l join orders o on o.id = l.order_id
                where l.id = @lineId
                on conflict (order_line_id) do nothing
                """;
            var issued = await connection.ExecuteAsync(issueSql,
                new { licenseId, lineId = line.Id, terms, code = NewVerificationCode(), at }, transaction);
            if (issued == 0) continue;
            issuedLicences.Add(licenseId);
            // The books in the same transaction as the licence: a sale is credited exactly when it is issued.
            await RoyaltyPosting.PostSaleAsync(connection, transaction, line.Id, at);
            if (line.UpgradeOf is { } replaced)
            {
                const string supersedeSql = "update licenses set superseded_by = @licenseId where id = @replaced and superseded_by is null";
                await connection.ExecuteAsync(supersedeSql, new { licenseId, replaced }, transaction);
            }
            else
            {
                await RecordInterestAsync(connection, transaction, orderId, line.AssetId, at);
            }
        }
        await PublishWebhooksAsync(connection, transaction, orderId, order.BuyerId, provider, amountPaid, order.Currency, at, issuedLicences);
        return FulfilmentOutcome.Fulfilled;
    }

    private sealed record IssuedRow
    {
        public Guid Id { get; init; }
        public Guid AssetId { get; init; }
        public Guid OrderLineId { get; init; }
        public string Size { get; init; } = "";
        public string[] Extended { get; init; } = [];
        public int Width { get; init; }
        public int Height { get; init; }
        public bool EditorialOnly { get; init; }
        public string VerificationCode { get; init; } = "";
        public Guid? Supersedes { get; init; }
    }

    /// <summary>order.paid, then license.created per licence, to the buyer: in the payment's transaction.</summary>
    private static async Task PublishWebhooksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId, Guid buyerId,
        string provider, long amountPaid, string currency, DateTimeOffset at, List<Guid> licenceIds)
    {
        await WebhookEvents.PublishAsync(connection, transaction, WebhookEvents.OrderPaid, buyerId, new
        {
            order_id = orderId,
            amount_paid = amountPaid,
            currency,
            provider,
            paid_at = at,
            license_ids = licenceIds,
            url = Notifier.Absolute($"/orders/{orderId}"),
            api_url = Notifier.Absolute($"/api/v1/me/orders/{orderId}"),
        });
        if (licenceIds.Count == 0) return;
        const string sql = """
            select l.id, l.asset_id, l.order_line_id, l.size, l.extended, l.width, l.height, l.editorial_only, l.verification_code,
                   (select p.id from licenses p where p.superseded_by = l.id) as supersedes
            from licenses l where l.id = any(@licenceIds)
            order by l.id
            """;
        foreach (var l in await connection.QueryAsync<IssuedRow>(sql, new { licenceIds = licenceIds.ToArray() }, transaction))
            await WebhookEvents.PublishAsync(connection, transaction, WebhookEvents.LicenseCreated, buyerId, new
            {
                license_id = l.Id,
                order_id = orderId,
                order_line_id = l.OrderLineId,
                asset_id = l.AssetId,
                size = l.Size,
                extended = l.Extended,
                width = l.Width,
                height = l.Height,
                editorial_only = l.EditorialOnly,
                verification_code = l.VerificationCode,
                supersedes_license_id = l.Supersedes,
                issued_at = at,
                api_url = Notifier.Absolute($"/api/v1/me/licenses/{l.Id}"),
                certificate_url = Notifier.Absolute($"/api/v1/me/licenses/{l.Id}/certificate.pdf"),
                verify_url = Notifier.Absolute($"/verify/{l.VerificationCode}"),
            });
    }

    /// <summary>A licence counts towards the photo's popularity once per buyer (as lightbox adds do).</summary>
    private static async Task RecordInterestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId, Guid assetId, DateTimeOffset at)
    {
        const string sql = """
            insert into catalog_interest (user_id, asset_id, first_at)
            select buyer_id, @assetId, @at from orders where id = @orderId
            on conflict do nothing
            """;
        await connection.ExecuteAsync(sql, new { orderId, assetId, at }, transaction);
        await Popularity.AddInterestAsync(connection, transaction, assetId, Popularity.Licence, at);
    }

    /// <summary>
    /// 15 characters of Crockford base32 (75 bits), grouped for reading aloud: XXXXX-XXXXX-XXXXX. Unguessable, and
    /// free of the letters people confuse (I, L, O, U).
    /// </summary>
    public static string NewVerificationCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> code = stackalloc char[17];
        var bytes = RandomNumberGenerator.GetBytes(15);
        for (int i = 0, c = 0; i < 15; i++, c++)
        {
            if (i is 5 or 10) code[c++] = '-';
            code[c] = alphabet[bytes[i] & 31];
        }
        return new string(code);
    }

    private sealed record OrderRow
    {
        public string Status { get; init; } = "";
        public long Total { get; init; }
        public string Currency { get; init; } = "";
        public Guid BuyerId { get; init; }
    }

    private sealed record LineRow
    {
        public Guid Id { get; init; }
        public Guid AssetId { get; init; }
        public Guid? UpgradeOf { get; init; }
    }
}
