using System.Net;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Licensing.StripeSupport;

namespace MediaCoop.Tests.Licensing;

public sealed class RefundTests
{
    private static async Task<SeededOrder> PaidOrderAsync(string provider = "stripe", params long[] amounts)
    {
        var (_, buyer) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(buyer.Id, amounts.Length == 0 ? [5000, 1500] : amounts, provider);
        await PayAsync(order, provider);
        return order;
    }

    private static async Task<string?> RevokedReasonAsync(Guid lineId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.QuerySingleAsync<string?>("select revoked_reason from licenses where order_line_id = @lineId", new { lineId });
    }

    [Test]
    public async Task An_admin_refunds_a_line_then_the_rest_through_Stripe_and_the_order_ends_refunded()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var order = await PaidOrderAsync();

        var first = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { lineId = order.LineIds[1], reason = "Bought the wrong size" }))
            .JsonAsync(HttpStatusCode.Created);
        var firstId = first["id"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(first["amount"]!["amount"]!.GetValue<long>(), Is.EqualTo(1500));
            Assert.That(first["order"]!["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(first["order"]!["amountRefunded"]!["amount"]!.GetValue<long>(), Is.EqualTo(1500));
        });
        Assert.That(await RevokedReasonAsync(order.LineIds[1]), Is.EqualTo("refunded"));
        Assert.That(await RevokedReasonAsync(order.LineIds[0]), Is.Null);

        var call = FakeStripeApi.CallsFor(order.PaymentIntent).Single(c => c.Path == "/v1/refunds");
        Assert.Multiple(() =>
        {
            Assert.That(call.IdempotencyKey, Is.EqualTo($"refund-{firstId}"));
            Assert.That(call.Form["payment_intent"], Is.EqualTo(order.PaymentIntent));
            Assert.That(call.Form["amount"], Is.EqualTo("1500"));
            Assert.That(call.Form["metadata[refund_id]"], Is.EqualTo(firstId.ToString()));
            Assert.That(call.Form["metadata[order_id]"], Is.EqualTo(order.Id.ToString()));
        });

        var rest = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Customer cancelled" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.That(rest["amount"]!["amount"]!.GetValue<long>(), Is.EqualTo(5000));
        Assert.That(rest["order"]!["status"]!.GetValue<string>(), Is.EqualTo("refunded"));

        var more = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Again" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(more["detail"]!.GetValue<string>(), Does.Contain("already been refunded"));

        // Stripe then reports the charge fully refunded, listing both of our refunds: nothing is recorded twice.
        var refundIds = FakeStripeApi.CallsFor(order.PaymentIntent).Count(c => c.Path == "/v1/refunds");
        Assert.That(refundIds, Is.EqualTo(2));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var stripeIds = (await connection.QueryAsync<(string Id, long Amount)>(
            "select provider_refund_id, amount from refunds where order_id = @id order by created_at", new { id = order.Id })).ToArray();
        var webhook = Event(NewEventId(), "charge.refunded", Charge(order, order.Total, stripeIds));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(webhook)), Is.EqualTo("already-recorded"));
        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.AmountRefunded, state.RefundRows, state.Revoked), Is.EqualTo(("refunded", order.Total, 2, 2)));
    }

    [Test]
    public async Task Two_admins_refunding_the_same_order_at_once_refund_it_once()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var (other, _) = await Users.SignedInAsync(StripeHost, "admin");
        var order = await PaidOrderAsync();
        var responses = await Task.WhenAll(
            admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Duplicate purchase" }),
            other.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Duplicate purchase" }));
        Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.That(FakeStripeApi.CallsFor(order.PaymentIntent).Count(c => c.Path == "/v1/refunds"), Is.EqualTo(1));
        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.AmountRefunded, state.RefundRows), Is.EqualTo(("refunded", order.Total, 1)));
    }

    [Test]
    public async Task A_demo_order_is_refunded_without_any_call_to_Stripe()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var order = await PaidOrderAsync("demo");
        var body = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Test purchase" })).JsonAsync(HttpStatusCode.Created);
        Assert.That(body["order"]!["status"]!.GetValue<string>(), Is.EqualTo("refunded"));
        Assert.That(FakeStripeApi.CallsFor(order.PaymentIntent), Is.Empty);
        Assert.That((await StateAsync(order.Id)).Revoked, Is.EqualTo(2));
    }

    [Test]
    public async Task When_Stripe_refuses_the_refund_nothing_changes_here()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var order = await PaidOrderAsync();
        FakeStripeApi.RefusedRefunds[order.PaymentIntent] = true;
        var problem = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "Customer asked" }))
            .ProblemAsync(HttpStatusCode.BadGateway);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("disputed"));
        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.AmountRefunded, state.RefundRows, state.Revoked), Is.EqualTo(("paid", 0L, 0, 0)));
    }

    [Test]
    public async Task Refunds_never_exceed_the_sale_and_need_a_paid_order_a_line_of_it_and_a_reason()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var order = await PaidOrderAsync();
        // Stripe refunded 6000 of 6500 from its dashboard: only 500 is left to give back.
        await DeliverSignedAsync(Event(NewEventId(), "charge.refunded", Charge(order, 6000, ($"re_{Guid.NewGuid():N}", 6000))));
        var tooMuch = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { lineId = order.LineIds[0], reason = "x" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(tooMuch["detail"]!.GetValue<string>(), Does.Contain("exceed"));
        var rest = await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "the rest" })).JsonAsync(HttpStatusCode.Created);
        Assert.That(rest["amount"]!["amount"]!.GetValue<long>(), Is.EqualTo(500));
        Assert.That((await StateAsync(order.Id)).AmountRefunded, Is.EqualTo(order.Total));

        var (_, buyer) = await Users.SignedInAsync(StripeHost);
        var pending = await OrderAsync(buyer.Id, [1500]);
        await (await admin.PostAsync($"/api/v1/admin/orders/{pending.Id}/refunds", new { reason = "x" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/v1/admin/orders/{Guid.NewGuid()}/refunds", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        var paid = await PaidOrderAsync();
        await (await admin.PostAsync($"/api/v1/admin/orders/{paid.Id}/refunds", new { lineId = Guid.NewGuid(), reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        var noReason = await (await admin.PostAsync($"/api/v1/admin/orders/{paid.Id}/refunds", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(noReason["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()), Does.Contain("reason"));
        Assert.That((await StateAsync(paid.Id)).RefundRows, Is.Zero);
    }

    [Test]
    public async Task Buyers_contributors_editors_and_anonymous_callers_cannot_refund_even_their_own_order()
    {
        var (buyer, me) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(me.Id, [5000]);
        await PayAsync(order);
        await (await buyer.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "I want my money" })).ProblemAsync(HttpStatusCode.Forbidden);
        foreach (var role in new[] { "contributor", "editor" })
        {
            var (client, _) = await Users.SignedInAsync(StripeHost, role);
            await (await client.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        }
        using var anonymous = StripeHost.NewClient();
        await (await anonymous.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { reason = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.Revoked, state.RefundRows), Is.EqualTo(("paid", 0, 0)));
    }

    [Test]
    public async Task Refunding_an_upgrade_gives_the_buyer_back_the_licence_it_had_replaced()
    {
        var (admin, _) = await Users.SignedInAsync(StripeHost, "admin");
        var original = await PaidOrderAsync("demo", 1500);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var (licenceId, assetId, buyerId) = await connection.QuerySingleAsync<(Guid, Guid, Guid)>(
            "select l.id, l.asset_id, l.buyer_id from licenses l where l.order_line_id = @line", new { line = original.LineIds[0] });
        var upgrade = await OrderAsync(buyerId, [3500], "demo");
        await connection.ExecuteAsync("update order_lines set asset_id = @assetId, upgrade_of = @licenceId, size = 'large' where id = @line",
            new { assetId, licenceId, line = upgrade.LineIds[0] });
        await PayAsync(upgrade, "demo");
        Assert.That(await connection.QuerySingleAsync<Guid?>("select superseded_by from licenses where id = @licenceId", new { licenceId }), Is.Not.Null);

        await (await admin.PostAsync($"/api/v1/admin/orders/{upgrade.Id}/refunds", new { reason = "Upgrade by mistake" })).JsonAsync(HttpStatusCode.Created);
        Assert.That(await connection.QuerySingleAsync<Guid?>("select superseded_by from licenses where id = @licenceId", new { licenceId }), Is.Null);
        Assert.That(await RevokedReasonAsync(upgrade.LineIds[0]), Is.EqualTo("refunded"));
    }
}
