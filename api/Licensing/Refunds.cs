using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Notifications;
using MediaCoop.Api.Royalties;
using Npgsql;
using Stripe;

namespace MediaCoop.Api.Licensing;

public enum RefundStatus { Refunded, NotFound, Conflict, ProviderFailed }

public sealed record RefundResult(RefundStatus Status, string? Detail = null, Guid? RefundId = null);

/// <summary>
/// Money going back to a buyer, from either side: an admin through our API (we call Stripe), or Stripe telling us
/// (charge.refunded, a lost dispute). Every path locks the order row first, so an admin refund and its own
/// charge.refunded webhook serialise, and the webhook finds the refund already recorded under its Stripe id.
/// Cumulative refunds never exceed what was paid. Refunded lines revoke their licences.
/// </summary>
public sealed class Refunds(NpgsqlDataSource db, StripeGateway stripe, TimeProvider time)
{
    public const string RevokedRefunded = "refunded";
    public const string RevokedDisputed = "disputed";
    public const string RevokedDisputeLost = "dispute lost";

    public async Task<RefundResult> RefundByAdminAsync(Guid orderId, Guid? lineId, string reason, Guid adminId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var order = await LockOrderAsync(connection, transaction, orderId);
        if (order is null) return new(RefundStatus.NotFound, "There is no such order.");
        if (order.Status == "refunded") return new(RefundStatus.Conflict, "This order has already been refunded in full.");
        if (order.Status != "paid")
            return new(RefundStatus.Conflict, $"Only a paid order can be refunded; this one is {order.Status}.");

        const string linesSql = "select id, amount, refunded from order_lines where order_id = @orderId order by line_no";
        var lines = (await connection.QueryAsync<LineRow>(linesSql, new { orderId }, transaction)).AsList();
        var paidLeft = (order.AmountPaid ?? 0) - order.AmountRefunded;
        List<LineRow> affected;
        long amount;
        if (lineId is { } id)
        {
            var line = lines.Find(l => l.Id == id);
            if (line is null) return new(RefundStatus.NotFound, "This order has no such line.");
            if (line.Amount - line.Refunded <= 0) return new(RefundStatus.Conflict, "This line has already been refunded.");
            affected = [line];
            amount = line.Amount - line.Refunded;
        }
        else
        {
            affected = lines.FindAll(l => l.Amount > l.Refunded);
            // Refunds made at Stripe without a line (a partial goodwill refund) already took part of the money.
            amount = Math.Min(affected.Sum(l => l.Amount - l.Refunded), paidLeft);
        }
        if (amount <= 0) return new(RefundStatus.Conflict, "Nothing is left to refund on this order.");
        if (amount > paidLeft)
            return new(RefundStatus.Conflict,
                $"Refunding {amount} would exceed what was paid: {paidLeft} of {order.AmountPaid} {order.Currency} minor units is left.");

        var refundId = Guid.CreateVersion7();
        const string insertSql = """
            insert into refunds (id, order_id, order_line_id, amount, currency, initiated_by, admin_id, reason)
            values (@refundId, @orderId, @lineId, @amount, @currency, 'admin', @adminId, @reason)
            """;
        await connection.ExecuteAsync(insertSql, new { refundId, orderId, lineId, amount, currency = order.Currency, adminId, reason }, transaction);

        if (order.Provider == StripePayments.ProviderName)
        {
            // Inside the transaction, holding the order lock: the charge.refunded webhook for this refund waits,
            // then finds the Stripe id below and changes nothing. If we crash after Stripe refunded, that webhook
            // records the refund as Stripe's own; the idempotency key makes a retried call the same refund.
            string providerRefundId;
            try
            {
                var refund = await new RefundService(stripe.Client).CreateAsync(new RefundCreateOptions
                {
                    PaymentIntent = order.PaymentReference,
                    Amount = amount,
                    Metadata = new Dictionary<string, string>
                    {
                        ["order_id"] = orderId.ToString(), ["refund_id"] = refundId.ToString(), ["line_id"] = lineId?.ToString() ?? "",
                    },
                }, new RequestOptions { IdempotencyKey = $"refund-{refundId}" }, ct);
                providerRefundId = refund.Id;
            }
            catch (StripeException e)
            {
                return new(RefundStatus.ProviderFailed, $"Stripe did not refund: {e.StripeError?.Message ?? e.Message}");
            }
            catch (PaymentProviderException e)
            {
                return new(RefundStatus.ProviderFailed, e.Message);
            }
            const string referenceSql = "update refunds set provider_refund_id = @providerRefundId where id = @refundId";
            await connection.ExecuteAsync(referenceSql, new { providerRefundId, refundId }, transaction);
        }

        // The royalty comes back with the money, in this transaction: a line refund is that line's, a whole-order
        // refund is spread over what is left of each line.
        await RoyaltyPosting.PostRefundAsync(connection, transaction, refundId, orderId, lineId, amount, time.GetUtcNow());

        var lineIds = affected.Select(l => l.Id).ToArray();
        const string refundLinesSql = "update order_lines set refunded = amount where id = any(@lineIds)";
        await connection.ExecuteAsync(refundLinesSql, new { lineIds }, transaction);
        await RevokeAsync(connection, transaction, lineIds, RevokedRefunded, time.GetUtcNow());
        const string orderSql = """
            update orders set amount_refunded = amount_refunded + @amount,
                   status = case when amount_refunded + @amount >= coalesce(amount_paid, total)
                                   or not exists (select 1 from order_lines where order_id = @orderId and refunded < amount)
                                 then 'refunded' else status end
            where id = @orderId
            """;
        await connection.ExecuteAsync(orderSql, new { orderId, amount }, transaction);
        await transaction.CommitAsync(ct);
        return new(RefundStatus.Refunded, RefundId: refundId);
    }

