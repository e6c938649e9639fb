using System.Net;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MediaCoop.Tests.Licensing.StripeSupport;

namespace MediaCoop.Tests.Licensing;

public sealed class StripeCheckoutTests
{
    [Test]
    public async Task A_checkout_session_carries_the_order_its_lines_and_an_idempotency_key_derived_from_the_order()
    {
        var (_, buyer) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(buyer.Id, [5000, 1500]);
        var provider = StripeHost.Services.GetRequiredKeyedService<IPaymentProvider>("stripe");
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(55);
        var checkout = new CheckoutOrder(order.Id, buyer.Id, buyer.Email, "USD", order.Total, expiresAt,
            [new CheckoutLine(order.LineIds[0], "Harbour at dawn — Medium", 5000), new CheckoutLine(order.LineIds[1], "Fox — Small", 1500)]);

        var started = await provider.StartCheckoutAsync(checkout, CancellationToken.None);
        var again = await provider.StartCheckoutAsync(checkout, CancellationToken.None);

        Assert.That(again.Reference, Is.EqualTo(started.Reference), "a retried start is the same session");
        Assert.That(started.RedirectUrl.ToString(), Does.StartWith("https://checkout.stripe.test/c/pay/cs_test_"));
        var calls = FakeStripeApi.CallsFor(order.Id.ToString()).Where(c => c.Path == "/v1/checkout/sessions").ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        var call = calls[0];
        Assert.Multiple(() =>
        {
            Assert.That(call.Method, Is.EqualTo("POST"));
            Assert.That(call.IdempotencyKey, Is.EqualTo($"checkout-{order.Id}"));
            Assert.That(calls[1].IdempotencyKey, Is.EqualTo($"checkout-{order.Id}"));
            Assert.That(call.Authorization, Is.EqualTo("Bearer sk_test_fake"));
            Assert.That(call.Form["mode"], Is.EqualTo("payment"));
            Assert.That(call.Form["client_reference_id"], Is.EqualTo(order.Id.ToString()));
            Assert.That(call.Form["metadata[order_id]"], Is.EqualTo(order.Id.ToString()));
            Assert.That(call.Form["payment_intent_data[metadata][order_id]"], Is.EqualTo(order.Id.ToString()));
            Assert.That(call.Form["customer_email"], Is.EqualTo(buyer.Email));
            Assert.That(call.Form["success_url"], Is.EqualTo($"https://coop.test/orders/{order.Id}?checkout=success&session_id={{CHECKOUT_SESSION_ID}}"));
            Assert.That(call.Form["cancel_url"], Is.EqualTo("https://coop.test/cart"));
            Assert.That(call.Form["expires_at"], Is.EqualTo(expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(call.Form["line_items[0][price_data][currency]"], Is.EqualTo("usd"));
            Assert.That(call.Form["line_items[0][price_data][unit_amount]"], Is.EqualTo("5000"));
            Assert.That(call.Form["line_items[0][price_data][product_data][name]"], Is.EqualTo("Harbour at dawn — Medium"));
            Assert.That(call.Form["line_items[0][quantity]"], Is.EqualTo("1"));
            Assert.That(call.Form["line_items[1][price_data][unit_amount]"], Is.EqualTo("1500"));
            Assert.That(call.Form.Keys, Has.None.Contains("line_items[2]"));
        });
    }

    [Test]
    public async Task A_buyer_orders_checks_out_with_Stripe_and_returns_to_a_paid_order_with_licences()
    {
        var (buyer, me) = await Users.SignedInAsync(StripeHost);
        var assetId = await Curation.ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, me.Id, status: "published");
        await buyer.RefreshAntiforgeryAsync();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { items = new[] { new { assetId, size = "medium", extended = Array.Empty<string>() } } }),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        create.Headers.Add("X-XSRF-TOKEN", buyer.AntiforgeryToken);
        var order = await (await buyer.Http.SendAsync(create)).JsonAsync(HttpStatusCode.Created);
        var orderId = order["id"]!.GetValue<Guid>();

        var checkout = await (await buyer.PostAsync($"/api/v1/orders/{orderId}/checkout")).JsonAsync(HttpStatusCode.OK);
        Assert.That(checkout["provider"]!.GetValue<string>(), Is.EqualTo("stripe"));
        var call = FakeStripeApi.CallsFor(orderId.ToString()).Single(c => c.Path == "/v1/checkout/sessions");
        Assert.Multiple(() =>
        {
            Assert.That(call.IdempotencyKey, Is.EqualTo($"checkout-{orderId}"));
            Assert.That(call.Form["line_items[0][price_data][unit_amount]"], Is.EqualTo(order["total"]!["amount"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(call.Form["line_items[0][price_data][product_data][name]"], Does.Contain("Medium"));
        });
        var sessionId = checkout["redirectUrl"]!.GetValue<string>().Split('/').Last();

        FakeStripeApi.SetSession(sessionId, s => { s["payment_status"] = "paid"; s["payment_intent"] = $"pi_test_{Guid.NewGuid():N}"; });
        var paid = await (await buyer.PostAsync($"/api/v1/orders/{orderId}/confirm")).JsonAsync(HttpStatusCode.OK);
        Assert.That(paid["status"]!.GetValue<string>(), Is.EqualTo("paid"));
        Assert.That(paid["lines"]![0]!["licenseId"], Is.Not.Null);
    }

    [Test]
    public void A_session_outlives_an_order_with_less_than_Stripes_30_minutes_left_and_a_retry_sends_the_same_expiry()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.That(StripePaymentProvider.SessionExpiry(now.AddMinutes(45), now), Is.EqualTo(now.AddMinutes(45)));
        var clamped = StripePaymentProvider.SessionExpiry(now.AddMinutes(5), now);
        Assert.That(clamped - now, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(31)).And.LessThan(TimeSpan.FromMinutes(42)));
        Assert.That(StripePaymentProvider.SessionExpiry(now.AddMinutes(5), now.AddSeconds(20)), Is.EqualTo(clamped));
    }

    private static async Task<(ApiClient Buyer, SeededOrder Order, string SessionId)> OrderAtCheckoutAsync()
    {
        var (client, buyer) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(buyer.Id, [5000, 1500]);
        var provider = StripeHost.Services.GetRequiredService<StripePaymentProvider>();
        var started = await provider.StartCheckoutAsync(new CheckoutOrder(order.Id, buyer.Id, buyer.Email, "USD", order.Total,
            DateTimeOffset.UtcNow.AddMinutes(55), [.. order.LineIds.Select((id, i) => new CheckoutLine(id, $"Line {i}", i == 0 ? 5000 : 1500))]),
            CancellationToken.None);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update orders set checkout_reference = @ref where id = @id", new { @ref = started.Reference, id = order.Id });
        return (client, order, started.Reference);
    }

    [Test]
    public async Task Confirming_asks_Stripe_and_fulfils_a_paid_session_once_whichever_of_confirm_and_webhook_comes_first()
    {
        var (buyer, order, sessionId) = await OrderAtCheckoutAsync();

        var unpaid = await (await buyer.PostAsync($"/api/v1/orders/{order.Id}/confirm")).JsonAsync(HttpStatusCode.OK);
        Assert.That(unpaid["status"]!.GetValue<string>(), Is.EqualTo("pending"), "the redirect alone proves nothing");

        FakeStripeApi.SetSession(sessionId, s =>
        {
            s["payment_status"] = "paid";
            s["status"] = "complete";
            s["payment_intent"] = order.PaymentIntent;
        });
        var paid = await (await buyer.PostAsync($"/api/v1/orders/{order.Id}/confirm")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(paid["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(paid["provider"]!.GetValue<string>(), Is.EqualTo("stripe"));
            Assert.That(paid["total"]!["amount"]!.GetValue<long>(), Is.EqualTo(order.Total));
            Assert.That(paid["lines"]!.AsArray().Select(l => l!["licenseId"]?.GetValue<Guid>()), Has.All.Not.Null);
        });
        Assert.That(FakeStripeApi.CallsFor(sessionId).Count(c => c.Method == "GET"), Is.EqualTo(2));

        // Stripe's own webhook for the same payment, and a second confirm, change nothing.
        var webhook = Event(NewEventId(), "checkout.session.completed", Session(order));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(webhook)), Is.EqualTo("already-fulfilled"));
        await (await buyer.PostAsync($"/api/v1/orders/{order.Id}/confirm")).JsonAsync(HttpStatusCode.OK);
        Assert.That(FakeStripeApi.CallsFor(sessionId).Count(c => c.Method == "GET"), Is.EqualTo(2), "a settled order needs no call");
        Assert.That((await StateAsync(order.Id)).Licences, Is.EqualTo(2));
    }

