using System.Net;
using System.Text.Json.Nodes;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Royalties.CoopFixtures;

namespace MediaCoop.Tests.Royalties;

public sealed class CoopBooksTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static LedgerJournal Journal(string kind, DateTimeOffset at, params LedgerLine[] lines) =>
        new($"test-{kind}:{Guid.NewGuid()}", kind, at, $"test {kind}", "USD", lines);

    [Test]
    public async Task The_books_tie_out_to_journals_posted_in_the_ledger()
    {
        var year = UnusedYear();
        var (member, _) = await MemberSignedInAsync("worker");
        var (_, photographer) = await Users.SignedInAsync(Api, "contributor");
        var p = photographer.Id;

        await PostAsync(Sale(p, At(year, 3, 1), gross: 10000, royalty: 5000));
        await PostAsync(Sale(p, At(year, 3, 31, hour: 23), gross: 2500, royalty: 1250));
        await PostAsync(Journal("fee", At(year, 3), new(AccountKinds.ProviderFees, null, 320), new(AccountKinds.PaymentsClearing, null, -320)));
        await PostAsync(Refund(p, At(year, 4), refunded: 2000, royaltyReversed: 1000));
        await PostAsync(Journal("payout", At(year, 5), new(AccountKinds.RoyaltiesPayable, p, 4000), new(AccountKinds.PayoutsInTransit, null, -4000)));
        await PostAsync(Journal("payout_settled", At(year, 6), new(AccountKinds.PayoutsInTransit, null, 3000), new(AccountKinds.Cash, null, -3000)));
        await PostAsync(Journal("payout_failed", At(year, 6), new(AccountKinds.PayoutsInTransit, null, 1000), new(AccountKinds.RoyaltiesPayable, p, -1000)));
        await PostAsync(Journal("expense", At(year, 7), new(AccountKinds.OperatingExpenses, null, 1500), new(AccountKinds.Cash, null, -1500)));
        // Outside the year or the currency: not in these books.
        await PostAsync(Sale(p, At(year + 1, 1, 1, hour: 0), gross: 777, royalty: 333));
        await PostAsync(Sale(p, At(year, 3), gross: 999, royalty: 444, currency: "EUR"));

        var books = await (await member.GetAsync($"/api/v1/coop/books?year={year}&currency=USD")).JsonAsync(HttpStatusCode.OK);
        Assert.That(books["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
        var months = books["months"]!.AsArray().ToDictionary(m => m!["month"]!.GetValue<string>(), m => m!.AsObject());
        Assert.That(months.Keys, Is.EqualTo(Enumerable.Range(1, 12).Select(m => $"{year}-{m:D2}")), "every month of a closed year");

        Expect(months[$"{year}-03"], revenue: 12500, refunds: 0, royalties: 6250, fees: 320, payouts: 0, costs: 0);
        Expect(months[$"{year}-04"], revenue: 0, refunds: 2000, royalties: -1000, fees: 0, payouts: 0, costs: 0);
        Expect(months[$"{year}-05"], revenue: 0, refunds: 0, royalties: 0, fees: 0, payouts: 4000, costs: 0);
        Expect(months[$"{year}-06"], revenue: 0, refunds: 0, royalties: 0, fees: 0, payouts: -1000, costs: 0);
        Expect(months[$"{year}-07"], revenue: 0, refunds: 0, royalties: 0, fees: 0, payouts: 0, costs: 1500);
        Expect(months[$"{year}-01"], revenue: 0, refunds: 0, royalties: 0, fees: 0, payouts: 0, costs: 0);
        Expect(books["totals"]!.AsObject(), revenue: 12500, refunds: 2000, royalties: 5250, fees: 320, payouts: 3000, costs: 1500);

        var csv = await member.GetAsync($"/api/v1/coop/books.csv?year={year}&currency=USD");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("month,currency,revenue,refunds,royalties,fees,payouts,operating_costs,margin"));
        Assert.That(lines, Does.Contain($"{year}-03,USD,125.00,0.00,62.50,3.20,0.00,0.00,59.30"));
        Assert.That(lines[^1], Is.EqualTo("total,USD,125.00,20.00,52.50,3.20,30.00,15.00,34.30"));
    }

    private static void Expect(JsonObject row, long revenue, long refunds, long royalties, long fees, long payouts, long costs)
    {
        Assert.Multiple(() =>
        {
            Assert.That(row["revenue"]!.GetValue<long>(), Is.EqualTo(revenue), "revenue");
            Assert.That(row["refunds"]!.GetValue<long>(), Is.EqualTo(refunds), "refunds");
            Assert.That(row["royalties"]!.GetValue<long>(), Is.EqualTo(royalties), "royalties");
            Assert.That(row["fees"]!.GetValue<long>(), Is.EqualTo(fees), "fees");
            Assert.That(row["payouts"]!.GetValue<long>(), Is.EqualTo(payouts), "payouts");
            Assert.That(row["operatingCosts"]!.GetValue<long>(), Is.EqualTo(costs), "operating costs");
            Assert.That(row["margin"]!.GetValue<long>(), Is.EqualTo(revenue - refunds - royalties - fees - costs), "margin");
        });
    }

    [Test]
    public async Task Only_current_members_may_see_the_books()
    {
        var (stranger, _) = await Users.SignedInAsync(Api, "contributor", "editor", "admin");
        var (former, formerMe) = await Users.SignedInAsync(Api, "contributor");
        await MemberAsync(formerMe.Id, "contributor", DateTimeOffset.UtcNow.AddYears(-2), endedAt: DateTimeOffset.UtcNow.AddDays(-1));
        using var anonymous = Api.NewClient();

        foreach (var path in new[] { "/api/v1/coop/books", "/api/v1/coop/books.csv", "/api/v1/coop/expenses", $"/api/v1/coop/expenses/{Guid.NewGuid()}/receipt" })
        {
            var refused = await (await stranger.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(refused["title"]!.GetValue<string>(), Is.EqualTo("Members only"), path);
            await (await former.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await anonymous.GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        var (member, _) = await MemberSignedInAsync("buyer_member");
        await (await member.GetAsync($"/api/v1/coop/books?year={DateTimeOffset.UtcNow.Year + 1}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await member.GetAsync("/api/v1/coop/books?currency=dollars")).ProblemAsync(HttpStatusCode.BadRequest);
        var current = await (await member.GetAsync("/api/v1/coop/books")).JsonAsync(HttpStatusCode.OK);
        Assert.That(current["months"]!.AsArray(), Has.Count.EqualTo(DateTimeOffset.UtcNow.Month), "the current year runs to this month");
    }

    [Test]
    public async Task The_public_headline_counts_royalties_credited_this_year()
    {
        var (_, photographer) = await Users.SignedInAsync(Api, "contributor");
        await PostAsync(Sale(photographer.Id, DateTimeOffset.UtcNow.AddMinutes(-1), gross: 20000, royalty: 10000));
        using var visitor = Api.NewClient();

        var response = await visitor.GetAsync("/api/v1/coop/headline");
        var headline = await response.JsonAsync(HttpStatusCode.OK);
        Assert.That(headline["year"]!.GetValue<int>(), Is.EqualTo(DateTimeOffset.UtcNow.Year));
        // Other tests credit royalties too: at least this one is in.
        Assert.That(headline["royaltiesPaid"]!["amount"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(10000));
        Assert.That(headline["royaltiesPaid"]!["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
        Assert.That(headline["contributors"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(response.Headers.CacheControl?.Public, Is.True);
        Assert.That(response.Headers.ETag, Is.Not.Null);
    }
}
