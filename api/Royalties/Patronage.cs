using System.Text.Json;
using Dapper;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>The member classes that share in patronage (buyer-members hold a share and a vote but no patronage).</summary>
public static class PatronageClasses
{
    public const string Contributor = "contributor";
    public const string Worker = "worker";
    public const string Founder = "founder";
    /// <summary>In this order everywhere: class amounts are allocated over it, so ties go to contributors first.</summary>
    public static readonly IReadOnlyList<string> All = [Contributor, Worker, Founder];

    public static int Order(string memberClass) => memberClass switch { Contributor => 0, Worker => 1, _ => 2 };

    public static string BasisOf(string memberClass) => memberClass switch
    {
        Contributor => PatronageBasis.Royalties,
        Worker => PatronageBasis.YearsOfService,
        _ => PatronageBasis.Equal,
    };
}

public static class PatronageBasis
{
    public const string Royalties = "royalties";
    public const string YearsOfService = "yearsOfService";
    public const string Equal = "equal";

    public static string ToDb(string basis) => basis == YearsOfService ? "years_of_service" : basis;

    public static string ToApi(string db) => db == "years_of_service" ? YearsOfService : db;
}

/// <summary>A member who may share in a year's pool, and what their share is weighed by (royalties, years, 1).</summary>
public sealed record PatronageCandidate(Guid UserId, string MemberClass, long Weight);

public sealed record PatronagePart(Guid UserId, string MemberClass, string Basis, long Weight, long Amount, long Cash, long Retained);

/// <summary>The formula in force: class shares in basis points, and the cash portion of every allocation.</summary>
public sealed record PatronageFormulaSettings(IReadOnlyDictionary<string, int> ClassShares, int CashBp)
{
    public static readonly PatronageFormulaSettings Default = new(
        new Dictionary<string, int> { [PatronageClasses.Contributor] = 9000, [PatronageClasses.Worker] = 500, [PatronageClasses.Founder] = 500 },
        2000);

    public int ShareOf(string memberClass) => ClassShares.TryGetValue(memberClass, out var bp) ? bp : 0;
}

/// <summary>
/// The co-op's published patronage formula, as a pure function so it can be checked for any pool and any members.
/// 1. The pool is split between the classes by their shares (largest remainder). A class with nobody eligible —
///    no contributor earned royalties, no workers, no founders — takes no share: its share is redistributed to the
///    other classes pro rata to their shares, so the whole pool always reaches members (money the members voted to
///    return should not silently stay in the co-op).
/// 2. Within a class, by weight with largest remainder: contributors by royalties credited that year, workers by whole
///    years of service (at least 1), founders equally. Members are listed by weight (largest first) then user id, so
///    a remainder unit goes to the larger weight, then deterministically.
/// 3. Each part's cash portion is ceil(part × cash_bp / 10000) — "at least" the cash share — the rest is retained.
/// </summary>
public static class PatronageFormula
{
    /// <exception cref="InvalidOperationException">Nobody is eligible (no member with a weight in a class with a share).</exception>
    public static IReadOnlyList<PatronagePart> Allocate(long pool, PatronageFormulaSettings settings, IReadOnlyList<PatronageCandidate> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(candidates);
        if (settings.CashBp is < 0 or > 10000) throw new ArgumentOutOfRangeException(nameof(settings), "The cash portion must be 0–10000 basis points.");

        var byClass = PatronageClasses.All
            .Select(c => (Class: c, Share: settings.ShareOf(c), Members: candidates
                .Where(m => m.MemberClass == c && m.Weight > 0)
                .OrderByDescending(m => m.Weight).ThenBy(m => m.UserId)
                .ToList()))
            .ToList();
        var weights = byClass.Select(c => c.Members.Count > 0 ? (long)Math.Max(0, c.Share) : 0).ToList();
        if (weights.All(w => w == 0))
            throw new InvalidOperationException("Nobody is eligible for patronage: no member of a class with a share had a basis for it that year.");

        var classAmounts = Allocation.LargestRemainder(pool, weights);
        var parts = new List<PatronagePart>();
        for (var i = 0; i < byClass.Count; i++)
        {
            var (memberClass, _, members) = byClass[i];
            if (weights[i] == 0) continue;
            var amounts = Allocation.LargestRemainder(classAmounts[i], members.Select(m => m.Weight).ToList());
            for (var j = 0; j < members.Count; j++)
            {
                var amount = amounts[j];
                var cash = CashPortion(amount, settings.CashBp);
                parts.Add(new PatronagePart(members[j].UserId, memberClass, PatronageClasses.BasisOf(memberClass), members[j].Weight, amount, cash, amount - cash));
            }
        }
        return parts;
    }

