using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Licensing;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Integrations.ApiKeySupport;
using static MediaCoop.Tests.Integrations.WebhookSupport;

namespace MediaCoop.Tests.Integrations;

/// <summary>
/// What issue 8 promises third parties, walked as their scripts would walk it: only a scoped key in a bearer header,
/// no cookie, no antiforgery token, the steps of the developer page.
/// </summary>
public sealed class IntegrationJourneyTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_buyers_script_searches_licenses_downloads_and_receives_signed_webhooks_with_one_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var original = Photos.Jpeg(1800, 1200, seed: Random.Shared.Next());
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, original, 1800, 1200, $"Harbour {word} at dawn");
        // Search lists photos with their renditions (the worker makes them for an uploaded photo).
        await ExecuteAsync("""
            insert into asset_renditions (asset_id, kind, blob_key, width, height, byte_size)
            values (@id, 'thumbnail', 'renditions/journey-thumb.jpg', 480, 320, 1000), (@id, 'preview', 'renditions/journey-preview.jpg', 1600, 1067, 5000)
            """, new { id = photo.Id });
        // The buyer creates the key once, signed in; everything after is the script's.
        var (_, key) = await CreateKeyAsync(buyer, "catalog:read", "licenses:write", "licenses:read", "webhooks:write");
        using var script = ScriptClient(Api);

        var hook = await (await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/me/webhooks",
            new { url = receiver.Url.ToString(), events = new[] { "order.paid", "license.created" } })).JsonAsync(HttpStatusCode.Created);
        var secret = hook["secret"]!.GetValue<string>();

        var found = await (await script.SendWithKeyAsync(key, HttpMethod.Get, $"/api/v1/assets?q={word}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(found["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray(), Is.EqualTo(new[] { photo.Id }), found.ToJsonString());

        var orderKey = Guid.NewGuid().ToString();
        var order = await (await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/orders",
            new { items = new[] { new { assetId = photo.Id, size = "original" } } },
            r => r.Headers.Add("Idempotency-Key", orderKey))).JsonAsync(HttpStatusCode.Created);
        var orderId = order["id"]!.GetValue<Guid>();
        var checkout = await (await script.SendWithKeyAsync(key, HttpMethod.Post, $"/api/v1/orders/{orderId}/checkout")).JsonAsync(HttpStatusCode.OK);
        Assert.That(checkout["redirectUrl"]!.GetValue<string>(), Is.Not.Empty);
        // The buyer pays on the payment page in a browser (the demo provider here; Stripe Checkout in production).
        await (await buyer.PostAsync($"/api/v1/demo-payments/{orderId}/complete")).JsonAsync(HttpStatusCode.OK);

        var confirmed = await (await script.SendWithKeyAsync(key, HttpMethod.Post, $"/api/v1/orders/{orderId}/confirm")).JsonAsync(HttpStatusCode.OK);
        var licenseId = confirmed["lines"]!.AsArray().Single()!["licenseId"]!.GetValue<Guid>();
        var licenses = await (await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/licenses")).JsonAsync(HttpStatusCode.OK);
        Assert.That(licenses["items"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()).ToArray(), Is.EqualTo(new[] { licenseId }));

        var link = await (await script.SendWithKeyAsync(key, HttpMethod.Post, $"/api/v1/me/licenses/{licenseId}/download",
            configure: r => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()))).JsonAsync(HttpStatusCode.OK);
        var file = await script.GetAsync(link["url"]!.GetValue<string>());
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await file.Content.ReadAsByteArrayAsync(), Is.EqualTo(original), "the original, byte for byte");

        await DeliverUntilAsync(() => Task.FromResult(receiver.Received.Count >= 2), "order.paid and license.created");
        var received = receiver.Received.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(h => h.Type()), Is.EquivalentTo(new[] { "order.paid", "license.created" }));
            Assert.That(received.All(h => h.SignedWith(secret)), Is.True, "every delivery verifies with the secret given at registration");
            Assert.That(received.Single(h => h.Type() == "license.created").Json()["data"]!.ToJsonString(), Does.Contain(licenseId.ToString()));
        });

        // The key is the buyer's and no more: it cannot reach a contributor's uploads or the buyer's account settings.
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/earnings")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(me.Id, Is.Not.EqualTo(owner.Id));
    }

    [Test]
    public async Task A_contributors_script_uploads_describes_submits_and_reads_earnings_with_one_key()
    {
        var (contributor, _) = await Users.SignedInAsync(Api, "contributor");
        var (_, key) = await CreateKeyAsync(contributor, "uploads:write", "assets:read", "earnings:read");
        using var script = ScriptClient(Api);

        using var form = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(Photos.Jpeg(2400, 1800, seed: Random.Shared.Next()));
        bytes.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(bytes, "file", "DSC_0412.jpg");
        var uploaded = await (await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/uploads", configure: r => r.Content = form)).JsonAsync(HttpStatusCode.Created);
        var id = uploaded["id"]!.GetValue<Guid>();

        var asset = await UploadAssertions.ProcessedAsync(
            async () => await (await script.SendWithKeyAsync(key, HttpMethod.Get, $"/api/v1/me/assets/{id}")).JsonAsync(HttpStatusCode.OK), id);
        Assert.That(asset["status"]!.GetValue<string>(), Is.EqualTo("draft"));

        var described = await (await script.SendWithKeyAsync(key, HttpMethod.Patch, $"/api/v1/me/assets/{id}",
            new { title = "Fishing boats at dawn", keywords = new[] { "harbour", "boats", "dawn", "sea", "fishing", "morning", "coast" } })).JsonAsync(HttpStatusCode.OK);
        Assert.That(described["missing"]!.AsArray(), Is.Empty);
        var submitted = await (await script.SendWithKeyAsync(key, HttpMethod.Post, $"/api/v1/me/assets/{id}/submit",
            configure: r => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()))).JsonAsync(HttpStatusCode.OK);
        Assert.That(submitted["status"]!.GetValue<string>(), Is.EqualTo("inReview"));

        var earnings = await (await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/earnings")).JsonAsync(HttpStatusCode.OK);
        Assert.That(earnings["balance"], Is.Not.Null);
        // Reading licences is a buyer's scope this key was not given.
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/licenses")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
