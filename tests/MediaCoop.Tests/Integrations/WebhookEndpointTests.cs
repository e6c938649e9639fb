using System.Net;
using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using MediaCoop.Tests.Licensing;
using Npgsql;
using static MediaCoop.Tests.Integrations.WebhookSupport;

namespace MediaCoop.Tests.Integrations;

/// <summary>Registering and managing endpoints, who may, and which events reach which endpoint.</summary>
public sealed class WebhookEndpointTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static readonly Uri Somewhere = new("http://127.0.0.1:9/hooks");

    [Test]
    public async Task An_endpoint_is_registered_with_its_secret_shown_once_then_listed_changed_and_deleted()
    {
        var (client, _) = await Users.SignedInAsync(Api);
        var created = await (await client.PostAsync("/api/v1/me/webhooks", new
        {
            url = "http://127.0.0.1:9/in", description = "Our DAM", events = new[] { "license.created", "order.paid", "order.paid" },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created["endpoint"]!["id"]!.GetValue<Guid>();
        var secret = created["secret"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(secret, Does.Match("^whsec_[A-Za-z0-9+/]{43}=$"), "32 random bytes, Standard Webhooks format");
            Assert.That(created["endpoint"]!["events"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EquivalentTo(new[] { "license.created", "order.paid" }));
            Assert.That(created["endpoint"]!["enabled"]!.GetValue<bool>(), Is.True);
        });

        var list = await (await client.GetAsync("/api/v1/me/webhooks")).JsonAsync(HttpStatusCode.OK);
        var listed = list["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(listed["id"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(listed.ToJsonString(), Does.Not.Contain(secret[6..16]), "the secret is never shown again");
            Assert.That(list["eventTypes"]!.AsArray().Select(t => t!["type"]!.GetValue<string>()),
                Is.SupersetOf(new[] { "asset.published", "submission.reviewed", "license.created", "license.revoked", "order.paid", "payout.sent", "proposal.opened", "proposal.closed" }));
        });
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            var stored = await connection.ExecuteScalarAsync<string>("select secret_protected from webhook_endpoints where id = @id", new { id });
            Assert.That(stored, Does.Not.Contain(secret[6..]), "kept encrypted at rest");
        }

        var changed = await (await client.PatchAsync($"/api/v1/me/webhooks/{id}", new
        {
            url = "http://127.0.0.1:9/elsewhere", events = new[] { "payout.sent" }, enabled = false, description = "",
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(changed["url"]!.GetValue<string>(), Is.EqualTo("http://127.0.0.1:9/elsewhere"));
            Assert.That(changed["events"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("payout.sent"));
            Assert.That(changed["enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(changed["disabledReason"]!.GetValue<string>(), Does.Contain("by you"));
            Assert.That(changed["description"], Is.Null);
        });

        (await client.SendAsync(HttpMethod.Delete, $"/api/v1/me/webhooks/{id}")).EnsureSuccessStatusCode();
        var after = await (await client.GetAsync("/api/v1/me/webhooks")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Bad_registrations_are_refused_with_a_message_per_field()
    {
        var (client, _) = await Users.SignedInAsync(Api);
        var noEvents = await (await client.PostAsync("/api/v1/me/webhooks", new { url = "https://example.com/in", events = Array.Empty<string>() }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(noEvents["errors"]!["events"]![0]!.GetValue<string>(), Does.Contain("at least one event"));
        var unknown = await (await client.PostAsync("/api/v1/me/webhooks", new { url = "https://example.com/in", events = new[] { "asset.exploded" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(unknown["errors"]!["events"]![0]!.GetValue<string>(), Does.Contain("asset.published"));
        foreach (var url in new[] { "", "not a url", "ftp://example.com/in", "https://user:pass@example.com/in", "/relative" })
        {
            var bad = await (await client.PostAsync("/api/v1/me/webhooks", new { url, events = new[] { "order.paid" } })).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(bad["errors"]!["url"], Is.Not.Null, url);
        }
    }

    [Test]
    public async Task Nobody_reaches_another_accounts_endpoints_and_anonymous_callers_are_refused()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (other, _) = await Users.SignedInAsync(Api, "admin");
        var endpoint = await owner.RegisterAsync(Somewhere, "order.paid");
        var deliveryId = (await (await owner.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/test")).JsonAsync(HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();

        await (await other.GetAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchAsync($"/api/v1/me/webhooks/{endpoint.Id}", new { enabled = false })).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/rotate-secret")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/test")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/me/webhooks/{endpoint.Id}/deliveries/{deliveryId}/redeliver")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.SendAsync(HttpMethod.Delete, $"/api/v1/me/webhooks/{endpoint.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var othersList = await (await other.GetAsync("/api/v1/me/webhooks")).JsonAsync(HttpStatusCode.OK);
        Assert.That(othersList["items"]!.AsArray(), Is.Empty);

        var anonymous = Api.NewClient();
        Assert.That((await anonymous.GetAsync("/api/v1/me/webhooks")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.PostAsync("/api/v1/me/webhooks", new { url = "https://example.com", events = new[] { "order.paid" } })).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));

        var unchanged = await (await owner.GetAsync("/api/v1/me/webhooks")).JsonAsync(HttpStatusCode.OK);
        Assert.That(unchanged["items"]!.AsArray().Single()!["enabled"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task An_event_published_in_a_rolled_back_transaction_is_never_sent()
    {
        var (client, me) = await Users.SignedInAsync(Api);
        var endpoint = await client.RegisterAsync(Somewhere, "order.paid");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            Assert.That(await WebhookEvents.PublishAsync(connection, tx, WebhookEvents.OrderPaid, me.Id, new { order_id = Guid.NewGuid() }), Is.Not.Null);
            await tx.RollbackAsync();
        }
        Assert.Multiple(async () =>
        {
            Assert.That(await DeliveriesAsync(endpoint.Id), Is.Empty);
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*)::int from webhook_events where user_id = @Id", new { me.Id }), Is.Zero);
        });
    }

    [Test]
    public async Task A_review_decision_reaches_only_the_owners_endpoints_subscribed_to_its_events()
    {
        await using var subscribed = await WebhookReceiver.StartAsync();
        await using var otherEvents = await WebhookReceiver.StartAsync();
        await using var strangers = await WebhookReceiver.StartAsync();
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (stranger, _) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var mine = await owner.RegisterAsync(subscribed.Url, "asset.published", "submission.reviewed");
        var notThese = await owner.RegisterAsync(otherEvents.Url, "license.created");
        await stranger.RegisterAsync(strangers.Url, "asset.published", "submission.reviewed");

        var assetId = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id);
        await (await editor.PostAsync($"/api/v1/review/assets/{assetId}/decision", new { outcome = "publish" })).JsonAsync(HttpStatusCode.OK);

        await DeliverUntilAsync(() => Task.FromResult(subscribed.Received.Count == 2), "both events delivered");
        var byType = subscribed.Received.ToDictionary(r => r.Type());
        var reviewed = byType["submission.reviewed"].Json()["data"]!;
        var published = byType["asset.published"].Json()["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(subscribed.Received.All(r => r.SignedWith(mine.Secret)), Is.True);
            Assert.That(reviewed["asset_id"]!.GetValue<Guid>(), Is.EqualTo(assetId));
            Assert.That(reviewed["outcome"]!.GetValue<string>(), Is.EqualTo("publish"));
            Assert.That(reviewed["asset_status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That(published["asset_id"]!.GetValue<Guid>(), Is.EqualTo(assetId));
            Assert.That(published["url"]!.GetValue<string>(), Does.EndWith($"/assets/{assetId}").And.StartWith("http"));
            Assert.That(published["api_url"]!.GetValue<string>(), Does.EndWith($"/api/v1/assets/{assetId}"));
        });
        Assert.Multiple(async () =>
        {
            Assert.That(otherEvents.Received, Is.Empty);
            Assert.That(await DeliveriesAsync(notThese.Id), Is.Empty);
            Assert.That(strangers.Received, Is.Empty);
        });
    }

    [Test]
    public async Task A_paid_order_tells_the_buyer_order_paid_and_license_created_and_a_refund_license_revoked()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var photo = await LicensingSeed.PhotoAsync();
        var (buyer, _) = await LicensingSeed.BuyerAsync();
        var endpoint = await buyer.RegisterAsync(receiver.Url, "order.paid", "license.created", "license.revoked");
        var order = await buyer.PaidOrderAsync(LicensingSeed.Item(photo, "small"));
        var orderId = order.Id();

        await DeliverUntilAsync(() => Task.FromResult(receiver.Received.Count == 2), "order.paid and license.created");
        var paid = receiver.Received.Single(r => r.Type() == "order.paid").Json()["data"]!;
        var licence = receiver.Received.Single(r => r.Type() == "license.created").Json()["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(paid["order_id"]!.GetValue<Guid>(), Is.EqualTo(orderId));
            Assert.That(paid["amount_paid"]!.GetValue<long>(), Is.EqualTo(order.Amount("total")));
            Assert.That(paid["currency"]!.GetValue<string>(), Is.EqualTo(order["total"]!["currency"]!.GetValue<string>()));
            Assert.That(paid["license_ids"]!.AsArray().Single()!.GetValue<Guid>(), Is.EqualTo(licence["license_id"]!.GetValue<Guid>()));
            Assert.That(licence["asset_id"]!.GetValue<Guid>(), Is.EqualTo(photo));
            Assert.That(licence["order_id"]!.GetValue<Guid>(), Is.EqualTo(orderId));
            Assert.That(licence["size"]!.GetValue<string>(), Is.EqualTo("small"));
            Assert.That(receiver.Received.All(r => r.SignedWith(endpoint.Secret)), Is.True);
        });

        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        await (await admin.PostAsync($"/api/v1/admin/orders/{orderId}/refunds", new { reason = "Bought by mistake" })).JsonAsync(HttpStatusCode.Created);
        await DeliverUntilAsync(() => Task.FromResult(receiver.Received.Count == 3), "license.revoked");
        var revoked = receiver.Received.Single(r => r.Type() == "license.revoked").Json()["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(revoked["license_id"]!.GetValue<Guid>(), Is.EqualTo(licence["license_id"]!.GetValue<Guid>()));
            Assert.That(revoked["order_id"]!.GetValue<Guid>(), Is.EqualTo(orderId));
            Assert.That(revoked["reason"]!.GetValue<string>(), Is.EqualTo("refunded"));
        });
    }
}
