using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Royalties.CoopFixtures;

namespace MediaCoop.Tests.Governance;

public sealed class MeetingAndDirectoryTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task RenameAsync(Guid userId, string name)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update users set display_name = @name where id = @userId", new { name, userId });
    }

    [Test]
    public async Task The_directory_lists_only_current_members_who_opted_in()
    {
        var word = "Zq" + Guid.NewGuid().ToString("N")[..8];
        var (listed, listedMe) = await MemberSignedInAsync("worker", "board");
        var (quiet, quietMe) = await MemberSignedInAsync("contributor");
        var (buyer, buyerMe) = await Users.SignedInAsync(Api);
        var (left, leftMe) = await Users.SignedInAsync(Api);
        await MemberAsync(leftMe.Id, "contributor", DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddMonths(-1));
        foreach (var (id, who) in new[] { (listedMe.Id, "Listed"), (quietMe.Id, "Quiet"), (buyerMe.Id, "Buyer"), (leftMe.Id, "Former") })
            await RenameAsync(id, $"{who} {word}");

        var me = await (await listed.PutAsync("/api/v1/me/directory", new { visible = true })).JsonAsync(HttpStatusCode.OK);
        Assert.That(me["directoryVisible"]!.GetValue<bool>(), Is.True);
        await (await buyer.PutAsync("/api/v1/me/directory", new { visible = true })).JsonAsync(HttpStatusCode.OK);
        await (await left.PutAsync("/api/v1/me/directory", new { visible = true })).JsonAsync(HttpStatusCode.OK);
        var quietMeNow = await (await quiet.GetAsync("/api/v1/me")).JsonAsync(HttpStatusCode.OK);
        Assert.That(quietMeNow["directoryVisible"]!.GetValue<bool>(), Is.False, "opt-in: nobody is listed by default");

        var found = await (await quiet.GetAsync($"/api/v1/members/directory?q={word}")).JsonAsync(HttpStatusCode.OK);
        var item = found["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item["id"]!.GetValue<Guid>(), Is.EqualTo(listedMe.Id));
            Assert.That(item["displayName"]!.GetValue<string>(), Is.EqualTo($"Listed {word}"));
            Assert.That(item["memberClass"]!.GetValue<string>(), Is.EqualTo("worker"));
            Assert.That(item["board"]!.GetValue<bool>(), Is.True);
            Assert.That(item["handle"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(item.ToJsonString(), Does.Not.Contain("@example.test"), "no e-mail addresses in the directory");
        });
        var workers = await (await quiet.GetAsync($"/api/v1/members/directory?q={word}&class=worker")).JsonAsync(HttpStatusCode.OK);
        Assert.That(workers["items"]!.AsArray(), Has.Count.EqualTo(1));
        var contributors = await (await quiet.GetAsync($"/api/v1/members/directory?q={word}&class=contributor")).JsonAsync(HttpStatusCode.OK);
        Assert.That(contributors["items"]!.AsArray(), Is.Empty);
        await (await quiet.GetAsync("/api/v1/members/directory?class=investor")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await quiet.GetAsync("/api/v1/members/directory?cursor=nonsense")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.GetAsync($"/api/v1/members/directory?q={word}")).ProblemAsync(HttpStatusCode.Forbidden);

        // Opting out takes them off at once.
        await (await listed.PutAsync("/api/v1/me/directory", new { visible = false })).JsonAsync(HttpStatusCode.OK);
        var gone = await (await quiet.GetAsync($"/api/v1/members/directory?q={word}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(gone["items"]!.AsArray(), Is.Empty);
        await (await quiet.PutAsync("/api/v1/me/directory", new { })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_board_schedules_a_meeting_and_publishes_sanitized_minutes_members_are_told()
    {
        var (board, _) = await MemberSignedInAsync("worker", "board");
        var (member, _) = await MemberSignedInAsync();
        var (buyer, _) = await Users.SignedInAsync(Api);
        var title = $"AGM {Guid.NewGuid():N}";
        var meeting = new
        {
            kind = "agm", title, scheduledAt = DateTimeOffset.UtcNow.AddDays(-2), location = "Co-op hall", onlineUrl = "https://meet.example.org/agm",
            agenda = "1. Accounts\n2. <script>alert('agenda')</script>",
        };
        await (await member.PostAsync("/api/v1/coop/meetings", meeting)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await buyer.PostAsync("/api/v1/coop/meetings", meeting)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await board.PostAsync("/api/v1/coop/meetings", new { kind = "party", title, scheduledAt = DateTimeOffset.UtcNow })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await board.PostAsync("/api/v1/coop/meetings", new { kind = "agm", title, scheduledAt = DateTimeOffset.UtcNow, onlineUrl = "javascript:alert(1)" }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var created = await (await board.PostAsync("/api/v1/coop/meetings", meeting)).JsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.That(created["agendaHtml"]!.GetValue<string>(), Does.Not.Contain("<script"));

        const string hostile = "Resolved: **accounts approved**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) " +
            "<img src=x onerror=\"alert(3)\"> [minutes](https://example.org/m)";
        await (await member.PutAsync($"/api/v1/coop/meetings/{id}/minutes", new { minutes = hostile })).ProblemAsync(HttpStatusCode.Forbidden);
        var published = await (await board.PutAsync($"/api/v1/coop/meetings/{id}/minutes", new { minutes = hostile })).JsonAsync(HttpStatusCode.OK);
        var html = published["minutesHtml"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<strong>accounts approved</strong>"));
            Assert.That(html, Does.Not.Contain("<script"));
            Assert.That(html, Does.Not.Contain("javascript:"));
            // Raw HTML is shown as text, never as a tag with a handler.
            Assert.That(html, Does.Not.Match("<[a-z][^>]*onerror"));
            Assert.That(html, Does.Not.Contain("<img"));
            Assert.That(html, Does.Contain("rel=\"nofollow noopener\""));
            Assert.That(published["minutes"]!.GetValue<string>(), Is.EqualTo(hostile), "the Markdown source is kept as written");
            Assert.That(published["minutesPublishedAt"], Is.Not.Null);
        });

        var read = await (await member.GetAsync($"/api/v1/coop/meetings/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(read["minutesHtml"]!.GetValue<string>(), Is.EqualTo(html));
        var list = await (await member.GetAsync("/api/v1/coop/meetings")).JsonAsync(HttpStatusCode.OK);
        Assert.That(list["items"]!.AsArray().Single(m => m!["id"]!.GetValue<Guid>() == id)!["minutesPublished"]!.GetValue<bool>(), Is.True);
        var told = await (await member.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(told.ToJsonString(), Does.Contain($"Minutes published: {title}"));
        await (await buyer.GetAsync($"/api/v1/coop/meetings/{id}")).ProblemAsync(HttpStatusCode.Forbidden);

        // A proposal put to the vote at the meeting is listed with it; one naming a meeting that does not exist is refused.
        // Workers (the board member here is one) are a small electorate: opening tells every eligible member, and the
        // shared database enrols many contributors.
        var draft = GovernanceArrange.Draft(title: "Motion for " + title, classes: ["worker"]);
        var atMeeting = JsonNode.Parse(JsonSerializer.Serialize(draft))!.AsObject();
        atMeeting["meetingId"] = Guid.NewGuid();
        await (await board.PostAsync("/api/v1/proposals", atMeeting)).ProblemAsync(HttpStatusCode.BadRequest);
        atMeeting["meetingId"] = id;
        var motion = (await board.DraftAsync(atMeeting))["id"]!.GetValue<Guid>();
        await board.OpenAsync(motion);
        var withMotion = await (await member.GetAsync($"/api/v1/coop/meetings/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(withMotion["proposals"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { motion }));
        await (await member.GetAsync($"/api/v1/coop/meetings/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

        // Minutes come after the meeting.
        var upcoming = await (await board.PostAsync("/api/v1/coop/meetings", meeting with { scheduledAt = DateTimeOffset.UtcNow.AddDays(30) }))
            .JsonAsync(HttpStatusCode.Created);
        await (await board.PutAsync($"/api/v1/coop/meetings/{upcoming["id"]!.GetValue<Guid>()}/minutes", new { minutes = "Too early" }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }
}
