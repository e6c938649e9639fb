using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Governance.GovernanceArrange;

namespace MediaCoop.Tests.Governance;

/// <summary>
/// Proposals on the shared database: each test votes only on its own proposals and asserts only on them. Their
/// electorate is the buyer_member class, whose members these tests end after each test (the fixture's tests run one
/// at a time), so a vote notifies a handful of people rather than every member other tests enrolled.
/// </summary>
public sealed class ProposalTests
{
    private const string Electorate = "buyer_member";
    private static ApiFactory Api => ApiFactory.Shared;
    private static string Db => TestDatabase.ConnectionString;
    private readonly System.Collections.Concurrent.ConcurrentBag<Guid> enrolled = [];

    private async Task<(ApiClient Client, Me Me)> Member(string? memberClass = Electorate, params string[] roles)
    {
        var member = await MemberAsync(Api, Db, memberClass, roles);
        enrolled.Add(member.Me.Id);
        return member;
    }

    private static object Draft(string? title = null, string kind = "ordinary", string[]? classes = null, bool secret = true,
        string[]? options = null, Guid[]? candidateIds = null, int? seats = null, object? settingsChange = null, int quorumBp = 0,
        string body = "Why we should.") =>
        GovernanceArrange.Draft(title, kind, quorumBp, classes ?? [Electorate], secret, settingsChange, options, candidateIds, seats, body);

