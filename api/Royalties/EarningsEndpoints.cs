using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Royalties;

public sealed record EarningsBalance(Money Available, Money Pending, Money Receivable, Money PaidOut, Money Lifetime);

public sealed record EarningsLicence(string Size, string SizeLabel, IReadOnlyList<string> Extended);

/// <summary>
/// One sale or refund as the contributor sees it: gross is the line's price (negative for money refunded), royalty is
/// their own part (negative for a reversal).
/// </summary>
public sealed record EarningsLine(
    Guid JournalId, DateTimeOffset OccurredAt, Guid? AssetId, string? AssetTitle, EarningsLicence? Licence, Money Gross,
    int? RateBp, int? ShareBp, Money Royalty, string Kind);

public sealed record EarningsMonth(string Month, Money Royalty, Money Refunds, Money Net);

public sealed record EarningsAsset(Guid AssetId, string? Title, Money Royalty, int Sales);

public sealed record Earnings(
    string Currency, EarningsBalance Balance, IReadOnlyList<EarningsLine> Lines, Guid? NextBefore,
    IReadOnlyList<EarningsMonth> ByMonth, IReadOnlyList<EarningsAsset> ByAsset);

/// <summary>
/// A month's totals. Balances here are what the co-op owes the contributor net of any receivable:
/// opening + sales + refunds + payouts + adjustments = closing.
/// </summary>
public sealed record StatementSummary(string Month, Money Opening, Money Sales, Money Refunds, Money Payouts, Money Adjustments, Money Closing);

public sealed record StatementList(string Currency, IReadOnlyList<StatementSummary> Items);

public sealed record Statement(
    string Month, string Currency, Money Opening, IReadOnlyList<EarningsLine> Sales, Money SalesTotal, IReadOnlyList<EarningsLine> RefundLines,
    Money Refunds, Money Payouts, Money Adjustments, Money Closing);

/// <summary>One row of a statement's CSV; the property names are the header. Amounts in minor units.</summary>
public sealed record StatementCsvRow(
    string Date, string Kind, string JournalId, string AssetId, string AssetTitle, string Licence, long GrossMinor, string RateBp,
    string ShareBp, long RoyaltyMinor, string Currency);

