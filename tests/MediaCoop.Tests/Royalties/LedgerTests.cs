using Dapper;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Royalties;

public sealed class LedgerTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        // The shared host applies the migrations when it starts.
        Api.NewClient().Dispose();
        var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static LedgerJournal Sale(string reference, Guid contributor, long gross = 10000, long royalty = 5000) =>
        new(reference, "sale", DateTimeOffset.UtcNow, "test sale", "USD",
        [
            new(AccountKinds.PaymentsClearing, null, gross),
            new(AccountKinds.Revenue, null, -gross),
            new(AccountKinds.RoyaltyExpense, null, royalty),
            new(AccountKinds.RoyaltiesPayable, contributor, -royalty, ShareBp: 10000, RateBp: 5000),
        ]);

    [Test]
    public async Task The_database_refuses_a_journal_that_does_not_balance_even_when_the_code_is_bypassed()
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var journal = Guid.CreateVersion7();
        await connection.ExecuteAsync("insert into ledger_journals (id, external_ref, kind, occurred_at, description) values (@journal, @reference, 'correction', now(), 'lopsided')",
            new { journal, reference = $"test:{journal}" }, tx);
        var account = await Ledger.AccountAsync(connection, tx, AccountKinds.Revenue, null, "USD");
        await connection.ExecuteAsync("insert into ledger_postings (journal_id, account_id, amount, currency) values (@journal, @account, 100, 'USD')", new { journal, account }, tx);

        var refused = Assert.ThrowsAsync<PostgresException>(() => tx.CommitAsync());
        Assert.That(refused!.MessageText, Does.Contain("does not balance"));
    }

    [Test]
    public async Task Postings_and_journals_cannot_be_changed_or_deleted()
    {
        await using var connection = await OpenAsync();
        var (_, contributor) = await Users.SignedInAsync(Api, "contributor");
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Ledger.PostAsync(connection, tx, Sale($"test:{Guid.NewGuid()}", contributor.Id));
            await tx.CommitAsync();
        }

        foreach (var sql in new[]
                 {
                     "update ledger_postings set amount = amount * 2 where account_id in (select id from ledger_accounts where user_id = @user)",
                     "delete from ledger_postings where account_id in (select id from ledger_accounts where user_id = @user)",
                     "update ledger_journals set description = 'edited' where id in (select journal_id from ledger_postings p join ledger_accounts a on a.id = p.account_id where a.user_id = @user)",
                     "truncate ledger_postings",
                 })
        {
            var refused = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { user = contributor.Id }), sql);
            Assert.That(refused!.SqlState, Is.EqualTo("42501"), sql);
        }
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, contributor.Id, "USD"), Is.EqualTo(-5000));
    }

    [Test]
    public async Task The_same_external_reference_posted_concurrently_is_one_journal()
    {
        var (_, contributor) = await Users.SignedInAsync(Api, "contributor");
        var reference = $"test:{Guid.NewGuid()}";
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var connection = await OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var result = await Ledger.PostAsync(connection, tx, Sale(reference, contributor.Id));
            await tx.CommitAsync();
            return result;
        }));

        Assert.That(results.Count(r => r.Posted), Is.EqualTo(1));
        Assert.That(results.Select(r => r.JournalId).Distinct().Count(), Is.EqualTo(1));
        await using var check = await OpenAsync();
        Assert.That(await Ledger.BalanceAsync(check, AccountKinds.RoyaltiesPayable, contributor.Id, "USD"), Is.EqualTo(-5000), "credited once");
    }

    [Test]
    public async Task A_balance_as_of_a_past_date_counts_only_what_had_happened_by_then()
    {
        var (_, contributor) = await Users.SignedInAsync(Api, "contributor");
        await using var connection = await OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Ledger.PostAsync(connection, tx, Sale($"test:{Guid.NewGuid()}", contributor.Id) with { OccurredAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) });
            await Ledger.PostAsync(connection, tx, Sale($"test:{Guid.NewGuid()}", contributor.Id, 2000, 1000) with { OccurredAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero) });
            await tx.CommitAsync();
        }
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, contributor.Id, "USD", new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(-5000));
        Assert.That(await Ledger.BalanceAsync(connection, AccountKinds.RoyaltiesPayable, contributor.Id, "USD"), Is.EqualTo(-6000));
    }

    [Test]
    public async Task A_journal_that_moves_no_money_is_not_recorded()
    {
        var (_, contributor) = await Users.SignedInAsync(Api, "contributor");
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var (id, posted) = await Ledger.PostAsync(connection, tx, Sale($"test:{Guid.NewGuid()}", contributor.Id, gross: 0, royalty: 0));
        await tx.CommitAsync();
        Assert.That((id, posted), Is.EqualTo((Guid.Empty, false)));
    }

    [TestCase(100, new long[] { 1, 1, 1 }, new long[] { 34, 33, 33 })]
    [TestCase(-100, new long[] { 1, 1, 1 }, new long[] { -34, -33, -33 })]
    [TestCase(5000, new long[] { 6000, 4000 }, new long[] { 3000, 2000 })]
    [TestCase(1, new long[] { 3333, 3333, 3334 }, new long[] { 0, 0, 1 })]
    [TestCase(7, new long[] { 5000, 5000 }, new long[] { 4, 3 })]
    [TestCase(0, new long[] { 1, 2 }, new long[] { 0, 0 })]
    public void Largest_remainder_parts_always_sum_to_the_amount(long total, long[] weights, long[] expected)
    {
        var parts = Allocation.LargestRemainder(total, weights);
        Assert.That(parts, Is.EqualTo(expected));
        Assert.That(parts.Sum(), Is.EqualTo(total));
    }
}
