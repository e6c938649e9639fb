using System.Globalization;
using System.Text;
using CsvHelper;
using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>One month of the co-op's books, in minor units of the books' currency. margin = revenue − refunds − royalties − fees − operatingCosts.</summary>
public sealed record BooksMonth(string Month, long Revenue, long Refunds, long Royalties, long Fees, long Payouts, long OperatingCosts, long Margin);

public sealed record BooksTotals(long Revenue, long Refunds, long Royalties, long Fees, long Payouts, long OperatingCosts, long Margin);

public sealed record CoopBooks(int Year, string Currency, IReadOnlyList<BooksMonth> Months, BooksTotals Totals);

public sealed record CoopHeadline(int Year, Money RoyaltiesPaid, int Contributors);

/// <summary>
/// Open books: the co-op's monthly figures, read from the ledger alone so they tie out to it, for every member;
/// and the public headline (royalties credited to photographers this year) for the storefront.
/// </summary>
public static class CoopBooksEndpoints
{
    public static RouteGroupBuilder MapCoopBooks(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/coop").WithTags("Royalties").RequireAuthorization().RequireCurrentMember("The co-op's books are open to its members. Apply for membership to see them.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        members.MapGet("/books", GetCoopBooks).WithName("GetCoopBooks").ProducesProblem(StatusCodes.Status400BadRequest);
        members.MapGet("/books.csv", GetCoopBooksCsv).WithName("GetCoopBooksCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/coop/headline", GetCoopHeadline).WithName("GetCoopHeadline").WithTags("Royalties").AllowAnonymous()
            .WithPublicCaching(300);
        return api;
    }

    [EndpointSummary("Get the co-op's books")]
    [EndpointDescription("Members: the year by month: revenue, refunds, royalties, fees, payouts, costs and margin.")]
    private static async Task<Results<Ok<CoopBooks>, ProblemHttpResult>> GetCoopBooks(
        HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, int? year = null, string? currency = null)
    {
        var now = time.GetUtcNow();
        if (Check(year ?? now.Year, currency, now) is { } problem) return problem;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var books = await BooksAsync(connection, year ?? now.Year, currency ?? await CoopMembers.CurrencyAsync(connection), now);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(books);
    }