/// <summary>
/// A contributor's own earnings and monthly statements, read from the ledger (migration 21). Only the caller's
/// accounts are ever read: there is no way to name another member, so another's figures cannot be asked for. A
/// member without the contributor role gets 403.
/// </summary>
public static partial class EarningsEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapEarnings(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me").WithTags("Royalties").RequireAuthorization(Policies.Contributor);
        mine.MapGet("/earnings", GetMyEarnings).WithName("GetMyEarnings")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/statements", ListMyStatements).WithName("ListMyStatements")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/statements/{month}.csv", ExportMyStatement).WithName("ExportMyStatement")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/statements/{month}", GetMyStatement).WithName("GetMyStatement")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^(\d{4})-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthCode();

    private static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary>The currency asked for, else the one the contributor was last credited in, else the catalogue's.</summary>
    private static async Task<string?> CurrencyAsync(NpgsqlConnection connection, Guid userId, string? asked, CancellationToken ct)
    {
        if (asked is not null) return CurrencyCode().IsMatch(asked) ? asked : null;
        const string sql = """
            select coalesce(
                (select currency from ledger_accounts where user_id = @userId and kind = 'royalties_payable' order by created_at desc limit 1),
                (select min(currency) from license_options),
                'USD')
            """;
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(sql, new { userId }, cancellationToken: ct));
    }

    private static (DateTimeOffset Start, DateTimeOffset End)? ParseMonth(string month)
    {
        var match = MonthCode().Match(month);
        if (!match.Success) return null;
        var start = new DateTimeOffset(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    private sealed record BalanceRow
    {
        public long Owed { get; init; }
        public long Receivable { get; init; }
        public long PaidOut { get; init; }
        public long Lifetime { get; init; }
        public long Held { get; init; }
    }

    /// <summary>
    /// The contributor's balance at <paramref name="at"/>. Pending is the royalty of sales younger than the hold
    /// (net of their reversals), but never more than is owed net of the receivable: a refund of an older sale that
    /// ate into the owed balance is taken from what is available first. So available = owed − receivable − pending is
    /// negative only when a receivable is recorded (royalties were paid out and then refunded).
    /// </summary>
    public static async Task<EarningsBalance> BalanceAsync(NpgsqlConnection connection, Guid userId, string currency, DateTimeOffset at,
        int holdDays, CancellationToken ct = default)
    {
        const string sql = """
            with accounts as (
                select id, kind from ledger_accounts
                where user_id = @userId and currency = @currency and kind in ('royalties_payable', 'receivable')),
            moves as (
                select p.amount, a.kind, j.kind as journal_kind, s.occurred_at as sale_at
                from accounts a
                join ledger_postings p on p.account_id = a.id
                join ledger_journals j on j.id = p.journal_id
                left join ledger_journals s on s.order_line_id = j.order_line_id and s.kind = 'sale' and j.kind in ('sale', 'refund')
                where j.occurred_at <= @at)
            select coalesce(-sum(amount) filter (where kind = 'royalties_payable'), 0)::bigint as owed,
                   coalesce(sum(amount) filter (where kind = 'receivable'), 0)::bigint as receivable,
                   coalesce(sum(amount) filter (where kind = 'royalties_payable' and journal_kind in ('payout', 'payout_failed')), 0)::bigint as paid_out,
                   coalesce(-sum(amount) filter (where journal_kind in ('sale', 'refund')), 0)::bigint as lifetime,
                   coalesce(-sum(amount) filter (where journal_kind in ('sale', 'refund') and sale_at > @holdFrom), 0)::bigint as held
            from moves
            """;
        var row = await connection.QuerySingleAsync<BalanceRow>(new CommandDefinition(sql,
            new { userId, currency, at, holdFrom = at.AddDays(-holdDays) }, cancellationToken: ct));
        var net = row.Owed - row.Receivable;
        var pending = Math.Clamp(row.Held, 0, Math.Max(0, net));
        return new EarningsBalance(new(net - pending, currency), new(pending, currency), new(row.Receivable, currency),
            new(row.PaidOut, currency), new(row.Lifetime, currency));
    }

    private sealed record LineRow
    {
        public Guid JournalId { get; init; }
        public DateTime OccurredAt { get; init; }
        public string Kind { get; init; } = "";
        public Guid? AssetId { get; init; }
        public string? AssetTitle { get; init; }
        public string? Size { get; init; }
        public string? SizeLabel { get; init; }
        public string[]? Extended { get; init; }
        public long Gross { get; init; }
        public int? RateBp { get; init; }
        public int? ShareBp { get; init; }
        public long Royalty { get; init; }
    }

    /// <summary>
    /// Sale and refund journals that touched the contributor's accounts, newest first (or oldest first within a
    /// month for a statement), with their own part of each.
    /// </summary>
    private static async Task<List<EarningsLine>> LinesAsync(NpgsqlConnection connection, Guid userId, string currency, CancellationToken ct,
        Guid? before = null, int limit = DefaultLimit, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        const string sql = """
            select j.id as journal_id, j.occurred_at, j.kind, j.asset_id, ast.title as asset_title,
                   ol.size, lo.label as size_label, ol.extended,
                   (select -coalesce(sum(gp.amount), 0) from ledger_postings gp join ledger_accounts ga on ga.id = gp.account_id
                    where gp.journal_id = j.id and ga.kind in ('revenue', 'refunds'))::bigint as gross,
                   max(p.rate_bp) as rate_bp, max(p.share_bp) as share_bp, (-sum(p.amount))::bigint as royalty
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_journals j on j.id = p.journal_id
            left join order_lines ol on ol.id = j.order_line_id
            left join license_options lo on lo.code = ol.size
            left join assets ast on ast.id = j.asset_id
            where a.user_id = @userId and a.currency = @currency and a.kind in ('royalties_payable', 'receivable')
              and j.kind in ('sale', 'refund')
              and (@from::timestamptz is null or j.occurred_at >= @from)
              and (@to::timestamptz is null or j.occurred_at < @to)
              and (@before::uuid is null or (j.occurred_at, j.id) < (select b.occurred_at, b.id from ledger_journals b where b.id = @before))
            group by j.id, ast.title, ol.size, lo.label, ol.extended
            order by case when @ascending then j.occurred_at end, case when @ascending then j.id end,
                     j.occurred_at desc, j.id desc
            limit @limit
            """;
        var rows = await connection.QueryAsync<LineRow>(new CommandDefinition(sql,
            new { userId, currency, before, limit, from, to, ascending = from is not null }, cancellationToken: ct));
        return [.. rows.Select(r => new EarningsLine(r.JournalId, Utc(r.OccurredAt), r.AssetId, r.AssetTitle,
            r.Size is null ? null : new EarningsLicence(r.Size, r.SizeLabel ?? r.Size, r.Extended ?? []),
            new(r.Gross, currency), r.RateBp, r.ShareBp, new(r.Royalty, currency), r.Kind))];
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record MonthRow
    {
        public string Month { get; init; } = "";
        public long Royalty { get; init; }
        public long Refunds { get; init; }
    }

    private sealed record AssetRow
    {
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public long Royalty { get; init; }
        public int Sales { get; init; }
    }

    [EndpointSummary("Get my earnings")]
    [EndpointDescription("Contributors: the balance, earnings by month and by photo, and the latest licences sold.")]
    private static async Task<Results<Ok<Earnings>, ProblemHttpResult>> GetMyEarnings(HttpContext http, NpgsqlDataSource db, CoopSettings settings,
        TimeProvider time, string? currency, Guid? before, int? limit)
    {
        var ct = http.RequestAborted;
        if (limit is < 1 or > MaxLimit) return BadRequest("Invalid limit", $"limit must be between 1 and {MaxLimit}.");
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        var code = await CurrencyAsync(connection, userId, currency, ct);
        if (code is null) return BadRequest("Invalid currency", "currency must be an ISO 4217 code in capitals, such as USD.");
        if (before is { } cursor && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from ledger_journals where id = @cursor)", new { cursor }, cancellationToken: ct)))
            return BadRequest("Invalid cursor", "before must be the journalId of a line from a previous page (nextBefore).");

        var now = time.GetUtcNow();
        var hold = (await settings.GetAsync(ct)).PayoutHoldDays;
        var balance = await BalanceAsync(connection, userId, code, now, hold, ct);
        var take = limit ?? DefaultLimit;
        var lines = await LinesAsync(connection, userId, code, ct, before, take + 1);
        var next = lines.Count > take ? lines[take - 1].JournalId : (Guid?)null;
        if (lines.Count > take) lines.RemoveAt(take);

        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var firstMonth = thisMonth.AddMonths(-11);
        const string monthsSql = """
            select to_char(j.occurred_at at time zone 'UTC', 'YYYY-MM') as month,
                   coalesce(-sum(p.amount) filter (where j.kind = 'sale'), 0)::bigint as royalty,
                   coalesce(-sum(p.amount) filter (where j.kind = 'refund'), 0)::bigint as refunds
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_journals j on j.id = p.journal_id
            where a.user_id = @userId and a.currency = @currency and a.kind in ('royalties_payable', 'receivable')
              and j.kind in ('sale', 'refund') and j.occurred_at >= @firstMonth and j.occurred_at <= @now
            group by 1
            """;
        var months = (await connection.QueryAsync<MonthRow>(new CommandDefinition(monthsSql,
            new { userId, currency = code, firstMonth, now }, cancellationToken: ct))).ToDictionary(m => m.Month);
        var byMonth = Enumerable.Range(0, 12).Select(i => firstMonth.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).Select(m =>
        {
            var row = months.GetValueOrDefault(m);
            return new EarningsMonth(m, new(row?.Royalty ?? 0, code), new(row?.Refunds ?? 0, code), new((row?.Royalty ?? 0) + (row?.Refunds ?? 0), code));
        }).ToList();

        const string assetsSql = """
            select j.asset_id, ast.title, (-sum(p.amount))::bigint as royalty, (count(distinct j.id) filter (where j.kind = 'sale'))::int as sales
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_journals j on j.id = p.journal_id
            join assets ast on ast.id = j.asset_id
            where a.user_id = @userId and a.currency = @currency and a.kind in ('royalties_payable', 'receivable')
              and j.kind in ('sale', 'refund') and j.occurred_at >= @yearStart and j.occurred_at <= @now
            group by j.asset_id, ast.title
            order by royalty desc, j.asset_id
            limit 20
            """;
        var byAsset = (await connection.QueryAsync<AssetRow>(new CommandDefinition(assetsSql,
                new { userId, currency = code, yearStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero), now }, cancellationToken: ct)))
            .Select(a => new EarningsAsset(a.AssetId, a.Title, new(a.Royalty, code), a.Sales)).ToList();

        return TypedResults.Ok(new Earnings(code, balance, lines, next, byMonth, byAsset));
    }

    private sealed record MovementRow
    {
        public string Month { get; init; } = "";
        public long Sales { get; init; }
        public long Refunds { get; init; }
        public long Payouts { get; init; }
        public long Adjustments { get; init; }
    }

    /// <summary>
    /// Every movement of the contributor's payable and receivable by month, from the contributor's side (+ owed to
    /// them). Sales and refunds, payouts (sent, and returned when they failed), and anything else (transfer
    /// reversals, corrections) as adjustments.
    /// </summary>
    private static async Task<List<MovementRow>> MovementsAsync(NpgsqlConnection connection, Guid userId, string currency, DateTimeOffset until,
        CancellationToken ct)
    {
        const string sql = """
            select to_char(j.occurred_at at time zone 'UTC', 'YYYY-MM') as month,
                   coalesce(-sum(p.amount) filter (where j.kind = 'sale'), 0)::bigint as sales,
                   coalesce(-sum(p.amount) filter (where j.kind = 'refund'), 0)::bigint as refunds,
                   coalesce(-sum(p.amount) filter (where j.kind in ('payout', 'payout_failed')), 0)::bigint as payouts,
                   coalesce(-sum(p.amount) filter (where j.kind not in ('sale', 'refund', 'payout', 'payout_failed')), 0)::bigint as adjustments
            from ledger_accounts a
            join ledger_postings p on p.account_id = a.id
            join ledger_journals j on j.id = p.journal_id
            where a.user_id = @userId and a.currency = @currency and a.kind in ('royalties_payable', 'receivable')
              and j.occurred_at < @until
            group by 1
            order by 1
            """;
        return (await connection.QueryAsync<MovementRow>(new CommandDefinition(sql, new { userId, currency, until }, cancellationToken: ct))).AsList();
    }

    [EndpointSummary("List my monthly statements")]
    [EndpointDescription("Contributors: one row per month with activity, newest first.")]
    private static async Task<Results<Ok<StatementList>, ProblemHttpResult>> ListMyStatements(HttpContext http, NpgsqlDataSource db,
        TimeProvider time, string? currency)
    {
        var ct = http.RequestAborted;
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        var code = await CurrencyAsync(connection, userId, currency, ct);
        if (code is null) return BadRequest("Invalid currency", "currency must be an ISO 4217 code in capitals, such as USD.");
        var now = time.GetUtcNow();
        var movements = await MovementsAsync(connection, userId, code, new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1), ct);
        var items = new List<StatementSummary>(movements.Count);
        var balance = 0L;
        foreach (var m in movements)
        {
            var closing = balance + m.Sales + m.Refunds + m.Payouts + m.Adjustments;
            items.Add(new StatementSummary(m.Month, new(balance, code), new(m.Sales, code), new(m.Refunds, code), new(m.Payouts, code),
                new(m.Adjustments, code), new(closing, code)));
            balance = closing;
        }
        items.Reverse();
        return TypedResults.Ok(new StatementList(code, items));
    }

    /// <summary>One month's statement (also used by tests/load/Royalties to time statements at scale).</summary>
    public static async Task<Statement?> StatementAsync(NpgsqlConnection connection, Guid userId, string currency, DateTimeOffset start,
        DateTimeOffset end, CancellationToken ct)
    {
        var movements = await MovementsAsync(connection, userId, currency, end, ct);
        var month = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var opening = movements.Where(m => string.CompareOrdinal(m.Month, month) < 0).Sum(m => m.Sales + m.Refunds + m.Payouts + m.Adjustments);
        var current = movements.Find(m => m.Month == month) ?? new MovementRow { Month = month };
        var lines = await LinesAsync(connection, userId, currency, ct, limit: int.MaxValue, from: start, to: end);
        var closing = opening + current.Sales + current.Refunds + current.Payouts + current.Adjustments;
        return new Statement(month, currency, new(opening, currency), [.. lines.Where(l => l.Kind == RoyaltyPosting.SaleKind)],
            new(current.Sales, currency), [.. lines.Where(l => l.Kind == RoyaltyPosting.RefundKind)], new(current.Refunds, currency),
            new(current.Payouts, currency), new(current.Adjustments, currency), new(closing, currency));
    }

    [EndpointSummary("Get a monthly statement")]
    [EndpointDescription("Contributors: a month's statement (`month` is yyyy-mm): opening balance + sales − refunds − payouts = closing balance, with every line.")]
    private static async Task<Results<Ok<Statement>, ProblemHttpResult>> GetMyStatement(string month, HttpContext http, NpgsqlDataSource db, string? currency)
    {
        var ct = http.RequestAborted;
        if (ParseMonth(month) is not { } range)
            return BadRequest("Invalid month", $"\"{month}\" is not a month: write it as yyyy-mm, such as 2026-11.");
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        var code = await CurrencyAsync(connection, userId, currency, ct);
        if (code is null) return BadRequest("Invalid currency", "currency must be an ISO 4217 code in capitals, such as USD.");
        return TypedResults.Ok((await StatementAsync(connection, userId, code, range.Start, range.End, ct))!);
    }

    [EndpointSummary("Export a monthly statement as CSV")]
    [EndpointDescription("Contributors: a month's statement lines as a CSV file (`month` is yyyy-mm).")]
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportMyStatement(string month, HttpContext http, NpgsqlDataSource db,
        string? currency)
    {
        var ct = http.RequestAborted;
        if (ParseMonth(month) is not { } range)
            return BadRequest("Invalid month", $"\"{month}\" is not a month: write it as yyyy-mm, such as 2026-11.");
        var userId = http.User.UserId();
        await using var connection = await db.OpenConnectionAsync(ct);
        var code = await CurrencyAsync(connection, userId, currency, ct);
        if (code is null) return BadRequest("Invalid currency", "currency must be an ISO 4217 code in capitals, such as USD.");
        var statement = (await StatementAsync(connection, userId, code, range.Start, range.End, ct))!;

        static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static StatementCsvRow Line(EarningsLine l) => new(l.OccurredAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), l.Kind,
            l.JournalId.ToString(), l.AssetId?.ToString() ?? "", l.AssetTitle ?? "",
            l.Licence is null ? "" : string.Join('+', [l.Licence.Size, .. l.Licence.Extended]), l.Gross.Amount,
            l.RateBp?.ToString(CultureInfo.InvariantCulture) ?? "", l.ShareBp?.ToString(CultureInfo.InvariantCulture) ?? "", l.Royalty.Amount,
            l.Royalty.Currency);
        StatementCsvRow Total(string kind, DateTimeOffset at, Money m) => new(Day(at), kind, "", "", "", "", 0, "", "", m.Amount, code);
        var rows = new List<StatementCsvRow> { Total("opening", range.Start, statement.Opening) };
        rows.AddRange(statement.Sales.Concat(statement.RefundLines).OrderBy(l => l.OccurredAt).ThenBy(l => l.JournalId).Select(Line));
        rows.Add(Total("payouts", range.End.AddDays(-1), statement.Payouts));
        rows.Add(Total("adjustments", range.End.AddDays(-1), statement.Adjustments));
        rows.Add(Total("closing", range.End.AddDays(-1), statement.Closing));

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Escape cells a spreadsheet would run as a formula (a title such as "=HYPERLINK(...)").
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        using (var csv = new CsvWriter(text, config)) csv.WriteRecords(rows);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"mediacoop-statement-{month}.csv");
    }
}
