using System.Net;
using System.Text.Json.Nodes;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Royalties.CoopFixtures;

namespace MediaCoop.Tests.Royalties;

public sealed class PatronageTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_closed_year_is_allocated_once_by_the_formula_with_hand_computed_notices()
    {
        var year = UnusedYear();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (clientA, a) = await Users.SignedInAsync(Api, "contributor");
        var (_, b) = await Users.SignedInAsync(Api, "contributor");
        var (_, c) = await Users.SignedInAsync(Api, "contributor");
        var (_, idle) = await Users.SignedInAsync(Api, "contributor");
        var (clientW1, w1) = await Users.SignedInAsync(Api);
        var (_, w3) = await Users.SignedInAsync(Api);
        var (_, founder) = await Users.SignedInAsync(Api);
        var (_, gone) = await Users.SignedInAsync(Api);
        var (_, buyer) = await Users.SignedInAsync(Api);

        // Memberships end with the year so that no other test's year sees these members (they have left since: their
        // notices stay theirs).
        var yearEnd = At(year, 12, 31);
        foreach (var contributor in new[] { a, b, c, idle })
            await MemberAsync(contributor.Id, "contributor", At(year - 2, 1), yearEnd);
        await MemberAsync(w1.Id, "worker", At(year, 3, 1), yearEnd);          // 10 months by the year's end → at least 1 year
        await MemberAsync(w3.Id, "worker", At(year - 3, 6, 1), yearEnd);      // 3 years 7 months → 3
        await MemberAsync(founder.Id, "founder", At(year - 5, 1), yearEnd);
        await MemberAsync(gone.Id, "worker", At(year - 4, 1), endedAt: At(year - 1, 12, 1)); // left before the year began
        await MemberAsync(buyer.Id, "buyer_member", At(year - 1, 1));

        // Royalties credited that year: A 700.00 − a 100.00 refund reversal = 600.00; B 300.00; C 100.00.
        await PostAsync(Sale(a.Id, At(year, 2), gross: 140000, royalty: 70000));
        await PostAsync(Refund(a.Id, At(year, 5), refunded: 20000, royaltyReversed: 10000));
        await PostAsync(Sale(b.Id, At(year, 7), gross: 60000, royalty: 30000));
        await PostAsync(Sale(c.Id, At(year, 12, 31), gross: 20000, royalty: 10000));
        await PostAsync(Sale(c.Id, At(year - 1, 12, 31), gross: 900000, royalty: 450000)); // another year: not counted
        await PostAsync(Sale(b.Id, At(year, 8), gross: 900000, royalty: 450000, currency: "EUR")); // not the pool's currency

        var preview = await (await admin.GetAsync($"/api/v1/admin/patronage/{year}/preview?amount=10000000&currency=USD")).JsonAsync(HttpStatusCode.OK);
        Assert.That(preview["alreadyAllocated"]!.GetValue<bool>(), Is.False);

        var allocated = await (await admin.PostAsync($"/api/v1/admin/patronage/{year}",
            new { pool = new { amount = 10_000_000, currency = "USD" }, decidedBy = $"AGM {year + 1}, resolution 4" })).JsonAsync(HttpStatusCode.Created);

        // Pool 100,000.00: 90 % contributors 90,000.00 by 6:3:1; 5 % workers 5,000.00 by 1:3; 5 % the founder.
        var expected = new Dictionary<Guid, (long Amount, long Cash, string Class, string Basis, long BasisAmount)>
        {
            [a.Id] = (5_400_000, 1_080_000, "contributor", "royalties", 60000),
            [b.Id] = (2_700_000, 540_000, "contributor", "royalties", 30000),
            [c.Id] = (900_000, 180_000, "contributor", "royalties", 10000),
            [w1.Id] = (125_000, 25_000, "worker", "yearsOfService", 1),
            [w3.Id] = (375_000, 75_000, "worker", "yearsOfService", 3),
            [founder.Id] = (500_000, 100_000, "founder", "equal", 1),
        };
        var members = allocated["members"]!.AsArray().Select(m => m!.AsObject()).ToDictionary(m => m["userId"]!.GetValue<Guid>());
        Assert.That(members.Keys, Is.EquivalentTo(expected.Keys), "the idle contributor, the former worker and the buyer-member get nothing");
        foreach (var (user, e) in expected)
        {
            var m = members[user];
            Assert.That(Amount(m["amount"]), Is.EqualTo(e.Amount), $"{e.Class} {user}");
            Assert.That(Amount(m["cash"]), Is.EqualTo(e.Cash));
            Assert.That(Amount(m["retained"]), Is.EqualTo(e.Amount - e.Cash));
            Assert.That(m["class"]!.GetValue<string>(), Is.EqualTo(e.Class));
            Assert.That(m["basis"]!.GetValue<string>(), Is.EqualTo(e.Basis));
            Assert.That(m["basisAmount"]!.GetValue<long>(), Is.EqualTo(e.BasisAmount));
        }
        Assert.That(members.Values.Sum(m => Amount(m["amount"])), Is.EqualTo(10_000_000));
        Assert.That(preview["members"]!.ToJsonString(), Is.EqualTo(allocated["members"]!.ToJsonString()), "the preview showed what was posted");
        Assert.That(allocated["classes"]!.AsArray().Select(k => Amount(k!["amount"])), Is.EqualTo(new[] { 9_000_000L, 500_000, 500_000 }));
        Assert.That(allocated["decidedBy"]!.GetValue<string>(), Is.EqualTo($"AGM {year + 1}, resolution 4"));

        // The ledger agrees: each member's patronage payable, and the pool taken from retained surplus.
        await using (var connection = await OpenAsync())
        {
            foreach (var (user, e) in expected)
                Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.PatronagePayable, user, "USD"), Is.EqualTo(-e.Amount));
            Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "select sum(p.amount) from ledger_postings p join ledger_journals j on j.id = p.journal_id where j.external_ref = @r and p.amount > 0",
                new { r = $"patronage:{year}" }), Is.EqualTo(10_000_000));
        }

        var again = await admin.PostAsync($"/api/v1/admin/patronage/{year}", new { pool = new { amount = 5_000_000, currency = "USD" } });
        Assert.That((await again.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("already"));
        var read = await (await admin.GetAsync($"/api/v1/admin/patronage/{year}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(Amount(read["pool"]), Is.EqualTo(10_000_000), "the first allocation stands");

        // The members' notices of allocation.
        var mine = await (await clientA.GetAsync("/api/v1/me/patronage")).JsonAsync(HttpStatusCode.OK);
        var notice = mine["notices"]!.AsArray().Single(n => n!["year"]!.GetValue<int>() == year)!;
        Assert.That(Amount(notice["total"]), Is.EqualTo(5_400_000));
        Assert.That(Amount(notice["cash"]), Is.EqualTo(1_080_000));
        Assert.That(Amount(notice["retained"]), Is.EqualTo(4_320_000));
        Assert.That(notice["class"]!.GetValue<string>(), Is.EqualTo("contributor"));
        Assert.That(notice["basis"]!.GetValue<string>(), Is.EqualTo("royalties"));
        var workerNotices = await (await clientW1.GetAsync("/api/v1/me/patronage")).JsonAsync(HttpStatusCode.OK);
        Assert.That(workerNotices["notices"]!.AsArray().Single(n => n!["year"]!.GetValue<int>() == year)!["total"]!["amount"]!.GetValue<long>(), Is.EqualTo(125_000));

        var page = await clientA.GetAsync(notice["noticeUrl"]!.GetValue<string>());
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("54,000.00 USD").And.Contain("10,800.00 USD").And.Contain("43,200.00 USD"));
        await (await clientW1.GetAsync($"/api/v1/me/patronage/{year - 1}/notice")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Only_a_closed_year_with_someone_to_allocate_to_can_be_allocated()
    {
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var pool = new { pool = new { amount = 100_000, currency = "USD" } };

        var open = await admin.PostAsync($"/api/v1/admin/patronage/{DateTimeOffset.UtcNow.Year}", pool);
        Assert.That((await open.ProblemAsync(HttpStatusCode.BadRequest))["detail"]!.GetValue<string>(), Does.Contain("closed"));

        // Before any test's members joined (tests use years from 1920, members joining at most five years earlier).
        var empty = await admin.PostAsync("/api/v1/admin/patronage/1901", pool);
        Assert.That((await empty.ProblemAsync(HttpStatusCode.Conflict))["title"]!.GetValue<string>(), Is.EqualTo("Nobody to allocate to"));

        var zero = await admin.PostAsync("/api/v1/admin/patronage/1902", new { pool = new { amount = 0, currency = "usd" } });
        var problem = await zero.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "pool.Amount", "pool.Currency" }));
        var noCurrency = await admin.PostAsync("/api/v1/admin/patronage/1902", new { pool = new { amount = 100 } });
        Assert.That((await noCurrency.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "pool.Currency" }));
        await (await admin.GetAsync("/api/v1/admin/patronage/1902/preview?amount=-5&currency=USD")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync("/api/v1/admin/patronage/1902")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Two_admins_allocating_the_same_year_at_once_post_it_once()
    {
        var year = UnusedYear();
        var (_, founder) = await Users.SignedInAsync(Api);
        await MemberAsync(founder.Id, "founder", At(year, 1), At(year, 12, 31));
        var admins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Users.SignedInAsync(Api, "admin")));

        var responses = await Task.WhenAll(admins.Select(a => a.Client.PostAsync($"/api/v1/admin/patronage/{year}",
            new { pool = new { amount = 250_000, currency = "USD" } })));

        Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict }));
        await using var connection = await OpenAsync();
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.PatronagePayable, founder.Id, "USD"), Is.EqualTo(-250_000));
    }

    [Test]
    public async Task Members_see_a_live_estimate_for_the_current_year()
    {
        var (client, me) = await MemberSignedInAsync("contributor", "contributor");
        await PostAsync(Sale(me.Id, DateTimeOffset.UtcNow.AddMinutes(-1), gross: 10000, royalty: 5000));

        var mine = await (await client.GetAsync("/api/v1/me/patronage")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["year"]!.GetValue<int>(), Is.EqualTo(DateTimeOffset.UtcNow.Year));
        var basis = mine["estimateBasis"]!;
        Assert.That(basis["class"]!.GetValue<string>(), Is.EqualTo("contributor"));
        Assert.That(basis["basisAmount"]!.GetValue<long>(), Is.EqualTo(5000), "this year's royalties so far");
        Assert.That(basis["explanation"]!.GetValue<string>(), Is.Not.Empty);
        // Other tests' pools and members share the database, so bound it rather than compute it.
        Assert.That(Amount(mine["estimate"]), Is.InRange(0, Amount(basis["pool"])));
        Assert.That(mine["notices"]!.AsArray(), Is.Empty);

        var (buyerMember, _) = await MemberSignedInAsync("buyer_member");
        var theirs = await (await buyerMember.GetAsync("/api/v1/me/patronage")).JsonAsync(HttpStatusCode.OK);
        Assert.That(Amount(theirs["estimate"]), Is.Zero, "buyer-members hold a share but no patronage");
    }

    [Test]
    public async Task Patronage_routes_refuse_whoever_may_not_call_them()
    {
        var year = UnusedYear();
        var (member, _) = await MemberSignedInAsync("worker", "contributor", "editor");
        var (stranger, _) = await Users.SignedInAsync(Api, "contributor");
        using var anonymous = Api.NewClient();
        var pool = new { pool = new { amount = 100_000, currency = "USD" } };

        await (await member.PostAsync($"/api/v1/admin/patronage/{year}", pool)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync($"/api/v1/admin/patronage/{year}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync("/api/v1/admin/patronage")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync($"/api/v1/admin/patronage/{year}/preview?amount=100&currency=USD")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsync($"/api/v1/admin/patronage/{year}", pool)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/me/patronage")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await stranger.GetAsync("/api/v1/me/patronage")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static long Amount(JsonNode? money) => money!["amount"]!.GetValue<long>();
}