    /// <summary>
    /// charge.refunded: the charge carries the cumulative amount refunded, which is the truth for the order (state
    /// never moves backwards: a smaller figure from a late event changes nothing). Each Stripe refund id is recorded
    /// once. A full refund revokes every licence; a partial one made at Stripe cannot be tied to a line, so it is
    /// recorded as money only and the licences stay (refund a line through our API to revoke it).
    /// </summary>
    public async Task<string> ApplyChargeRefundedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Charge charge)
    {
        var orderId = await FindOrderAsync(connection, transaction, charge.PaymentIntentId, charge.Metadata);
        if (orderId is null) return "unknown-order";
        var order = (await LockOrderAsync(connection, transaction, orderId.Value))!;
        var at = time.GetUtcNow();

        var recorded = 0L;
        foreach (var refund in charge.Refunds?.Data ?? [])
        {
            if (refund.Status is "failed" or "canceled") continue;
            recorded += await RecordProviderRefundAsync(connection, transaction, order, refund.Id, refund.Amount,
                string.IsNullOrEmpty(refund.Reason) ? "refunded at Stripe" : refund.Reason);
        }
        var cap = Math.Max(order.Total, order.AmountPaid ?? 0);
        var cumulative = Math.Min(charge.AmountRefunded, cap);
        var delta = cumulative - order.AmountRefunded;
        if (delta <= 0) return "already-recorded";
        // The event did not list its refunds (API versions from 2022-11-15 leave them out): one row for the rest,
        // under an id derived from the cumulative figure, so a redelivery records nothing twice.
        if (recorded < delta)
            await RecordProviderRefundAsync(connection, transaction, order, $"{charge.Id}:{cumulative}", delta - recorded, "refunded at Stripe");

        var full = cumulative >= (order.AmountPaid ?? order.Total);
        const string amountSql = "update orders set amount_refunded = @cumulative where id = @orderId";
        await connection.ExecuteAsync(amountSql, new { cumulative, orderId }, transaction);
        if (!full) return "partially-refunded";
        await RefundEverythingAsync(connection, transaction, order.Id, RevokedRefunded, at);
        return order.Status == "paid" ? "refunded" : "refunded-before-payment";
    }

    /// <summary>A dispute opened: the money is held by the bank, so the licences stop being valid until it is decided.</summary>
    public async Task<string> ApplyDisputeCreatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Dispute dispute)
    {
        var orderId = await FindOrderAsync(connection, transaction, dispute.PaymentIntentId, dispute.Metadata);
        if (orderId is null) return "unknown-order";
        var order = (await LockOrderAsync(connection, transaction, orderId.Value))!;
        if (order.Status != "paid") return $"ignored-{order.Status}";
        var revoked = await RevokeAsync(connection, transaction, await LineIdsAsync(connection, transaction, order.Id), RevokedDisputed, time.GetUtcNow());
        return revoked > 0 ? "licences-revoked" : "no-licences";
    }

    /// <summary>
    /// A dispute closed. Won: the co-op kept the money, so the licences revoked for the dispute are valid again (the
    /// buyer paid; the certificate shows valid again). Lost: the money went back through the bank — recorded as a
    /// provider refund and the order refunded; the licences stay revoked.
    /// </summary>
    public async Task<string> ApplyDisputeClosedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Dispute dispute)
    {
        var orderId = await FindOrderAsync(connection, transaction, dispute.PaymentIntentId, dispute.Metadata);
        if (orderId is null) return "unknown-order";
        var order = (await LockOrderAsync(connection, transaction, orderId.Value))!;
        var at = time.GetUtcNow();
        var lineIds = await LineIdsAsync(connection, transaction, order.Id);
        switch (dispute.Status)
        {
            case "won" when order.Status == "paid":
                const string restoreSql = """
                    with restored as (
                        update licenses set revoked_at = null, revoked_reason = null
                        where order_line_id = any(@lineIds) and revoked_reason = @reason
                        returning id, order_line_id)
                    update licenses old set superseded_by = r.id
                    from restored r join order_lines l on l.id = r.order_line_id
                    where old.id = l.upgrade_of and old.superseded_by is null
                    """;
                await connection.ExecuteAsync(restoreSql, new { lineIds, reason = RevokedDisputed }, transaction);
                return "licences-restored";
            case "lost":
                var left = Math.Max(0, (order.AmountPaid ?? 0) - order.AmountRefunded);
                var amount = Math.Min(dispute.Amount, left);
                if (amount > 0)
                {
                    await RecordProviderRefundAsync(connection, transaction, order, dispute.Id, amount, "dispute lost");
                    const string amountSql = "update orders set amount_refunded = amount_refunded + @amount where id = @orderId";
                    await connection.ExecuteAsync(amountSql, new { amount, orderId = order.Id }, transaction);
                }
                const string reasonSql = "update licenses set revoked_reason = @lost where order_line_id = any(@lineIds) and revoked_reason = @disputed";
                await connection.ExecuteAsync(reasonSql, new { lost = RevokedDisputeLost, disputed = RevokedDisputed, lineIds }, transaction);
                await RefundEverythingAsync(connection, transaction, order.Id, RevokedDisputeLost, at);
                return "refunded";
            default:
                return $"ignored-{dispute.Status}";
        }
    }

    private static async Task RefundEverythingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId, string reason, DateTimeOffset at)
    {
        const string sql = """
            update order_lines set refunded = amount where order_id = @orderId;
            update orders set status = 'refunded' where id = @orderId;
            """;
        await connection.ExecuteAsync(sql, new { orderId }, transaction);
        await RevokeAsync(connection, transaction, await LineIdsAsync(connection, transaction, orderId), reason, at);
    }

    /// <summary>
    /// Revokes the lines' licences; a licence an upgrade had superseded is the buyer's current one again. Each revoked
    /// licence is a license.revoked webhook event to its buyer, in the same transaction.
    /// </summary>
    private static async Task<int> RevokeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] lineIds, string reason, DateTimeOffset at)
    {
        const string sql = """
            with revoked as (
                update licenses set revoked_at = @at, revoked_reason = @reason
                where order_line_id = any(@lineIds) and revoked_at is null
                returning id, buyer_id, asset_id, order_line_id),
            reinstated as (
                update licenses set superseded_by = null where superseded_by in (select id from revoked) returning id)
            select r.id, r.buyer_id, r.asset_id, ol.order_id,
                   (select i.id from reinstated i where i.id = ol.upgrade_of) as reinstated_license_id
            from revoked r join order_lines ol on ol.id = r.order_line_id
            order by r.id
            """;
        var revoked = (await connection.QueryAsync<RevokedRow>(sql, new { lineIds, reason, at }, transaction)).AsList();
        foreach (var r in revoked)
            await WebhookEvents.PublishAsync(connection, transaction, WebhookEvents.LicenseRevoked, r.BuyerId, new
            {
                license_id = r.Id,
                order_id = r.OrderId,
                asset_id = r.AssetId,
                reason,
                revoked_at = at,
                reinstated_license_id = r.ReinstatedLicenseId,
                api_url = Notifier.Absolute($"/api/v1/me/licenses/{r.Id}"),
            });
        return revoked.Count;
    }

    private sealed record RevokedRow
    {
        public Guid Id { get; init; }
        public Guid BuyerId { get; init; }
        public Guid AssetId { get; init; }
        public Guid OrderId { get; init; }
        public Guid? ReinstatedLicenseId { get; init; }
    }

    private static async Task<Guid[]> LineIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId)
    {
        const string sql = "select id from order_lines where order_id = @orderId";
        return (await connection.QueryAsync<Guid>(sql, new { orderId }, transaction)).ToArray();
    }

    /// <summary>
    /// A refund Stripe made (in the dashboard, or a lost dispute) is money only, not tied to a line: the books spread
    /// it over the order's lines in the same transaction. A refund id seen before records nothing.
    /// </summary>
    private async Task<long> RecordProviderRefundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OrderRow order,
        string providerRefundId, long amount, string reason)
    {
        if (amount <= 0) return 0L;
        const string sql = """
            insert into refunds (id, order_id, amount, currency, initiated_by, reason, provider_refund_id)
            values (@id, @orderId, @amount, @currency, 'provider', @reason, @providerRefundId)
            on conflict (provider_refund_id) where provider_refund_id is not null do nothing
            returning amount
            """;
        var id = Guid.CreateVersion7();
        var recorded = await connection.QuerySingleOrDefaultAsync<long>(sql,
            new { id, orderId = order.Id, amount, currency = order.Currency, reason, providerRefundId }, transaction);
        if (recorded > 0) await RoyaltyPosting.PostRefundAsync(connection, transaction, id, order.Id, null, recorded, time.GetUtcNow());
        return recorded;
    }

    /// <summary>By the payment intent once paid; before that by the order id the checkout put in the payment intent's metadata.</summary>
    private static async Task<Guid?> FindOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? paymentIntentId,
        Dictionary<string, string>? metadata)
    {
        if (!string.IsNullOrEmpty(paymentIntentId))
        {
            const string sql = "select id from orders where payment_reference = @paymentIntentId and provider = 'stripe'";
            if (await connection.QuerySingleOrDefaultAsync<Guid?>(sql, new { paymentIntentId }, transaction) is { } id) return id;
        }
        if (metadata is not null && metadata.TryGetValue("order_id", out var value) && Guid.TryParse(value, out var orderId))
        {
            const string sql = "select id from orders where id = @orderId";
            return await connection.QuerySingleOrDefaultAsync<Guid?>(sql, new { orderId }, transaction);
        }
        return null;
    }

    private static Task<OrderRow?> LockOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId)
    {
        const string sql = """
            select id, status, provider, currency, total, amount_paid, amount_refunded, payment_reference
            from orders where id = @orderId for update
            """;
        return connection.QuerySingleOrDefaultAsync<OrderRow>(sql, new { orderId }, transaction);
    }

    private sealed record OrderRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string? Provider { get; init; }
        public string Currency { get; init; } = "";
        public long Total { get; init; }
        public long? AmountPaid { get; init; }
        public long AmountRefunded { get; init; }
        public string? PaymentReference { get; init; }
    }

    private sealed record LineRow
    {
        public Guid Id { get; init; }
        public long Amount { get; init; }
        public long Refunded { get; init; }
    }
}
