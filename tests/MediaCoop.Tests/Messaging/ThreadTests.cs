using System.Net;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Integrations;
using MediaCoop.Tests.Uploads;
using static MediaCoop.Tests.Messaging.MessagingSupport;

namespace MediaCoop.Tests.Messaging;

public sealed class ThreadTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task A_buyer_asks_about_a_photo_the_contributor_answers_and_nobody_else_can_see_or_write_in_the_thread()
    {
        var (buyer, buyerMe) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var photo = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, anaMe.Id, status: "published");

        var started = await StartQuestionAsync(buyer, anaMe.Id, "Could I get this **without** the boat?", photo);
        var threadId = started.Id();
        Assert.That(started["kind"]!.GetValue<string>(), Is.EqualTo("question"));
        Assert.That(started["asset"]!["id"]!.GetValue<Guid>(), Is.EqualTo(photo));
        Assert.That(started["counterpart"]!["id"]!.GetValue<Guid>(), Is.EqualTo(anaMe.Id));
        Assert.That(started.Messages().Single()!["bodyHtml"]!.GetValue<string>(), Is.EqualTo("<p>Could I get this <strong>without</strong> the boat?</p>"));

        var inbox = await (await ana.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK);
        var listed = inbox["items"]!.AsArray().Single()!;
        Assert.That(listed.Id(), Is.EqualTo(threadId));
        Assert.That(listed["counterpart"]!["id"]!.GetValue<Guid>(), Is.EqualTo(buyerMe.Id), "the contributor sees the buyer as the other party");
        Assert.That(listed["unreadCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(listed["lastMessage"]!["excerpt"]!.GetValue<string>(), Is.EqualTo("Could I get this without the boat?"));

        var reply = await ReplyAsync(ana, threadId, "Yes, I have a version without it.");
        Assert.That(reply["mine"]!.GetValue<bool>(), Is.True);
        var seenByBuyer = await ThreadAsync(buyer, threadId);
        Assert.That(seenByBuyer.Messages().Select(m => m!["body"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Could I get this **without** the boat?", "Yes, I have a version without it." }), "oldest first");
        Assert.That(seenByBuyer.Messages().Select(m => m!["mine"]!.GetValue<bool>()), Is.EqualTo(new[] { true, false }));

        var (stranger, _) = await BuyerAsync(Api);
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (otherContributor, _) = await ContributorAsync(Api);
        foreach (var outsider in new[] { stranger, editor, admin, otherContributor })
        {
            await (await outsider.GetAsync($"/api/v1/threads/{threadId}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.PostAsync($"/api/v1/threads/{threadId}/messages", new { body = "Let me in" })).ProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.PostAsync($"/api/v1/threads/{threadId}/read")).ProblemAsync(HttpStatusCode.NotFound);
            var theirs = await (await outsider.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK);
            Assert.That(theirs["items"]!.AsArray().Select(t => t!.Id()), Does.Not.Contain(threadId));
        }

        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/threads")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/threads/{threadId}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/threads/unread")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/v1/threads", new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = "Hello" }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_commission_request_carries_its_brief_budget_and_deadline()
    {
        var (buyer, _) = await BuyerAsync(Api);
        var (ben, benMe) = await ContributorAsync(Api);
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var created = await (await buyer.PostAsync("/api/v1/threads", new
        {
            recipientId = benMe.Id, kind = "commission", subject = "Harbour at dawn for our annual report",
            body = "Twelve photos of the harbour at dawn, landscape, for print.", budget = new { amount = 150000, currency = "EUR" }, deadline,
        })).JsonAsync(HttpStatusCode.Created);

        var listed = (await (await ben.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        Assert.That(listed.Id(), Is.EqualTo(created.Id()));
        Assert.That(listed["kind"]!.GetValue<string>(), Is.EqualTo("commission"));
        var commission = listed["commission"]!;
        Assert.That(commission["brief"]!.GetValue<string>(), Is.EqualTo("Twelve photos of the harbour at dawn, landscape, for print."));
        Assert.That(commission["budget"]!["amount"]!.GetValue<long>(), Is.EqualTo(150000));
        Assert.That(commission["budget"]!["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
        Assert.That(commission["deadline"]!.GetValue<string>(), Is.EqualTo(deadline));
        Assert.That((await NotificationsAsync(benMe.Id)).Single().Title, Does.StartWith("Commission request from"));
    }

    [Test]
    public async Task Unread_counts_go_up_with_a_message_and_down_when_read_and_a_burst_sends_one_email()
    {
        var (buyer, buyerMe) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var threadId = (await StartQuestionAsync(buyer, anaMe.Id)).Id();

        Assert.That((await UnreadAsync(ana))["threads"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await UnreadAsync(buyer))["threads"]!.GetValue<int>(), Is.EqualTo(0), "your own message is not unread for you");
        Assert.That(await OutboxSubjectsAsync(anaMe.Email), Has.Count.EqualTo(1).And.All.Contains("About your photo"), "the contributor is e-mailed");
        var notice = (await NotificationsAsync(anaMe.Id)).Single();
        Assert.That(notice.Kind, Is.EqualTo("message"));
        Assert.That(notice.Link, Is.EqualTo($"/inbox/{threadId}"));

        await (await ana.PostAsync($"/api/v1/threads/{threadId}/read")).NoContentAsync();
        Assert.That((await UnreadAsync(ana))["threads"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That((await ThreadAsync(ana, threadId))["unreadCount"]!.GetValue<int>(), Is.EqualTo(0));

        await ReplyAsync(ana, threadId, "Which size do you need?");
        Assert.That((await UnreadAsync(buyer))["threads"]!.GetValue<int>(), Is.EqualTo(1));
        await ReplyAsync(ana, threadId, "I also have it in portrait.");
        await ReplyAsync(ana, threadId, "And at dusk.");
        var listed = (await (await buyer.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        Assert.That(listed["unreadCount"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(await OutboxSubjectsAsync(buyerMe.Email), Has.Count.EqualTo(1), "three unread messages in a row send one e-mail");
        Assert.That(await NotificationsAsync(buyerMe.Id), Has.Count.EqualTo(1));

        await (await buyer.PostAsync($"/api/v1/threads/{threadId}/read")).NoContentAsync();
        Assert.That((await UnreadAsync(buyer))["threads"]!.GetValue<int>(), Is.EqualTo(0));
        await ReplyAsync(ana, threadId, "Any news?");
        Assert.That(await OutboxSubjectsAsync(buyerMe.Email), Has.Count.EqualTo(2), "after reading, the next message is mailed again");
    }

    [Test]
    public async Task The_inbox_lists_newest_activity_first_and_pages_with_a_cursor()
    {
        var (ana, anaMe) = await ContributorAsync(Api);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (buyer, _) = await BuyerAsync(Api);
            ids.Add((await StartQuestionAsync(buyer, anaMe.Id, $"Question {i}")).Id());
        }
        await ReplyAsync(ana, ids[0], "Answering the oldest, which moves it to the top.");

        var first = await (await ana.GetAsync("/api/v1/threads?limit=2")).JsonAsync(HttpStatusCode.OK);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await (await ana.GetAsync($"/api/v1/threads?limit=2&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync(HttpStatusCode.OK);
        var order = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(t => t!.Id()).ToList();
        Assert.That(order, Is.EqualTo(new[] { ids[0], ids[2], ids[1] }));
        Assert.That(second["nextCursor"], Is.Null);
        await (await ana.GetAsync("/api/v1/threads?cursor=nonsense")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Starting_a_conversation_with_bad_input_is_refused_with_a_message_a_person_can_act_on()
    {
        var (buyer, buyerMe) = await BuyerAsync(Api);
        var (_, anaMe) = await ContributorAsync(Api);
        var (_, otherBuyer) = await BuyerAsync(Api);
        var (_, benMe) = await ContributorAsync(Api);
        var bensPhoto = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, benMe.Id, status: "published");
        var anasDraft = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, anaMe.Id);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> Refused(object body, string field)
        {
            var problem = await (await buyer.PostAsync("/api/v1/threads", body)).ProblemAsync(HttpStatusCode.BadRequest);
            var errors = problem["errors"]?.AsObject();
            Assert.That(errors, Is.Not.Null, problem.ToJsonString());
            Assert.That(errors!.Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
            return errors[field]!.AsArray()[0]!.GetValue<string>();
        }

        Assert.That(await Refused(new { kind = "question", subject = "Hi", body = "Hello" }, "recipientId"), Does.Contain("contributor"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "gossip", subject = "Hi", body = "Hello" }, "kind"), Does.Contain("commission"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "question", subject = " ", body = "Hello" }, "subject"), Does.Contain("subject"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = "   " }, "body"), Does.Contain("empty"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = new string('a', 20_001) }, "body"),
            Does.Contain("20,000"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "commission", subject = "Hi", body = "A brief", budget = new { amount = -5, currency = "EUR" } },
            "budget.amount"), Does.Contain("positive"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "commission", subject = "Hi", body = "A brief", budget = new { amount = 500, currency = "euros" } },
            "budget.currency"), Does.Contain("ISO"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "commission", subject = "Hi", body = "A brief", deadline = yesterday }, "deadline"),
            Does.Contain("passed"));
        Assert.That(await Refused(new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = "Hello", budget = new { amount = 500, currency = "EUR" } },
            "budget"), Does.Contain("commission"));

        async Task<string> RefusedByHandler(object body)
        {
            var problem = await (await buyer.PostAsync("/api/v1/threads", body)).ProblemAsync(HttpStatusCode.BadRequest);
            return problem["detail"]!.GetValue<string>();
        }

        Assert.That(await RefusedByHandler(new { recipientId = buyerMe.Id, kind = "question", subject = "Hi", body = "Me?" }), Does.Contain("yourself"));
        Assert.That(await RefusedByHandler(new { recipientId = otherBuyer.Id, kind = "question", subject = "Hi", body = "Hello" }), Does.Contain("contributor"));
        Assert.That(await RefusedByHandler(new { recipientId = Guid.NewGuid(), kind = "question", subject = "Hi", body = "Hello" }), Does.Contain("contributor"));
        Assert.That(await RefusedByHandler(new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = "This one?", assetId = bensPhoto }),
            Does.Contain("published photos"), "a photo of another contributor");
        Assert.That(await RefusedByHandler(new { recipientId = anaMe.Id, kind = "question", subject = "Hi", body = "This one?", assetId = anasDraft }),
            Does.Contain("published photos"), "an unpublished photo");

        var badDate = await (await buyer.PostAsync("/api/v1/threads", new { recipientId = anaMe.Id, kind = "commission", subject = "Hi", body = "Brief", deadline = "next week" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(badDate["detail"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That((await (await buyer.GetAsync("/api/v1/threads")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray(), Is.Empty, "nothing was started");

        await (await buyer.PostAsync($"/api/v1/threads/{Guid.NewGuid()}/messages", new { body = "" })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_key_with_messages_read_lists_conversations_and_a_key_without_it_is_refused()
    {
        var (buyer, _) = await BuyerAsync(Api);
        var (ana, anaMe) = await ContributorAsync(Api);
        var threadId = (await StartQuestionAsync(buyer, anaMe.Id)).Id();
        var (_, readKey) = await ApiKeySupport.CreateKeyAsync(ana, ApiScopes.MessagesRead);
        var (_, writeKey) = await ApiKeySupport.CreateKeyAsync(ana, ApiScopes.MessagesWrite);
        var (_, catalogKey) = await ApiKeySupport.CreateKeyAsync(ana, ApiScopes.CatalogRead);
        using var script = ApiKeySupport.ScriptClient(Api);

        var listed = await (await script.SendWithKeyAsync(readKey, HttpMethod.Get, "/api/v1/threads")).JsonAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray().Select(t => t!.Id()), Is.EqualTo(new[] { threadId }));
        await (await script.SendWithKeyAsync(catalogKey, HttpMethod.Get, "/api/v1/threads")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await script.SendWithKeyAsync(writeKey, HttpMethod.Get, "/api/v1/threads")).ProblemAsync(HttpStatusCode.Forbidden);

        await (await script.SendWithKeyAsync(writeKey, HttpMethod.Post, $"/api/v1/threads/{threadId}/messages", new { body = "Answered by my studio tool" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await script.SendWithKeyAsync(readKey, HttpMethod.Post, $"/api/v1/threads/{threadId}/messages", new { body = "Not with a read key" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await script.SendWithKeyAsync(readKey, HttpMethod.Put, $"/api/v1/me/blocks/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await ThreadAsync(buyer, threadId)).Messages().Select(m => m!["body"]!.GetValue<string>()), Does.Contain("Answered by my studio tool"));
    }
}
