using System.Globalization;
using System.Net;
using CsvHelper;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Licensing.LicensingSeed;

namespace MediaCoop.Tests.Licensing;

public sealed class LicenseTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_licence_shows_what_it_covers_and_the_upgrades_with_difference_prices()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var paid = await buyer.PaidOrderAsync(Item(photo, "medium"));
        var licenseId = paid["lines"]![0]!.Id("licenseId");

        var license = await (await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(license["status"]!.GetValue<string>(), Is.EqualTo("valid"));
        Assert.That(license["orderId"]!.GetValue<Guid>(), Is.EqualTo(paid.Id()));
        Assert.That(license["asset"]!.Id(), Is.EqualTo(photo));
        Assert.That(license["size"]!.GetValue<string>(), Is.EqualTo("medium"));
        Assert.That((license["width"]!.GetValue<int>(), license["height"]!.GetValue<int>()), Is.EqualTo((2500, 1667)));
        Assert.That(license["termsVersion"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(license["verificationCode"]!.GetValue<string>(), Does.Match("^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$"));

        var upgrades = license["upgrades"]!.AsArray()
            .Select(u => (u!["size"]!.GetValue<string>(), string.Join(",", u["extended"].Strings()), u.Amount("price"))).ToList();
        Assert.That(upgrades, Is.EquivalentTo(new[]
        {
            ("large", "", 10000L - 5000), ("original", "", 15000L - 5000),
            ("medium", "unlimited-print", 35000L - 5000), ("medium", "products-for-resale", 55000L - 5000), ("medium", "multi-seat", 30000L - 5000),
        }));
    }

    [Test]
    public async Task An_upgrade_pays_only_the_difference_and_supersedes_the_old_licence()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var first = await buyer.PaidOrderAsync(Item(photo, "small"));
        var smallLicense = first["lines"]![0]!.Id("licenseId");

        // The cart prices the upgrade as the difference too.
        var inCart = await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "large", upgradeOf = smallLicense }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(inCart.Amount("price"), Is.EqualTo(10000 - 1500));

        var upgrade = await buyer.PaidOrderAsync(Item(photo, "large", upgradeOf: smallLicense));
        Assert.That(upgrade.Amount("total"), Is.EqualTo(10000 - 1500));
        var largeLicense = upgrade["lines"]![0]!.Id("licenseId");

        var old = await (await buyer.GetAsync($"/api/v1/me/licenses/{smallLicense}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(old["status"]!.GetValue<string>(), Is.EqualTo("superseded"));
        Assert.That(old["supersededBy"]!.GetValue<Guid>(), Is.EqualTo(largeLicense));
        Assert.That(old["upgrades"]!.AsArray(), Is.Empty);

        // A second upgrade counts everything paid along the chain: 1,500 + 8,500.
        var second = await buyer.PaidOrderAsync(Item(photo, "large", ["multi-seat"], upgradeOf: largeLicense));
        Assert.That(second.Amount("total"), Is.EqualTo(10000 + 25000 - 10000));

        // The superseded licence cannot be upgraded again, and an "upgrade" to nothing bigger is refused.
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "original", upgradeOf: smallLicense) } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var latest = second["lines"]![0]!.Id("licenseId");
        var problem = await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "medium", ["multi-seat"], upgradeOf: latest) } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Not an upgrade"));
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "large", ["multi-seat"], upgradeOf: latest) } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "large", upgradeOf: latest) } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Nobody_may_upgrade_a_licence_that_is_not_theirs_or_for_another_photo()
    {
        var photo = await PhotoAsync();
        var otherPhoto = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var (other, _) = await BuyerAsync();
        var paid = await buyer.PaidOrderAsync(Item(photo, "small"));
        var licenseId = paid["lines"]![0]!.Id("licenseId");

        await (await other.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "large", upgradeOf: licenseId) } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(otherPhoto, "large", upgradeOf: licenseId) } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_licence_history_exports_as_csv_with_one_row_per_licence()
    {
        var photo = await PhotoAsync(new SeedPhoto { Title = "=HYPERLINK(\"http://evil\")", Width = 3000, Height = 2000 });
        var other = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var paid = await buyer.PaidOrderAsync(Item(photo, "original"), Item(other, "small", ["unlimited-print", "multi-seat"]));

        var response = await buyer.GetAsync("/api/v1/me/licenses.csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Does.Match(@"^mediacoop-licenses-\d{4}-\d{2}-\d{2}\.csv$"));

        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        var ids = paid["lines"]!.AsArray().Select(l => l!.Id("licenseId").ToString()).ToList();
        Assert.That(rows.Select(r => (string)r["LicenseId"]), Is.EquivalentTo(ids));
        var extended = rows.Single(r => (string)r["AssetId"] == other.ToString());
        Assert.That(extended["Extended"], Is.EqualTo("multi-seat;unlimited-print"));
        Assert.That(extended["Status"], Is.EqualTo("valid"));
        var formula = rows.Single(r => (string)r["AssetId"] == photo.ToString());
        Assert.That((string)formula["Title"], Does.Not.StartWith("="), "a spreadsheet must not run a title as a formula");
        Assert.That((string)formula["Width"], Is.EqualTo("3000"));
    }

    [Test]
    public async Task Licences_are_private_to_their_buyer()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var (other, _) = await BuyerAsync();
        var paid = await buyer.PaidOrderAsync(Item(photo, "small"));
        var licenseId = paid["lines"]![0]!.Id("licenseId");

        await (await other.GetAsync($"/api/v1/me/licenses/{licenseId}")).ProblemAsync(HttpStatusCode.NotFound);
        var theirs = await (await other.GetAsync("/api/v1/me/licenses")).JsonAsync(HttpStatusCode.OK);
        Assert.That(theirs["items"]!.AsArray(), Is.Empty);
        var csv = await (await other.GetAsync("/api/v1/me/licenses.csv")).Content.ReadAsStringAsync();
        Assert.That(csv, Does.Not.Contain(licenseId.ToString()));

        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/licenses")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/me/licenses/{licenseId}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/me/licenses.csv")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_admin_freezes_a_photo_which_then_cannot_be_licensed_until_lifted()
    {
        var photo = await PhotoAsync();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (buyer, _) = await BuyerAsync();
        var until = DateTimeOffset.UtcNow.AddDays(90);

        var freeze = await (await admin.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", new { until, reason = "Quote Q-17 for Acme" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(freeze["frozenUntil"]!.GetValue<DateTimeOffset>(), Is.EqualTo(until).Within(TimeSpan.FromMilliseconds(1)));
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "small" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "small") } })).ProblemAsync(HttpStatusCode.Conflict);

        await (await admin.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", new { until = (DateTimeOffset?)null, reason = "Acme declined" }))
            .JsonAsync(HttpStatusCode.OK);
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);
        Assert.That(await ScalarAsync<int>("select count(*)::int from market_freezes where asset_id = @photo", new { photo }), Is.EqualTo(2));

        await (await admin.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", new { until = DateTimeOffset.UtcNow.AddDays(-1), reason = "x" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", new { until, reason = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsync($"/api/v1/admin/assets/{Guid.NewGuid()}/market-freeze", new { until, reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Only_admins_may_freeze_a_photo()
    {
        var photo = await PhotoAsync();
        var body = new { until = DateTimeOffset.UtcNow.AddDays(1), reason = "Quote" };
        foreach (var role in new[] { "contributor", "editor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", body)).ProblemAsync(HttpStatusCode.Forbidden);
        }
        var (buyer, _) = await BuyerAsync();
        await (await buyer.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", body)).ProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = Api.NewClient();
        await (await anonymous.PutAsync($"/api/v1/admin/assets/{photo}/market-freeze", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ScalarAsync<DateTime?>("select frozen_until from assets where id = @photo", new { photo }), Is.Null);
    }
}
