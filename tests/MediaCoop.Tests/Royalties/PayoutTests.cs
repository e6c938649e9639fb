using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Licensing;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MediaCoop.Tests.Licensing.StripeSupport;

namespace MediaCoop.Tests.Royalties;

/// <summary>
/// Stripe Connect payouts through the local Stripe fake. Every test makes its own contributors with their own
/// Stripe account ids; a run started by one test may pay another test's contributors, so tests assert only on
/// their own members' payouts and transfers, never on a run's totals.
/// </summary>
public sealed class PayoutTests
{
    private static FakeStripe Fake => FakeStripeApi;

    private sealed record Contributor(ApiClient Client, Guid Id, string Account);

    private static async Task<Contributor> ContributorAsync(string status = "enabled", bool hold = false)
    {
        var (client, me) = await Users.SignedInAsync(StripeHost, "contributor");
        var account = $"acct_test_{Guid.NewGuid():N}"[..26];
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("""
            insert into payout_accounts (user_id, stripe_account_id, status, hold) values (@Id, @account, @status, @hold)
            """, new { me.Id, account, status, hold });
        return new Contributor(client, me.Id, account);
    }

    /// <summary>A royalty credited as a sale's journal would credit it, <paramref name="daysAgo"/> days ago.</summary>
    private static async Task CreditAsync(Guid userId, long royalty, int daysAgo = 45)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Ledger.PostAsync(connection, transaction, new LedgerJournal($"sale:test-{Guid.NewGuid()}", "sale", DateTimeOffset.UtcNow.AddDays(-daysAgo),
            "Test sale", "USD",
            [
                new LedgerLine(AccountKinds.PaymentsClearing, null, royalty * 2),
                new LedgerLine(AccountKinds.Revenue, null, -royalty * 2),
                new LedgerLine(AccountKinds.RoyaltyExpense, null, royalty),
                new LedgerLine(AccountKinds.RoyaltiesPayable, userId, -royalty, 10000, 5000),
            ]));
        await transaction.CommitAsync();
    }

    private static readonly Lazy<Task<ApiClient>> AdminClient = new(async () => (await Users.SignedInAsync(StripeHost, "admin")).Client);

    private static async Task<JsonObject> RunAsync()
    {
        var admin = await AdminClient.Value;
        return await (await admin.PostAsync("/api/v1/admin/payouts/run")).JsonAsync(HttpStatusCode.OK);
    }

    private sealed record PayoutRow
    {
        public Guid Id { get; init; }
        public long Amount { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public string? StripeTransferId { get; init; }
        public string TransferGroup { get; init; } = "";
    }

    private static async Task<List<PayoutRow>> PayoutsOfAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return [.. await connection.QueryAsync<PayoutRow>("""
            select id, amount, status, attempts, last_error, stripe_transfer_id, transfer_group from payouts where user_id = @userId
            """, new { userId })];
    }

    private static async Task<long> PayableAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, userId, "USD");
    }

    private static async Task<int> JournalsAsync(string externalRef)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*)::int from ledger_journals where external_ref = @externalRef", new { externalRef });
    }

    /// <summary>The retry job's work for one payout, as if its backoff had passed.</summary>
    private static async Task<string> RetryNowAsync(Guid payoutId, TimeSpan? age = null)
    {
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("""
                update payouts set next_attempt_at = now(), created_at = now() - @age where id = @payoutId
                """, new { payoutId, age = age ?? TimeSpan.FromMinutes(10) });
        using var scope = StripeHost.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Payouts>().AttemptAsync(payoutId, CancellationToken.None);
    }

    private static IEnumerable<StripeCall> TransferCreations(Guid payoutId) =>
        Fake.Calls.Where(c => c is { Method: "POST", Path: "/v1/transfers" } && c.Form.GetValueOrDefault("metadata[payout_id]") == payoutId.ToString());

    [Test]
    public async Task Connecting_creates_one_express_account_returns_an_onboarding_link_and_account_updated_enables_it()
    {
        var (client, me) = await Users.SignedInAsync(StripeHost, "contributor");

        var first = await (await client.PostAsync("/api/v1/me/payouts/connect")).JsonAsync(HttpStatusCode.OK);
        var second = await (await client.PostAsync("/api/v1/me/payouts/connect")).JsonAsync(HttpStatusCode.OK);
        Assert.That(first["url"]!.GetValue<string>(), Does.StartWith("https://connect.stripe.test/setup/"));
        Assert.That(second["url"]!.GetValue<string>(), Does.StartWith("https://connect.stripe.test/setup/"));

        var creations = Fake.Calls.Where(c => c is { Method: "POST", Path: "/v1/accounts" } && c.Form.GetValueOrDefault("metadata[user_id]") == me.Id.ToString()).ToList();
        Assert.That(creations, Has.Count.EqualTo(1), "the second click reuses the stored account");
        Assert.Multiple(() =>
        {
            Assert.That(creations[0].IdempotencyKey, Is.EqualTo($"connect-{me.Id}"));
            Assert.That(creations[0].Form.GetValueOrDefault("controller[stripe_dashboard][type]"), Is.EqualTo("express"));
            Assert.That(creations[0].Form.GetValueOrDefault("capabilities[transfers][requested]"), Is.EqualTo("true"));
        });

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var accountId = await connection.ExecuteScalarAsync<string>("select stripe_account_id from payout_accounts where user_id = @Id", new { me.Id });
        var links = Fake.Calls.Where(c => c is { Method: "POST", Path: "/v1/account_links" } && c.Form.GetValueOrDefault("account") == accountId).ToList();
        Assert.That(links, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(links[0].Form["type"], Is.EqualTo("account_onboarding"));
            Assert.That(links[0].Form["refresh_url"], Does.StartWith("https://coop.test/account/payouts"));
            Assert.That(links[0].Form["return_url"], Does.StartWith("https://coop.test/account/payouts"));
        });

        var mine = await (await client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["account"]!["status"]!.GetValue<string>(), Is.EqualTo("onboarding"));

        // Stripe's account.updated once the member finished onboarding: transfers active, payouts on.
        var account = new JsonObject
        {
            ["id"] = accountId, ["object"] = "account", ["type"] = "express", ["payouts_enabled"] = true, ["charges_enabled"] = false,
            ["details_submitted"] = true, ["capabilities"] = new JsonObject { ["transfers"] = "active" },
            ["metadata"] = new JsonObject { ["user_id"] = me.Id.ToString() },
        };
        // Sent to the Connect endpoint, signed with its own secret.
        var enabled = Event(NewEventId(), "account.updated", account);
        var connectSignature = Stripe.EventUtility.GenerateSignatureHeader(enabled, ConnectWebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.That(await OutcomeOfAsync(await DeliverAsync(enabled, connectSignature)), Is.EqualTo("payout-account-enabled"));
        mine = await (await client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["account"]!["status"]!.GetValue<string>(), Is.EqualTo("enabled"));

        // Stripe needs more details later: no more payouts until they are given.
        account["payouts_enabled"] = false;
        Assert.That(await OutcomeOfAsync(await DeliverSignedAsync(Event(NewEventId(), "account.updated", account))), Is.EqualTo("payout-account-onboarding"));
    }

    [Test]
    public async Task A_run_pays_the_available_balance_once_with_our_ids_and_a_second_run_pays_nothing_more()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 4000);
        await CreditAsync(member.Id, 1200, daysAgo: 3); // still in the 30-day hold

        await RunAsync();
        await RunAsync();

        var payouts = await PayoutsOfAsync(member.Id);
        Assert.That(payouts, Has.Count.EqualTo(1));
        var payout = payouts[0];
        Assert.Multiple(() =>
        {
            Assert.That(payout.Amount, Is.EqualTo(4000));
            Assert.That(payout.Status, Is.EqualTo("paid"));
            Assert.That(payout.TransferGroup, Is.EqualTo($"payout_{payout.Id}"));
        });
        var calls = TransferCreations(payout.Id).ToList();
        Assert.That(calls, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(calls[0].IdempotencyKey, Is.EqualTo($"payout-{payout.Id}"));
            Assert.That(calls[0].Form["amount"], Is.EqualTo("4000"));
            Assert.That(calls[0].Form["currency"], Is.EqualTo("usd"));
            Assert.That(calls[0].Form["destination"], Is.EqualTo(member.Account));
            Assert.That(calls[0].Form["transfer_group"], Is.EqualTo($"payout_{payout.Id}"));
            Assert.That(calls[0].Form["metadata[user_id]"], Is.EqualTo(member.Id.ToString()));
        });
        Assert.That(Fake.TransfersTo(member.Account), Has.Count.EqualTo(1));
        Assert.That(Fake.TransfersTo(member.Account)[0]["id"]!.GetValue<string>(), Is.EqualTo(payout.StripeTransferId));

        // The books: paid out and settled once; what is left owed is the royalty still on hold.
        Assert.That(await JournalsAsync($"payout:{payout.Id}"), Is.EqualTo(1));
        Assert.That(await JournalsAsync($"payout_settled:{payout.Id}"), Is.EqualTo(1));
        Assert.That(await PayableAsync(member.Id), Is.EqualTo(-1200));

        var mine = await (await member.Client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        var item = mine["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item["id"]!.GetValue<Guid>(), Is.EqualTo(payout.Id));
            Assert.That(item["amount"]!["amount"]!.GetValue<long>(), Is.EqualTo(4000));
            Assert.That(item["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(mine["threshold"]!["amount"]!.GetValue<long>(), Is.EqualTo(2500));
            Assert.That(mine["account"]!["status"]!.GetValue<string>(), Is.EqualTo("enabled"));
        });
    }

    [Test]
    public async Task A_lost_answer_is_retried_with_the_same_idempotency_key_and_pays_once()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 3000);
        Fake.FailTransfers(member.Account, TransferFault.LostAnswer);

        await RunAsync();
        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(payout.Status, Is.EqualTo("pending"), $"the answer never came: we do not know yet ({payout.LastError})");
            Assert.That(payout.Attempts, Is.EqualTo(1));
            Assert.That(payout.LastError, Is.Not.Null);
        });
        Assert.That(Fake.TransfersInGroup($"payout_{payout.Id}"), Has.Count.EqualTo(1), "Stripe did make the transfer");

        Assert.That(await RetryNowAsync(payout.Id), Is.EqualTo("paid"));
        Assert.That(await RetryNowAsync(payout.Id), Is.EqualTo("paid"), "a paid payout is not tried again");

        var calls = TransferCreations(payout.Id).ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(calls.Select(c => c.IdempotencyKey), Is.All.EqualTo($"payout-{payout.Id}"));
        var transfers = Fake.TransfersInGroup($"payout_{payout.Id}");
        Assert.That(transfers, Has.Count.EqualTo(1));
        var after = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(after.StripeTransferId, Is.EqualTo(transfers[0]["id"]!.GetValue<string>()));
        Assert.That(await JournalsAsync($"payout_settled:{payout.Id}"), Is.EqualTo(1));
        Assert.That(await PayableAsync(member.Id), Is.Zero);
    }

    [Test]
    public async Task A_retry_after_stripe_forgot_the_key_adopts_the_transfer_found_by_its_group()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 2600);
        Fake.FailTransfers(member.Account, TransferFault.LostAnswer);
        await RunAsync();
        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(payout.Status, Is.EqualTo("pending"));

        // A day later Stripe no longer remembers the key: a second create would be a second transfer.
        Fake.ForgetIdempotencyKey($"payout-{payout.Id}");
        Assert.That(await RetryNowAsync(payout.Id, age: TimeSpan.FromHours(25)), Is.EqualTo("paid"));

        Assert.That(TransferCreations(payout.Id).Count(), Is.EqualTo(1), "no second create");
        Assert.That(Fake.Calls.Any(c => c is { Method: "GET", Path: "/v1/transfers" } && c.Form.GetValueOrDefault("transfer_group") == $"payout_{payout.Id}"));
        var transfers = Fake.TransfersInGroup($"payout_{payout.Id}");
        Assert.That(transfers, Has.Count.EqualTo(1));
        Assert.That((await PayoutsOfAsync(member.Id)).Single().StripeTransferId, Is.EqualTo(transfers[0]["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task A_node_without_stripe_refuses_a_run_and_says_what_to_set()
    {
        var (admin, _) = await Users.SignedInAsync(ApiFactory.Shared, "admin");
        var problem = await (await admin.PostAsync("/api/v1/admin/payouts/run")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Payments:Stripe:SecretKey"));
    }

    [Test]
    public async Task Two_runs_at_once_make_one_payout_and_one_transfer()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 3100);

        await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(payout.Status, Is.EqualTo("paid"));
        Assert.That(Fake.TransfersTo(member.Account), Has.Count.EqualTo(1));
        Assert.That(await PayableAsync(member.Id), Is.Zero);
    }

    [Test]
    public async Task Below_threshold_on_hold_in_the_hold_period_or_not_enabled_gets_no_payout()
    {
        var small = await ContributorAsync();
        await CreditAsync(small.Id, 2499);
        var holding = await ContributorAsync();
        var hold = await (await holding.Client.PutAsync("/api/v1/me/payouts/hold", new { hold = true })).JsonAsync(HttpStatusCode.OK);
        Assert.That(hold["holdPayouts"]!.GetValue<bool>(), Is.True);
        await CreditAsync(holding.Id, 9000);
        var recent = await ContributorAsync();
        await CreditAsync(recent.Id, 9000, daysAgo: 10);
        var onboarding = await ContributorAsync(status: "onboarding");
        await CreditAsync(onboarding.Id, 9000);

        await RunAsync();

        foreach (var member in new[] { small, holding, recent, onboarding })
            Assert.That(await PayoutsOfAsync(member.Id), Is.Empty);
        var mine = await (await holding.Client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(mine["account"]!["holdPayouts"]!.GetValue<bool>(), Is.True);

        // Released, the held royalties go out with the next run.
        await (await holding.Client.PutAsync("/api/v1/me/payouts/hold", new { hold = false })).JsonAsync(HttpStatusCode.OK);
        await RunAsync();
        Assert.That((await PayoutsOfAsync(holding.Id)).Single().Amount, Is.EqualTo(9000));
    }

    [Test]
    public async Task A_refused_transfer_fails_the_payout_owes_the_money_again_and_shows_to_the_member_and_admins()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 5000);
        Fake.FailTransfers(member.Account, TransferFault.Declined);

        await RunAsync();

        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(payout.Status, Is.EqualTo("failed"));
        Assert.That(await JournalsAsync($"payout_failed:{payout.Id}"), Is.EqualTo(1));
        Assert.That(await PayableAsync(member.Id), Is.EqualTo(-5000), "owed again");

        var mine = await (await member.Client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        var item = mine["items"]!.AsArray().Single()!;
        Assert.That(item["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(item["failureReason"]!.GetValue<string>(), Does.Contain("onboarding"));

        var admin = await AdminClient.Value;
        var failed = await (await admin.GetAsync($"/api/v1/admin/payouts?status=failed&userId={member.Id}")).JsonAsync(HttpStatusCode.OK);
        var row = failed["items"]!.AsArray().Single()!;
        Assert.That(row["id"]!.GetValue<Guid>(), Is.EqualTo(payout.Id));
        Assert.That(row["lastError"]!.GetValue<string>(), Does.Contain("onboarding"));
        await (await admin.GetAsync("/api/v1/admin/payouts?status=lost")).ProblemAsync(HttpStatusCode.BadRequest);

        // The member finished onboarding: the next run pays what was owed, and the failed payout stays on record.
        await RunAsync();
        var payouts = await PayoutsOfAsync(member.Id);
        Assert.That(payouts.Select(p => (p.Amount, p.Status)), Is.EquivalentTo(new[] { (5000L, "failed"), (5000L, "paid") }));
        Assert.That(await PayableAsync(member.Id), Is.Zero);
    }

    [Test]
    public async Task A_transfer_reversal_request_takes_the_money_back_or_leaves_a_receivable_that_nets()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 4000);
        await RunAsync();
        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(payout.Status, Is.EqualTo("paid"));

        var reversed = await ReversalRequestAsync(member.Id, 1500);
        using (var scope = StripeHost.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<TransferReversals>().ProcessAsync(reversed, CancellationToken.None), Is.EqualTo("reversed"));
        Assert.That(Fake.Transfer(payout.StripeTransferId!)["amount_reversed"]!.GetValue<long>(), Is.EqualTo(1500));
        Assert.That(Fake.Calls.Single(c => c.Path.EndsWith("/reversals", StringComparison.Ordinal) && c.Form.GetValueOrDefault("metadata[reversal_request_id]") == reversed.ToString())
            .IdempotencyKey, Is.EqualTo($"reversal-{reversed}-{payout.Id}"));
        Assert.That(await JournalsAsync($"transfer_reversal:{reversed}"), Is.EqualTo(1));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.Receivable, member.Id, "USD"), Is.Zero);

        // Stripe refuses the next one: the receivable stays and the next payout is smaller by it.
        Fake.RefusedReversals[payout.StripeTransferId!] = true;
        var refused = await ReversalRequestAsync(member.Id, 700);
        using (var scope = StripeHost.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<TransferReversals>().ProcessAsync(refused, CancellationToken.None), Is.EqualTo("failed"));
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.Receivable, member.Id, "USD"), Is.EqualTo(700));
        var balances = await Payouts.BalancesAsync(connection, null, member.Id, 30, DateTimeOffset.UtcNow);
        Assert.That(balances.Single().Available, Is.EqualTo(-700));
    }

    [Test]
    public async Task A_reversal_whose_answer_was_lost_is_found_on_retry_after_the_key_expired_and_not_made_twice()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 3000);
        await RunAsync();
        var payout = (await PayoutsOfAsync(member.Id)).Single();

        var request = await ReversalRequestAsync(member.Id, 1000);
        Fake.LostReversalAnswers[payout.StripeTransferId!] = true;
        using (var scope = StripeHost.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<TransferReversals>().ProcessAsync(request, CancellationToken.None), Is.EqualTo("pending"));

        Fake.ForgetIdempotencyKey($"reversal-{request}-{payout.Id}");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update transfer_reversal_requests set next_attempt_at = now() where id = @request", new { request });
        using (var scope = StripeHost.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<TransferReversals>().ProcessAsync(request, CancellationToken.None), Is.EqualTo("reversed"));

        Assert.That(Fake.Transfer(payout.StripeTransferId!)["amount_reversed"]!.GetValue<long>(), Is.EqualTo(1000), "reversed once");
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.Receivable, member.Id, "USD"), Is.Zero);
        Assert.That(await JournalsAsync($"transfer_reversal:{request}"), Is.EqualTo(1));
    }

    /// <summary>What roy-sales' refund posting leaves when a refunded royalty was already paid out.</summary>
    private static async Task<Guid> ReversalRequestAsync(Guid userId, long amount)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var (journalId, _) = await Ledger.PostAsync(connection, transaction, new LedgerJournal($"refund:test-{Guid.NewGuid()}", "refund", DateTimeOffset.UtcNow,
            "Test refund after payout", "USD",
            [
                new LedgerLine(AccountKinds.Receivable, userId, amount),
                new LedgerLine(AccountKinds.RoyaltyExpense, null, -amount),
            ]));
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            insert into transfer_reversal_requests (id, user_id, amount, currency, journal_id) values (@id, @userId, @amount, 'USD', @journalId)
            """, new { id, userId, amount, journalId }, transaction);
        await transaction.CommitAsync();
        return id;
    }

    [Test]
    public async Task Nobody_sees_another_members_payouts_and_only_admins_run_or_list_them()
    {
        var member = await ContributorAsync();
        await CreditAsync(member.Id, 3000);
        await RunAsync();
        var payout = (await PayoutsOfAsync(member.Id)).Single();

        var other = await ContributorAsync();
        var theirs = await (await other.Client.GetAsync("/api/v1/me/payouts")).JsonAsync(HttpStatusCode.OK);
        Assert.That(theirs["items"]!.AsArray(), Is.Empty);
        Assert.That(theirs.ToJsonString(), Does.Not.Contain(payout.Id.ToString()));
        await (await other.Client.GetAsync("/api/v1/admin/payouts")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.PostAsync("/api/v1/admin/payouts/run")).ProblemAsync(HttpStatusCode.Forbidden);

        var (buyer, _) = await Users.SignedInAsync(StripeHost);
        await (await buyer.GetAsync("/api/v1/me/payouts")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await buyer.PostAsync("/api/v1/me/payouts/connect")).ProblemAsync(HttpStatusCode.Forbidden);

        using var anonymous = StripeHost.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/payouts")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PutAsync("/api/v1/me/payouts/hold", new { hold = true })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/admin/payouts")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/v1/admin/payouts/run")).ProblemAsync(HttpStatusCode.Unauthorized);

        await (await member.Client.PutAsync("/api/v1/me/payouts/hold", new { })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_sent_payout_is_a_signed_payout_sent_webhook_to_the_member()
    {
        await using var receiver = await Integrations.WebhookReceiver.StartAsync();
        var member = await ContributorAsync();
        var endpoint = await Integrations.WebhookSupport.RegisterAsync(member.Client, receiver.Url, "payout.sent");
        await CreditAsync(member.Id, 4500);

        await RunAsync();

        var payout = (await PayoutsOfAsync(member.Id)).Single();
        Assert.That(payout.Status, Is.EqualTo("paid"));
        await Integrations.WebhookSupport.DeliverUntilAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "payout.sent delivered");
        var hook = receiver.Received.Single();
        var data = Integrations.WebhookSupport.Json(hook)["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Integrations.WebhookSupport.Type(hook), Is.EqualTo("payout.sent"));
            Assert.That(Integrations.WebhookSupport.SignedWith(hook, endpoint.Secret), Is.True);
            Assert.That(data["payout_id"]!.GetValue<Guid>(), Is.EqualTo(payout.Id));
            Assert.That(data["amount"]!.GetValue<long>(), Is.EqualTo(4500));
            Assert.That(data["currency"]!.GetValue<string>(), Is.EqualTo("USD"));
            Assert.That(data["stripe_transfer_id"]!.GetValue<string>(), Is.EqualTo(payout.StripeTransferId));
        });
    }
}
