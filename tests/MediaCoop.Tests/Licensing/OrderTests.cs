using System.Net;
using System.Text.Json.Nodes;
using Hangfire.Storage;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using static MediaCoop.Tests.Licensing.LicensingSeed;

namespace MediaCoop.Tests.Licensing;

public sealed class OrderTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Prices_come_from_the_server_whatever_the_client_sends()
    {
        var photo = await PhotoAsync();
        var other = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();

        var response = await buyer.OrderAsync(Guid.NewGuid().ToString(), new
        {
            total = new { amount = 1, currency = "USD" },
            items = new object[]
            {
                new { assetId = photo, size = "large", extended = new[] { "unlimited-print" }, price = new { amount = 1, currency = "USD" }, amount = 1 },
                new { assetId = other, size = "small", extended = Array.Empty<string>(), price = 0, amount = 0 },
            },
        });
        var order = await response.JsonAsync(HttpStatusCode.Created);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/me/orders/{order.Id()}"));
        Assert.That(order["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(order.Amount("total"), Is.EqualTo(10000 + 30000 + 1500));
        var lines = order["lines"]!.AsArray();
        Assert.That(lines.Select(l => l!.Amount("amount")), Is.EqualTo(new[] { 40000L, 1500L }));
        Assert.That(lines[0]!["width"]!.GetValue<int>(), Is.EqualTo(4000));
        Assert.That(lines[0]!["sizeLabel"]!.GetValue<string>(), Is.EqualTo("Large"));
        Assert.That(order["expiresAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(order["createdAt"]!.GetValue<DateTimeOffset>()));

        var receipt = await (await buyer.GetAsync($"/api/v1/me/orders/{order.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(receipt.Amount("total"), Is.EqualTo(41500));
    }

    [Test]
    public async Task The_same_key_and_body_give_the_same_order_and_a_different_body_is_refused()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { items = new[] { Item(photo, "medium", ["multi-seat", "unlimited-print"]) } };

        var first = await (await buyer.OrderAsync(key, body)).JsonAsync(HttpStatusCode.Created);
        // Equal once normalised: add-ons in another order and a size in capitals are the same request.
        var again = await (await buyer.OrderAsync(key, new { items = new[] { Item(photo, "MEDIUM", ["unlimited-print", "multi-seat"]) } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(again.Id(), Is.EqualTo(first.Id()));

        var problem = await (await buyer.OrderAsync(key, new { items = new[] { Item(photo, "large") } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));

        var orders = await (await buyer.GetAsync("/api/v1/me/orders")).JsonAsync(HttpStatusCode.OK);
        Assert.That(orders["items"]!.AsArray().Select(o => o!.Id()), Is.EqualTo(new[] { first.Id() }));

        // The key belongs to this buyer only: another buyer may use the same string for an order of their own.
        var (other, _) = await BuyerAsync();
        var theirs = await (await other.OrderAsync(key, body)).JsonAsync(HttpStatusCode.Created);
        Assert.That(theirs.Id(), Is.Not.EqualTo(first.Id()));
    }

    [Test]
    public async Task An_order_needs_an_idempotency_key_and_at_least_one_valid_item()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var body = new { items = new[] { Item(photo, "small") } };
        await (await buyer.OrderAsync(null, body)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync("", body)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(new string('k', 256), body)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "small"), Item(photo, "large") } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new object?[] { null } })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { new { assetId = photo, size = (string?)null, extended = new string?[] { null } } } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { })).ProblemAsync(HttpStatusCode.BadRequest);
        var orders = await (await buyer.GetAsync("/api/v1/me/orders")).JsonAsync(HttpStatusCode.OK);
        Assert.That(orders["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Eight_concurrent_requests_with_one_key_make_one_order()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        await buyer.RefreshAntiforgeryAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { items = new[] { Item(photo, "original") } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => buyer.OrderAsync(key, body)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses, Has.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
        var ids = new HashSet<Guid>();
        foreach (var response in responses) ids.Add((await response.Content.ReadAsStringAsync()) is var text ? JsonNode.Parse(text)!.Id() : default);
        Assert.That(ids, Has.Count.EqualTo(1));
        var count = await ScalarAsync<int>("select count(*)::int from orders where idempotency_key = @key", new { key });
        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_different_orders_of_one_buyer_are_all_created_with_their_own_lines()
    {
        var photos = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PhotoAsync()));
        var (buyer, me) = await BuyerAsync();
        await buyer.RefreshAntiforgeryAsync();

        var responses = await Task.WhenAll(photos.Select(p => buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(p, "small") } })));
        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Created));
        var orders = await (await buyer.GetAsync("/api/v1/me/orders")).JsonAsync(HttpStatusCode.OK);
        var lines = orders["items"]!.AsArray().SelectMany(o => o!["lines"]!.AsArray()).Select(l => l!.Id("assetId")).ToList();
        Assert.That(lines, Is.EquivalentTo(photos));
        Assert.That(await ScalarAsync<long>("select sum(total) from orders where buyer_id = @id", new { id = me.Id }), Is.EqualTo(6 * 1500));
    }

    [Test]
    public async Task Unpublished_and_frozen_photos_cannot_be_ordered_and_the_problem_names_them()
    {
        var (owner, _) = await CatalogSeed.ContributorAsync();
        var fine = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { Title = "Fine photo" });
        var withdrawn = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { Title = "Withdrawn photo" });
        await CatalogSeed.SetStatusAsync(withdrawn, "ready");
        var frozen = await CatalogSeed.PhotoAsync(owner, new SeedPhoto { Title = "Frozen photo" });
        await ExecuteAsync("update assets set frozen_until = now() + interval '1 day' where id = @frozen", new { frozen });
        var (buyer, _) = await BuyerAsync();

        var problem = await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(fine, "small"), Item(withdrawn, "small") } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Withdrawn photo"));
        problem = await (await buyer.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(frozen, "small") } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Frozen photo").And.Contain("market freeze"));
        var orders = await (await buyer.GetAsync("/api/v1/me/orders")).JsonAsync(HttpStatusCode.OK);
        Assert.That(orders["items"]!.AsArray(), Is.Empty, "nothing half-written");
    }

    [Test]
    public async Task Ordered_photos_leave_the_cart_and_the_rest_stay()
    {
        var ordered = await PhotoAsync();
        var kept = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{ordered}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);
        await (await buyer.PutAsync($"/api/v1/me/cart/items/{kept}", new { size = "small" })).JsonAsync(HttpStatusCode.OK);

        await buyer.CreatedOrderAsync(Item(ordered, "medium"));
        var cart = await (await buyer.GetAsync("/api/v1/me/cart")).JsonAsync(HttpStatusCode.OK);
        Assert.That(cart["items"]!.AsArray().Select(i => i!.Id("assetId")), Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task Unpaid_orders_past_their_expiry_are_marked_expired_by_the_job_and_cannot_be_checked_out()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var stale = await buyer.CreatedOrderAsync(Item(photo, "small"));
        var fresh = await buyer.CreatedOrderAsync(Item(photo, "medium"));
        await ExecuteAsync("update orders set expires_at = now() - interval '1 minute' where id = @id", new { id = stale.Id() });

        using (var scope = Api.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<OrderExpiryJob>().RunAsync(CancellationToken.None), Is.GreaterThanOrEqualTo(1));

        var staleNow = await (await buyer.GetAsync($"/api/v1/me/orders/{stale.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(staleNow["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        var freshNow = await (await buyer.GetAsync($"/api/v1/me/orders/{fresh.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(freshNow["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        var problem = await (await buyer.PostAsync($"/api/v1/orders/{stale.Id()}/checkout")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("expired"));
    }

    [Test]
    public void The_order_expiry_job_is_scheduled()
    {
        var storage = Api.Services.GetRequiredService<Hangfire.JobStorage>();
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.That(jobs.Select(j => j.Id), Does.Contain(OrderExpiryJob.JobId));
    }

    [Test]
    public async Task Orders_are_private_to_their_buyer()
    {
        var photo = await PhotoAsync();
        var (buyer, _) = await BuyerAsync();
        var (other, _) = await BuyerAsync();
        var order = await buyer.CreatedOrderAsync(Item(photo, "small"));

        await (await other.GetAsync($"/api/v1/me/orders/{order.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        var theirs = await (await other.GetAsync("/api/v1/me/orders")).JsonAsync(HttpStatusCode.OK);
        Assert.That(theirs["items"]!.AsArray(), Is.Empty);
        await (await other.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).ProblemAsync(HttpStatusCode.NotFound);

        using var anonymous = Api.NewClient();
        await (await anonymous.OrderAsync(Guid.NewGuid().ToString(), new { items = new[] { Item(photo, "small") } })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/me/orders")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/me/orders/{order.Id()}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync($"/api/v1/orders/{order.Id()}/checkout")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
