using System.Net;
using Dapper;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Governance;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Licensing.LicensingSeed;
using static MediaCoop.Tests.Royalties.RoyaltyArrange;

namespace MediaCoop.Tests.Royalties;

public sealed class SalePostingTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_demo_purchase_credits_half_of_a_standard_line_and_three_quarters_of_the_extended_part()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var plain = await PhotoAsync(me.Id);
        var extended = await PhotoAsync(me.Id);
        var (buyer, _) = await BuyerAsync();

        // large 100.00 (standard); original 150.00 + multi-seat 250.00 (extended).
        var order = await buyer.PaidOrderAsync(Item(plain, "large"), Item(extended, "original", ["multi-seat"]));
        var lines = order["lines"]!.AsArray();
        var plainLine = lines.Single(l => l!.Id("assetId") == plain)!.Id();
        var extendedLine = lines.Single(l => l!.Id("assetId") == extended)!.Id();

        Assert.That(await ScalarAsync<long>("select amount_extended from order_lines where id = @extendedLine", new { extendedLine }), Is.EqualTo(25000));
        var sale = await PostingsAsync($"sale:{plainLine}");
        Assert.That(sale.Select(p => (p.Kind, p.Amount)), Is.EquivalentTo(new[]
        {
            ("payments_clearing", 10000L), ("revenue", -10000L), ("royalty_expense", 5000L), ("royalties_payable", -5000L),
        }));
        var payable = sale.Single(p => p.Kind == "royalties_payable");
        Assert.Multiple(() =>
        {
            Assert.That(payable.UserId, Is.EqualTo(me.Id));
            Assert.That(payable.ShareBp, Is.EqualTo(10000));
            Assert.That(payable.RateBp, Is.EqualTo(5000));
        });
        // 15000 × 50 % + 25000 × 75 % = 7500 + 18750.
        var extendedSale = await PostingsAsync($"sale:{extendedLine}");
        Assert.That(extendedSale.Single(p => p.Kind == "royalties_payable").Amount, Is.EqualTo(-26250));
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(5000 + 26250));

        // The contributor sees it: a pending balance (inside the hold), the lines and this month's statement.
        var earnings = await (await contributor.GetAsync("/api/v1/me/earnings")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(earnings["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
            Assert.That(earnings["balance"]!.Amount("pending"), Is.EqualTo(31250));
            Assert.That(earnings["balance"]!.Amount("available"), Is.Zero);
            Assert.That(earnings["balance"]!.Amount("lifetime"), Is.EqualTo(31250));
        });
        var earned = earnings["lines"]!.AsArray();
        Assert.That(earned, Has.Count.EqualTo(2));
        var line = earned.Single(l => l!["assetId"]!.GetValue<Guid>() == plain)!;
        Assert.Multiple(() =>
        {
            Assert.That(line["kind"]!.GetValue<string>(), Is.EqualTo("sale"));
            Assert.That(line.Amount("gross"), Is.EqualTo(10000));
            Assert.That(line.Amount("royalty"), Is.EqualTo(5000));
            Assert.That(line["rateBp"]!.GetValue<int>(), Is.EqualTo(5000));
            Assert.That(line["shareBp"]!.GetValue<int>(), Is.EqualTo(10000));
            Assert.That(line["licence"]!["size"]!.GetValue<string>(), Is.EqualTo("large"));
            Assert.That(line["assetTitle"]!.GetValue<string>(), Does.StartWith("Royalty "));
        });
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(earnings["byMonth"]!.AsArray().Last()!["month"]!.GetValue<string>(), Is.EqualTo(month));
        Assert.That(earnings["byMonth"]!.AsArray().Last()!.Amount("royalty"), Is.EqualTo(31250));
        Assert.That(earnings["byAsset"]!.AsArray().Select(a => a!.Amount("royalty")), Is.EqualTo(new[] { 26250L, 5000L }));

        var statement = await (await contributor.GetAsync($"/api/v1/me/statements/{month}")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(statement["opening"]!["amount"]!.GetValue<long>(), Is.Zero);
            Assert.That(statement["sales"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(statement.Amount("salesTotal"), Is.EqualTo(31250));
            Assert.That(statement.Amount("closing"), Is.EqualTo(31250));
        });
        var csv = await contributor.GetAsync($"/api/v1/me/statements/{month}.csv");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.That(text.Split('\n')[0], Does.StartWith("Date,Kind,JournalId,AssetId,AssetTitle,Licence,GrossMinor,RateBp,ShareBp,RoyaltyMinor,Currency"));
        Assert.That(text, Does.Contain(",sale,").And.Contain("original+multi-seat,40000,6562,10000,26250,USD").And.Contain(",closing,"));
    }

    [Test]
    public async Task An_upgrade_that_adds_an_add_on_pays_the_extended_rate_on_the_difference()
    {
        var (_, me) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(me.Id);
        var (buyer, _) = await BuyerAsync();
        var first = await buyer.PaidOrderAsync(Item(photo, "medium"));
        var licence = first["lines"]!.AsArray()[0]!.Id("licenseId");

        // medium 50.00 + multi-seat 250.00, less the 50.00 paid: the 250.00 difference is all extended part.
        var upgrade = await buyer.PaidOrderAsync(Item(photo, "medium", ["multi-seat"], licence));
        var line = upgrade["lines"]!.AsArray()[0]!.Id();
        Assert.That(await ScalarAsync<long>("select amount_extended from order_lines where id = @line", new { line }), Is.EqualTo(25000));
        Assert.That((await PostingsAsync($"sale:{line}")).Single(p => p.Kind == "royalties_payable").Amount, Is.EqualTo(-18750));
        Assert.That(await OwedAsync(me.Id), Is.EqualTo(2500 + 18750));
    }

    [Test]
    public async Task Two_credited_contributors_split_six_to_four_exactly_and_the_owner_is_listed_first()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (_, partner) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id, (partner.Id, 4000), (owner.Id, 6000));
        var (buyer, _) = await BuyerAsync();

        // small 15.00 + unlimited print 300.00: 750 + 22500 = 23250 → 13950 / 9300.
        var order = await buyer.PaidOrderAsync(Item(photo, "small", ["unlimited-print"]));
        var sale = await PostingsAsync($"sale:{order["lines"]!.AsArray()[0]!.Id()}");
        var parts = sale.Where(p => p.Kind == "royalties_payable").ToList();
        Assert.That(parts.Select(p => (p.UserId, p.Amount, p.ShareBp)), Is.EqualTo(new[] { ((Guid?)owner.Id, -13950L, (int?)6000), (partner.Id, -9300L, 4000) }));
        Assert.That(sale.Sum(p => p.Amount), Is.Zero);
    }

    [Test]
    public async Task The_remainder_of_an_uneven_split_goes_to_the_largest_fraction_then_the_owner()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (_, a) = await Users.SignedInAsync(Api, "contributor");
        var (_, b) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id, (owner.Id, 3334), (a.Id, 3333), (b.Id, 3333));
        var (_, buyer) = await BuyerAsync();

        // 1001 standard → royalty 500 → exact shares 166.7 / 166.65 / 166.65: floors 166 each, 2 left over: the owner's
        // .7 first, then the tie of .65 goes to the earlier position (the lower user id of the two).
        var (_, lines) = await SaleAsync(buyer.Id, DateTimeOffset.UtcNow, new LineSpec(photo, 1001));
        var parts = (await PostingsAsync($"sale:{lines[0]}")).Where(p => p.Kind == "royalties_payable").ToList();
        var first = a.Id.CompareTo(b.Id) < 0 ? a.Id : b.Id;
        Assert.That(parts[0].UserId, Is.EqualTo(owner.Id));
        Assert.That(parts.Select(p => p.Amount).Sum(), Is.EqualTo(-500));
        Assert.That(parts.ToDictionary(p => p.UserId!.Value, p => p.Amount), Is.EquivalentTo(new Dictionary<Guid, long>
        {
            [owner.Id] = -167, [first] = -167, [first == a.Id ? b.Id : a.Id] = -166,
        }));
    }

    [Test]
    public async Task An_asset_with_no_credited_contributors_pays_its_owner_everything()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id);
        await ExecuteAsync("delete from asset_contributors where asset_id = @photo", new { photo });
        var (_, buyer) = await BuyerAsync();
        var (_, lines) = await SaleAsync(buyer.Id, DateTimeOffset.UtcNow, new LineSpec(photo, 5001));
        var parts = (await PostingsAsync($"sale:{lines[0]}")).Where(p => p.Kind == "royalties_payable").ToList();
        Assert.That(parts.Select(p => (p.UserId, p.Amount, p.ShareBp)), Is.EqualTo(new[] { ((Guid?)owner.Id, -2500L, (int?)10000) }));
        // The co-op keeps the half cent.
        Assert.That((await PostingsAsync($"sale:{lines[0]}")).Single(p => p.Kind == "revenue").Amount, Is.EqualTo(-5001));
    }

    [Test]
    public async Task Parallel_sales_for_one_contributor_are_all_credited()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id);
        var (_, buyer) = await BuyerAsync();
        var amounts = Enumerable.Range(1, 12).Select(i => 1000L + i * 111).ToArray();
        await Task.WhenAll(amounts.Select(a => SaleAsync(buyer.Id, DateTimeOffset.UtcNow, new LineSpec(photo, a))));
        Assert.That(await OwedAsync(owner.Id), Is.EqualTo(amounts.Sum(a => a * 5000 / 10000)));
    }

    [Test]
    public async Task The_same_sale_posted_concurrently_is_one_journal_credited_once()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var photo = await PhotoAsync(owner.Id);
        var (_, buyer) = await BuyerAsync();
        Guid lineId;
        await using (var connection = await OpenAsync())
            lineId = (await OrderAsync(connection, null, buyer.Id, new LineSpec(photo, 8000))).LineIds[0];

        var journals = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var connection = await OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var id = await RoyaltyPosting.PostSaleAsync(connection, tx, lineId, DateTimeOffset.UtcNow);
            await tx.CommitAsync();
            return id;
        }));
        Assert.That(journals.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await JournalCountAsync($"sale:{lineId}"), Is.EqualTo(1));
        Assert.That(await OwedAsync(owner.Id), Is.EqualTo(4000));
    }

    [Test]
    public async Task Settings_have_the_defaults_and_refuse_a_rate_out_of_range()
    {
        await using var connection = await OpenAsync();
        var settings = await CoopSettings.LoadAsync(connection, null);
        Assert.Multiple(() =>
        {
            Assert.That(settings.RoyaltyRateStandardBp, Is.EqualTo(5000));
            Assert.That(settings.RoyaltyRateExtendedBp, Is.EqualTo(7500));
            Assert.That(settings.PayoutThresholdMinor, Is.EqualTo(2500));
            Assert.That(settings.PayoutHoldDays, Is.EqualTo(30));
            Assert.That(settings.PatronageCashBp, Is.EqualTo(2000));
            Assert.That(settings.PatronageClassShares, Is.EquivalentTo(new Dictionary<string, int> { ["contributor"] = 9000, ["worker"] = 500, ["founder"] = 500 }));
        });
        // A missing key falls back to its default.
        Assert.That(CoopSettingsSnapshot.From([("royalty_rate_extended_bp", "8000")]).RoyaltyRateStandardBp, Is.EqualTo(5000));
        Assert.That(CoopSettingsSnapshot.From([("royalty_rate_extended_bp", "8000")]).RoyaltyRateExtendedBp, Is.EqualTo(8000));

        var (_, admin) = await Users.SignedInAsync(Api, "admin");
        await using var tx = await connection.BeginTransactionAsync();
        // Past the settings guard (migration 32), so the table's own range check is what refuses.
        await SettingsSupport.AllowRawSettingsWritesAsync(connection, tx, admin.Id);
        var refused = Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("update coop_settings set value = '12000' where key = 'royalty_rate_standard_bp'", transaction: tx));
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.CheckViolation));
        await tx.RollbackAsync();
    }
}
