using System.Net;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Licensing.LicensingSeed;

namespace MediaCoop.Tests.Licensing;

public sealed class CartTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task The_licence_catalogue_lists_sizes_add_ons_and_the_terms_in_force()
    {
        using var visitor = Api.NewClient();
        var types = await (await visitor.GetAsync("/api/v1/license-types")).JsonAsync(HttpStatusCode.OK);
        Assert.That(types["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
        var sizes = types["sizes"]!.AsArray();
        Assert.That(sizes.Select(s => s!["code"]!.GetValue<string>()), Is.EqualTo(new[] { "small", "medium", "large", "original" }));
        Assert.That(sizes.Select(s => s!.Amount("price")), Is.EqualTo(new[] { 1500L, 5000L, 10000L, 15000L }));
        Assert.That(sizes[0]!["longEdge"]!.GetValue<int>(), Is.EqualTo(1000));
        Assert.That(sizes[3]!["longEdge"], Is.Null, "the original is its own size");
        var freeze = types["extended"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "market-freeze")!;
        Assert.That(freeze["quoteOnly"]!.GetValue<bool>(), Is.True);
        Assert.That(freeze["price"], Is.Null);
        Assert.That(freeze["description"]!.GetValue<string>(), Does.Contain("quote"));
        var version = types["terms"]!["version"]!.GetValue<int>();
        Assert.That(types["terms"]!["body"]!.GetValue<string>(), Does.Contain("Grant"));

        var terms = await (await visitor.GetAsync($"/api/v1/license-terms/{version}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(terms["title"]!.GetValue<string>(), Does.Contain("licence terms"));
        Assert.That(terms["publishedAt"], Is.Not.Null);
        await (await visitor.GetAsync("/api/v1/license-terms/9999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_buyer_puts_a_licence_in_the_cart_changes_it_and_removes_it()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();

        var item = await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "large", extended = new[] { "multi-seat" } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(item["width"]!.GetValue<int>(), Is.EqualTo(4000));
        Assert.That(item["height"]!.GetValue<int>(), Is.EqualTo(2667));
        Assert.That(item.Amount("price"), Is.EqualTo(10000 + 25000));
        Assert.That(item["available"]!.GetValue<bool>(), Is.True);

        // The same photo again replaces the choice: one licence per photo.
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "SMALL", extended = Array.Empty<string>() })).JsonAsync(HttpStatusCode.OK);
        var cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(cart["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(cart["items"]![0]!["size"]!.GetValue<string>(), Is.EqualTo("small"));
        Assert.That(cart["items"]![0]!["contributorName"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(cart.Amount("total"), Is.EqualTo(1500));

        var removed = await buyer.SendAsync(HttpMethod.Delete, $"/api/v1/me/cart/items/{photo}");
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(cart["items"]!.AsArray(), Is.Empty);
        Assert.That(cart.Amount("total"), Is.Zero);
    }

    [Test]
    public async Task The_cart_refuses_what_cannot_be_sold_with_a_reason()
    {
        var (owner, _) = await CatalogSeed.ContributorAsync();
        var editorial = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { EditorialOnly = true });
        var smallOriginal = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { Width = 1800, Height = 1200 });
        var unpublished = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { Status = "in_review" });
        var frozen = await CatalogSeed.PhotoAsync(owner, new SeedPhoto());
        await ExecuteAsync("update assets set frozen_until = now() + interval '30 days' where id = @frozen", new { frozen });
        var (buyer, _) = await BuyerAsync();

        var problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{editorial}", new { size = "small", extended = new[] { "unlimited-print" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("editorial"));
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{editorial}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);

        problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{smallOriginal}", new { size = "market-freeze" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{smallOriginal}", new { size = "original", extended = new[] { "market-freeze" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("quote"));
        problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{smallOriginal}", new { size = "large" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1800\u00d71200").And.Contain("choose one of small, original"));
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{smallOriginal}", new { size = "original", extended = new[] { "no-such-thing" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{smallOriginal}", new { size = "" })).ProblemAsync(HttpStatusCode.BadRequest);

        problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{unpublished}", new { size = "small" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not on sale"));
        problem = await (await buyer.PutAsync($"/api/v1/me/cart/items/{frozen}", new { size = "small" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("market freeze"));
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{Guid.NewGuid()}", new { size = "small" })).ProblemAsync(HttpStatusCode.NotFound);

        var cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(cart["items"]!.AsArray().Select(i => i!.Id("assetId")), Is.EqualTo(new[] { editorial }));
    }

    [Test]
    public async Task A_photo_withdrawn_after_it_was_put_in_the_cart_stays_visible_as_unavailable_and_out_of_the_total()
    {
        var kept = await PhotoAsync();
        var withdrawn = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{kept}", new { size = "medium" })).JsonAsync(HttpStatusCode.OK);
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{withdrawn}", new { size = "original" })).JsonAsync(HttpStatusCode.OK);
        await CatalogSeed.SetStatusAsync(withdrawn, "ready");

        var cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        var gone = cart["items"]!.AsArray().Single(i => i!.Id("assetId") == withdrawn)!;
        Assert.That(gone["available"]!.GetValue<bool>(), Is.False);
        Assert.That(gone["unavailableReason"]!.GetValue<string>(), Does.Contain("not on sale"));
        Assert.That(cart.Amount("total"), Is.EqualTo(5000));
    }

    [Test]
    public async Task A_guest_cart_merges_at_sign_in_the_guest_choice_wins_and_bad_items_are_reported()
    {
        var both = await PhotoAsync();
        var guestOnly = await PhotoAsync();
        var editorial = await PhotoAsync(new SeedPhoto { EditorialOnly = true });
        var (buyer, _) = await BuyerAsync();
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{both}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);

        var cart = await (await buyer.PostAsync("/api/v1/me/cart/merge", new
        {
            items = new object?[]
            {
                new { assetId = both, size = "large", extended = Array.Empty<string>() },
                new { assetId = guestOnly, size = "original", extended = new[] { "unlimited-print" } },
                new { assetId = editorial, size = "small", extended = new[] { "products-for-resale" } },
                new { assetId = Guid.NewGuid(), size = "small", extended = Array.Empty<string>() },
                null,
            },
        })).JsonAsync(HttpStatusCode.OK);

        var items = cart["items"]!.AsArray().ToDictionary(i => i!.Id("assetId"), i => i!);
        Assert.That(items.Keys, Is.EquivalentTo(new[] { both, guestOnly }));
        Assert.That(items[both]["size"]!.GetValue<string>(), Is.EqualTo("large"));
        Assert.That(items[guestOnly]["extended"].Strings(), Is.EqualTo(new[] { "unlimited-print" }));
        Assert.That(cart.Amount("total"), Is.EqualTo(10000 + 15000 + 30000));
        var problems = cart["problems"]!.AsArray();
        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems.Select(p => p!.Id("assetId")), Does.Contain(editorial));
    }

    [Test]
    public async Task Nobody_else_sees_or_changes_a_cart_and_anonymous_callers_are_asked_to_sign_in()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var (other, _) = await BuyerAsync();
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);

        var otherCart = await (await other.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(otherCart["items"]!.AsArray(), Is.Empty);
        await other.SendAsync(HttpMethod.Delete, $"/api/v1/me/cart/items/{photo}");
        var cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(cart["items"]!.AsArray(), Has.Count.EqualTo(1), "another buyer's delete touches only their own cart");

        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/cart")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsync($"/api/v1/me/cart/items/{photo}", new { size = "small" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.SendAsync(HttpMethod.Delete, $"/api/v1/me/cart/items/{photo}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/v1/me/cart/merge", new { items = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
