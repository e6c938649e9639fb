using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Licensing;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Integrations;

public sealed class IdempotencyTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<HttpResponseMessage> PostAsync(ApiClient client, string path, string? key, object? body = null)
    {
        if (client.AntiforgeryToken is null) await client.RefreshAntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Add("X-XSRF-TOKEN", client.AntiforgeryToken);
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.Http.SendAsync(request);
    }

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";

    private static async Task<(ApiClient Buyer, Guid LicenseId)> LicensedPhotoAsync()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, Photos.Jpeg(640, 480, seed: Random.Shared.Next()), 640, 480, "Harbour wall");
        var (licenseId, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 640, 480);
        return (buyer, licenseId);
    }

    private static async Task<int> DownloadsLoggedAsync(Guid licenseId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*) from license_downloads where license_id = @licenseId", new { licenseId });
    }

    [Test]
    public async Task A_retried_download_gets_the_first_link_back_and_is_logged_once_while_requests_without_a_key_each_count()
    {
        var (buyer, licenseId) = await LicensedPhotoAsync();
        var key = Guid.NewGuid().ToString();
        var path = $"/api/v1/me/licenses/{licenseId}/download";

        var first = await PostAsync(buyer, path, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody);
        var retry = await PostAsync(buyer, path, key);
        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstBody), "the same link, byte for byte");
            Assert.That(retry.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(Replayed(retry), Is.True);
            Assert.That(Replayed(first), Is.False);
            Assert.That(await DownloadsLoggedAsync(licenseId), Is.EqualTo(1));
        });

        await (await PostAsync(buyer, path, key: null)).JsonAsync(HttpStatusCode.OK);
        await (await PostAsync(buyer, path, key: null)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await DownloadsLoggedAsync(licenseId), Is.EqualTo(3), "without a key every request is a new download");
    }

    [Test]
    public async Task A_retried_submission_answers_as_the_first_did_instead_of_already_in_review()
    {
        var (contributor, me) = await Users.SignedInAsync(Api, "contributor");
        var asset = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, me.Id, status: "sent_back");
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(contributor, $"/api/v1/me/assets/{asset}/submit", key);
        var submitted = await first.JsonAsync(HttpStatusCode.OK);
        Assert.That(submitted["status"]!.ToString(), Is.EqualTo("inReview"));
        var retry = await PostAsync(contributor, $"/api/v1/me/assets/{asset}/submit", key);
        Assert.That(JsonNode.DeepEquals(await retry.JsonAsync(HttpStatusCode.OK), submitted), Is.True, "the first answer, replayed");
        Assert.That(Replayed(retry), Is.True);

        // Run again for real, the operation would refuse: the asset is no longer a draft.
        await (await PostAsync(contributor, $"/api/v1/me/assets/{asset}/submit", Guid.NewGuid().ToString())).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_key_reused_with_another_body_or_path_is_refused_and_the_first_response_stays()
    {
        var (client, _) = await Users.SignedInAsync(Api, "contributor");
        var key = Guid.NewGuid().ToString();
        var name = $"Harbours {Guid.NewGuid():N}";

        var created = await PostAsync(client, "/api/v1/lightboxes", key, new { name });
        var body = await created.JsonAsync(HttpStatusCode.Created);

        var otherBody = await (await PostAsync(client, "/api/v1/lightboxes", key, new { name = name + " 2" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(otherBody["detail"]!.ToString(), Does.Contain("POST /api/v1/lightboxes").And.Contain("new key"));
        await (await PostAsync(client, "/api/v1/me/assets/submit", key, new { assetIds = new[] { Guid.NewGuid() } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var replay = await PostAsync(client, "/api/v1/lightboxes", key, new { name });
        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(await replay.JsonAsync(HttpStatusCode.Created), body), Is.True);
            Assert.That(replay.Headers.Location, Is.EqualTo(created.Headers.Location));
            Assert.That(Replayed(replay), Is.True);
        });
        var lightboxes = await (await client.GetAsync("/api/v1/lightboxes")).JsonAsync(HttpStatusCode.OK);
        Assert.That(lightboxes["items"]!.AsArray().Count(l => l!["name"]!.ToString().StartsWith(name, StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Sixteen_concurrent_requests_with_one_key_have_one_effect()
    {
        var (buyer, licenseId) = await LicensedPhotoAsync();
        await buyer.RefreshAntiforgeryAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => PostAsync(buyer, $"/api/v1/me/licenses/{licenseId}/download", key)));

        var outcomes = responses.Select(r => (r.StatusCode, Replayed: Replayed(r))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == (HttpStatusCode.OK, false)), Is.EqualTo(1), "exactly one ran: " + string.Join(", ", outcomes));
            Assert.That(outcomes.Where(o => o != (HttpStatusCode.OK, false)),
                Is.All.Matches<(HttpStatusCode Status, bool Replayed)>(o => o == (HttpStatusCode.OK, true) || o.Status == HttpStatusCode.Conflict),
                "the others got its response, or were told to retry");
        });
        foreach (var busy in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.That(busy.Headers.GetValues("Retry-After").Single(), Is.EqualTo("1"));
            Assert.That((await busy.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.ToString(), Does.Contain("still being processed"));
        }
        Assert.That(await DownloadsLoggedAsync(licenseId), Is.EqualTo(1));
        var retried = await PostAsync(buyer, $"/api/v1/me/licenses/{licenseId}/download", key);
        Assert.That(Replayed(retried) && retried.StatusCode == HttpStatusCode.OK, Is.True, "once finished, a retry gets the stored response");
    }

    [Test]
    public async Task Keys_belong_to_their_user()
    {
        var (alice, _) = await Users.SignedInAsync(Api);
        var (bob, _) = await Users.SignedInAsync(Api);
        var key = Guid.NewGuid().ToString();

        var hers = await PostAsync(alice, "/api/v1/lightboxes", key, new { name = "Alice's picks" });
        var his = await PostAsync(bob, "/api/v1/lightboxes", key, new { name = "Bob's picks" });
        Assert.Multiple(async () =>
        {
            Assert.That((await hers.JsonAsync(HttpStatusCode.Created))["name"]!.ToString(), Is.EqualTo("Alice's picks"));
            Assert.That((await his.JsonAsync(HttpStatusCode.Created))["name"]!.ToString(), Is.EqualTo("Bob's picks"));
            Assert.That(Replayed(his), Is.False);
        });
    }

    [Test]
    public async Task A_key_runs_again_once_its_record_expired_or_was_abandoned_and_expired_records_are_purged()
    {
        var (client, me) = await Users.SignedInAsync(Api);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var expired = Guid.NewGuid().ToString();
        var first = await (await PostAsync(client, "/api/v1/lightboxes", expired, new { name = "Day one" })).JsonAsync(HttpStatusCode.Created);
        await connection.ExecuteAsync("update idempotency_records set expires_at = now() - interval '1 second' where user_id = @id and key = @expired",
            new { id = me.Id, expired });
        var second = await PostAsync(client, "/api/v1/lightboxes", expired, new { name = "Day one" });
        Assert.That(Replayed(second), Is.False);
        Assert.That((await second.JsonAsync(HttpStatusCode.Created))["id"]!.ToString(), Is.Not.EqualTo(first["id"]!.ToString()), "24 hours on, a key is new again");

        // A claim whose request never finished (made so from a real one): 409 while it may still be running, taken over
        // once it is clearly abandoned.
        var stuck = Guid.NewGuid().ToString();
        await (await PostAsync(client, "/api/v1/lightboxes", stuck, new { name = "Stuck" })).JsonAsync(HttpStatusCode.Created);
        const string unfinished = """
            update idempotency_records set status_code = null, body = null, completed_at = null, created_at = now() - @age
            where user_id = @id and key = @stuck
            """;
        await connection.ExecuteAsync(unfinished, new { id = me.Id, stuck, age = TimeSpan.FromMinutes(1) });
        await (await PostAsync(client, "/api/v1/lightboxes", stuck, new { name = "Stuck" })).ProblemAsync(HttpStatusCode.Conflict);
        await connection.ExecuteAsync(unfinished, new { id = me.Id, stuck, age = TimeSpan.FromMinutes(11) });
        var takenOver = await PostAsync(client, "/api/v1/lightboxes", stuck, new { name = "Stuck" });
        await takenOver.JsonAsync(HttpStatusCode.Created);
        Assert.That(Replayed(takenOver), Is.False, "run again, not replayed");

        await connection.ExecuteAsync("update idempotency_records set expires_at = now() - interval '1 second' where user_id = @id and key = @stuck", new { id = me.Id, stuck });
        using (var scope = Api.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IdempotencyPurgeJob>().RunAsync(CancellationToken.None);
        var left = await connection.QueryAsync<string>("select key from idempotency_records where user_id = @id", new { id = me.Id });
        Assert.That(left, Is.EqualTo(new[] { expired }), "the expired record is gone, the live one stays");
    }

    [TestCase("del\u007f")]
    [TestCase("naïve-key")]
    [TestCase("tab\tinside")]
    public async Task A_malformed_key_is_refused_before_anything_happens(string key)
    {
        var (client, _) = await Users.SignedInAsync(Api);
        var problem = await (await PostAsync(client, "/api/v1/lightboxes", key, new { name = "Never made" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.ToString(), Does.Contain("1 to 255 printable ASCII characters"));
        var tooLong = await PostAsync(client, "/api/v1/lightboxes", new string('k', 256), new { name = "Never made" });
        await tooLong.ProblemAsync(HttpStatusCode.BadRequest);
        var lightboxes = await (await client.GetAsync("/api/v1/lightboxes")).JsonAsync(HttpStatusCode.OK);
        Assert.That(lightboxes["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task The_contract_documents_the_header_and_its_answers_on_each_operation_that_takes_it()
    {
        using var client = Api.NewClient();
        var document = await client.Http.GetFromJsonAsync<JsonObject>("/swagger/v1/swagger.json");
        var download = document!["paths"]!["/api/v1/me/licenses/{id}/download"]!["post"]!;
        Assert.Multiple(() =>
        {
            Assert.That(download["parameters"]!.AsArray().Select(p => $"{p!["in"]} {p["name"]}"), Does.Contain("header Idempotency-Key"));
            Assert.That(download["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "409", "422" }));
            Assert.That(download["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key), Does.Contain("Idempotent-Replayed"));
            Assert.That(document["paths"]!["/api/v1/lightboxes/{id}"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.ToString()),
                Does.Not.Contain("Idempotency-Key"));
        });
    }
}