    [Test]
    public async Task Only_the_buyer_may_confirm_their_order()
    {
        var (_, order, sessionId) = await OrderAtCheckoutAsync();
        FakeStripeApi.SetSession(sessionId, s => { s["payment_status"] = "paid"; s["payment_intent"] = order.PaymentIntent; });

        var (stranger, _) = await Users.SignedInAsync(StripeHost);
        await (await stranger.PostAsync($"/api/v1/orders/{order.Id}/confirm")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/v1/orders/{Guid.NewGuid()}/confirm")).ProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = StripeHost.NewClient();
        await (await anonymous.PostAsync($"/api/v1/orders/{order.Id}/confirm")).ProblemAsync(HttpStatusCode.Unauthorized);

        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.Licences), Is.EqualTo(("pending", 0)), "nobody else's call fulfilled it");
    }

    [Test]
    public async Task When_Stripe_cannot_be_asked_the_buyer_gets_a_502_and_the_order_is_untouched()
    {
        var (client, buyer) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(buyer.Id, [1500], checkoutReference: $"cs_test_unknown_{Guid.NewGuid():N}");
        var problem = await (await client.PostAsync($"/api/v1/orders/{order.Id}/confirm")).ProblemAsync(HttpStatusCode.BadGateway);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("try again"));
        Assert.That((await StateAsync(order.Id)).Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_demo_order_is_returned_as_it_is()
    {
        var (client, buyer) = await Users.SignedInAsync(StripeHost);
        var order = await OrderAsync(buyer.Id, [1500], provider: "demo");
        var body = await (await client.PostAsync($"/api/v1/orders/{order.Id}/confirm")).JsonAsync(HttpStatusCode.OK);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(body["lines"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_session_of_another_order_cannot_pay_this_one()
    {
        var (buyer, order, _) = await OrderAtCheckoutAsync();
        var (_, other, otherSession) = await OrderAtCheckoutAsync();
        FakeStripeApi.SetSession(otherSession, s => { s["payment_status"] = "paid"; s["payment_intent"] = other.PaymentIntent; });
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update orders set checkout_reference = @ref || '-x' where id = @other; update orders set checkout_reference = @ref where id = @id",
                new { @ref = otherSession, id = order.Id, other = other.Id });
        await (await buyer.PostAsync($"/api/v1/orders/{order.Id}/confirm")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await StateAsync(order.Id)).Licences, Is.Zero);
    }

}
