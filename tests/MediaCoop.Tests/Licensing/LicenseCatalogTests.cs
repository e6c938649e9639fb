using System.Net;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Governance;
using MediaCoop.Tests.Governance;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Licensing;

/// <summary>Prices are co-op settings in license_options: changed there, they are what the storefront shows and charges.</summary>
public sealed class LicenseCatalogTests
{
    [Test]
    public async Task A_price_changed_in_the_database_is_the_price_offered()
    {
        // A database of its own: changing a price in the shared one would change every other test's totals.
        var database = await TestDatabase.CreateFreshDatabaseAsync("prices");
        try
        {
            await using (var factory = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = database }))
            {
                using var visitor = factory.NewClient();
                var before = await (await visitor.GetAsync("/api/v1/license-types")).JsonAsync(HttpStatusCode.OK);
                Assert.That(before["sizes"]![0]!["price"]!["amount"]!.GetValue<long>(), Is.EqualTo(1500));

                // Prices change only through a recorded settings change (migration 32's guard); labels are not settings.
                var (_, admin) = await Users.SignedInOnAsync(factory, database, "admin");
                await SettingsSupport.ApplyAsAdminAsync(database, admin.Id,
                    new SettingsChange { LicensePrices = new Dictionary<string, long> { ["small"] = 1700 } });
                await using (var connection = new NpgsqlConnection(database))
                    await connection.ExecuteAsync("update license_options set label = 'Web' where code = 'small'");
                factory.Services.GetRequiredService<LicenseCatalog>().Invalidate();

                var after = await (await visitor.GetAsync("/api/v1/license-types")).JsonAsync(HttpStatusCode.OK);
                Assert.That(after["sizes"]![0]!["price"]!["amount"]!.GetValue<long>(), Is.EqualTo(1700));
                Assert.That(after["sizes"]![0]!["label"]!.GetValue<string>(), Is.EqualTo("Web"));
            }
        }
        finally
        {
            await TestDatabase.DropDatabaseAsync(database);
        }
    }

    [Test]
    public void Sizes_are_offered_below_the_long_edge_of_the_original_and_the_original_always()
    {
        var catalog = new LicenseCatalogSnapshot(
        [
            new LicenseOption { Code = "small", Kind = "size", Label = "Small", LongEdge = 1000, Amount = 1500, Currency = "USD", Sort = 10 },
            new LicenseOption { Code = "large", Kind = "size", Label = "Large", LongEdge = 4000, Amount = 10000, Currency = "USD", Sort = 30 },
            new LicenseOption { Code = "original", Kind = "size", Label = "Original", Amount = 15000, Currency = "USD", Sort = 40 },
            new LicenseOption { Code = "multi-seat", Kind = "extended", Label = "Multi-seat", Amount = 25000, Currency = "USD", Sort = 130 },
        ], new LicenseTermsRow { Version = 1, Title = "t", Body = "b" });

        Assert.That(catalog.SizesFor(1000, 800).Select(s => (s.Option.Code, s.Width, s.Height)), Is.EqualTo(new[] { ("original", 1000, 800) }));
        Assert.That(catalog.SizesFor(2000, 5000).Select(s => (s.Option.Code, s.Width, s.Height)),
            Is.EqualTo(new[] { ("small", 400, 1000), ("large", 1600, 4000), ("original", 2000, 5000) }));
        Assert.That(catalog.ExtendedFor(editorialOnly: true), Is.Empty);
        Assert.That(catalog.ExtendedFor(editorialOnly: false).Select(e => e.Code), Is.EqualTo(new[] { "multi-seat" }));
        Assert.Throws<InvalidOperationException>(() => _ = new LicenseCatalogSnapshot(
            [new LicenseOption { Code = "small", Kind = "size", Currency = "USD" }, new LicenseOption { Code = "large", Kind = "size", Currency = "EUR" }],
            new LicenseTermsRow()).Currency);
    }
}
