using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Royalties;

public sealed record RecordPatronageRequest(Money? Pool, string? DecidedBy);

public sealed class RecordPatronageRequestValidator : AbstractValidator<RecordPatronageRequest>
{
    public RecordPatronageRequestValidator()
    {
        RuleFor(r => r.Pool).NotNull().WithMessage("Give the pool the members decided, as {amount, currency} in minor units.");
        RuleFor(r => r.Pool!.Amount).GreaterThan(0).LessThanOrEqualTo(1_000_000_000_000_00)
            .WithMessage("The pool must be a positive amount in minor units (cents), at most 1,000,000,000,000.00.").When(r => r.Pool is not null);
        RuleFor(r => r.Pool!.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("The currency is a three-letter ISO code such as USD.")
            .When(r => r.Pool is not null);
        RuleFor(r => r.DecidedBy).MaximumLength(500).Must(d => d is null || !d.Any(char.IsControl))
            .WithMessage("Name the decision in at most 500 characters on one line (e.g. \"AGM 2027, resolution 4\").");
    }
}

public sealed record PatronageClassSummary([property: JsonPropertyName("class")] string MemberClass, int ShareBp, Money Amount, int Members);

public sealed record PatronageAllocationLine(
    Guid UserId, string DisplayName, [property: JsonPropertyName("class")] string MemberClass, string Basis, long BasisAmount,
    Money Amount, Money Cash, Money Retained);

public sealed record PatronageAllocation(
    int Year, Money Pool, string? DecidedBy, int CashBp, IReadOnlyList<PatronageClassSummary> Classes,
    IReadOnlyList<PatronageAllocationLine> Members, Guid JournalId, DateTimeOffset RecordedAt);

/// <summary>What recording the pool would allocate, before it is posted (recording cannot be undone).</summary>
public sealed record PatronagePreview(
    int Year, Money Pool, int CashBp, IReadOnlyList<PatronageClassSummary> Classes, IReadOnlyList<PatronageAllocationLine> Members, bool AlreadyAllocated);

public sealed record PatronageYearSummary(int Year, Money Pool, string? DecidedBy, int Members, DateTimeOffset RecordedAt);

public sealed record PatronageYearList(IReadOnlyList<PatronageYearSummary> Items);

/// <summary>A member's notice of allocation for one year: the total, paid in cash and retained in the co-op.</summary>
public sealed record PatronageNotice(
    int Year, Money Total, Money Cash, Money Retained, [property: JsonPropertyName("class")] string MemberClass, string Basis, long BasisAmount,
    DateTimeOffset RecordedAt, string NoticeUrl);

/// <summary>How the live estimate was made, so the member can judge it.</summary>
public sealed record PatronageEstimateBasis(
    Money Pool, int? PoolYear, [property: JsonPropertyName("class")] string? MemberClass, string? Basis, long BasisAmount, string Explanation);

public sealed record MyPatronage(int Year, Money Estimate, PatronageEstimateBasis EstimateBasis, IReadOnlyList<PatronageNotice> Notices);

/// <summary>Patronage dividends: the admin records a closed year's pool once; members see their notices and a live estimate.</summary>
public static class PatronageEndpoints
{
    public static RouteGroupBuilder MapPatronage(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin/patronage").WithTags("Royalties").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/", ListPatronageYears).WithName("ListPatronageYears");
        admin.MapPost("/{year:int}", RecordPatronage).WithName("RecordPatronage").WithValidation<RecordPatronageRequest>().WithIdempotency()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/{year:int}/preview", PreviewPatronage).WithName("PreviewPatronage")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/{year:int}", GetPatronage).WithName("GetPatronage").ProducesProblem(StatusCodes.Status404NotFound);

