using Dapper;
using MediaCoop.Api.Royalties;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Royalties;

/// <summary>
/// Set-up for the co-op's books. Patronage and the books aggregate over everyone, and the test database is shared by
/// tests running in parallel: so each test works in a past year of its own, which no other test touches.
/// </summary>
public static class CoopFixtures
{
    private const int Gap = 6;
    private static int lastYear = 1904;

    /// <summary>
    /// Six years apart, from 1910 (the API takes years from 1900, and only closed ones: room for 20 tests before
    /// 2026): members a test enrols up to five years before its year (and whose memberships end with it) are then
    /// never members during another test's year.
    /// </summary>
    public static int UnusedYear()
    {
        var year = Interlocked.Add(ref lastYear, Gap);
        if (year >= DateTime.UtcNow.Year)
            throw new InvalidOperationException("The past years for co-op tests are used up: lower Gap or the first year in CoopFixtures.");
        return year;
    }

    public static DateTimeOffset At(int year, int month, int day = 15, int hour = 12) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    public static async Task<NpgsqlConnection> OpenAsync()
    {
        // The shared host applies the migrations when it starts.
        ApiFactory.Shared.NewClient().Dispose();
        var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task MemberAsync(Guid userId, string memberClass, DateTimeOffset joinedAt, DateTimeOffset? endedAt = null)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("insert into memberships (id, user_id, member_class, joined_at, ended_at) values (@id, @userId, @memberClass, @joinedAt, @endedAt)",
            new { id = Guid.CreateVersion7(), userId, memberClass, joinedAt, endedAt });
    }

    /// <summary>A signed-in person holding a current membership of the class.</summary>
    public static async Task<(ApiClient Client, Me Me)> MemberSignedInAsync(string memberClass = "contributor", params string[] roles)
    {
        var (client, me) = await Users.SignedInAsync(ApiFactory.Shared, roles);
        await MemberAsync(me.Id, memberClass, DateTimeOffset.UtcNow.AddDays(-1));
        return (client, me);
    }

    public static async Task PostAsync(LedgerJournal journal)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Ledger.PostAsync(connection, tx, journal);
        await tx.CommitAsync();
    }

    /// <summary>A sale journal as roy-sales posts it: gross to revenue, the royalty to the contributor.</summary>
    public static LedgerJournal Sale(Guid contributor, DateTimeOffset at, long gross, long royalty, string currency = "USD") =>
        new($"test-sale:{Guid.NewGuid()}", "sale", at, "test sale", currency,
        [
            new(AccountKinds.PaymentsClearing, null, gross),
            new(AccountKinds.Revenue, null, -gross),
            new(AccountKinds.RoyaltyExpense, null, royalty),
            new(AccountKinds.RoyaltiesPayable, contributor, -royalty, ShareBp: 10000, RateBp: 5000),
        ]);

    /// <summary>A refund journal: the refunded amount, and the royalty reversed from the contributor.</summary>
    public static LedgerJournal Refund(Guid contributor, DateTimeOffset at, long refunded, long royaltyReversed, string currency = "USD") =>
        new($"test-refund:{Guid.NewGuid()}", "refund", at, "test refund", currency,
        [
            new(AccountKinds.Refunds, null, refunded),
            new(AccountKinds.PaymentsClearing, null, -refunded),
            new(AccountKinds.RoyaltyExpense, null, -royaltyReversed),
            new(AccountKinds.RoyaltiesPayable, contributor, royaltyReversed),
        ]);
}
