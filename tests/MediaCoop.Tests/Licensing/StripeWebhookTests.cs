using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MediaCoop.Tests.Licensing.StripeSupport;

namespace MediaCoop.Tests.Licensing;

public sealed class StripeWebhookTests
{
    private static async Task<SeededOrder> NewOrderAsync(params long[] amounts)
    {
        var (_, buyer) = await Users.SignedInAsync(StripeHost);
        return await OrderAsync(buyer.Id, amounts.Length == 0 ? [5000, 1500] : amounts);
    }

    [Test]
    public async Task A_signed_completed_checkout_issues_one_licence_per_line_and_a_redelivery_changes_nothing()
    {
        var order = await NewOrderAsync();
        var id = NewEventId();
        var payload = Event(id, "checkout.session.completed", Session(order));

        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("fulfilled"));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("duplicate"));

        var state = await StateAsync(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo("paid"));
            Assert.That(state.Licences, Is.EqualTo(2));
        });
        Assert.That(await EventOutcomeAsync(id), Is.EqualTo("fulfilled"));
    }

    [Test]
    public async Task Altered_reserialised_unsigned_or_garbled_deliveries_are_refused_and_leave_no_trace()
    {
        var order = await NewOrderAsync();
        var id = NewEventId();
        var payload = Event(id, "checkout.session.completed", Session(order));
        var header = Sign(payload);

        // One byte altered: the amount 6500 becomes 6501 (digits stay valid JSON).
        var altered = payload.Replace($"\"amount_total\": {order.Total}", $"\"amount_total\": {order.Total + 1}", StringComparison.Ordinal);
        Assert.That(altered, Is.Not.EqualTo(payload));
        // The same JSON, re-serialised (compact): equal as data, different as bytes.
        var reserialised = JsonNode.Parse(payload)!.ToJsonString();
        var cases = new (string Name, string Body, string? Header)[]
        {
            ("one byte altered", altered, header),
            ("re-serialised", reserialised, header),
            ("missing header", payload, null),
            ("empty header", payload, ""),
            ("garbled header", payload, "nonsense"),
            ("garbled timestamp", payload, header.Replace("t=", "t=x", StringComparison.Ordinal)),
            ("another secret", payload, Stripe.EventUtility.GenerateSignatureHeader(payload, "whsec_other", DateTimeOffset.UtcNow.ToUnixTimeSeconds())),
        };
        foreach (var (name, body, signature) in cases)
        {
            var response = await DeliverAsync(body, signature);
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Invalid Stripe signature"), name);
        }

        Assert.That(await EventOutcomeAsync(id), Is.Null, "no event row for a refused delivery");
        Assert.That((await StateAsync(order.Id)).Licences, Is.Zero);
        Assert.That(await OutcomeOfAsync(await DeliverAsync(payload, header)), Is.EqualTo("fulfilled"), "the genuine delivery still works");
    }

    [TestCase(-299, true)]
    [TestCase(299, true)]
    [TestCase(-301, false)]
    [TestCase(301, false)]
    public async Task Signatures_are_accepted_within_300_seconds_of_our_clock_either_way(int offsetSeconds, bool accepted)
    {
        var order = await NewOrderAsync(1500);
        var payload = Event(NewEventId(), "checkout.session.completed", Session(order));
        var response = await DeliverAsync(payload, Sign(payload, DateTimeOffset.UtcNow.AddSeconds(offsetSeconds)));
        if (accepted)
        {
            Assert.That(await OutcomeOfAsync(response), Is.EqualTo("fulfilled"));
        }
        else
        {
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("tolerance"));
            Assert.That((await StateAsync(order.Id)).Status, Is.EqualTo("pending"));
        }
    }

    [Test]
    public async Task The_same_event_delivered_eight_times_at_once_fulfils_once()
    {
        var order = await NewOrderAsync(5000, 1500, 10000);
        var payload = Event(NewEventId(), "checkout.session.completed", Session(order));
        var header = Sign(payload);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => DeliverAsync(payload, header)));
        var outcomes = await Task.WhenAll(responses.Select(OutcomeOfAsync));

        Assert.That(outcomes.Count(o => o == "fulfilled"), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == "duplicate"), Is.EqualTo(7));
        Assert.That((await StateAsync(order.Id)).Licences, Is.EqualTo(3));
    }

    [Test]
    public async Task Completion_and_async_success_for_one_payment_racing_each_other_issue_the_licences_once()
    {
        var order = await NewOrderAsync(5000, 1500);
        var session = Session(order);
        var payloads = Enumerable.Range(0, 8)
            .Select(i => Event(NewEventId(), i % 2 == 0 ? "checkout.session.completed" : "checkout.session.async_payment_succeeded", session))
            .ToList();
        var outcomes = await Task.WhenAll(payloads.Select(async p => await OutcomeOfAsync(await DeliverSignedAsync(p))));
        Assert.That(outcomes.Count(o => o == "fulfilled"), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == "already-fulfilled"), Is.EqualTo(7));
        Assert.That((await StateAsync(order.Id)).Licences, Is.EqualTo(2));
    }

    [Test]
    public async Task A_delayed_payment_method_is_fulfilled_when_its_money_arrives_not_at_completion()
    {
        var order = await NewOrderAsync(5000);
        var unpaid = Event(NewEventId(), "checkout.session.completed", Session(order, paymentStatus: "unpaid"));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(unpaid)), Is.EqualTo("awaiting-payment"));
        Assert.That((await StateAsync(order.Id)).Licences, Is.Zero);

        var succeeded = Event(NewEventId(), "checkout.session.async_payment_succeeded", Session(order));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(succeeded)), Is.EqualTo("fulfilled"));
        Assert.That((await StateAsync(order.Id)).Licences, Is.EqualTo(1));
    }

    [Test]
    public async Task A_payment_that_completes_after_the_order_expired_is_still_honoured()
    {
        var order = await NewOrderAsync(5000);
        await using (var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString))
            await Dapper.SqlMapper.ExecuteAsync(connection, "update orders set status = 'expired', expires_at = now() - interval '1 minute' where id = @id", new { id = order.Id });
        var payload = Event(NewEventId(), "checkout.session.completed", Session(order));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("fulfilled"));
        var state = await StateAsync(order.Id);
        Assert.That((state.Status, state.Licences), Is.EqualTo(("paid", 1)));
    }

    [Test]
    public async Task A_payment_of_a_different_amount_issues_nothing_and_is_kept_for_a_person()
    {
        var order = await NewOrderAsync(5000);
        var id = NewEventId();
        var payload = Event(id, "checkout.session.completed", Session(order, amount: 100));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("amount-mismatch"));
        Assert.That((await StateAsync(order.Id)).Licences, Is.Zero);
        Assert.That(await EventOutcomeAsync(id), Is.EqualTo("amount-mismatch"));
    }

    [Test]
    public async Task A_refund_that_arrives_before_the_payment_leaves_the_order_refunded_with_no_licence()
    {
        var order = await NewOrderAsync(5000, 1500);
        var refund = Event(NewEventId(), "charge.refunded", Charge(order, order.Total, ($"re_{Guid.NewGuid():N}", order.Total)));
        var paid = Event(NewEventId(), "checkout.session.completed", Session(order));

        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(refund)), Is.EqualTo("refunded-before-payment"));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(paid)), Is.EqualTo("refunded-before-payment"));

        var state = await StateAsync(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo("refunded"));
            Assert.That(state.Licences, Is.Zero);
            Assert.That(state.AmountRefunded, Is.EqualTo(order.Total));
            Assert.That(state.RefundRows, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_failure_before_commit_leaves_nothing_and_the_retry_has_exactly_one_effect()
    {
        var order = await NewOrderAsync(5000, 1500);
        var id = NewEventId();
        var payload = Event(id, "checkout.session.completed", Session(order));
        var hooks = StripeHost.Services.GetRequiredService<PaymentEventHooks>();
        var failures = 0;
        // Other tests share the host: only this event fails, and only once.
        hooks.BeforeCommit = eventId => eventId == id && Interlocked.Increment(ref failures) == 1
            ? throw new InvalidOperationException("simulated crash after fulfilment, before commit")
            : Task.CompletedTask;
        try
        {
            var crashed = await DeliverSignedAsync(payload);
            Assert.That(crashed.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "Stripe retries a non-2xx answer");
            Assert.That(await EventOutcomeAsync(id), Is.Null);
            var between = await StateAsync(order.Id);
            Assert.That((between.Status, between.Licences), Is.EqualTo(("pending", 0)));

            Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("fulfilled"));
            Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("duplicate"));
        }
        finally
        {
            hooks.BeforeCommit = null;
        }
        var after = await StateAsync(order.Id);
        Assert.That((after.Status, after.Licences), Is.EqualTo(("paid", 2)));
    }

    [Test]
    public async Task Unknown_event_types_are_acknowledged_recorded_and_ignored()
    {
        var id = NewEventId();
        var payload = Event(id, "customer.created", new JsonObject { ["id"] = "cus_test_1", ["object"] = "customer" });
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("ignored"));
        Assert.That(await EventOutcomeAsync(id), Is.EqualTo("ignored"));
    }

    [Test]
    public async Task A_full_refund_at_Stripe_revokes_the_licences_and_a_partial_one_is_recorded_as_money_only()
    {
        var order = await NewOrderAsync(5000, 1500);
        await PayAsync(order);
        var first = $"re_{Guid.NewGuid():N}";
        var second = $"re_{Guid.NewGuid():N}";

        var partial = Event(NewEventId(), "charge.refunded", Charge(order, 1000, (first, 1000)));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(partial)), Is.EqualTo("partially-refunded"));
        var afterPartial = await StateAsync(order.Id);
        Assert.That((afterPartial.Status, afterPartial.AmountRefunded, afterPartial.Revoked), Is.EqualTo(("paid", 1000L, 0)));

        var full = Event(NewEventId(), "charge.refunded", Charge(order, order.Total, (first, 1000), (second, order.Total - 1000)));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(full)), Is.EqualTo("refunded"));
        // A late copy of the first event (smaller cumulative figure) cannot move the order backwards.
        var late = Event(NewEventId(), "charge.refunded", Charge(order, 1000, (first, 1000)));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(late)), Is.EqualTo("already-recorded"));

        var state = await StateAsync(order.Id);
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo("refunded"));
            Assert.That(state.AmountRefunded, Is.EqualTo(order.Total));
            Assert.That(state.Revoked, Is.EqualTo(2));
            Assert.That(state.RefundRows, Is.EqualTo(2), "each Stripe refund id once");
        });
    }

    [Test]
    public async Task A_dispute_suspends_the_licences_until_it_is_won_and_a_lost_one_refunds_the_order()
    {
        var won = await NewOrderAsync(5000);
        await PayAsync(won);
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(Event(NewEventId(), "charge.dispute.created", Dispute(won, "needs_response")))),
            Is.EqualTo("licences-revoked"));
        Assert.That((await StateAsync(won.Id)).Revoked, Is.EqualTo(1));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(Event(NewEventId(), "charge.dispute.closed", Dispute(won, "won")))),
            Is.EqualTo("licences-restored"));
        var afterWin = await StateAsync(won.Id);
        Assert.That((afterWin.Status, afterWin.Revoked), Is.EqualTo(("paid", 0)));

        var lost = await NewOrderAsync(5000, 1500);
        await PayAsync(lost);
        await DeliverSignedAsync(Event(NewEventId(), "charge.dispute.created", Dispute(lost, "needs_response")));
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(Event(NewEventId(), "charge.dispute.closed", Dispute(lost, "lost")))),
            Is.EqualTo("refunded"));
        var afterLoss = await StateAsync(lost.Id);
        Assert.Multiple(() =>
        {
            Assert.That(afterLoss.Status, Is.EqualTo("refunded"));
            Assert.That(afterLoss.Revoked, Is.EqualTo(2));
            Assert.That(afterLoss.AmountRefunded, Is.EqualTo(lost.Total));
        });
    }

    [Test]
    public async Task A_node_without_a_webhook_secret_says_so_instead_of_failing()
    {
        // The shared host runs the demo provider with no Stripe settings.
        using var http = ApiFactory.Shared.CreateClient();
        var payload = Event(NewEventId(), "customer.created", new JsonObject { ["id"] = "cus_test_3", ["object"] = "customer" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(payload));
        var problem = await (await http.SendAsync(request)).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Payments:Stripe:WebhookSecret"));
    }

    [Test]
    public async Task The_webhook_needs_no_session_or_antiforgery_token_but_a_browser_write_elsewhere_still_does()
    {
        // DeliverAsync sends neither cookies nor X-XSRF-TOKEN; the signature is the only credential.
        var payload = Event(NewEventId(), "customer.created", new JsonObject { ["id"] = "cus_test_2", ["object"] = "customer" });
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(payload)), Is.EqualTo("ignored"));

        var (buyer, _) = await Users.SignedInAsync(StripeHost);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{Guid.NewGuid()}/confirm")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        var response = await buyer.Http.SendAsync(request);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("antiforgery"));
    }
}