        var mine = api.MapGroup("/me/patronage").WithTags("Royalties").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", GetMyPatronage).WithName("GetMyPatronage");
        mine.MapGet("/{year:int}/notice", GetPatronageNotice).WithName("GetPatronageNotice")
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    [EndpointSummary("List patronage years")]
    [EndpointDescription("Admins: each year's recorded patronage pool, if any.")]
    private static async Task<Ok<PatronageYearList>> ListPatronageYears(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = """
            select y.year, y.pool, y.currency, y.decided_by, y.recorded_at,
                   (select count(*) from patronage_allocations a where a.year = y.year)::int as members
            from patronage_years y order by y.year desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<YearRow>(sql);
        return TypedResults.Ok(new PatronageYearList(rows.Select(r => new PatronageYearSummary(r.Year, new(r.Pool, r.Currency), r.DecidedBy, r.Members, Utc(r.RecordedAt))).ToList()));
    }

    [EndpointSummary("Record a year's patronage pool")]
    [EndpointDescription("Admins: records the year's patronage pool and allocates it to members, once per year (409 the second time). When the members set the year's pool by a settings change, the pool must be that one (409 otherwise).")]
    private static async Task<Results<Created<PatronageAllocation>, ProblemHttpResult>> RecordPatronage(
        int year, RecordPatronageRequest request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (NotClosed(year, now) is { } notClosed) return notClosed;
        var pool = request.Pool!;

        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (await connection.ExecuteScalarAsync<bool>("select exists (select 1 from patronage_years where year = @year)", new { year }))
            return AlreadyAllocated(year);

        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        // The members set the pool (a settings change, usually a vote): the allocation must be that pool. Locked so a
        // change cannot land between this check and the allocation.
        const string votedSql = "select amount, currency from patronage_pool_decisions where year = @year for share";
        if (await connection.QuerySingleOrDefaultAsync<(long Amount, string Currency)?>(votedSql, new { year }, tx) is { } voted
            && (voted.Amount != pool.Amount || voted.Currency != pool.Currency))
            return TypedResults.Problem(statusCode: 409, title: "Not the pool the members set",
                detail: $"The members set the patronage pool for {year} at {voted.Amount} {voted.Currency} (minor units); record that pool, or change it through a settings change first.");
        var (settings, parts) = await ComputeAsync(connection, tx, year, pool);
        if (parts is null) return NobodyToAllocateTo(year, pool.Currency);

        var lines = new List<LedgerLine> { new(AccountKinds.RetainedSurplus, null, pool.Amount) };
        lines.AddRange(parts.Where(p => p.Amount > 0).Select(p => new LedgerLine(AccountKinds.PatronagePayable, p.UserId, -p.Amount)));
        var journal = new LedgerJournal($"patronage:{year}", "patronage", now, $"Patronage allocation for {year}", pool.Currency, lines);
        var (journalId, posted) = await Ledger.PostAsync(connection, tx, journal);
        // Two admins at once: the unique external reference lets exactly one through.
        if (!posted) return AlreadyAllocated(year);

        const string yearSql = """
            insert into patronage_years (year, pool, currency, class_shares, cash_bp, decided_by, journal_id, recorded_by, recorded_at)
            values (@year, @amount, @currency, @shares::jsonb, @cashBp, @decidedBy, @journalId, @recordedBy, @now)
            """;
        await connection.ExecuteAsync(yearSql, new
        {
            year, amount = pool.Amount, currency = pool.Currency, shares = JsonSerializer.Serialize(settings.ClassShares), cashBp = settings.CashBp,
            decidedBy = string.IsNullOrWhiteSpace(request.DecidedBy) ? null : request.DecidedBy.Trim(), journalId, recordedBy = http.User.UserId(), now,
        }, tx);
        const string allocationSql = """
            insert into patronage_allocations (year, user_id, member_class, basis, basis_amount, amount, cash, retained)
            select @year, * from unnest(@users, @classes, @bases, @weights, @amounts, @cash, @retained)
            """;
        await connection.ExecuteAsync(allocationSql, new
        {
            year,
            users = parts.Select(p => p.UserId).ToArray(),
            classes = parts.Select(p => p.MemberClass).ToArray(),
            bases = parts.Select(p => PatronageBasis.ToDb(p.Basis)).ToArray(),
            weights = parts.Select(p => p.Weight).ToArray(),
            amounts = parts.Select(p => p.Amount).ToArray(),
            cash = parts.Select(p => p.Cash).ToArray(),
            retained = parts.Select(p => p.Retained).ToArray(),
        }, tx);
        await tx.CommitAsync(http.RequestAborted);

        return TypedResults.Created($"/api/v1/admin/patronage/{year}", (await LoadAsync(connection, year))!);
    }

    [EndpointSummary("Preview a patronage allocation")]
    [EndpointDescription("Admins: the allocation a pool of `amount` in `currency` would make for the year; nothing is recorded.")]
    private static async Task<Results<Ok<PatronagePreview>, ProblemHttpResult>> PreviewPatronage(
        int year, long amount, string currency, HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        if (NotClosed(year, time.GetUtcNow()) is { } notClosed) return notClosed;
        if (amount <= 0 || !(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)))
            return TypedResults.Problem(statusCode: 400, title: "Invalid pool",
                detail: "Give amount as a positive number of minor units (cents) and currency as a three-letter ISO code such as USD.");
        var pool = new Money(amount, currency);
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var (settings, parts) = await ComputeAsync(connection, null, year, pool);
        if (parts is null) return NobodyToAllocateTo(year, currency);
        var names = (await connection.QueryAsync<(Guid Id, string DisplayName)>("select id, display_name from users where id = any(@ids)",
            new { ids = parts.Select(p => p.UserId).ToArray() })).ToDictionary(u => u.Id, u => u.DisplayName);
        var lines = parts
            .OrderBy(p => PatronageClasses.Order(p.MemberClass)).ThenByDescending(p => p.Amount).ThenBy(p => p.UserId)
            .Select(p => new PatronageAllocationLine(p.UserId, names.GetValueOrDefault(p.UserId, ""), p.MemberClass, p.Basis, p.Weight,
                new(p.Amount, currency), new(p.Cash, currency), new(p.Retained, currency))).ToList();
        var allocated = await connection.ExecuteScalarAsync<bool>("select exists (select 1 from patronage_years where year = @year)", new { year });
        return TypedResults.Ok(new PatronagePreview(year, pool, settings.CashBp, Classes(settings.ClassShares, lines, currency), lines, allocated));
    }

    /// <summary>The formula in force applied to the year's members and royalties; null parts when nobody is eligible.</summary>
    private static async Task<(PatronageFormulaSettings Settings, IReadOnlyList<PatronagePart>? Parts)> ComputeAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, int year, Money pool)
    {
        var settings = await PatronageSettings.LoadAsync(connection, tx);
        var candidates = await PatronageBook.CandidatesAsync(connection, tx, year, pool.Currency);
        try
        {
            return (settings, PatronageFormula.Allocate(pool.Amount, settings, candidates));
        }
        catch (InvalidOperationException)
        {
            return (settings, null);
        }
    }

    private static List<PatronageClassSummary> Classes(IReadOnlyDictionary<string, int> shares, IReadOnlyList<PatronageAllocationLine> lines, string currency) =>
        PatronageClasses.All.Select(c => new PatronageClassSummary(c, shares.GetValueOrDefault(c),
            new(lines.Where(m => m.MemberClass == c).Sum(m => m.Amount.Amount), currency), lines.Count(m => m.MemberClass == c))).ToList();

    private static ProblemHttpResult? NotClosed(int year, DateTimeOffset now) => year < 1900 || year >= now.Year
        ? TypedResults.Problem(statusCode: 400, title: "The year is not closed",
            detail: $"Patronage is allocated for a closed fiscal year: {year} can be allocated from 1 January {year + 1} (the last closed year is {now.Year - 1}).")
        : null;

    private static ProblemHttpResult NobodyToAllocateTo(int year, string currency) => TypedResults.Problem(statusCode: 409, title: "Nobody to allocate to",
        detail: $"No contributor earned royalties in {currency} in {year}, and no worker or founder was a member that year. Check the year and the currency.");

    private static ProblemHttpResult AlreadyAllocated(int year) => TypedResults.Problem(statusCode: 409, title: "Already allocated",
        detail: $"Patronage for {year} has already been allocated and posted; an allocation is recorded once. Correct it with a reversing journal.");

    [EndpointSummary("Get a year's patronage allocation")]
    [EndpointDescription("Admins: the year's recorded pool and its allocation to members.")]
    private static async Task<Results<Ok<PatronageAllocation>, ProblemHttpResult>> GetPatronage(int year, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        return await LoadAsync(connection, year) is { } allocation
            ? TypedResults.Ok(allocation)
            : TypedResults.Problem(statusCode: 404, title: "No allocation", detail: $"No patronage has been allocated for {year}.");
    }

    private static async Task<PatronageAllocation?> LoadAsync(NpgsqlConnection connection, int year)
    {
        const string yearSql = "select year, pool, currency, class_shares::text as class_shares, cash_bp, decided_by, journal_id, recorded_at from patronage_years where year = @year";
        var y = await connection.QuerySingleOrDefaultAsync<YearRow>(yearSql, new { year });
        if (y is null) return null;
        const string membersSql = """
            select a.user_id, u.display_name, a.member_class, a.basis, a.basis_amount, a.amount, a.cash, a.retained
            from patronage_allocations a join users u on u.id = a.user_id
            where a.year = @year
            order by array_position(array['contributor', 'worker', 'founder'], a.member_class), a.amount desc, a.user_id
            """;
        var members = (await connection.QueryAsync<AllocationRow>(membersSql, new { year })).ToList();
        var shares = JsonSerializer.Deserialize<Dictionary<string, int>>(y.ClassShares) ?? [];
        var lines = members.Select(m => new PatronageAllocationLine(m.UserId, m.DisplayName, m.MemberClass, PatronageBasis.ToApi(m.Basis), m.BasisAmount,
            new(m.Amount, y.Currency), new(m.Cash, y.Currency), new(m.Retained, y.Currency))).ToList();
        return new PatronageAllocation(y.Year, new(y.Pool, y.Currency), y.DecidedBy, y.CashBp, Classes(shares, lines, y.Currency), lines,
            y.JournalId, Utc(y.RecordedAt));
    }

    [EndpointSummary("Get my patronage")]
    [EndpointDescription("Members: this year's live estimate and the notices of allocation of past years.")]
    private static async Task<Results<Ok<MyPatronage>, ProblemHttpResult>> GetMyPatronage(HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        var userId = http.User.UserId();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var notices = await NoticesAsync(connection, userId, year: null);
        // Former members keep seeing their notices: the retained part is still theirs.
        if (notices.Count == 0 && !await CoopMembers.IsCurrentMemberAsync(connection, userId))
            return TypedResults.Problem(statusCode: 403, title: "Members only",
                detail: "Patronage dividends go to the co-op's members. Apply for membership to share in the surplus.");

        var (estimate, basis) = await EstimateAsync(connection, userId, now);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new MyPatronage(now.Year, estimate, basis, notices));
    }

    /// <summary>
    /// The live estimate: this year's formula run on this year's figures so far (royalties credited to date, members
    /// so far), with last year's pool standing in for this year's — the members have not decided it yet.
    /// </summary>
    private static async Task<(Money Amount, PatronageEstimateBasis Basis)> EstimateAsync(NpgsqlConnection connection, Guid userId, DateTimeOffset now)
    {
        const string lastSql = "select year, pool, currency from patronage_years order by year desc limit 1";
        var last = await connection.QuerySingleOrDefaultAsync<YearRow>(lastSql);
        var currency = last?.Currency ?? await CoopMembers.CurrencyAsync(connection);
        var candidates = await PatronageBook.CandidatesAsync(connection, null, now.Year, currency, until: now);
        var mine = candidates.FirstOrDefault(c => c.UserId == userId);
        var memberClass = mine?.MemberClass;
        var basis = memberClass is null ? null : PatronageClasses.BasisOf(memberClass);
        var weight = mine?.Weight ?? 0;

        if (last is null)
            return (new(0, currency), new(new(0, currency), null, memberClass, basis, weight,
                "No patronage pool has been decided yet, so there is nothing to estimate from: the estimate is 0 until the members decide a first pool."));
        if (mine is null)
            return (new(0, currency), new(new(last.Pool, currency), last.Year, null, null, 0,
                "Patronage goes to contributor, worker and founder members; your membership class does not share in it."));
        if (weight == 0)
            return (new(0, currency), new(new(last.Pool, currency), last.Year, memberClass, basis, 0,
                $"Contributors share by the royalties credited to them this year; you have none in {currency} yet."));

        var settings = await PatronageSettings.LoadAsync(connection);
        if (settings.ShareOf(mine.MemberClass) == 0)
            return (new(0, currency), new(new(last.Pool, currency), last.Year, memberClass, basis, weight,
                $"The formula in force gives the {mine.MemberClass} class no share of the pool."));
        var part = PatronageFormula.Allocate(last.Pool, settings, candidates).First(p => p.UserId == userId);
        return (new(part.Amount, currency), new(new(last.Pool, currency), last.Year, memberClass, basis, weight,
            $"If this year's pool equals {last.Year}'s and the year ended today, by the current formula. The members decide the real pool after the year closes."));
    }

    private static async Task<IReadOnlyList<PatronageNotice>> NoticesAsync(NpgsqlConnection connection, Guid userId, int? year)
    {
        const string sql = """
            select a.year, y.currency, a.amount, a.cash, a.retained, a.member_class, a.basis, a.basis_amount, y.recorded_at
            from patronage_allocations a join patronage_years y on y.year = a.year
            where a.user_id = @userId and (@year::int is null or a.year = @year)
            order by a.year desc
            """;
        var rows = await connection.QueryAsync<NoticeRow>(sql, new { userId, year });
        return rows.Select(r => new PatronageNotice(r.Year, new(r.Amount, r.Currency), new(r.Cash, r.Currency), new(r.Retained, r.Currency),
            r.MemberClass, PatronageBasis.ToApi(r.Basis), r.BasisAmount, Utc(r.RecordedAt), $"/api/v1/me/patronage/{r.Year}/notice")).ToList();
    }

    [EndpointSummary("Get my patronage notice")]
    [EndpointDescription("Members: the written notice of allocation for a year, as an HTML page.")]
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetPatronageNotice(int year, HttpContext http, NpgsqlDataSource dataSource)
    {
        var userId = http.User.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var notices = await NoticesAsync(connection, userId, year);
        if (notices is not [var notice, ..])
            return TypedResults.Problem(statusCode: 404, title: "No notice", detail: $"You have no notice of allocation for {year}.");
        var name = await connection.ExecuteScalarAsync<string>("select display_name from users where id = @userId", new { userId }) ?? "";
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(PatronageNoticeHtml.Render(notice, name, nonce), "text/html; charset=utf-8");
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record YearRow
    {
        public int Year { get; init; }
        public long Pool { get; init; }
        public string Currency { get; init; } = "";
        public string ClassShares { get; init; } = "{}";
        public int CashBp { get; init; }
        public string? DecidedBy { get; init; }
        public Guid JournalId { get; init; }
        public DateTime RecordedAt { get; init; }
        public int Members { get; init; }
    }

    private sealed record AllocationRow
    {
        public Guid UserId { get; init; }
        public string DisplayName { get; init; } = "";
        public string MemberClass { get; init; } = "";
        public string Basis { get; init; } = "";
        public long BasisAmount { get; init; }
        public long Amount { get; init; }
        public long Cash { get; init; }
        public long Retained { get; init; }
    }

    private sealed record NoticeRow
    {
        public int Year { get; init; }
        public string Currency { get; init; } = "";
        public long Amount { get; init; }
        public long Cash { get; init; }
        public long Retained { get; init; }
        public string MemberClass { get; init; } = "";
        public string Basis { get; init; } = "";
        public long BasisAmount { get; init; }
        public DateTime RecordedAt { get; init; }
    }
}
