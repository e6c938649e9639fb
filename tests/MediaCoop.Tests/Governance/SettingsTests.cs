using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Governance;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using MediaCoop.Tests.Royalties;
using Npgsql;
using static MediaCoop.Tests.Royalties.CoopFixtures;

namespace MediaCoop.Tests.Governance;

/// <summary>
/// The co-op's settings change only by a recorded change: a carried proposal, or an admin with a reason every member
/// reads. The test database is shared: tests that commit a change set a patronage pool for an old year of their own
/// (which nothing else reads); rate changes happen inside transactions that are rolled back.
/// </summary>
public sealed class SettingsTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>A past year no other test touches (patronage tests take theirs from the same counter).</summary>
    private static int PoolYear() => UnusedYear();

    private static object PoolChange(int year, long amount, string currency = "USD", string? reason = "The AGM agreed the pool by show of hands.") =>
        new { change = new { patronagePool = new { year, pool = new { amount, currency } } }, reason };

    [Test]
    public async Task Non_members_may_not_see_the_settings_the_meetings_or_the_directory_and_strangers_must_sign_in()
    {
        var (buyer, _) = await Users.SignedInAsync(Api);
        using var anonymous = Api.NewClient();
        foreach (var path in new[] { "/api/v1/coop/settings", "/api/v1/coop/settings/history", "/api/v1/coop/meetings", "/api/v1/members/directory" })
        {
            var refused = await (await buyer.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(refused["title"]!.GetValue<string>(), Is.EqualTo("Members only"), path);
            await (await anonymous.GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);
        }
        // Not even an admin without a membership changes the members' settings.
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        await (await admin.PostAsync("/api/v1/coop/settings/changes", PoolChange(1900, 100))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_member_reads_the_settings_in_force_in_plain_figures()
    {
        var (member, _) = await MemberSignedInAsync();
        var settings = await (await member.GetAsync("/api/v1/coop/settings")).JsonAsync(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(settings["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
            Assert.That(settings["royaltyRateStandardBp"]!.GetValue<int>(), Is.EqualTo(5000));
            Assert.That(settings["royaltyRateExtendedBp"]!.GetValue<int>(), Is.EqualTo(7500));
            Assert.That(settings["patronageClassShares"]!["contributor"]!.GetValue<int>(), Is.EqualTo(9000));
            var small = settings["licensePrices"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "small")!;
            Assert.That(small["price"]!["amount"]!.GetValue<long>(), Is.EqualTo(1500));
            var freeze = settings["licensePrices"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "market-freeze")!;
            Assert.That(freeze["price"], Is.Null, "priced by quote");
        });
    }

    [Test]
    public async Task Only_an_admin_changes_settings_without_a_vote_and_only_with_a_reason()
    {
        var (member, _) = await MemberSignedInAsync();
        var (board, _) = await MemberSignedInAsync("worker", "board");
        var (admin, _) = await MemberSignedInAsync("worker", "admin");
        var year = PoolYear();

        await (await member.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 100))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await board.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 100))).ProblemAsync(HttpStatusCode.Forbidden);
        var noReason = await (await admin.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 100, reason: null))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(noReason["errors"]!["reason"]![0]!.GetValue<string>(), Does.Contain("every member reads it"));
        await (await admin.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 100, reason: "   "))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("{}", "names no setting")]
    [TestCase("""{"royaltyRateStandardBp": 12000}""", "between 0 and 10000")]
    [TestCase("""{"royaltyRateExtendedBp": -1}""", "between 0 and 10000")]
    [TestCase("""{"patronageCashBp": 10001}""", "between 0 and 10000")]
    [TestCase("""{"payoutThresholdMinor": -5}""", "payout threshold")]
    [TestCase("""{"payoutThresholdMinor": 100000000000}""", "payout threshold")]
    [TestCase("""{"patronageClassShares": {"contributor": 9000, "worker": 500}}""", "add up to 10000")]
    [TestCase("""{"patronageClassShares": {"contributor": 9000, "worker": 500, "investor": 500}}""", "\"investor\" is not one of them")]
    [TestCase("""{"licensePrices": {"giant": 1000}}""", "no licence option \"giant\"")]
    [TestCase("""{"licensePrices": {"small": 0}}""", "positive amount")]
    [TestCase("""{"licensePrices": {"market-freeze": 1000}}""", "priced by quote")]
    [TestCase("""{"patronagePool": {"year": 3000, "pool": {"amount": 100, "currency": "USD"}}}""", "closed fiscal year")]
    [TestCase("""{"patronagePool": {"year": 1905, "pool": {"amount": 0, "currency": "USD"}}}""", "positive amount")]
    [TestCase("""{"patronagePool": {"year": 1905, "pool": {"amount": 100, "currency": "EUR"}}}""", "co-op's currency, USD")]
    public async Task An_invalid_change_is_refused_with_what_to_fix_and_changes_nothing(string change, string message)
    {
        var (admin, me) = await MemberSignedInAsync("worker", "admin");
        var refused = await (await admin.PostAsync("/api/v1/coop/settings/changes",
            new { change = JsonNode.Parse(change), reason = "Testing the rules" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain(message));
        await using var connection = await OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from settings_changes where admin_user_id = @id", new { id = me.Id }), Is.Zero);
    }

    [Test]
    public async Task An_admin_change_is_recorded_with_its_reason_shown_in_the_history_and_told_to_every_member()
    {
        var (admin, adminMe) = await MemberSignedInAsync("worker", "admin");
        var (member, _) = await MemberSignedInAsync();
        var (buyer, _) = await Users.SignedInAsync(Api);
        var year = PoolYear();
        var reason = $"Correcting the {year} pool the AGM agreed: {Guid.NewGuid():N}";

        var created = await (await admin.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 250_000, reason: reason))).JsonAsync(HttpStatusCode.Created);
        Assert.That(created["authority"]!["kind"]!.GetValue<string>(), Is.EqualTo("admin"));

        var history = await (await member.GetAsync("/api/v1/coop/settings/history")).JsonAsync(HttpStatusCode.OK);
        var entry = history["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == created["id"]!.GetValue<Guid>())!;
        var line = entry["changes"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(entry["authority"]!["admin"]!["id"]!.GetValue<Guid>(), Is.EqualTo(adminMe.Id));
            Assert.That(entry["authority"]!["reason"]!.GetValue<string>(), Is.EqualTo(reason));
            Assert.That(entry["authority"]!["proposalId"], Is.Null);
            Assert.That(line["setting"]!.GetValue<string>(), Is.EqualTo($"patronagePool:{year}"));
            Assert.That(line["label"]!.GetValue<string>(), Is.EqualTo($"Patronage pool for {year}"));
            Assert.That(line["to"]!["money"]!["amount"]!.GetValue<long>(), Is.EqualTo(250_000));
            Assert.That(line["from"], Is.Null, "the year had no pool before");
        });
        var settings = await (await member.GetAsync("/api/v1/coop/settings")).JsonAsync(HttpStatusCode.OK);
        Assert.That(settings["patronagePools"]!.AsArray().Single(p => p!["year"]!.GetValue<int>() == year)!["pool"]!["amount"]!.GetValue<long>(), Is.EqualTo(250_000));

        // Every member is told, with the reason; a buyer is not a member.
        var told = await (await member.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(told.ToJsonString(), Does.Contain(reason));
        var notTold = await (await buyer.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(notTold.ToJsonString(), Does.Not.Contain(reason));

        // A second change records where the first left the pool.
        var second = await (await admin.PostAsync("/api/v1/coop/settings/changes", PoolChange(year, 300_000))).JsonAsync(HttpStatusCode.Created);
        Assert.That(second["changes"]![0]!["from"]!["money"]!["amount"]!.GetValue<long>(), Is.EqualTo(250_000));
    }

    [Test]
    public async Task The_database_refuses_a_settings_write_that_no_recorded_change_authorises()
    {
        await using var connection = await OpenAsync();
        var refused = Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("update coop_settings set value = '9000' where key = 'royalty_rate_standard_bp'"));
        Assert.That(refused!.MessageText, Does.Contain("only through a recorded settings change"));
        Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from coop_settings where key = 'payout_hold_days'"));
        Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("update license_options set amount = 1 where code = 'small'"));
        Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "insert into patronage_pool_decisions (year, amount, currency, change_id) values (1901, 1, 'USD', gen_random_uuid())"));

        // Naming a change that was never recorded does not open the guard.
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("select set_config('mediacoop.settings_change', @id, true)", new { id = Guid.NewGuid().ToString() }, tx);
            Assert.ThrowsAsync<PostgresException>(() =>
                connection.ExecuteAsync("update coop_settings set value = '9000' where key = 'royalty_rate_standard_bp'", transaction: tx));
        }
        // What is not a setting (a licence's label) stays editable; nothing changed.
        await connection.ExecuteAsync("update license_options set label = label where code = 'small'");
        Assert.That(await connection.ExecuteScalarAsync<string>("select value::text from coop_settings where key = 'royalty_rate_standard_bp'"), Is.EqualTo("5000"));
    }

    private sealed record Payable
    {
        public long Amount { get; init; }
        public int RateBp { get; init; }
    }

    [Test]
    public async Task A_sale_after_a_rate_change_uses_the_new_rate_and_one_before_it_the_old()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (_, buyer) = await Users.SignedInAsync(Api);
        var (_, admin) = await Users.SignedInAsync(Api, "admin");
        var before = await RoyaltyArrange.PhotoAsync(owner.Id);
        var after = await RoyaltyArrange.PhotoAsync(owner.Id);

        // One transaction, rolled back: other tests running meanwhile keep selling at the shared database's rates.
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        async Task<Payable> SellAsync(Guid assetId)
        {
            var (orderId, lines) = await RoyaltyArrange.OrderAsync(connection, tx, buyer.Id, new LineSpec(assetId, 10000));
            await Fulfilment.MarkPaidAsync(connection, tx, orderId, "demo", $"demo_{orderId:N}", 10000, "USD", DateTimeOffset.UtcNow);
            return await connection.QuerySingleAsync<Payable>("""
                select p.amount, p.rate_bp from ledger_journals j join ledger_postings p on p.journal_id = j.id
                join ledger_accounts a on a.id = p.account_id
                where j.external_ref = @r and a.kind = 'royalties_payable'
                """, new { r = $"sale:{lines[0]}" }, tx);
        }

        var old = await SellAsync(before);
        var change = new SettingsChange { RoyaltyRateStandardBp = 6500 };
        Assert.That(await SettingsChanges.CheckAsync(connection, change), Is.Null);
        var changeId = await SettingsChanges.ApplyAsync(connection, tx, change, SettingsAuthority.Admin(admin.Id, "Test: rate raised"));
        var next = await SellAsync(after);
        var recorded = await connection.ExecuteScalarAsync<string>("select changes::text from settings_changes where id = @changeId", new { changeId }, tx);
        await tx.RollbackAsync();

        Assert.Multiple(() =>
        {
            Assert.That((old.Amount, old.RateBp), Is.EqualTo((-5000L, 5000)));
            Assert.That((next.Amount, next.RateBp), Is.EqualTo((-6500L, 6500)));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(recorded!), JsonNode.Parse("""[{"setting":"royaltyRateStandardBp","from":5000,"to":6500}]""")), recorded);
        });
    }

    [Test]
    public async Task A_change_a_proposal_authorised_shows_the_proposal_and_is_applied_once()
    {
        var (member, _) = await MemberSignedInAsync();
        var (_, author) = await MemberSignedInAsync();
        var proposalId = Guid.CreateVersion7();
        var year = PoolYear();
        await using var connection = await OpenAsync();
        // The proposals table belongs to the governance part (migration 31): where it exists, the history joins it.
        var withProposals = await connection.ExecuteScalarAsync<bool>("select to_regclass('public.proposals') is not null");
        if (withProposals) await ClosedProposalAsync(connection, proposalId, author.Id);

        var change = new SettingsChange { PatronagePool = new PatronagePoolChange(year, new Money(123_400, "USD")) };
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await SettingsChanges.ApplyAsync(connection, tx, change, SettingsAuthority.Proposal(proposalId));
            await tx.CommitAsync();
        }
        // A retried close cannot apply the same proposal's change twice.
        await using (var again = await connection.BeginTransactionAsync())
        {
            var twice = Assert.ThrowsAsync<PostgresException>(() => SettingsChanges.ApplyAsync(connection, again, change, SettingsAuthority.Proposal(proposalId)));
            Assert.That(twice!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        }

        var history = await (await member.GetAsync("/api/v1/coop/settings/history")).JsonAsync(HttpStatusCode.OK);
        var authority = history["items"]!.AsArray().Single(i => i!["authority"]!["proposalId"]?.GetValue<Guid>() == proposalId)!["authority"]!;
        Assert.That(authority["kind"]!.GetValue<string>(), Is.EqualTo("proposal"));
        Assert.That(authority["admin"], Is.Null);
        if (withProposals)
            Assert.Multiple(() =>
            {
                Assert.That(authority["proposalTitle"]!.GetValue<string>(), Is.EqualTo("Set the patronage pool"));
                Assert.That(authority["outcome"]!.GetValue<string>(), Is.EqualTo("carried"));
                Assert.That((authority["votesFor"]!.GetValue<int>(), authority["votesAgainst"]!.GetValue<int>()), Is.EqualTo((7, 2)));
                Assert.That(authority["turnoutBp"]!.GetValue<int>(), Is.EqualTo(9000));
            });
    }

    /// <summary>A closed, carried proposal as the governance part records it (shape of migration 31: check at merge).</summary>
    private static async Task ClosedProposalAsync(NpgsqlConnection connection, Guid id, Guid authorId)
    {
        Guid yes = Guid.CreateVersion7(), no = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            insert into proposals (id, kind, title, body_markdown, body_html, status, author_id, quorum_bp, opens_at, closes_at,
                                   eligible_classes, closed_at, result)
            values (@id, 'ordinary', 'Set the patronage pool', 'Pool', '<p>Pool</p>', 'closed', @authorId, 2000,
                    now() - interval '8 days', now() - interval '1 day', array['contributor'], now() - interval '1 day', null);
            insert into proposal_options (id, proposal_id, label, role, sort) values (@yes, @id, 'Yes', 'yes', 1), (@no, @id, 'No', 'no', 2);
            update proposals set result = jsonb_build_object('outcome', 'carried', 'eligible', 10, 'voted', 9, 'turnoutBp', 9000,
                'counts', jsonb_build_array(jsonb_build_object('optionId', @yes, 'votes', 7), jsonb_build_object('optionId', @no, 'votes', 2)))
            where id = @id;
            """, new { id, authorId, yes, no });
    }

    [Test]
    public async Task Recording_patronage_allocates_the_pool_the_members_set_and_nothing_else()
    {
        var (admin, adminMe) = await Users.SignedInAsync(Api, "admin");
        var (_, founder) = await Users.SignedInAsync(Api);
        var year = UnusedYear();
        await MemberAsync(founder.Id, "founder", At(year, 1), At(year, 12, 31));
        await SettingsSupport.ApplyAsAdminAsync(TestDatabase.ConnectionString, adminMe.Id,
            new SettingsChange { PatronagePool = new PatronagePoolChange(year, new Money(5_000_000, "USD")) }, "AGM resolution 3");

        var other = await (await admin.PostAsync($"/api/v1/admin/patronage/{year}", new { pool = new { amount = 4_000_000, currency = "USD" } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(other["detail"]!.GetValue<string>(), Does.Contain("5000000 USD"));
        var allocated = await (await admin.PostAsync($"/api/v1/admin/patronage/{year}", new { pool = new { amount = 5_000_000, currency = "USD" } }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.That(allocated["pool"]!["amount"]!.GetValue<long>(), Is.EqualTo(5_000_000));

        // Once allocated, the year's pool is history: no change can move it.
        await using var connection = await OpenAsync();
        var late = await SettingsChanges.CheckAsync(connection, new SettingsChange { PatronagePool = new PatronagePoolChange(year, new Money(6_000_000, "USD")) });
        Assert.That(late, Does.Contain("already been allocated"));
    }
}
