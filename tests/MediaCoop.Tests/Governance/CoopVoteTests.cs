using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Royalties;
using MediaCoop.Tests.Uploads;
using Npgsql;
using static MediaCoop.Tests.Governance.GovernanceArrange;

namespace MediaCoop.Tests.Governance;

/// <summary>
/// Votes that depend on the whole membership (quorum, thresholds), change the co-op's settings or seat the board run on a
/// database of their own: each test starts by ending every membership, so its electorate is exactly the members it
/// enrols. The tests of this fixture run one at a time.
/// </summary>
[NonParallelizable]
public sealed class CoopVoteTests
{
    private string db = "";
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        db = await TestDatabase.CreateFreshDatabaseAsync("coopvote");
        api = new ApiFactory(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = db });
        _ = api.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await api.DisposeAsync();
        await TestDatabase.DropDatabaseAsync(db);
    }

    [SetUp]
    public async Task NobodyIsAMemberAsync()
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.ExecuteAsync("update memberships set ended_at = now() where ended_at is null");
    }

    private Task<(ApiClient Client, Me Me)> Member(string? memberClass = "contributor", params string[] roles) => MemberAsync(api, db, memberClass, roles);

    private async Task<List<(ApiClient Client, Me Me)>> MembersAsync(int count)
    {
        var members = new List<(ApiClient, Me)>();
        for (var i = 0; i < count; i++) members.Add(await Member());
        return members;
    }

    /// <summary>Opens a draft among <paramref name="voters"/>' electorate, casts the given choices (by option role) and closes it.</summary>
    private async Task<JsonObject> VoteAsync(ApiClient author, ApiClient board, object draft, IEnumerable<(ApiClient Voter, string Role)> votes)
    {
        var (id, proposal) = await OpenedAsync(author, board, draft);
        foreach (var (voter, role) in votes) await voter.VotedAsync(id, proposal.OptionId(role));
        return await ClosedAsync(api, db, author, id);
    }

    [Test]
    public async Task Quorum_at_its_edge_ten_eligible_thirty_percent_two_voters_fail_three_pass()
    {
        var members = await MembersAsync(10);
        var (board, _) = await Member("worker", "board");
        var author = members[0].Client;

        var two = await VoteAsync(author, board, Draft(quorumBp: 3000), members.Take(2).Select(m => (m.Client, "yes")));
        var three = await VoteAsync(author, board, Draft(quorumBp: 3000), members.Take(3).Select(m => (m.Client, "yes")));
        // Abstaining counts toward the quorum.
        var abstaining = await VoteAsync(author, board, Draft(quorumBp: 3000), [(members[0].Client, "yes"), (members[1].Client, "abstain"), (members[2].Client, "abstain")]);
        Assert.Multiple(() =>
        {
            Assert.That(two["results"]!["eligible"]!.GetValue<int>(), Is.EqualTo(10), "the board member is a worker: not eligible");
            Assert.That(two["results"]!["turnoutBp"]!.GetValue<int>(), Is.EqualTo(2000));
            Assert.That(two["results"]!["quorumMet"]!.GetValue<bool>(), Is.False);
            Assert.That(two.Outcome(), Is.EqualTo("no_quorum"));
            Assert.That(three["results"]!["quorumMet"]!.GetValue<bool>(), Is.True);
            Assert.That(three.Outcome(), Is.EqualTo("carried"));
            Assert.That(abstaining.Outcome(), Is.EqualTo("carried"));
        });
    }

    [Test]
    public async Task Two_thirds_at_its_edge_two_to_one_carries_three_to_two_fails_and_an_ordinary_tie_fails()
    {
        var m = await MembersAsync(5);
        var (board, _) = await Member("founder", "board");
        var author = m[0].Client;

        var twoToOne = await VoteAsync(author, board, Draft(kind: "special"), [(m[0].Client, "yes"), (m[1].Client, "yes"), (m[2].Client, "no")]);
        var threeToTwo = await VoteAsync(author, board, Draft(kind: "special"),
            [(m[0].Client, "yes"), (m[1].Client, "yes"), (m[2].Client, "yes"), (m[3].Client, "no"), (m[4].Client, "no")]);
        var sameAsOrdinary = await VoteAsync(author, board, Draft(kind: "ordinary"),
            [(m[0].Client, "yes"), (m[1].Client, "yes"), (m[2].Client, "yes"), (m[3].Client, "no"), (m[4].Client, "no")]);
        var tie = await VoteAsync(author, board, Draft(kind: "ordinary"), [(m[0].Client, "yes"), (m[1].Client, "no"), (m[2].Client, "abstain")]);
        Assert.Multiple(() =>
        {
            Assert.That(twoToOne.Outcome(), Is.EqualTo("carried"), "3·2 ≥ 2·3");
            Assert.That(threeToTwo.Outcome(), Is.EqualTo("failed"), "3·3 < 2·5");
            Assert.That(sameAsOrdinary.Outcome(), Is.EqualTo("carried"), "3 > 2");
            Assert.That(tie.Outcome(), Is.EqualTo("tied"));
            Assert.That(tie.Votes(tie.OptionId("abstain")), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_carried_binding_proposal_raises_the_extended_rate_for_the_next_sale_once_and_a_failed_one_changes_nothing()
    {
        var m = await MembersAsync(3);
        var (board, _) = await Member("founder", "board");
        var (_, buyer) = await Member(memberClass: null);
        var author = m[0].Client;
        var change = new { royaltyRateExtendedBp = 8000 };

        Assert.That(await ExtendedRoyaltyAsync(buyer.Id, m[0].Me.Id), Is.EqualTo(7500), "before any vote");

        var failed = await VoteAsync(author, board, Draft(kind: "special", settingsChange: change),
            [(m[0].Client, "yes"), (m[1].Client, "no"), (m[2].Client, "no")]);
        Assert.That(failed.Outcome(), Is.EqualTo("failed"));
        Assert.That(failed["results"]!["settingsChangeId"], Is.Null);
        Assert.That(await ExtendedRoyaltyAsync(buyer.Id, m[0].Me.Id), Is.EqualTo(7500), "a failed proposal changes nothing");

        var (id, proposal) = await OpenedAsync(author, board, Draft(title: "Raise the Extended royalty rate to 80 %", settingsChange: change));
        Assert.That(proposal["settingsChange"]!["royaltyRateExtendedBp"]!.GetValue<int>(), Is.EqualTo(8000));
        await m[0].Client.VotedAsync(id, proposal.OptionId("yes"));
        await m[1].Client.VotedAsync(id, proposal.OptionId("yes"));
        await EndVotingAsync(db, id);
        var closes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CloseAsync(api, id)));
        Assert.That(closes.Count(c => c), Is.EqualTo(1));
        Assert.That(await CloseAsync(api, id), Is.False, "a re-run is harmless");

        var carried = await (await author.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(carried.Outcome(), Is.EqualTo("carried"));
        var changeId = carried["results"]!["settingsChangeId"]!.GetValue<Guid>();
        Assert.That(await ExtendedRoyaltyAsync(buyer.Id, m[0].Me.Id), Is.EqualTo(8000), "the next sale pays the new rate");

        await using var connection = new NpgsqlConnection(db);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from settings_changes where proposal_id = @id", new { id }), Is.EqualTo(1));
        var history = await (await author.GetAsync("/api/v1/coop/settings/history")).JsonAsync(HttpStatusCode.OK);
        var entry = history["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == changeId)!;
        Assert.Multiple(() =>
        {
            Assert.That(entry["authority"]!["proposalId"]!.GetValue<Guid>(), Is.EqualTo(id));
            Assert.That(entry["authority"]!["votesFor"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    /// <summary>What a 100.00 all-extended sale of a fresh photo of <paramref name="ownerId"/> pays them, in basis points.</summary>
    private async Task<int> ExtendedRoyaltyAsync(Guid buyerId, Guid ownerId)
    {
        var asset = await ReviewTests.SubmittedAssetAsync(db, ownerId, status: "published");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var (orderId, lines) = await RoyaltyArrange.OrderAsync(connection, tx, buyerId, new LineSpec(asset, 10000, 10000));
        var outcome = await Fulfilment.MarkPaidAsync(connection, tx, orderId, "demo", $"demo_{orderId:N}", 10000, "USD", DateTimeOffset.UtcNow);
        Assert.That(outcome, Is.EqualTo(FulfilmentOutcome.Fulfilled));
        await tx.CommitAsync();
        var royalty = await connection.ExecuteScalarAsync<long>("""
            select -p.amount from ledger_journals j join ledger_postings p on p.journal_id = j.id join ledger_accounts a on a.id = p.account_id
            where j.external_ref = @r and a.kind = 'royalties_payable'
            """, new { r = $"sale:{lines[0]}" });
        return (int)royalty;
    }

    [Test]
    public async Task An_election_seats_the_most_approved_grants_the_board_role_and_ends_the_previous_board()
    {
        var (oldBoard, oldBoardMe) = await Member("founder", "board");
        var (admin, adminMe) = await Member("worker", "admin");
        var (ana, anaMe) = await Member();
        var (ben, benMe) = await Member();
        var (cy, cyMe) = await Member();
        var (dee, _) = await Member();

        var draft = await ana.DraftAsync(Draft(kind: "election", candidateIds: [anaMe.Id, benMe.Id, cyMe.Id], seats: 2, classes: ["contributor", "founder", "worker"]));
        Assert.That(draft["options"]!.AsArray().Select(o => o!["role"]!.GetValue<string>()), Is.All.EqualTo("candidate"));
        var id = draft["id"]!.GetValue<Guid>();
        var opened = await oldBoard.OpenAsync(id);
        var (a, b, c) = (opened.CandidateOption(anaMe.Id), opened.CandidateOption(benMe.Id), opened.CandidateOption(cyMe.Id));
        await ana.VotedAsync(id, a, b);
        await ben.VotedAsync(id, b);
        await cy.VotedAsync(id, c, b, a);
        await dee.VotedAsync(id, a);
        await (await oldBoard.VoteAsync(id)).ProblemAsync(HttpStatusCode.BadRequest);

        var closed = await ClosedAsync(api, db, ana, id);
        Assert.Multiple(() =>
        {
            Assert.That(closed.Votes(a), Is.EqualTo(3));
            Assert.That(closed.Votes(b), Is.EqualTo(3));
            Assert.That(closed.Votes(c), Is.EqualTo(1));
            Assert.That(closed.Outcome(), Is.EqualTo("elected"));
            Assert.That(closed["results"]!["elected"]!.AsArray().Select(e => e!.GetValue<Guid>()), Is.EquivalentTo(new[] { anaMe.Id, benMe.Id }));
        });
        Assert.Multiple(async () =>
        {
            Assert.That((await ana.MeAsync()).Roles, Does.Contain("board"));
            Assert.That((await ben.MeAsync()).Roles, Does.Contain("board"));
            Assert.That((await cy.MeAsync()).Roles, Does.Not.Contain("board"));
            Assert.That((await oldBoard.MeAsync()).Roles, Does.Not.Contain("board"), "the previous board's term ended");
            Assert.That((await admin.MeAsync()).Roles, Does.Contain("admin"), "admins keep their role");
        });
        await (await oldBoard.PostAsync($"/api/v1/proposals/{id}/withdraw")).ProblemAsync(HttpStatusCode.Forbidden);

        await using var connection = new NpgsqlConnection(db);
        var terms = (await connection.QueryAsync<(Guid UserId, bool Open)>(
            "select user_id, ended_at is null from board_terms where proposal_id = @id", new { id })).ToList();
        Assert.That(terms, Is.EquivalentTo(new[] { (anaMe.Id, true), (benMe.Id, true) }));
        _ = adminMe;
        _ = oldBoardMe;

        // A tie across the last seat leaves it empty and says so; the sitting board stays as far as nobody is seated.
        var rerun = await ana.DraftAsync(Draft(kind: "election", candidateIds: [anaMe.Id, benMe.Id, cyMe.Id], seats: 1));
        var rerunId = rerun["id"]!.GetValue<Guid>();
        var reopened = await ana.OpenAsync(rerunId);
        await ana.VotedAsync(rerunId, reopened.CandidateOption(anaMe.Id));
        await ben.VotedAsync(rerunId, reopened.CandidateOption(benMe.Id));
        var tied = await ClosedAsync(api, db, ana, rerunId);
        Assert.That(tied.Outcome(), Is.EqualTo("tied"));
        Assert.That(tied["results"]!["elected"]!.AsArray(), Is.Empty);
        Assert.That((await ben.MeAsync()).Roles, Does.Contain("board"));
    }

    [Test]
    public async Task The_sweep_closes_every_overdue_vote_once_and_a_rerun_changes_nothing()
    {
        var m = await MembersAsync(2);
        var (board, _) = await Member("founder", "board");
        var (first, p1) = await OpenedAsync(m[0].Client, board, Draft());
        var (second, _) = await OpenedAsync(m[0].Client, board, Draft());
        var (later, _) = await OpenedAsync(m[0].Client, board, Draft());
        await m[1].Client.VotedAsync(first, p1.OptionId("yes"));
        await EndVotingAsync(db, first);
        await EndVotingAsync(db, second);

        await using var scope = api.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<MediaCoop.Api.Governance.ProposalClosing>();
        Assert.That(await job.CloseDueAsync(CancellationToken.None), Is.EqualTo(2));
        Assert.That(await job.CloseDueAsync(CancellationToken.None), Is.Zero);
        var statuses = await Task.WhenAll(new[] { first, second, later }.Select(async id =>
            (await (await board.GetAsync($"/api/v1/proposals/{id}")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>()));
        Assert.That(statuses, Is.EqualTo(new[] { "closed", "closed", "open" }));
    }
}
