using Dapper;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>The ledger's account kinds (migration 21). Member accounts carry a user id; the co-op's own do not.</summary>
public static class AccountKinds
{
    public const string RoyaltiesPayable = "royalties_payable";
    public const string Receivable = "receivable";
    public const string PatronagePayable = "patronage_payable";
    public const string PaymentsClearing = "payments_clearing";
    public const string Revenue = "revenue";
    public const string Refunds = "refunds";
    public const string RoyaltyExpense = "royalty_expense";
    public const string ProviderFees = "provider_fees";
    public const string PayoutsInTransit = "payouts_in_transit";
    public const string Cash = "cash";
    public const string PatronagePool = "patronage_pool";
    public const string OperatingExpenses = "operating_expenses";
    public const string RetainedSurplus = "retained_surplus";
}

/// <summary>One line of a journal: positive amounts are debits, negative credits.</summary>
public sealed record LedgerLine(string AccountKind, Guid? UserId, long Amount, int? ShareBp = null, int? RateBp = null);

public sealed record LedgerJournal(
    string ExternalRef, string Kind, DateTimeOffset OccurredAt, string Description, string Currency, IReadOnlyList<LedgerLine> Lines,
    Guid? OrderLineId = null, Guid? AssetId = null, Guid? Reverses = null);

/// <summary>
/// Writes journals into the double-entry ledger. The database checks the balance at commit and refuses updates and
/// deletes (migration 21); this class adds idempotency: a journal's external reference is unique, so posting the same
/// event twice — retried, or concurrently from two nodes — records it once. Run it inside the transaction of the
/// event it records (the fulfilment of a sale, the refund), so the books and the business commit together.
/// </summary>
public static class Ledger
{
    /// <summary>
    /// The journal's id, and whether this call recorded it (false: it was already in the books). A journal whose lines
    /// are all zero (a sale of nothing to pay) moves no money and is not recorded: (Guid.Empty, false).
    /// </summary>
    public static async Task<(Guid JournalId, bool Posted)> PostAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerJournal journal)
    {
        if (journal.Lines.Count == 0) throw new ArgumentException("A journal needs postings.", nameof(journal));
        if (journal.Lines.Sum(l => l.Amount) != 0)
            throw new ArgumentException($"Journal {journal.ExternalRef} does not balance: {journal.Lines.Sum(l => l.Amount)} left over.", nameof(journal));
        if (journal.Lines.All(l => l.Amount == 0)) return (Guid.Empty, false);

        var lines = journal.Lines.Where(l => l.Amount != 0).ToList();
        var accounts = await AccountsAsync(connection, transaction, lines, journal.Currency);
        var id = Guid.CreateVersion7();
        // The journal and its postings in one statement, the postings in the journal's line order (their ids keep
        // it). A concurrent insert of the same reference waits for the other transaction, then inserts nothing.
        const string sql = """
            with journal as (
                insert into ledger_journals (id, external_ref, kind, occurred_at, description, reverses, order_line_id, asset_id)
                values (@id, @ExternalRef, @Kind, @OccurredAt, @Description, @Reverses, @OrderLineId, @AssetId)
                on conflict (external_ref) do nothing
                returning id)
            insert into ledger_postings (journal_id, account_id, amount, currency, share_bp, rate_bp)
            select journal.id, p.account_id, p.amount, @currency, p.share_bp, p.rate_bp
            from journal, unnest(@accounts, @amounts, @shares, @rates) with ordinality as p(account_id, amount, share_bp, rate_bp, n)
            order by p.n
            """;
        var inserted = await connection.ExecuteAsync(sql, new
        {
            id, journal.ExternalRef, journal.Kind, journal.OccurredAt, journal.Description, journal.Reverses, journal.OrderLineId, journal.AssetId,
            currency = journal.Currency, accounts,
            amounts = lines.Select(l => l.Amount).ToArray(),
            shares = lines.Select(l => l.ShareBp).ToArray(),
            rates = lines.Select(l => l.RateBp).ToArray(),
        }, transaction);
        if (inserted == 0)
        {
            const string existingSql = "select id from ledger_journals where external_ref = @ExternalRef";
            return (await connection.ExecuteScalarAsync<Guid>(existingSql, new { journal.ExternalRef }, transaction), false);
        }
        return (id, true);
    }

    /// <summary>
    /// The accounts of the lines, in order, created on first use. Accounts are almost always there already, so one
    /// indexed read finds them all; only the missing ones are created (one upsert each).
    /// </summary>
    private static async Task<Guid[]> AccountsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<LedgerLine> lines, string currency)
    {
        // Member and co-op accounts are looked up separately so that both use the unique index: "user_id is not
        // distinct from" cannot, and a scan of every member's account per sale is what made posting slow at scale.
        const string sql = """
            select a.id
            from unnest(@kinds, @users) with ordinality as w(kind, user_id, n)
            left join lateral (
                select x.id from ledger_accounts x
                where w.user_id is not null and x.kind = w.kind and x.user_id = w.user_id and x.currency = @currency
                union all
                select x.id from ledger_accounts x
                where w.user_id is null and x.kind = w.kind and x.user_id is null and x.currency = @currency
            ) a on true
            order by w.n
            """;
        var found = (await connection.QueryAsync<Guid?>(sql, new
        {
            kinds = lines.Select(l => l.AccountKind).ToArray(),
            users = lines.Select(l => l.UserId).ToArray(),
            currency,
        }, transaction)).ToArray();
        if (found.Length != lines.Count) throw new InvalidOperationException("The ledger account lookup returned the wrong number of rows.");
        var accounts = new Guid[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            accounts[i] = found[i] ?? await AccountAsync(connection, transaction, lines[i].AccountKind, lines[i].UserId, currency);
        return accounts;
    }

    /// <summary>The account's id, created on first use.</summary>
    public static async Task<Guid> AccountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string kind, Guid? userId, string currency)
    {
        const string sql = """
            with created as (
                insert into ledger_accounts (id, kind, user_id, currency) values (@id, @kind, @userId, @currency)
                on conflict (kind, user_id, currency) do nothing
                returning id)
            select id from created
            union all
            select id from ledger_accounts where kind = @kind and currency = @currency
              and (user_id = @userId or (@userId::uuid is null and user_id is null))
            limit 1
            """;
        var id = await connection.ExecuteScalarAsync<Guid?>(sql, new { id = Guid.CreateVersion7(), kind, userId, currency }, transaction);
        // Another transaction created it between our insert and select (read committed): read it again.
        return id ?? await connection.ExecuteScalarAsync<Guid>(
            "select id from ledger_accounts where kind = @kind and currency = @currency and (user_id = @userId or (@userId::uuid is null and user_id is null))",
            new { kind, userId, currency }, transaction);
    }

    /// <summary>An account's balance (debits positive) from its postings up to <paramref name="asOf"/> (occurred_at), or all.</summary>
    public static Task<long> BalanceAsync(NpgsqlConnection connection, string kind, Guid? userId, string currency, DateTimeOffset? asOf = null)
    {
        const string sql = """
            select coalesce(sum(p.amount), 0)::bigint
            from ledger_postings p
            join ledger_accounts a on a.id = p.account_id
            join ledger_journals j on j.id = p.journal_id
            where a.kind = @kind and a.currency = @currency and (a.user_id = @userId or (@userId::uuid is null and a.user_id is null))
              and (@asOf::timestamptz is null or j.occurred_at <= @asOf)
            """;
        return connection.ExecuteScalarAsync<long>(sql, new { kind, userId, currency, asOf });
    }
}

