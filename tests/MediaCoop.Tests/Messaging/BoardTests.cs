using System.Net;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Messaging.MessagingSupport;

namespace MediaCoop.Tests.Messaging;

public sealed class BoardTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<Guid> StartTopicAsync(ApiClient member, string title, string body = "What do you all think?", bool announcement = false) =>
        (await (await member.PostAsync("/api/v1/board/topics", new { title, body, announcement })).JsonAsync(HttpStatusCode.Created)).Id();

    [Test]
    public async Task Non_members_get_403_on_every_board_operation_and_anonymous_callers_401()
    {
        var (member, _) = await MemberAsync(Api);
        var topic = await StartTopicAsync(member, "Members only " + Guid.NewGuid().ToString("N")[..6]);
        var (buyer, _) = await BuyerAsync(Api);
        var (contributor, _) = await ContributorAsync(Api);
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        using var anonymous = Api.NewClient();

        foreach (var (client, status) in new[] { (buyer, HttpStatusCode.Forbidden), (contributor, HttpStatusCode.Forbidden), (admin, HttpStatusCode.Forbidden),
                     (anonymous, HttpStatusCode.Unauthorized) })
        {
            await (await client.GetAsync("/api/v1/board/topics")).ProblemAsync(status);
            await (await client.GetAsync($"/api/v1/board/topics/{topic}")).ProblemAsync(status);
            await (await client.PostAsync("/api/v1/board/topics", new { title = "Let me in", body = "Please" })).ProblemAsync(status);
            await (await client.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "Please" })).ProblemAsync(status);
            await (await client.PostAsync($"/api/v1/board/topics/{topic}/read")).ProblemAsync(status);
            await (await client.PutAsync($"/api/v1/board/topics/{topic}/pin", new { pinned = true })).ProblemAsync(status);
        }
        var refused = await (await buyer.GetAsync("/api/v1/board/topics")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("members"));
        Assert.That((await UnreadAsync(buyer))["board"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Members_discuss_with_unread_counts_per_topic()
    {
        var (alice, _) = await MemberAsync(Api);
        var (bob, _) = await MemberAsync(Api);
        var title = "Darkroom night " + Guid.NewGuid().ToString("N")[..6];
        var topic = await StartTopicAsync(alice, title, "Shall we meet *Thursday*?");

        var bobsBoard = await (await bob.GetAsync("/api/v1/board/topics?limit=200")).JsonAsync(HttpStatusCode.OK);
        var listed = bobsBoard["items"]!.AsArray().Single(t => t!.Id() == topic)!;
        Assert.That(listed["title"]!.GetValue<string>(), Is.EqualTo(title));
        Assert.That(listed["unreadCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(listed["excerpt"]!.GetValue<string>(), Is.EqualTo("Shall we meet Thursday?"));
        var bobsUnread = (await UnreadAsync(bob))["board"]!.GetValue<int>();
        Assert.That(bobsUnread, Is.GreaterThanOrEqualTo(1));

        await (await bob.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "Thursday works." })).JsonAsync(HttpStatusCode.Created);
        Assert.That((await UnreadAsync(bob))["board"]!.GetValue<int>(), Is.EqualTo(bobsUnread - 1), "replying reads the topic");
        var seenByAlice = await (await alice.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(seenByAlice.Messages().Select(m => m!["body"]!.GetValue<string>()), Is.EqualTo(new[] { "Shall we meet *Thursday*?", "Thursday works." }));
        Assert.That(seenByAlice["unreadCount"]!.GetValue<int>(), Is.EqualTo(1));
        await (await alice.PostAsync($"/api/v1/board/topics/{topic}/read")).NoContentAsync();
        Assert.That((await (await alice.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK))["unreadCount"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Only_the_board_and_admins_announce_and_pin_and_every_member_is_told_of_an_announcement()
    {
        var (plain, plainMe) = await MemberAsync(Api);
        var (director, _) = await MemberAsync(Api, "board");
        var (admin, _) = await MemberAsync(Api, "admin");
        var refused = await (await plain.PostAsync("/api/v1/board/topics", new { title = "Hear ye", body = "Listen", announcement = true }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("board"));

        var title = "AGM on 12 December " + Guid.NewGuid().ToString("N")[..6];
        var announcement = await (await director.PostAsync("/api/v1/board/topics", new { title, body = "The **AGM** is on 12 December.", announcement = true }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.That(announcement["announcement"]!.GetValue<bool>(), Is.True);
        Assert.That(announcement["pinned"]!.GetValue<bool>(), Is.True, "announcements are pinned");
        var told = (await NotificationsAsync(plainMe.Id)).Where(n => n.Kind == "announcement").ToList();
        Assert.That(told.Select(n => n.Title), Is.EqualTo(new[] { $"Announcement: {title}" }));
        Assert.That(told.Single().Link, Is.EqualTo($"/board/{announcement.Id()}"));
        Assert.That(await OutboxSubjectsAsync(plainMe.Email), Does.Contain($"Announcement: {title}"));

        var ordinary = await StartTopicAsync(plain, "Just chatting " + Guid.NewGuid().ToString("N")[..6]);
        var board = await (await plain.GetAsync("/api/v1/board/topics?limit=200")).JsonAsync(HttpStatusCode.OK);
        var items = board["items"]!.AsArray();
        var pinnedSeen = items.TakeWhile(t => t!["pinned"]!.GetValue<bool>()).Select(t => t!.Id()).ToList();
        Assert.That(pinnedSeen, Does.Contain(announcement.Id()), "pinned topics come first, even before newer ones");
        Assert.That(items.Select(t => t!.Id()), Does.Contain(ordinary));

        await (await plain.PutAsync($"/api/v1/board/topics/{ordinary}/pin", new { pinned = true })).ProblemAsync(HttpStatusCode.Forbidden);
        var pinned = await (await admin.PutAsync($"/api/v1/board/topics/{ordinary}/pin", new { pinned = true })).JsonAsync(HttpStatusCode.OK);
        Assert.That(pinned["pinned"]!.GetValue<bool>(), Is.True);
        var unpinned = await (await director.PutAsync($"/api/v1/board/topics/{announcement.Id()}/pin", new { pinned = false })).JsonAsync(HttpStatusCode.OK);
        Assert.That(unpinned["pinned"]!.GetValue<bool>(), Is.False);
        await (await director.PutAsync($"/api/v1/board/topics/{Guid.NewGuid()}/pin", new { pinned = true })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_blocked_members_posts_stay_visible_to_others_and_are_marked_for_the_blocker()
    {
        var (alice, _) = await MemberAsync(Api);
        var (troll, trollMe) = await MemberAsync(Api);
        var (carol, _) = await MemberAsync(Api);
        var topic = await StartTopicAsync(alice, "Lens swap " + Guid.NewGuid().ToString("N")[..6]);
        await (await troll.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "Nobody cares." })).JsonAsync(HttpStatusCode.Created);
        var trollsTopic = await StartTopicAsync(troll, "My topic " + Guid.NewGuid().ToString("N")[..6]);

        await (await alice.PutAsync($"/api/v1/me/blocks/{trollMe.Id}")).NoContentAsync();
        var forAlice = await (await alice.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK);
        var reply = forAlice.Messages()[1]!;
        Assert.That(reply["fromBlocked"]!.GetValue<bool>(), Is.True);
        Assert.That(reply["body"]!.GetValue<string>(), Is.EqualTo("Nobody cares."), "still there: the SPA collapses it");
        var aliceList = (await (await alice.GetAsync("/api/v1/board/topics?limit=200")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(aliceList.Single(t => t!.Id() == trollsTopic)!["fromBlocked"]!.GetValue<bool>(), Is.True);

        var forCarol = await (await carol.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(forCarol.Messages()[1]!["fromBlocked"]!.GetValue<bool>(), Is.False, "blocking is personal");
        await (await troll.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "Still here." })).JsonAsync(HttpStatusCode.Created);
    }
}