    [TearDown]
    public async Task EndMembershipsAsync()
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.ExecuteAsync("update memberships set ended_at = now() where ended_at is null and member_class = @Electorate and user_id = any(@ids)",
            new { Electorate, ids = enrolled.ToArray() });
    }

    [Test]
    public async Task Non_members_may_not_list_read_draft_or_vote_and_other_classes_may_not_vote()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("worker", "board");
        var (id, proposal) = await OpenedAsync(author, board, Draft(classes: [Electorate]));
        var yes = proposal.OptionId("yes");

        var (buyer, _) = await Member(memberClass: null);
        var (former, formerMe) = await Member();
        await using (var connection = new NpgsqlConnection(Db))
            await connection.ExecuteAsync("update memberships set ended_at = now() where user_id = @id", new { id = formerMe.Id });
        using var anonymous = Api.NewClient();

        foreach (var (who, client) in new[] { ("buyer", buyer), ("ended membership", former) })
        {
            await (await client.GetAsync("/api/v1/proposals")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/proposals/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/proposals", Draft())).ProblemAsync(HttpStatusCode.Forbidden);
            var refused = await (await client.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("members"), who);
        }
        await (await anonymous.GetAsync($"/api/v1/proposals/{id}")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Unauthorized);

        // A worker is a member, so may read, but this vote is for buyer members.
        var (worker, _) = await Member("worker");
        await (await worker.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        var other = await (await worker.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(other["detail"]!.GetValue<string>(), Does.Contain(Electorate));
        // Joining after the vote opened does not put you on its electorate.
        var (late, _) = await Member();
        await (await late.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Forbidden);

        var turnout = (await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK))["turnout"]!;
        Assert.That(turnout["voted"]!.GetValue<int>(), Is.Zero, "no refused attempt counted");
    }

    [Test]
    public async Task Sixteen_parallel_votes_by_one_member_leave_exactly_one_ballot()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var (voter, voterMe) = await Member();
        var (id, proposal) = await OpenedAsync(author, board, Draft());
        var choices = new[] { proposal.OptionId("yes"), proposal.OptionId("no"), proposal.OptionId("abstain") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => voter.VoteAsync(id, choices[i % 3])));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        await using var connection = new NpgsqlConnection(Db);
        var ballots = await connection.ExecuteScalarAsync<int>("select count(*) from ballots where proposal_id = @id and voter_id = @voter",
            new { id, voter = voterMe.Id });
        Assert.That(ballots, Is.EqualTo(1));
        var read = await (await voter.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(read["turnout"]!["voted"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(read["myVote"]!["optionIds"]!.AsArray().Select(o => o!.GetValue<Guid>()).Single(), Is.AnyOf(choices.Cast<object>().ToArray()));
    }

    [Test]
    public async Task A_member_changes_their_vote_before_close_and_is_refused_after()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var (voter, _) = await Member();
        var (id, proposal) = await OpenedAsync(author, board, Draft());
        var (yes, no) = (proposal.OptionId("yes"), proposal.OptionId("no"));

        await voter.VotedAsync(id, yes);
        await voter.VotedAsync(id, no);
        var mine = await (await voter.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(mine["myVote"]!["optionIds"]!.AsArray().Single()!.GetValue<Guid>(), Is.EqualTo(no));
            Assert.That(mine["turnout"]!["voted"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(mine["results"], Is.Null, "no counts while open");
            Assert.That(mine["canVote"]!.GetValue<bool>(), Is.True);
        });

        // The window has ended but the job has not run yet: refused all the same.
        await EndVotingAsync(Db, id);
        var late = await (await voter.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(late["detail"]!.GetValue<string>(), Does.Contain("closed"));

        Assert.That(await CloseAsync(Api, id), Is.True);
        await (await voter.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(closed.Votes(no), Is.EqualTo(1));
            Assert.That(closed.Votes(yes), Is.Zero);
            Assert.That(closed.Outcome(), Is.EqualTo("failed"));
            Assert.That(closed["canVote"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Votes_outside_the_window_or_with_bad_choices_are_refused_with_reasons()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var (voter, _) = await Member();
        var draft = await author.DraftAsync(Draft());
        var id = draft["id"]!.GetValue<Guid>();
        var yes = draft.OptionId("yes");
        await (await voter.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Conflict);

        // Opening later: the electorate is fixed now, voting starts then.
        var later = await board.PostAsync($"/api/v1/proposals/{id}/open",
            new { opensAt = DateTimeOffset.UtcNow.AddHours(1), closesAt = DateTimeOffset.UtcNow.AddHours(2) });
        await later.JsonAsync(HttpStatusCode.OK);
        var early = await (await voter.VoteAsync(id, yes)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(early["detail"]!.GetValue<string>(), Does.Contain("opens at"));

        var (other, opened) = await OpenedAsync(author, board, Draft());
        await (await voter.VoteAsync(other, opened.OptionId("yes"), opened.OptionId("no"))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await voter.VoteAsync(other, Guid.NewGuid())).ProblemAsync(HttpStatusCode.BadRequest);
        await (await voter.VoteAsync(other)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await voter.VoteAsync(Guid.NewGuid(), yes)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Only_the_board_opens_only_author_or_board_edit_and_withdraw_and_windows_are_bounded()
    {
        var (author, _) = await Member();
        var (stranger, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var draft = await author.DraftAsync(Draft(body: "Plain <script>alert(1)</script> [x](javascript:alert(1)) **bold**"));
        var id = draft["id"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(draft["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(draft["bodyHtml"]!.GetValue<string>(), Does.Contain("<strong>bold</strong>").And.Not.Contain("<script").And.Not.Contain("javascript:"));
            Assert.That(draft["options"]!.AsArray().Select(o => o!["label"]!.GetValue<string>()), Is.EqualTo(new[] { "Yes", "No", "Abstain" }));
            Assert.That(draft["secretBallot"]!.GetValue<bool>(), Is.True);
            Assert.That(draft["canEdit"]!.GetValue<bool>(), Is.True);
            Assert.That(draft["canOpen"]!.GetValue<bool>(), Is.False);
            Assert.That(draft["turnout"], Is.Null);
        });

        await (await author.PostAsync($"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow.AddDays(1) })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PutAsync($"/api/v1/proposals/{id}", Draft())).ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PostAsync($"/api/v1/proposals/{id}/withdraw")).ProblemAsync(HttpStatusCode.Forbidden);
        var edited = await (await author.PutAsync($"/api/v1/proposals/{id}", Draft(title: "Which charity?", options: ["Red Cross", "Oxfam"])))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(edited["options"]!.AsArray().Select(o => o!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "choice", "choice", "abstain" }));

        await (await board.PostAsync($"/api/v1/proposals/{id}/open", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await board.PostAsync($"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow.AddDays(91) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await board.PostAsync($"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow.AddSeconds(-5) })).ProblemAsync(HttpStatusCode.BadRequest);
        var opened = await board.OpenAsync(id);
        Assert.That(opened["status"]!.GetValue<string>(), Is.EqualTo("open"));
        await (await author.PutAsync($"/api/v1/proposals/{id}", Draft())).ProblemAsync(HttpStatusCode.Conflict);
        await (await board.PostAsync($"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow.AddDays(1) })).ProblemAsync(HttpStatusCode.Conflict);

        await (await stranger.PostAsync($"/api/v1/proposals/{id}/withdraw")).ProblemAsync(HttpStatusCode.Forbidden);
        await stranger.VotedAsync(id, opened.OptionId("choice"));
        var withdrawn = await (await board.PostAsync($"/api/v1/proposals/{id}/withdraw")).JsonAsync(HttpStatusCode.OK);
        await using (var connection = new NpgsqlConnection(Db))
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from ballots where proposal_id = @id and option_ids is not null", new { id }),
                Is.Zero, "a withdrawn vote keeps who voted, not how");
        await (await stranger.VoteAsync(id, opened.OptionId("abstain"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(withdrawn["status"]!.GetValue<string>(), Is.EqualTo("withdrawn"));
        await (await author.PostAsync($"/api/v1/proposals/{id}/withdraw")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await CloseAsync(Api, id), Is.False, "a withdrawn vote never closes");
    }

    [Test]
    public async Task Drafts_that_break_the_rules_are_refused_with_field_messages()
    {
        var (author, _) = await Member();
        var (_, notMember) = await Member(memberClass: null);
        var (_, candidate) = await Member();
        var (_, rival) = await Member();
        var bad = new object[]
        {
            Draft(kind: "referendum"),
            Draft(quorumBp: 10001),
            Draft(classes: []),
            Draft(classes: ["staff"]),
            Draft(options: ["Only one"]),
            Draft(kind: "election", candidateIds: [candidate.Id], seats: 1),
            Draft(kind: "election", candidateIds: [candidate.Id, rival.Id], seats: 2),
            Draft(kind: "special", options: ["A", "B"], settingsChange: new { royaltyRateExtendedBp = 8000 }),
        };
        foreach (var draft in bad)
            await (await author.PostAsync("/api/v1/proposals", draft)).ProblemAsync(HttpStatusCode.BadRequest);
        var problem = await (await author.PostAsync("/api/v1/proposals", Draft(kind: "election", candidateIds: [candidate.Id, notMember.Id], seats: 1)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(notMember.Id.ToString()));
    }

    [Test]
    public async Task A_secret_ballot_never_shows_a_voters_choice_through_any_route()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var (alice, aliceMe) = await Member();
        var (bob, bobMe) = await Member();
        // Both voters want proposal webhooks: their payloads must not carry choices either.
        foreach (var client in new[] { alice, bob })
            await (await client.PostAsync("/api/v1/me/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "proposal.opened", "proposal.closed" } }))
                .JsonAsync(HttpStatusCode.Created);
        var (id, proposal) = await OpenedAsync(author, board, Draft());
        var (yes, no) = (proposal.OptionId("yes"), proposal.OptionId("no"));
        await alice.VotedAsync(id, yes);
        await bob.VotedAsync(id, no);

        var voters = new[] { (aliceMe.Id, yes), (bobMe.Id, no) };
        async Task NoChoiceIn(ApiClient reader, string stage)
        {
            foreach (var path in new[] { $"/api/v1/proposals/{id}", "/api/v1/proposals", "/api/v1/proposals?status=closed", "/api/v1/me/notifications" })
            {
                var response = await reader.GetAsync(path);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                var body = await response.Content.ReadAsStringAsync();
                foreach (var (voter, choice) in voters)
                    Assert.That(LinksVoterToChoice(body, voter, choice), Is.False, $"{stage}: {path} links {voter} to {choice}");
            }
        }
        // While open, each sees only their own choice; the others see turnout.
        var aliceView = await (await alice.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(aliceView["myVote"]!["optionIds"]!.AsArray().Single()!.GetValue<Guid>(), Is.EqualTo(yes));
        Assert.That((await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK))["myVote"], Is.Null);
        await NoChoiceIn(author, "open");
        await NoChoiceIn(board, "open");

        var closed = await ClosedAsync(Api, Db, author, id);
        Assert.Multiple(() =>
        {
            Assert.That(closed.Votes(yes), Is.EqualTo(1));
            Assert.That(closed.Votes(no), Is.EqualTo(1));
            Assert.That(closed["ballots"], Is.Null);
        });
        foreach (var reader in new[] { author, board, alice, bob })
            await NoChoiceIn(reader, "closed");
        var aliceAfter = await (await alice.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(aliceAfter["myVote"]!["optionIds"]!.AsArray(), Is.Empty, "her choice was separated from her at close");
        // She was told when the vote opened and when it closed, with the turnout and no one's choice.
        var told = (await (await alice.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Where(n => n!["link"]?.GetValue<string>() == $"/coop/proposals/{id}").Select(n => n!["title"]!.GetValue<string>()).ToList();
        Assert.That(told, Has.Some.StartsWith("Vote open:").And.Some.StartsWith("Vote closed:"));

        await using var connection = new NpgsqlConnection(Db);
        var payloads = (await connection.QueryAsync<string>("select payload::text from webhook_events where user_id = any(@ids) and type like 'proposal.%' and payload::text like '%' || @id || '%'",
            new { ids = new[] { aliceMe.Id, bobMe.Id }, id = id.ToString() })).AsList();
        Assert.That(payloads, Has.Count.EqualTo(4), "opened and closed, to each voter");
        foreach (var payload in payloads)
            foreach (var (voter, choice) in voters)
                Assert.That(LinksVoterToChoice(payload, voter, choice), Is.False, payload);
        // The record keeps who voted and, apart, the choices: recountable, linked to nobody.
        var stored = await connection.QuerySingleAsync<(int Voters, int Linked, int Anonymous)>("""
            select (select count(*) from ballots where proposal_id = @id)::int,
                   (select count(*) from ballots where proposal_id = @id and option_ids is not null)::int,
                   (select count(*) from anonymous_ballots where proposal_id = @id)::int
            """, new { id });
        Assert.That(stored, Is.EqualTo((2, 0, 2)));
    }

    /// <summary>A voter's id and their choice's id in the same JSON object (or a body naming the voter and the choice at all).</summary>
    private static bool LinksVoterToChoice(string json, Guid voter, Guid choice)
    {
        var text = json.ToLowerInvariant();
        var (v, c) = (voter.ToString(), choice.ToString());
        if (!text.Contains(v, StringComparison.Ordinal) || !text.Contains(c, StringComparison.Ordinal)) return false;
        return Objects(JsonNode.Parse(json)).Any(o =>
        {
            var s = o.ToJsonString().ToLowerInvariant();
            return s.Contains(v, StringComparison.Ordinal) && s.Contains(c, StringComparison.Ordinal) && o["options"] is null;
        });
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Objects(p.Value))),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    [Test]
    public async Task An_open_ballot_lists_who_voted_for_what_after_close_only()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var (alice, aliceMe) = await Member();
        var (id, proposal) = await OpenedAsync(author, board, Draft(secret: false));
        await alice.VotedAsync(id, proposal.OptionId("no"));
        var open = await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(open["ballots"], Is.Null, "not before close");

        var closed = await ClosedAsync(Api, Db, author, id);
        var ballot = closed["ballots"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(ballot["voter"]!["id"]!.GetValue<Guid>(), Is.EqualTo(aliceMe.Id));
            Assert.That(ballot["optionIds"]!.AsArray().Single()!.GetValue<Guid>(), Is.EqualTo(proposal.OptionId("no")));
        });
    }

    [Test]
    public async Task Closing_twice_or_concurrently_records_one_result_and_tells_the_electorate_once()
    {
        var (author, authorMe) = await Member();
        var (board, _) = await Member("founder", "board");
        var (id, proposal) = await OpenedAsync(author, board, Draft());
        await author.VotedAsync(id, proposal.OptionId("yes"));
        Assert.That(await CloseAsync(Api, id), Is.False, "not due yet");
        await EndVotingAsync(Db, id);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CloseAsync(Api, id)));
        Assert.That(runs.Count(r => r), Is.EqualTo(1));
        var first = await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(await CloseAsync(Api, id), Is.False);
        var again = await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(again["results"]!.ToJsonString(), Is.EqualTo(first["results"]!.ToJsonString()));
        Assert.That(first.Outcome(), Is.EqualTo("carried"));

        await using var connection = new NpgsqlConnection(Db);
        var told = await connection.ExecuteScalarAsync<int>(
            "select count(*) from notifications where user_id = @user and link = @link and title like 'Vote closed%'",
            new { user = authorMe.Id, link = $"/coop/proposals/{id}" });
        Assert.That(told, Is.EqualTo(1));
        // Results are permanent: the database itself refuses a change.
        Assert.That(async () => await connection.ExecuteAsync("update proposals set title = 'Rewritten' where id = @id", new { id }),
            Throws.InstanceOf<PostgresException>());
        Assert.That(async () => await connection.ExecuteAsync("update anonymous_ballots set option_ids = option_ids where proposal_id = @id", new { id }),
            Throws.InstanceOf<PostgresException>());
    }

    [Test]
    public async Task The_list_filters_by_status_and_shows_live_turnout_and_whether_I_voted()
    {
        var (author, _) = await Member();
        var (board, _) = await Member("founder", "board");
        var draft = await author.DraftAsync(Draft());
        var (id, proposal) = await OpenedAsync(author, board, Draft());
        await author.VotedAsync(id, proposal.OptionId("abstain"));

        var open = await (await author.GetAsync("/api/v1/proposals?status=open")).JsonAsync(HttpStatusCode.OK);
        var mine = open["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        Assert.Multiple(() =>
        {
            Assert.That(open["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()), Is.All.EqualTo("open"));
            Assert.That(mine["voted"]!.GetValue<bool>(), Is.True);
            Assert.That(mine["turnout"]!["voted"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(mine["turnout"]!["eligible"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));
        });
        var drafts = await (await author.GetAsync("/api/v1/proposals?status=draft")).JsonAsync(HttpStatusCode.OK);
        Assert.That(drafts["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()), Does.Contain(draft["id"]!.GetValue<Guid>()));
        await (await author.GetAsync("/api/v1/proposals?status=maybe")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
