using System.Net;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Messaging.MessagingSupport;

namespace MediaCoop.Tests.Messaging;

public sealed class ModerationTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private const string Hostile = """
        Hello <script>alert('xss')</script> there.

        [click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

        <img src=x onerror="alert(1)"> <a href="#" onclick="steal()">free</a> <div onmouseover="alert(1)">hover</div>

        ![pixel](https://evil.example/track.png) and a [fine link](https://example.com/portfolio)
        """;

    /// <summary>Parsed as a browser would: no active element, no event handler, no link but https; typed tags shown as text.</summary>
    private static void AssertHarmless(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.That(elements.Select(e => e.LocalName).Intersect(["script", "img", "div", "iframe", "style", "object"]), Is.Empty, html);
        Assert.That(elements.SelectMany(e => e.Attributes).Select(a => a.Name).Where(n => n.StartsWith("on", StringComparison.Ordinal)), Is.Empty, html);
        Assert.That(elements.Where(e => e.LocalName == "a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "https://example.com/portfolio" }), html);
        Assert.That(html, Does.Not.Contain("javascript:"), html);
        Assert.That(html, Does.Contain("<a href=\"https://example.com/portfolio\" rel=\"nofollow noopener\" target=\"_blank\">fine link</a>"), html);
        Assert.That(document.Body.TextContent, Does.Contain("<script>alert('xss')</script>"), "typed tags come out as text");
    }

    [Test]
    public async Task Hostile_markdown_is_stored_as_typed_and_returned_as_harmless_html_in_threads_and_on_the_board()
    {
        var (buyer, _) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var started = await StartQuestionAsync(buyer, anaMe.Id, Hostile);
        var threadId = started.Id();
        var reply = await ReplyAsync(ana, threadId, Hostile);

        var seen = await ThreadAsync(ana, threadId);
        foreach (var message in seen.Messages().Append(reply))
        {
            Assert.That(message!["body"]!.GetValue<string>(), Is.EqualTo(Hostile), "the source is kept as typed");
            AssertHarmless(message["bodyHtml"]!.GetValue<string>());
        }
        var excerpt = (await (await ana.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Single()!["lastMessage"]!["excerpt"]!.GetValue<string>();
        Assert.That(excerpt, Does.StartWith("Hello <script>alert('xss')</script> there. click me"), "previews are plain text, shown as text");

        var (member, _) = await MemberAsync(Api);
        var topic = await (await member.PostAsync("/api/v1/board/topics", new { title = "<script>alert(1)</script>", body = Hostile })).JsonAsync(HttpStatusCode.Created);
        AssertHarmless(topic.Messages().Single()!["bodyHtml"]!.GetValue<string>());
        Assert.That(topic["title"]!.GetValue<string>(), Is.EqualTo("<script>alert(1)</script>"), "titles are plain text, for the SPA to render as text");
    }

    [Test]
    public async Task Blocking_works_both_ways_and_unblocking_lets_the_conversation_continue()
    {
        var (buyer, buyerMe) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var threadId = (await StartQuestionAsync(buyer, anaMe.Id)).Id();

        await (await ana.PutAsync($"/api/v1/me/blocks/{buyerMe.Id}")).NoContentAsync();
        await (await ana.PutAsync($"/api/v1/me/blocks/{buyerMe.Id}")).NoContentAsync();
        var blocks = await (await ana.GetAsync("/api/v1/me/blocks")).JsonAsync(HttpStatusCode.OK);
        Assert.That(blocks["items"]!.AsArray().Select(b => b!["user"]!.Id()), Is.EqualTo(new[] { buyerMe.Id }));

        var theyBlocked = await (await buyer.PostAsync($"/api/v1/threads/{threadId}/messages", new { body = "Hello?" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(theyBlocked["detail"]!.GetValue<string>(), Does.Contain("doesn't accept messages from you"));
        var newThread = await (await buyer.PostAsync("/api/v1/threads", new { recipientId = anaMe.Id, kind = "question", subject = "Again", body = "Hello?" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(newThread["detail"]!.GetValue<string>(), Does.Contain("doesn't accept messages from you"));
        var iBlocked = await (await ana.PostAsync($"/api/v1/threads/{threadId}/messages", new { body = "Go away" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(iBlocked["detail"]!.GetValue<string>(), Does.Contain("You blocked").And.Contain("unblock"));
        var (_, benMe) = await ContributorAsync(Api);
        await (await ana.PutAsync($"/api/v1/me/blocks/{benMe.Id}")).NoContentAsync();

        var forBuyer = await ThreadAsync(buyer, threadId);
        Assert.That(forBuyer["canReply"]!.GetValue<bool>(), Is.False);
        Assert.That(forBuyer["cannotReplyReason"]!.GetValue<string>(), Does.Contain("doesn't accept messages from you"));
        Assert.That(forBuyer.Messages(), Has.Count.EqualTo(1), "the thread itself stays readable");

        await (await ana.SendAsync(HttpMethod.Delete, $"/api/v1/me/blocks/{buyerMe.Id}")).NoContentAsync();
        await ReplyAsync(buyer, threadId, "Hello again.");
        await ReplyAsync(ana, threadId, "Sorry, hello.");
        Assert.That((await ThreadAsync(buyer, threadId))["canReply"]!.GetValue<bool>(), Is.True);
        Assert.That((await (await ana.GetAsync("/api/v1/me/blocks")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(b => b!["user"]!.Id()),
            Is.EqualTo(new[] { benMe.Id }));

        await (await ana.PutAsync($"/api/v1/me/blocks/{anaMe.Id}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await ana.PutAsync($"/api/v1/me/blocks/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/blocks")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonNode> OpenReportAsync(ApiClient admin, Guid reportId)
    {
        var queue = await (await admin.GetAsync("/api/v1/admin/reports?status=open")).JsonAsync(HttpStatusCode.OK);
        return queue["items"]!.AsArray().Single(r => r!.Id() == reportId)!;
    }

    [Test]
    public async Task A_reported_message_is_hidden_at_once_and_shown_again_when_an_admin_restores_it()
    {
        var (buyer, buyerMe) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var threadId = (await StartQuestionAsync(buyer, anaMe.Id)).Id();
        var rude = await ReplyAsync(ana, threadId, "That is a silly question.");

        await (await ana.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = "Mine" })).ProblemAsync(HttpStatusCode.BadRequest);
        var (stranger, _) = await BuyerAsync(Api);
        await (await stranger.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = "Seen it" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await buyer.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest);

        var report = await (await buyer.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = "Condescending" })).JsonAsync(HttpStatusCode.Created);
        Assert.That(report["status"]!.GetValue<string>(), Is.EqualTo("open"));
        var again = await (await buyer.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = "Really" })).JsonAsync(HttpStatusCode.OK);
        Assert.That(again.Id(), Is.EqualTo(report.Id()), "reporting twice answers the first report");

        var forBuyer = (await ThreadAsync(buyer, threadId)).Messages().Single(m => m!.Id() == rude.Id())!;
        Assert.That(forBuyer["hidden"]!.GetValue<bool>(), Is.True);
        Assert.That(forBuyer["body"], Is.Null);
        Assert.That(forBuyer["bodyHtml"], Is.Null);
        var lastForBuyer = (await (await buyer.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!["lastMessage"]!;
        Assert.That(lastForBuyer["excerpt"], Is.Null, "no preview of a hidden message");
        var forAuthor = (await ThreadAsync(ana, threadId)).Messages().Single(m => m!.Id() == rude.Id())!;
        Assert.That(forAuthor["hidden"]!.GetValue<bool>(), Is.True);
        Assert.That(forAuthor["body"]!.GetValue<string>(), Is.EqualTo("That is a silly question."), "its author still sees it");

        var queued = await OpenReportAsync(admin, report.Id());
        Assert.That(queued["reason"]!.GetValue<string>(), Is.EqualTo("Condescending"));
        Assert.That(queued["reporter"]!.Id(), Is.EqualTo(buyerMe.Id));
        Assert.That(queued["message"]!["author"]!.Id(), Is.EqualTo(anaMe.Id));
        Assert.That(queued["message"]!["body"]!.GetValue<string>(), Is.EqualTo("That is a silly question."));
        Assert.That(queued["message"]!["threadKind"]!.GetValue<string>(), Is.EqualTo("question"));
        await (await admin.GetAsync($"/api/v1/threads/{threadId}")).ProblemAsync(HttpStatusCode.NotFound);

        var decided = await (await admin.PostAsync($"/api/v1/admin/reports/{report.Id()}/decision", new { outcome = "restore", note = "Blunt, not abusive." }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(decided["status"]!.GetValue<string>(), Is.EqualTo("restored"));
        var restored = (await ThreadAsync(buyer, threadId)).Messages().Single(m => m!.Id() == rude.Id())!;
        Assert.That(restored["hidden"]!.GetValue<bool>(), Is.False);
        Assert.That(restored["body"]!.GetValue<string>(), Is.EqualTo("That is a silly question."));
        Assert.That((await NotificationsAsync(anaMe.Id)).Select(n => n.Title), Does.Contain("Your message is visible again"));
        await (await admin.PostAsync($"/api/v1/admin/reports/{report.Id()}/decision", new { outcome = "remove" })).ProblemAsync(HttpStatusCode.Conflict);
        var sameAgain = await (await buyer.PostAsync($"/api/v1/messages/{rude.Id()}/reports", new { reason = "Again" })).JsonAsync(HttpStatusCode.OK);
        Assert.That(sameAgain["status"]!.GetValue<string>(), Is.EqualTo("restored"), "the same person cannot hide it again");
        Assert.That((await ThreadAsync(buyer, threadId)).Messages().Single(m => m!.Id() == rude.Id())!["hidden"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task A_removed_board_post_stays_hidden_for_members_and_its_author_is_told()
    {
        var (alice, _) = await MemberAsync(Api);
        var (troll, trollMe) = await MemberAsync(Api);
        var (carol, _) = await MemberAsync(Api);
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var topic = (await (await alice.PostAsync("/api/v1/board/topics", new { title = "Ethics " + Guid.NewGuid().ToString("N")[..6], body = "Let's talk." }))
            .JsonAsync(HttpStatusCode.Created)).Id();
        var post = await (await troll.PostAsync($"/api/v1/board/topics/{topic}/replies", new { body = "Insults." })).JsonAsync(HttpStatusCode.Created);

        var report = await (await alice.PostAsync($"/api/v1/messages/{post.Id()}/reports", new { reason = "Abusive" })).JsonAsync(HttpStatusCode.Created);
        var forCarol = (await (await carol.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK)).Messages()[1]!;
        Assert.That(forCarol["hidden"]!.GetValue<bool>(), Is.True, "hidden for every other member at once");
        Assert.That(forCarol["body"], Is.Null);
        Assert.That((await OpenReportAsync(admin, report.Id()))["message"]!["threadKind"]!.GetValue<string>(), Is.EqualTo("topic"));

        await (await admin.PostAsync($"/api/v1/admin/reports/{report.Id()}/decision", new { outcome = "delete" })).ProblemAsync(HttpStatusCode.BadRequest);
        var decided = await (await admin.PostAsync($"/api/v1/admin/reports/{report.Id()}/decision", new { outcome = "remove", note = "Personal attack." }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(decided["status"]!.GetValue<string>(), Is.EqualTo("removed"));
        var afterRemoval = (await (await carol.GetAsync($"/api/v1/board/topics/{topic}")).JsonAsync(HttpStatusCode.OK)).Messages()[1]!;
        Assert.That(afterRemoval["hidden"]!.GetValue<bool>(), Is.True);
        Assert.That(afterRemoval["removed"]!.GetValue<bool>(), Is.True);
        Assert.That(afterRemoval["body"], Is.Null);
        var notice = (await NotificationsAsync(trollMe.Id)).Single(n => n.Kind == "message_report");
        Assert.That(notice.Title, Is.EqualTo("Your message was removed after review"));
        Assert.That(notice.Link, Is.EqualTo($"/board/{topic}"));
        var removedList = await (await admin.GetAsync("/api/v1/admin/reports?status=removed")).JsonAsync(HttpStatusCode.OK);
        Assert.That(removedList["items"]!.AsArray().Select(r => r!.Id()), Does.Contain(report.Id()));
        await (await admin.GetAsync("/api/v1/admin/reports?status=maybe")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Only_admins_review_reports()
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/admin/reports")).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "buyer", "contributor", "editor", "board" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.GetAsync("/api/v1/admin/reports")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync($"/api/v1/admin/reports/{Guid.NewGuid()}/decision", new { outcome = "restore" })).ProblemAsync(HttpStatusCode.Forbidden);
        }
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        await (await admin.PostAsync($"/api/v1/admin/reports/{Guid.NewGuid()}/decision", new { outcome = "restore" })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