/// <summary>Splitting an amount into parts by weights so that the parts always sum exactly to the amount.</summary>
public static class Allocation
{
    /// <summary>
    /// Largest-remainder (Hamilton) allocation of <paramref name="total"/> minor units by non-negative
    /// <paramref name="weights"/>: each part gets the floor of its exact share, and the units left over go one each
    /// to the parts with the largest fractional remainders; equal remainders go to the larger weight, then to the
    /// earlier position (callers list an asset's owner first). 100 over 1:1:1 → 34/33/33. A negative total
    /// (a reversal) is allocated as the negation of its absolute value, so a full reversal undoes a sale exactly.
    /// </summary>
    public static long[] LargestRemainder(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("At least one weight is needed.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var sum = weights.Aggregate(0L, (a, w) => checked(a + w));
        if (sum == 0) throw new ArgumentException("The weights sum to zero.", nameof(weights));
        if (total < 0) return [.. LargestRemainder(checked(-total), weights).Select(p => -p)];

        var parts = new long[weights.Count];
        var remainders = new (Int128 Remainder, long Weight, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = (exact % sum, weights[i], i);
            given += parts[i];
        }
        var left = total - given;
        foreach (var (_, _, index) in remainders
                     .OrderByDescending(r => r.Remainder).ThenByDescending(r => r.Weight).ThenBy(r => r.Index)
                     .Take((int)left))
            parts[index]++;
        return parts;
    }
}
