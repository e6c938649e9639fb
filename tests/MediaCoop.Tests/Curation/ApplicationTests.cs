using System.Net;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Curation;

public sealed class ApplicationTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>Private samples of <paramref name="ownerId"/>, arranged straight in the database (uploading is tested separately).</summary>
    private static async Task<Guid[]> SamplesAsync(Guid ownerId, int count = 10)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
            ids[i] = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, ownerId, status: "ready");
        return ids;
    }

    private static async Task<(ApiClient Client, Me Me, Guid ApplicationId)> ApplicantAsync(params string[] roles)
    {
        var (client, me) = await Users.SignedInAsync(Api, roles);
        var application = await (await Apply(client, await SamplesAsync(me.Id))).JsonAsync(HttpStatusCode.Created);
        Assert.That(application["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        return (client, me, Guid.Parse(application["id"]!.GetValue<string>()));
    }

    private static Task<HttpResponseMessage> Apply(ApiClient client, Guid[] samples, string[]? links = null) =>
        client.PostAsync("/api/v1/membership/applications",
            new { statement = "I photograph coastal towns in winter.", links = links ?? ["https://example.com/portfolio"], sampleAssetIds = samples });

    private static Task<HttpResponseMessage> Vote(ApiClient editor, Guid id, string vote, string? reason = null) =>
        editor.PostAsync($"/api/v1/review/applications/{id}/decision", new { vote, reason, note = "Board note" });

    [Test]
    public async Task Two_approvals_by_different_editors_make_the_applicant_a_contributor_member()
    {
        var (applicant, me, id) = await ApplicantAsync();
        var (first, _) = await Users.SignedInAsync(Api, "editor");
        var (second, _) = await Users.SignedInAsync(Api, "editor");

        var queue = await (await first.GetAsync("/api/v1/review/applications")).JsonAsync(HttpStatusCode.OK);
        var item = queue["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id.ToString())!;
        Assert.Multiple(() =>
        {
            Assert.That(item["applicantName"]!.GetValue<string>(), Is.EqualTo(me.DisplayName));
            Assert.That(item["statement"]!.GetValue<string>(), Does.Contain("coastal"));
            Assert.That(item["links"].Strings(), Is.EqualTo(new[] { "https://example.com/portfolio" }));
            Assert.That(item["samples"]!.AsArray(), Has.Count.EqualTo(10));
            Assert.That(item["approvals"]!.GetValue<int>(), Is.Zero);
            Assert.That(item["approvalsRequired"]!.GetValue<int>(), Is.EqualTo(2));
        });

        var afterFirst = await (await Vote(first, id, "approve")).JsonAsync(HttpStatusCode.OK);
        Assert.That(afterFirst["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That((await applicant.MeAsync()).Roles, Does.Not.Contain("contributor"));

        var afterSecond = await (await Vote(second, id, "approve")).JsonAsync(HttpStatusCode.OK);
        Assert.That(afterSecond["status"]!.GetValue<string>(), Is.EqualTo("accepted"));
        Assert.That(afterSecond["approvals"]!.GetValue<int>(), Is.EqualTo(2));

        var now = await applicant.MeAsync();
        Assert.That(now.Roles, Does.Contain("contributor"));
        Assert.That(now.Membership, Is.EqualTo(new MeMembership("contributor", 1)));
        var mine = await (await applicant.GetAsync("/api/v1/membership/applications/mine")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["status"]!.GetValue<string>(), Is.EqualTo("accepted"));
        var told = await (await applicant.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(told["items"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "membership.application.accepted" }),
            "told once, when the second approval lands");
        var (third, _) = await Users.SignedInAsync(Api, "editor");
        await (await Vote(third, id, "approve")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Apply(applicant, await SamplesAsync(me.Id))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_decline_gives_the_reason_and_the_date_after_which_one_may_reapply()
    {
        var (applicant, me, id) = await ApplicantAsync();
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        await (await Vote(editor, id, "decline")).ProblemAsync(HttpStatusCode.BadRequest);
        var declined = await (await Vote(editor, id, "decline", "The samples are not yet consistent.")).JsonAsync(HttpStatusCode.OK);
        Assert.That(declined["status"]!.GetValue<string>(), Is.EqualTo("declined"));

        var mine = await (await applicant.GetAsync("/api/v1/membership/applications/mine")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(mine["status"]!.GetValue<string>(), Is.EqualTo("declined"));
            Assert.That(mine["declineReason"]!.GetValue<string>(), Is.EqualTo("The samples are not yet consistent."));
            Assert.That(mine["reapplyAfter"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow.AddDays(90)).Within(TimeSpan.FromMinutes(5)));
        });
        var early = await (await Apply(applicant, await SamplesAsync(me.Id))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(early["detail"]!.GetValue<string>(), Does.Contain(DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd")).Or.Contain(DateTime.UtcNow.AddDays(91).ToString("yyyy-MM-dd")));

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update membership_applications set reapply_after = now() - interval '1 day' where id = @id", new { id });
        await (await Apply(applicant, await SamplesAsync(me.Id))).JsonAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task One_pending_application_at_a_time_and_contributors_do_not_apply()
    {
        var (applicant, me, _) = await ApplicantAsync();
        await (await Apply(applicant, await SamplesAsync(me.Id))).ProblemAsync(HttpStatusCode.Conflict);
        var (contributor, contributorMe) = await Users.SignedInAsync(Api, "contributor");
        await (await Apply(contributor, await SamplesAsync(contributorMe.Id))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Editors_never_vote_on_their_own_application_nor_twice()
    {
        var (editor, _, own) = await ApplicantAsync("editor");
        var queue = await (await editor.GetAsync("/api/v1/review/applications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()), Does.Not.Contain(own.ToString()));
        await (await Vote(editor, own, "approve")).ProblemAsync(HttpStatusCode.Forbidden);

        var (_, _, other) = await ApplicantAsync();
        await (await Vote(editor, other, "approve")).JsonAsync(HttpStatusCode.OK);
        await (await Vote(editor, other, "approve")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Vote(editor, Guid.NewGuid(), "approve")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_approvals_grant_membership_once()
    {
        var (applicant, _, id) = await ApplicantAsync();
        var editors = new List<ApiClient>();
        for (var i = 0; i < 6; i++) editors.Add((await Users.SignedInAsync(Api, "editor")).Client);
        var responses = await Task.WhenAll(editors.Select(e => Vote(e, id, "approve")));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(2));
        Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Conflict));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>(
            "select count(*) from membership_application_votes where application_id = @id", new { id }), Is.EqualTo(2));
        Assert.That((await applicant.MeAsync()).Membership, Is.EqualTo(new MeMembership("contributor", 1)));
    }

    [Test]
    public async Task Samples_are_exactly_ten_of_the_applicants_own_photos()
    {
        var (applicant, me) = await Users.SignedInAsync(Api);
        var (_, other) = await Users.SignedInAsync(Api);
        var mine = await SamplesAsync(me.Id);
        await (await Apply(applicant, mine[..9])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Apply(applicant, [.. mine[..9], mine[0]])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Apply(applicant, [.. mine[..9], (await SamplesAsync(other.Id, 1))[0]])).ProblemAsync(HttpStatusCode.BadRequest);
        var failed = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, me.Id, status: "failed");
        await (await Apply(applicant, [.. mine[..9], failed])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Apply(applicant, mine, ["ftp://example.com/x"])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Apply(applicant, mine, ["/relative"])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Apply(applicant, mine, Enumerable.Range(0, 6).Select(i => $"https://example.com/{i}").ToArray())).ProblemAsync(HttpStatusCode.BadRequest);
        await (await applicant.GetAsync("/api/v1/membership/applications/mine")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Apply(applicant, mine)).JsonAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Sample_uploads_go_through_the_safe_pipeline_and_stay_private()
    {
        var (applicant, me) = await Users.SignedInAsync(Api);
        await (await applicant.UploadAsync("/api/v1/membership/samples", "<!doctype html><p>hi"u8.ToArray(), "s.jpg"))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var uploaded = await (await applicant.UploadAsync("/api/v1/membership/samples", Photos.Jpeg(seed: Random.Shared.Next()), "s.jpg"))
            .JsonAsync(HttpStatusCode.Created);
        var assetId = Guid.Parse(uploaded["assetId"]!.GetValue<string>());
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var (ownerId, status) = await connection.QuerySingleAsync<(Guid, string)>("select owner_id, status from assets where id = @assetId", new { assetId });
        Assert.That(ownerId, Is.EqualTo(me.Id));
        Assert.That(status, Is.Not.EqualTo("published"));
        using var anonymous = Api.NewClient();
        await (await anonymous.UploadAsync("/api/v1/membership/samples", Photos.Jpeg(seed: Random.Shared.Next()), "s.jpg"))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Anonymous_callers_cannot_apply()
    {
        using var anonymous = Api.NewClient();
        await (await Apply(anonymous, [])).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/membership/applications/mine")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [TestCase("GET", "/api/v1/review/applications")]
    [TestCase("POST", "/api/v1/review/applications/00000000-0000-0000-0000-000000000001/decision")]
    public async Task Contributors_buyers_and_anonymous_callers_cannot_review_applications(string method, string path)
    {
        var body = new { vote = "approve" };
        using var anonymous = Api.NewClient();
        await (await anonymous.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "buyer", "contributor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }
}
