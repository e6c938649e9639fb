using System.Net;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Licensing.LicensingSeed;
using static MediaCoop.Tests.Royalties.RoyaltyArrange;

namespace MediaCoop.Tests.Royalties;

public sealed class EarningsTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static readonly string[] Routes =
        ["/api/v1/me/earnings", "/api/v1/me/statements", "/api/v1/me/statements/2026-11", "/api/v1/me/statements/2026-11.csv"];

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Nobody_but_a_signed_in_contributor_may_read_earnings_and_statements()
    {
        using var anonymous = Api.NewClient();
        var (buyer, _) = await Users.SignedInAsync(Api);
        foreach (var route in Routes)
        {
            await (await anonymous.GetAsync(route)).ProblemAsync(HttpStatusCode.Unauthorized);
            // A buyer has no royalties: the contributor role is what earnings belong to.
            Assert.That((await buyer.GetAsync(route)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), route);
        }
    }

    [Test]
    public async Task A_contributor_sees_only_their_own_earnings_and_statements()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (other, _) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id);
        var (_, buyer) = await BuyerAsync();
        await SaleAsync(buyer.Id, At(2026, 2, 10), new LineSpec(photo, 10000));

        var earnings = await (await other.GetAsync("/api/v1/me/earnings")).JsonAsync(HttpStatusCode.OK);
        Assert.That(earnings["lines"]!.AsArray(), Is.Empty);
        Assert.That(earnings["balance"]!.Amount("lifetime"), Is.Zero);
        var statement = await (await other.GetAsync("/api/v1/me/statements/2026-02")).JsonAsync(HttpStatusCode.OK);
        Assert.That(statement["sales"]!.AsArray(), Is.Empty);
        Assert.That(statement.Amount("closing"), Is.Zero);
        var list = await (await other.GetAsync("/api/v1/me/statements")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray(), Is.Empty);
        var csv = await (await other.GetAsync("/api/v1/me/statements/2026-02.csv")).Content.ReadAsStringAsync();
        Assert.That(csv, Does.Not.Contain(",sale,"));
    }

    [TestCase("2026-13")]
    [TestCase("26-11")]
    [TestCase("november")]
    public async Task A_month_that_is_not_yyyy_mm_is_refused_with_the_format(string month)
    {
        var (contributor, _) = await Users.SignedInAsync(Api, "contributor");
        var problem = await (await contributor.GetAsync($"/api/v1/me/statements/{month}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("yyyy-mm"));
        await (await contributor.GetAsync($"/api/v1/me/statements/{month}.csv")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Bad_paging_and_currency_are_refused()
    {
        var (contributor, _) = await Users.SignedInAsync(Api, "contributor");
        await (await contributor.GetAsync("/api/v1/me/earnings?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await contributor.GetAsync("/api/v1/me/earnings?limit=5000")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await contributor.GetAsync("/api/v1/me/earnings?currency=usd")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await contributor.GetAsync($"/api/v1/me/earnings?before={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Lines_page_newest_first_by_the_before_cursor()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(me.Id);
        var (_, buyer) = await BuyerAsync();
        for (var day = 1; day <= 5; day++) await SaleAsync(buyer.Id, At(2026, 3, day), new LineSpec(photo, 1000 * day));

        var first = await (await contributor.GetAsync("/api/v1/me/earnings?limit=2")).JsonAsync(HttpStatusCode.OK);
        Assert.That(first["lines"]!.AsArray().Select(l => l!.Amount("gross")), Is.EqualTo(new[] { 5000L, 4000L }));
        var next = first["nextBefore"]!.GetValue<Guid>();
        var second = await (await contributor.GetAsync($"/api/v1/me/earnings?limit=2&before={next}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(second["lines"]!.AsArray().Select(l => l!.Amount("gross")), Is.EqualTo(new[] { 3000L, 2000L }));
        var last = await (await contributor.GetAsync($"/api/v1/me/earnings?limit=2&before={second["nextBefore"]!.GetValue<Guid>()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(last["lines"]!.AsArray().Select(l => l!.Amount("gross")), Is.EqualTo(new[] { 1000L }));
        Assert.That(last["nextBefore"], Is.Null);
    }

    [Test]
    public async Task Statements_tie_out_opening_plus_movements_is_closing_is_the_ledger_at_month_end()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(me.Id);
        var (_, buyer) = await BuyerAsync();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");

        await SaleAsync(buyer.Id, At(2025, 3, 3), new LineSpec(photo, 10000));
        await SaleAsync(buyer.Id, At(2025, 3, 20), new LineSpec(photo, 3001, 2001));
        var (refunded, _) = await SaleAsync(buyer.Id, At(2025, 4, 2), new LineSpec(photo, 4000));
        await PayoutAsync(me.Id, 6000, At(2025, 4, 15));
        // The refund is recorded now (this month), against an April sale.
        await (await admin.PostAsync($"/api/v1/admin/orders/{refunded}/refunds", new { reason = "Cancelled" })).JsonAsync(HttpStatusCode.Created);

        var list = await (await contributor.GetAsync("/api/v1/me/statements")).JsonAsync(HttpStatusCode.OK);
        var months = list["items"]!.AsArray();
        await using var connection = await OpenAsync();
        foreach (var month in new[] { "2025-03", "2025-04" })
        {
            var statement = await (await contributor.GetAsync($"/api/v1/me/statements/{month}")).JsonAsync(HttpStatusCode.OK);
            var opening = statement.Amount("opening");
            var closing = statement.Amount("closing");
            Assert.That(opening + statement.Amount("salesTotal") + statement.Amount("refunds") + statement.Amount("payouts") + statement.Amount("adjustments"),
                Is.EqualTo(closing), month);
            Assert.That(statement["sales"]!.AsArray().Sum(l => l!.Amount("royalty")), Is.EqualTo(statement.Amount("salesTotal")), month);
            var end = DateTimeOffset.ParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).AddTicks(-10);
            var ledger = -(await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, me.Id, "USD", end)
                           + await Ledger.BalanceAsync(connection, AccountKinds.Receivable, me.Id, "USD", end));
            Assert.That(closing, Is.EqualTo(ledger), month);
            var listed = months.Single(m => m!["month"]!.GetValue<string>() == month)!;
            Assert.That(listed.Amount("closing"), Is.EqualTo(closing), month);
            Assert.That(listed.Amount("opening"), Is.EqualTo(opening), month);
        }
        var march = await (await contributor.GetAsync("/api/v1/me/statements/2025-03")).JsonAsync(HttpStatusCode.OK);
        // 5000 + (1000 × 50 % + 2001 × 75 % = 500 + 1500)
        Assert.That(march.Amount("closing"), Is.EqualTo(7000));
        var april = await (await contributor.GetAsync("/api/v1/me/statements/2025-04")).JsonAsync(HttpStatusCode.OK);
        Assert.That(april.Amount("opening"), Is.EqualTo(7000));
        Assert.That(april.Amount("payouts"), Is.EqualTo(-6000));
        Assert.That(april.Amount("closing"), Is.EqualTo(7000 + 2000 - 6000));
        // The newest statement carries the refund: everything ties out to today's ledger balance.
        var newest = months[0]!;
        Assert.That(newest.Amount("refunds"), Is.EqualTo(-2000));
        Assert.That(newest.Amount("closing"), Is.EqualTo(1000));
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(1000));
    }
}
