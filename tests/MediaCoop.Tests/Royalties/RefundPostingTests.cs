using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using MediaCoop.Tests.Licensing;
using static MediaCoop.Tests.Licensing.LicensingSeed;
using static MediaCoop.Tests.Royalties.RoyaltyArrange;

namespace MediaCoop.Tests.Royalties;

public sealed class RefundPostingTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<long> ReversedAsync(Guid lineId) =>
        await ScalarAsync<long>("""
            select coalesce(-sum(p.amount), 0)::bigint from ledger_journals j join ledger_postings p on p.journal_id = j.id
            join ledger_accounts a on a.id = p.account_id
            where j.order_line_id = @lineId and j.kind = 'refund' and a.kind = 'royalty_expense'
            """, new { lineId });

    private static async Task<long> RefundedInBooksAsync(Guid lineId) =>
        await ScalarAsync<long>("""
            select coalesce(sum(p.amount), 0)::bigint from ledger_journals j join ledger_postings p on p.journal_id = j.id
            join ledger_accounts a on a.id = p.account_id
            where j.order_line_id = @lineId and j.kind = 'refund' and a.kind = 'refunds'
            """, new { lineId });

    [Test]
    public async Task An_admin_refund_of_a_line_reverses_its_royalty_and_the_contributor_sees_the_refund_line()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var first = await PhotoAsync(me.Id);
        var second = await PhotoAsync(me.Id);
        var (buyer, _) = await BuyerAsync();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var order = await buyer.PaidOrderAsync(Item(first, "large"), Item(second, "medium"));
        var orderId = order.Id();
        var firstLine = order["lines"]!.AsArray().Single(l => l!.Id("assetId") == first)!.Id();
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(5000 + 2500));

        var refund = await (await admin.PostAsync($"/api/v1/admin/orders/{orderId}/refunds", new { lineId = firstLine, reason = "Wrong photo" }))
            .JsonAsync(HttpStatusCode.Created);
        var journal = await PostingsAsync($"refund:{refund.Id()}:{firstLine}");
        Assert.That(journal.Select(p => (p.Kind, p.Amount)), Is.EquivalentTo(new[]
        {
            ("refunds", 10000L), ("payments_clearing", -10000L), ("royalty_expense", -5000L), ("royalties_payable", 5000L),
        }));
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(2500));

        var earnings = await (await contributor.GetAsync("/api/v1/me/earnings")).JsonAsync(HttpStatusCode.OK);
        var newest = earnings["lines"]!.AsArray()[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(newest["kind"]!.GetValue<string>(), Is.EqualTo("refund"));
            Assert.That(newest.Amount("royalty"), Is.EqualTo(-5000));
            Assert.That(newest.Amount("gross"), Is.EqualTo(-10000));
            Assert.That(earnings["balance"]!.Amount("lifetime"), Is.EqualTo(2500));
        });

        // The rest of the order: only what is left is reversed, so the contributor ends owed nothing.
        await (await admin.PostAsync($"/api/v1/admin/orders/{orderId}/refunds", new { reason = "Cancelled" })).JsonAsync(HttpStatusCode.Created);
        Assert.That(await OwedAsync(me.Id), Is.Zero);
        Assert.That(await ReversedAsync(firstLine), Is.EqualTo(5000));
    }

    [Test]
    public async Task A_partial_refund_made_at_Stripe_is_spread_over_the_lines_and_the_full_refund_takes_exactly_what_is_left()
    {
        var (_, buyer) = await Users.SignedInAsync(StripeSupport.StripeHost);
        var order = await StripeSupport.OrderAsync(buyer.Id, [5000, 1500]);
        await StripeSupport.PayAsync(order);
        // The seeded photos are the buyer's own: they are the contributor here.
        Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(2500 + 750));

        var partial = StripeSupport.Event(StripeSupport.NewEventId(), "charge.refunded", StripeSupport.Charge(order, 1000));
        Assert.That(await StripeSupport.OutcomeOfAsync(await StripeSupport.DeliverSignedAsync(partial)), Is.EqualTo("partially-refunded"));
        // 1000 over 5000:1500 → 769.2 / 230.8 → 769 / 231; royalty reversed floor(2500 × 769 / 5000) = 384, floor(750 × 231 / 1500) = 115.
        Assert.Multiple(async () =>
        {
            Assert.That(await RefundedInBooksAsync(order.LineIds[0]), Is.EqualTo(769));
            Assert.That(await RefundedInBooksAsync(order.LineIds[1]), Is.EqualTo(231));
            Assert.That(await ReversedAsync(order.LineIds[0]), Is.EqualTo(384));
            Assert.That(await ReversedAsync(order.LineIds[1]), Is.EqualTo(115));
        });

        var full = StripeSupport.Event(StripeSupport.NewEventId(), "charge.refunded", StripeSupport.Charge(order, order.Total));
        Assert.That(await StripeSupport.OutcomeOfAsync(await StripeSupport.DeliverSignedAsync(full)), Is.EqualTo("refunded"));
        Assert.Multiple(async () =>
        {
            Assert.That(await RefundedInBooksAsync(order.LineIds[0]), Is.EqualTo(5000));
            Assert.That(await RefundedInBooksAsync(order.LineIds[1]), Is.EqualTo(1500));
            Assert.That(await ReversedAsync(order.LineIds[0]), Is.EqualTo(2500));
            Assert.That(await ReversedAsync(order.LineIds[1]), Is.EqualTo(750));
            Assert.That(await OwedAsync(buyer.Id), Is.Zero);
        });
        // A redelivery changes nothing.
        await StripeSupport.DeliverSignedAsync(full);
        Assert.That(await ReversedAsync(order.LineIds[0]), Is.EqualTo(2500));
    }

    [Test]
    public async Task A_refund_through_the_API_and_its_own_Stripe_webhook_reverse_the_royalty_once()
    {
        var (admin, _) = await Users.SignedInAsync(StripeSupport.StripeHost, "admin");
        var (_, buyer) = await Users.SignedInAsync(StripeSupport.StripeHost);
        var order = await StripeSupport.OrderAsync(buyer.Id, [5000, 1500]);
        await StripeSupport.PayAsync(order);

        await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { lineId = order.LineIds[0], reason = "Duplicate" }))
            .JsonAsync(HttpStatusCode.Created);
        var stripeId = await ScalarAsync<string>("select provider_refund_id from refunds where order_id = @id", new { id = order.Id });
        await StripeSupport.DeliverSignedAsync(StripeSupport.Event(StripeSupport.NewEventId(), "charge.refunded",
            StripeSupport.Charge(order, 5000, (stripeId, 5000))));

        Assert.That(await ReversedAsync(order.LineIds[0]), Is.EqualTo(2500));
        Assert.That(await ReversedAsync(order.LineIds[1]), Is.Zero);
        Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(750));
    }

    [Test]
    public async Task A_line_refund_after_a_money_only_refund_records_all_the_money_and_never_more_than_was_paid()
    {
        var (admin, _) = await Users.SignedInAsync(StripeSupport.StripeHost, "admin");
        var (_, buyer) = await Users.SignedInAsync(StripeSupport.StripeHost);
        var order = await StripeSupport.OrderAsync(buyer.Id, [5000, 1500]);
        await StripeSupport.PayAsync(order);
        await StripeSupport.DeliverSignedAsync(StripeSupport.Event(StripeSupport.NewEventId(), "charge.refunded", StripeSupport.Charge(order, 1000)));

        // lic-core refunds the whole line (5000): 4231 is what the books still hold for it, the other 769 is spread
        // over what is left of the order.
        await (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { lineId = order.LineIds[0], reason = "Wrong file" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Multiple(async () =>
        {
            Assert.That(await RefundedInBooksAsync(order.LineIds[0]), Is.EqualTo(5000));
            Assert.That(await RefundedInBooksAsync(order.LineIds[1]), Is.EqualTo(1000));
            Assert.That(await ReversedAsync(order.LineIds[0]), Is.EqualTo(2500));
            Assert.That(await ReversedAsync(order.LineIds[1]), Is.EqualTo(500));
            Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(250));
        });
    }

    [Test]
    public async Task A_lost_dispute_reverses_the_whole_sale()
    {
        var (_, buyer) = await Users.SignedInAsync(StripeSupport.StripeHost);
        var order = await StripeSupport.OrderAsync(buyer.Id, [5000, 1501]);
        await StripeSupport.PayAsync(order);
        Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(2500 + 750));

        await StripeSupport.DeliverSignedAsync(StripeSupport.Event(StripeSupport.NewEventId(), "charge.dispute.created", StripeSupport.Dispute(order, "needs_response")));
        Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(3250), "an open dispute holds the licences, not the books");
        var lost = StripeSupport.Event(StripeSupport.NewEventId(), "charge.dispute.closed", StripeSupport.Dispute(order, "lost"));
        Assert.That(await StripeSupport.OutcomeOfAsync(await StripeSupport.DeliverSignedAsync(lost)), Is.EqualTo("refunded"));
        Assert.That(await OwedAsync(buyer.Id), Is.Zero);
        Assert.That(await RefundedInBooksAsync(order.LineIds[1]), Is.EqualTo(1501));
    }

    [Test]
    public async Task Refunding_royalties_already_paid_out_records_a_receivable_and_asks_for_a_transfer_reversal()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(me.Id);
        var (_, buyer) = await BuyerAsync();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (orderId, lines) = await SaleAsync(buyer.Id, DateTimeOffset.UtcNow.AddDays(-40), new LineSpec(photo, 10000));
        await PayoutAsync(me.Id, 4000, DateTimeOffset.UtcNow.AddDays(-5));
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(1000));

        var refund = await (await admin.PostAsync($"/api/v1/admin/orders/{orderId}/refunds", new { lineId = lines[0], reason = "Chargeback risk" }))
            .JsonAsync(HttpStatusCode.Created);
        var journal = await PostingsAsync($"refund:{refund.Id()}:{lines[0]}");
        Assert.That(journal.Where(p => p.UserId == me.Id).Select(p => (p.Kind, p.Amount)), Is.EquivalentTo(new[]
        {
            ("royalties_payable", 1000L), ("receivable", 4000L),
        }));
        Assert.That(await ReceivableAsync(me.Id), Is.EqualTo(4000));
        var request = await ScalarAsync<string>("select amount || ' ' || currency || ' ' || status from transfer_reversal_requests where user_id = @id",
            new { id = me.Id });
        Assert.That(request, Is.EqualTo("4000 USD pending"));

        var balance = (await (await contributor.GetAsync("/api/v1/me/earnings")).JsonAsync(HttpStatusCode.OK))["balance"]!;
        Assert.Multiple(() =>
        {
            Assert.That(balance.Amount("receivable"), Is.EqualTo(4000));
            Assert.That(balance.Amount("paidOut"), Is.EqualTo(4000));
            Assert.That(balance.Amount("available"), Is.EqualTo(-4000));
            Assert.That(balance.Amount("pending"), Is.Zero);
            Assert.That(balance.Amount("lifetime"), Is.Zero);
        });
    }

    [Test]
    public async Task A_Stripe_payment_books_its_fee_in_a_job_that_retries_until_Stripe_answers_and_never_stops_fulfilment()
    {
        var (_, buyer) = await Users.SignedInAsync(StripeSupport.StripeHost);
        var order = await StripeSupport.OrderAsync(buyer.Id, [5000]);
        StripeSupport.FakeStripeApi.Fees[order.PaymentIntent] = 175;
        var paid = StripeSupport.Event(StripeSupport.NewEventId(), "checkout.session.completed", StripeSupport.Session(order));
        Assert.That(await StripeSupport.OutcomeOfAsync(await StripeSupport.DeliverSignedAsync(paid)), Is.EqualTo("fulfilled"));
        Assert.That(await FeeJobsAsync(order.PaymentIntent), Is.EqualTo(1), "the webhook enqueued one fee job");
        await BookFeeAsync(order.PaymentIntent);
        Assert.That((await PostingsAsync($"fee:{order.PaymentIntent}")).Select(p => (p.Kind, p.Amount)),
            Is.EqualTo(new[] { ("provider_fees", 175L), ("payments_clearing", -175L) }));
        var call = StripeSupport.FakeStripeApi.CallsFor(order.PaymentIntent).Single(c => c.Method == "GET");
        Assert.That(call.Path, Is.EqualTo($"/v1/payment_intents/{order.PaymentIntent}"));
        Assert.That(await OwedAsync(buyer.Id), Is.EqualTo(2500));

        // Stripe does not answer: the licence is issued all the same, and the job fails so that Hangfire runs it again.
        var unlucky = await StripeSupport.OrderAsync(buyer.Id, [1500]);
        StripeSupport.FakeStripeApi.FailingRetrievals[unlucky.PaymentIntent] = true;
        var event2 = StripeSupport.Event(StripeSupport.NewEventId(), "checkout.session.completed", StripeSupport.Session(unlucky));
        Assert.That(await StripeSupport.OutcomeOfAsync(await StripeSupport.DeliverSignedAsync(event2)), Is.EqualTo("fulfilled"));
        Assert.That((await StripeSupport.StateAsync(unlucky.Id)).Licences, Is.EqualTo(1));
        Assert.That(await JournalCountAsync($"sale:{unlucky.LineIds[0]}"), Is.EqualTo(1));
        Assert.ThrowsAsync<InvalidOperationException>(() => BookFeeAsync(unlucky.PaymentIntent));
        Assert.That(await JournalCountAsync($"fee:{unlucky.PaymentIntent}"), Is.Zero);

        // A later attempt, once Stripe answers, books it; one more books nothing twice.
        StripeSupport.FakeStripeApi.FailingRetrievals.TryRemove(unlucky.PaymentIntent, out _);
        StripeSupport.FakeStripeApi.Fees[unlucky.PaymentIntent] = 74;
        await BookFeeAsync(unlucky.PaymentIntent);
        await BookFeeAsync(unlucky.PaymentIntent);
        Assert.That((await PostingsAsync($"fee:{unlucky.PaymentIntent}")).Select(p => (p.Kind, p.Amount)),
            Is.EqualTo(new[] { ("provider_fees", 74L), ("payments_clearing", -74L) }));
    }

    /// <summary>Runs the fee job as a worker of the Stripe host would.</summary>
    private static async Task BookFeeAsync(string paymentIntent)
    {
        using var scope = StripeSupport.StripeHost.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Royalties.ProviderFees>().BookStripeFeeAsync(paymentIntent, "USD", CancellationToken.None);
    }

    private static async Task<long> FeeJobsAsync(string paymentIntent)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "select count(*) from hangfire.job where invocationdata::text like '%BookStripeFeeAsync%' and arguments::text like @pattern",
            new { pattern = $"%{paymentIntent}%" });
    }

    [Test]
    public async Task A_demo_payment_books_no_fee()
    {
        var (_, me) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(me.Id);
        var (buyer, _) = await BuyerAsync();
        var order = await buyer.PaidOrderAsync(Item(photo, "small"));
        Assert.That(await JournalCountAsync($"fee:demo_{order.Id():N}"), Is.Zero);
        Assert.That(await JournalCountAsync($"sale:{order["lines"]!.AsArray()[0]!.Id()}"), Is.EqualTo(1));
    }
}
