using System.Net;
using System.Security.Cryptography;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Curation;

public sealed class ReviewTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>An asset waiting for review, arranged straight in the database (uploading is tested elsewhere).</summary>
    internal static async Task<Guid> SubmittedAssetAsync(string connectionString, Guid ownerId, DateTime? submittedAt = null, string status = "in_review")
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height,
                                title, keywords, submitted_at)
            values (@id, @ownerId, @status, @key, 'p.jpg', 'image/jpeg', 1000, @sha, 3000, 2000, 'A title', '{a,b,c,d,e,f,g}', @submittedAt);
            insert into asset_contributors (asset_id, user_id, share_bp) values (@id, @ownerId, 10000);
            """, new { id, ownerId, status, key = $"originals/test/{id:N}", sha = RandomNumberGenerator.GetBytes(32), submittedAt = submittedAt ?? DateTime.UtcNow });
        return id;
    }

    private static Task<HttpResponseMessage> Decide(ApiClient editor, Guid id, string outcome, params string[] reasons) =>
        editor.PostAsync($"/api/v1/review/assets/{id}/decision", new { outcome, reasonCodes = reasons, note = "Thanks" });

    [Test]
    public async Task Publishing_sending_back_and_declining_move_the_asset_and_are_logged()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, editorMe) = await Users.SignedInAsync(Api, "editor");
        var a = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var b = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var c = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);

        Assert.That((await (await Decide(editor, a, "publish")).JsonAsync(HttpStatusCode.OK))["outcome"]!.GetValue<string>(), Is.EqualTo("publish"));
        await (await Decide(editor, b, "send_back", "keywords")).JsonAsync(HttpStatusCode.OK);
        await (await Decide(editor, c, "decline", "not-a-fit")).JsonAsync(HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var statuses = (await connection.QueryAsync<(Guid Id, string Status)>("select id, status from assets where id = any(@ids)", new { ids = new[] { a, b, c } }))
            .ToDictionary(r => r.Id, r => r.Status);
        Assert.That(statuses, Is.EquivalentTo(new Dictionary<Guid, string> { [a] = "published", [b] = "sent_back", [c] = "declined" }));
        var log = await connection.QueryAsync<(Guid EditorId, string Outcome)>("select editor_id, outcome from review_decisions where asset_id = any(@ids)", new { ids = new[] { a, b, c } });
        Assert.That(log.Select(l => l.EditorId), Is.All.EqualTo(editorMe.Id));
        Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from review_decisions where asset_id = @a", new { a }), "append-only");

        await (await Decide(editor, a, "decline", "not-a-fit")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Photos_submitted_together_form_a_batch_the_queue_can_show_on_its_own()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var shoot = new[]
        {
            await SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id, status: "ready"),
            await SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id, status: "ready"),
        };
        var single = await SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id, status: "ready");
        await (await owner.PostAsync("/api/v1/me/assets/submit", new { assetIds = shoot })).JsonAsync(HttpStatusCode.OK);
        await (await owner.PostAsync("/api/v1/me/assets/submit", new { assetIds = new[] { single } })).JsonAsync(HttpStatusCode.OK);

        var mine = (await (await editor.GetAsync($"/api/v1/review/queue?contributor={ownerMe.Id}")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        var batchOf = mine.ToDictionary(i => i!["assetId"]!.GetValue<Guid>(), i => (Batch: i!["batchId"]!.GetValue<Guid>(), Waiting: i!["batchWaiting"]!.GetValue<int>()));
        Assert.That(batchOf[shoot[0]].Batch, Is.EqualTo(batchOf[shoot[1]].Batch));
        Assert.That(batchOf[single].Batch, Is.Not.EqualTo(batchOf[shoot[0]].Batch));
        Assert.That(batchOf[shoot[0]].Waiting, Is.EqualTo(2));

        var batch = (await (await editor.GetAsync($"/api/v1/review/queue?batch={batchOf[shoot[0]].Batch}")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(batch.Select(i => i!["assetId"]!.GetValue<Guid>()), Is.EquivalentTo(shoot));

        // Sent back and resubmitted alone, a photo stays in its batch.
        await (await Decide(editor, shoot[0], "send_back", "keywords")).JsonAsync(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/v1/me/assets/{shoot[0]}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        batch = (await (await editor.GetAsync($"/api/v1/review/queue?batch={batchOf[shoot[0]].Batch}")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(batch.Select(i => i!["assetId"]!.GetValue<Guid>()), Is.EquivalentTo(shoot));
    }

    [Test]
    public async Task A_sent_back_asset_returns_to_its_original_place_in_the_queue()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var early = DateTime.UtcNow.AddDays(-400);
        var id = await SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id, early);
        await (await Decide(editor, id, "send_back", "metadata-problems")).JsonAsync(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/v1/me/assets/{id}/submit")).JsonAsync(HttpStatusCode.OK);

        var queue = await (await editor.GetAsync($"/api/v1/review/queue?contributor={ownerMe.Id}")).JsonAsync(HttpStatusCode.OK);
        var item = queue["items"]!.AsArray().Single()!;
        var standing = (await owner.AssetAsync(id))["queue"]!;
        Assert.That(standing["position"]!.GetValue<int>(), Is.EqualTo(1), "submitted 400 days ago, it is first in line");
        Assert.That(item["submittedAt"]!.GetValue<DateTime>(), Is.EqualTo(early).Within(TimeSpan.FromSeconds(1)));
        Assert.That(item["waitingSeconds"]!.GetValue<long>(), Is.GreaterThan(399L * 24 * 3600));
    }

    [Test]
    public async Task The_queue_filters_work_that_lacks_a_needed_release()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var lacking = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var fine = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update assets set shows_people = true where id = @lacking", new { lacking });

        var missing = await (await editor.GetAsync($"/api/v1/review/queue?contributor={owner.Id}&missingRelease=true")).JsonAsync(HttpStatusCode.OK);
        Assert.That(missing["items"]!.AsArray().Select(i => i!["assetId"]!.GetValue<Guid>()), Is.EqualTo(new[] { lacking }));
        var complete = await (await editor.GetAsync($"/api/v1/review/queue?contributor={owner.Id}&missingRelease=false")).JsonAsync(HttpStatusCode.OK);
        Assert.That(complete["items"]!.AsArray().Select(i => i!["assetId"]!.GetValue<Guid>()), Is.EqualTo(new[] { fine }));
    }

    [Test]
    public async Task Editors_never_review_their_own_work()
    {
        var (editor, me) = await Users.SignedInAsync(Api, "editor", "contributor");
        var own = await SubmittedAssetAsync(TestDatabase.ConnectionString, me.Id);
        var queue = await (await editor.GetAsync($"/api/v1/review/queue?contributor={me.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(queue["items"]!.AsArray(), Is.Empty);
        await (await Decide(editor, own, "publish")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_decline_is_appealed_once_and_decided_by_a_different_editor_finally()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (first, _) = await Users.SignedInAsync(Api, "editor");
        var (second, _) = await Users.SignedInAsync(Api, "editor");
        var id = await SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id);
        await (await Decide(first, id, "decline", "too-similar")).JsonAsync(HttpStatusCode.OK);
        var declined = await owner.AssetAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(declined["status"]!.GetValue<string>(), Is.EqualTo("declined"));
            Assert.That(declined["review"]!["reasonCodes"].Strings(), Is.EqualTo(new[] { "too-similar" }));
            Assert.That(declined["review"]!["reasons"].Strings(), Is.EqualTo(new[] { "Too similar to existing work" }));
            Assert.That(declined["review"]!["note"]!.GetValue<string>(), Is.EqualTo("Thanks"));
            Assert.That(declined["review"]!["canAppeal"]!.GetValue<bool>(), Is.True);
        });

        var appealed = await (await owner.PostAsync($"/api/v1/me/assets/{id}/appeal", new { note = "It is a different scene." })).JsonAsync(HttpStatusCode.OK);
        Assert.That(appealed["status"]!.GetValue<string>(), Is.EqualTo("appealed"));
        Assert.That(appealed["review"]!["canAppeal"]!.GetValue<bool>(), Is.False);
        await (await owner.PostAsync($"/api/v1/me/assets/{id}/appeal", new { note = "again" })).ProblemAsync(HttpStatusCode.Conflict);

        var firstQueue = await (await first.GetAsync($"/api/v1/review/queue?contributor={ownerMe.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(firstQueue["items"]!.AsArray(), Is.Empty, "the declining editor does not see the appeal");
        await (await Decide(first, id, "publish")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Decide(second, id, "send_back", "keywords")).ProblemAsync(HttpStatusCode.BadRequest);

        var decided = await (await Decide(second, id, "publish")).JsonAsync(HttpStatusCode.OK);
        Assert.That(decided["onAppeal"]!.GetValue<bool>(), Is.True);
        Assert.That((await owner.AssetAsync(id))["status"]!.GetValue<string>(), Is.EqualTo("published"));
        await (await owner.PostAsync($"/api/v1/me/assets/{id}/appeal", new { note = "x" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Of_concurrent_decisions_on_one_asset_exactly_one_wins()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (a, _) = await Users.SignedInAsync(Api, "editor");
        var (b, _) = await Users.SignedInAsync(Api, "editor");
        var id = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? Decide(a, id, "publish") : Decide(b, id, "decline", "not-a-fit")));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Conflict));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from review_decisions where asset_id = @id", new { id }), Is.EqualTo(1));
    }

    [TestCase("decline", new string[0], "Give a reason")]
    [TestCase("decline", new[] { "no-such-reason" }, "Unknown reason")]
    [TestCase("decline", new[] { "crop" }, "Unknown reason")]
    [TestCase("publish", new[] { "crop" }, "No reasons")]
    [TestCase("approve", new string[0], "Unknown outcome")]
    public async Task Reason_codes_come_from_the_catalogue_and_fit_the_outcome(string outcome, string[] reasons, string title)
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var id = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        var problem = await (await Decide(editor, id, outcome, reasons)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["title"]!.GetValue<string>(), Does.StartWith(title));
        var reasonsList = await (await editor.GetAsync("/api/v1/review/reasons")).JsonAsync(HttpStatusCode.OK);
        Assert.That(reasonsList["items"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()), Does.Contain("ai-generated"));
    }

    [Test]
    public async Task Many_assets_are_decided_at_once_and_failures_are_reported_per_asset()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (editor, editorMe) = await Users.SignedInAsync(Api, "editor", "contributor");
        var ids = new[] { await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id), await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id) };
        var own = await SubmittedAssetAsync(TestDatabase.ConnectionString, editorMe.Id);
        var result = await (await editor.PostAsync("/api/v1/review/decisions", new { assetIds = ids.Append(own), outcome = "publish" })).JsonAsync(HttpStatusCode.OK);
        Assert.That(result["decided"]!.AsArray().Select(d => d!["assetId"]!.GetValue<Guid>()), Is.EquivalentTo(ids));
        Assert.That(result["failed"]!.AsArray().Single()!["status"]!.GetValue<int>(), Is.EqualTo(403));
    }

    [TestCase("GET", "/api/v1/review/queue")]
    [TestCase("GET", "/api/v1/review/reasons")]
    [TestCase("POST", "/api/v1/review/decisions")]
    [TestCase("POST", "/api/v1/review/assets/00000000-0000-0000-0000-000000000001/decision")]
    public async Task Contributors_buyers_and_anonymous_callers_cannot_use_the_review_desk(string method, string path)
    {
        var body = new { outcome = "publish", assetIds = new[] { Guid.NewGuid() } };
        using var anonymous = Api.NewClient();
        await (await anonymous.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "buyer", "contributor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Test]
    public async Task Only_the_owner_can_appeal()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (other, _) = await Users.SignedInAsync(Api, "contributor");
        var id = await SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id, status: "declined");
        await (await other.PostAsync($"/api/v1/me/assets/{id}/appeal", new { note = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        var (buyer, _) = await Users.SignedInAsync(Api);
        await (await buyer.PostAsync($"/api/v1/me/assets/{id}/appeal", new { note = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>Stats are about the whole co-op, so they are checked on a database of their own with decisions of known times.</summary>
public sealed class ReviewStatsTests
{
    [Test]
    public async Task Stats_give_queue_length_median_and_p90_waits_and_outcomes()
    {
        var connectionString = await TestDatabase.CreateFreshDatabaseAsync("stats");
        try
        {
            await using var api = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
            var (_, owner) = await Users.SignedInAsync(api);
            await using (var seed = new NpgsqlConnection(connectionString))
            {
                await seed.OpenAsync();
                var editor = owner.Id; // who decided does not matter to the figures
                var hours = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 100 };
                var outcomes = new[] { "publish", "publish", "publish", "publish", "publish", "publish", "send_back", "send_back", "decline", "decline" };
                for (var i = 0; i < hours.Length; i++)
                {
                    var asset = await ReviewTests.SubmittedAssetAsync(connectionString, owner.Id, status: "published");
                    await seed.ExecuteAsync("""
                        insert into review_decisions (id, asset_id, editor_id, outcome, reason_codes, submitted_at, decided_at)
                        values (@id, @asset, @editor, @outcome, '{}', now() - make_interval(hours => @h + 1), now() - interval '1 hour')
                        """, new { id = Guid.CreateVersion7(), asset, editor, outcome = outcomes[i], h = hours[i] });
                }
                await ReviewTests.SubmittedAssetAsync(connectionString, owner.Id);
                await ReviewTests.SubmittedAssetAsync(connectionString, owner.Id);
            }

            using var anonymous = api.NewClient();
            var stats = await (await anonymous.GetAsync("/api/v1/review/stats")).JsonAsync(HttpStatusCode.OK);
            Assert.Multiple(() =>
            {
                Assert.That(stats["queueLength"]!.GetValue<int>(), Is.EqualTo(2));
                Assert.That(stats["medianWaitHours"]!.GetValue<double>(), Is.EqualTo(5.5).Within(0.05));
                Assert.That(stats["p90WaitHours"]!.GetValue<double>(), Is.EqualTo(18.1).Within(0.05));
                Assert.That(stats["decisionsByOutcome"]!["publish"]!.GetValue<int>(), Is.EqualTo(6));
                Assert.That(stats["decisionsByOutcome"]!["send_back"]!.GetValue<int>(), Is.EqualTo(2));
                Assert.That(stats["decisionsByOutcome"]!["decline"]!.GetValue<int>(), Is.EqualTo(2));
            });
        }
        finally
        {
            await TestDatabase.DropDatabaseAsync(connectionString);
        }
    }
}