    [EndpointSummary("Export the co-op's books as CSV")]
    [EndpointDescription("Members: the same figures as `GetCoopBooks`, as a CSV file.")]
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCoopBooksCsv(
        HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, int? year = null, string? currency = null)
    {
        var now = time.GetUtcNow();
        if (Check(year ?? now.Year, currency, now) is { } problem) return problem;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var books = await BooksAsync(connection, year ?? now.Year, currency ?? await CoopMembers.CurrencyAsync(connection), now);

        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "month", "currency", "revenue", "refunds", "royalties", "fees", "payouts", "operating_costs", "margin" })
                csv.WriteField(header);
            await csv.NextRecordAsync();
            void Row(string label, long revenue, long refunds, long royalties, long fees, long payouts, long costs, long margin)
            {
                csv.WriteField(label);
                csv.WriteField(books.Currency);
                foreach (var amount in new[] { revenue, refunds, royalties, fees, payouts, costs, margin })
                    csv.WriteField(MoneyText.Plain(amount, books.Currency));
            }
            foreach (var m in books.Months)
            {
                Row(m.Month, m.Revenue, m.Refunds, m.Royalties, m.Fees, m.Payouts, m.OperatingCosts, m.Margin);
                await csv.NextRecordAsync();
            }
            var t = books.Totals;
            Row("total", t.Revenue, t.Refunds, t.Royalties, t.Fees, t.Payouts, t.OperatingCosts, t.Margin);
            await csv.NextRecordAsync();
        }
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"mediacoop-books-{books.Year}-{books.Currency}.csv");
    }

    private static ProblemHttpResult? Check(int year, string? currency, DateTimeOffset now)
    {
        if (year < 1900 || year > now.Year)
            return TypedResults.Problem(statusCode: 400, title: "Invalid year", detail: $"Choose a year from 1900 to {now.Year}.");
        if (currency is not null && !(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)))
            return TypedResults.Problem(statusCode: 400, title: "Invalid currency", detail: "currency is a three-letter ISO code such as USD.");
        return null;
    }

    /// <summary>
    /// The year's figures by month (UTC) from the co-op's own accounts: revenue = credits to revenue; refunds, royalties
    /// (royalty_expense, net of reversals), fees and operating costs = their debits; payouts = sent to contributors net of
    /// failed ones (payouts_in_transit in payout and payout_failed journals). Months run to the current one.
    /// </summary>
    public static async Task<CoopBooks> BooksAsync(NpgsqlConnection connection, int year, string currency, DateTimeOffset now)
    {
        const string sql = """
            select to_char(j.occurred_at at time zone 'UTC', 'YYYY-MM') as month, a.kind as account, j.kind as journal, sum(p.amount)::bigint as amount
            from ledger_postings p
            join ledger_accounts a on a.id = p.account_id
            join ledger_journals j on j.id = p.journal_id
            where a.user_id is null and a.currency = @currency
              and a.kind in ('revenue', 'refunds', 'royalty_expense', 'provider_fees', 'payouts_in_transit', 'operating_expenses')
              and j.occurred_at >= @start and j.occurred_at < @end
            group by 1, 2, 3
            """;
        var start = PatronageBook.YearStart(year);
        var rows = (await connection.QueryAsync<BooksRow>(sql, new { currency, start, end = PatronageBook.YearStart(year + 1) })).ToList();
        var lastMonth = year == now.Year ? now.Month : 12;
        var months = new List<BooksMonth>(lastMonth);
        for (var m = 1; m <= lastMonth; m++)
        {
            var key = $"{year:D4}-{m:D2}";
            var inMonth = rows.Where(r => r.Month == key).ToList();
            long Sum(string account) => inMonth.Where(r => r.Account == account).Sum(r => r.Amount);
            var revenue = -Sum(AccountKinds.Revenue);
            var refunds = Sum(AccountKinds.Refunds);
            var royalties = Sum(AccountKinds.RoyaltyExpense);
            var fees = Sum(AccountKinds.ProviderFees);
            var payouts = -inMonth.Where(r => r.Account == AccountKinds.PayoutsInTransit && r.Journal is "payout" or "payout_failed").Sum(r => r.Amount);
            var costs = Sum(AccountKinds.OperatingExpenses);
            months.Add(new BooksMonth(key, revenue, refunds, royalties, fees, payouts, costs, revenue - refunds - royalties - fees - costs));
        }
        var totals = new BooksTotals(months.Sum(m => m.Revenue), months.Sum(m => m.Refunds), months.Sum(m => m.Royalties), months.Sum(m => m.Fees),
            months.Sum(m => m.Payouts), months.Sum(m => m.OperatingCosts), months.Sum(m => m.Margin));
        return new CoopBooks(year, currency, months, totals);
    }

    [EndpointSummary("Get the co-op headline figure")]
    [EndpointDescription("Public and cacheable: royalties paid to photographers this year.")]
    private static async Task<Ok<CoopHeadline>> GetCoopHeadline(HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        // Royalties credited to contributors this year (sales minus refund reversals), whoever holds them now.
        const string sql = """
            select coalesce(sum(net), 0)::bigint as royalties, count(*) filter (where net > 0)::int as contributors
            from (
                select a.user_id, -sum(p.amount) as net
                from ledger_postings p
                join ledger_accounts a on a.id = p.account_id
                join ledger_journals j on j.id = p.journal_id
                where a.kind in ('royalties_payable', 'receivable') and a.currency = @currency
                  and j.kind in ('sale', 'refund') and j.occurred_at >= @start and j.occurred_at < @end
                group by a.user_id
            ) per_contributor
            """;
        var year = time.GetUtcNow().Year;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var currency = await CoopMembers.CurrencyAsync(connection);
        var row = await connection.QuerySingleAsync<HeadlineRow>(sql, new { currency, start = PatronageBook.YearStart(year), end = PatronageBook.YearStart(year + 1) });
        return TypedResults.Ok(new CoopHeadline(year, new(row.Royalties, currency), row.Contributors));
    }

    private sealed record BooksRow
    {
        public string Month { get; init; } = "";
        public string Account { get; init; } = "";
        public string Journal { get; init; } = "";
        public long Amount { get; init; }
    }

    private sealed record HeadlineRow
    {
        public long Royalties { get; init; }
        public int Contributors { get; init; }
    }
}