    /// <summary>ceil(amount × bp / 10000), exact for any long amount.</summary>
    public static long CashPortion(long amount, int cashBp)
    {
        var product = (Int128)amount * cashBp;
        return (long)((product + 9999) / 10000);
    }
}

/// <summary>Reads the patronage formula from coop_settings, with the published defaults for missing keys.</summary>
public static class PatronageSettings
{
    // roy-sales' CoopSettings reader owns these keys; this reads the same two with the same defaults until it lands.
    public static async Task<PatronageFormulaSettings> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        const string sql = "select key, value::text as value from coop_settings where key in ('patronage_class_shares', 'patronage_cash_bp')";
        var rows = (await connection.QueryAsync<(string Key, string Value)>(sql, transaction: transaction)).ToDictionary(r => r.Key, r => r.Value);
        var defaults = PatronageFormulaSettings.Default;
        var shares = new Dictionary<string, int>(defaults.ClassShares);
        if (rows.TryGetValue("patronage_class_shares", out var json))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var memberClass in PatronageClasses.All)
                if (document.RootElement.TryGetProperty(memberClass, out var bp) && bp.TryGetInt32(out var value))
                    shares[memberClass] = Math.Clamp(value, 0, 10000);
        }
        var cashBp = defaults.CashBp;
        if (rows.TryGetValue("patronage_cash_bp", out var cash) && int.TryParse(cash, out var parsed)) cashBp = Math.Clamp(parsed, 0, 10000);
        return new PatronageFormulaSettings(shares, cashBp);
    }
}

/// <summary>Who shares in a year's patronage and on what basis, read from memberships and the ledger.</summary>
public static class PatronageBook
{
    public static DateTimeOffset YearStart(int year) => new(year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Eligible: anyone who held a contributor, worker or founder membership at some moment of the year (joined before
    /// its end, not ended before its start). A member whose class changed during the year counts in their latest
    /// class. Contributors weigh by royalties credited that year in the pool's currency (sale credits minus refund
    /// reversals, never below zero); workers by whole years since they first joined, to the year's end (at least 1);
    /// founders 1 each. <paramref name="until"/> cuts the royalties short for a live estimate of the current year.
    /// </summary>
    public static async Task<IReadOnlyList<PatronageCandidate>> CandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int year, string currency, DateTimeOffset? until = null)
    {
        const string sql = """
            with members as (
                select distinct on (m.user_id) m.user_id, m.member_class,
                       (select min(f.joined_at) from memberships f where f.user_id = m.user_id) as first_joined_at
                from memberships m
                where m.joined_at < @yearEnd and (m.ended_at is null or m.ended_at >= @yearStart)
                  and m.member_class in ('contributor', 'worker', 'founder')
                order by m.user_id, m.joined_at desc
            ), royalties as (
                select a.user_id, -sum(p.amount) as royalties
                from ledger_postings p
                join ledger_accounts a on a.id = p.account_id
                join ledger_journals j on j.id = p.journal_id
                where a.kind in ('royalties_payable', 'receivable') and a.currency = @currency
                  and j.occurred_at >= @yearStart and j.occurred_at < @royaltiesEnd
                  and (j.kind in ('sale', 'refund')
                       or (j.kind = 'reversal' and exists (select 1 from ledger_journals r where r.id = j.reverses and r.kind in ('sale', 'refund'))))
                  and a.user_id in (select user_id from members where member_class = 'contributor')
                group by a.user_id
            )
            select m.user_id, m.member_class,
                   (case m.member_class
                       when 'contributor' then greatest(coalesce(r.royalties, 0), 0)
                       when 'worker' then greatest(1, extract(year from age(@yearEnd at time zone 'UTC', m.first_joined_at at time zone 'UTC')))
                       else 1
                   end)::bigint as weight
            from members m
            left join royalties r on r.user_id = m.user_id
            """;
        var yearStart = YearStart(year);
        var yearEnd = YearStart(year + 1);
        var royaltiesEnd = until is { } u && u < yearEnd ? u : yearEnd;
        var rows = await connection.QueryAsync<CandidateRow>(sql, new { yearStart, yearEnd, royaltiesEnd, currency }, transaction);
        return rows.Select(r => new PatronageCandidate(r.UserId, r.MemberClass, r.Weight)).ToList();
    }

    private sealed record CandidateRow
    {
        public Guid UserId { get; init; }
        public string MemberClass { get; init; } = "";
        public long Weight { get; init; }
    }
}
