using System.Globalization;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Royalties;

public sealed record ExpenseReceipt(string Name, string ContentType, long ByteSize, string Url);

public sealed record Expense(
    Guid Id, string Category, Money Amount, DateOnly OccurredOn, string Description, ExpenseReceipt Receipt, Guid JournalId, DateTimeOffset RecordedAt);

public sealed record ExpenseList(int Year, IReadOnlyList<Expense> Items);

/// <summary>Operating costs: admins record each with a receipt; every member sees them and their receipts.</summary>
public static class ExpenseEndpoints
{
    public static readonly IReadOnlyList<string> Categories = ["hosting", "payments", "legal", "accounting", "staff", "marketing", "other"];
    public const long MaxReceiptBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapExpenses(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/expenses", RecordExpense).WithName("RecordExpense").WithTags("Royalties").RequireAuthorization(Policies.Admin)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var members = api.MapGroup("/coop/expenses").WithTags("Royalties").RequireAuthorization().RequireCurrentMember("The co-op's books are open to its members. Apply for membership to see them.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        members.MapGet("/", ListExpenses).WithName("ListExpenses").ProducesProblem(StatusCodes.Status400BadRequest);
        members.MapGet("/{id:guid}/receipt", DownloadExpenseReceipt).WithName("DownloadExpenseReceipt")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// Multipart fields: category, amount (minor units), currency, occurredOn (yyyy-mm-dd), description, receipt (the
    /// file). The receipt is stored first; the expense row and its journal ('expense:&lt;id&gt;', Dr operating_expenses,
    /// Cr cash) then commit together — and if they cannot, the stored receipt is deleted, so nothing is half-recorded.
    /// </summary>
    [EndpointSummary("Record an operating expense")]
    [EndpointDescription("Admins: records an operating expense with its receipt and posts it to the books as journal `expense:<id>` (Dr operating_expenses, Cr cash). " +
        "multipart/form-data fields: category (hosting, payments, legal, accounting, staff, marketing, other), amount (minor units, > 0), " +
        "currency (ISO code), occurredOn (yyyy-mm-dd, not in the future), description (1–500 characters), receipt (the file: PDF, JPEG or PNG, at most 10 MB).")]
    private static async Task<Results<Created<Expense>, ProblemHttpResult>> RecordExpense(
        HttpContext http, NpgsqlDataSource dataSource, IBlobStore store, TimeProvider time, ILogger<Expense> logger)
    {
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(statusCode: 415, title: "Send the expense as multipart/form-data",
                detail: "Fields: category, amount (minor units), currency, occurredOn (yyyy-mm-dd), description, and the receipt file in \"receipt\".");
        if (http.Request.ContentLength > MaxReceiptBytes + 64 * 1024) return TooLarge();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);

        var errors = new Dictionary<string, string[]>();
        var category = form["category"].ToString();
        if (!Categories.Contains(category)) errors["category"] = [$"Choose a category: {string.Join(", ", Categories)}."];
        if (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is <= 0 or > 1_000_000_000_000_00)
            errors["amount"] = ["Give the amount as a positive whole number of minor units (cents): 12.50 is 1250."];
        var currency = form["currency"].ToString();
        if (!(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper))) errors["currency"] = ["The currency is a three-letter ISO code such as USD."];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact(form["occurredOn"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var occurredOn))
            errors["occurredOn"] = ["Give the date the cost was incurred as yyyy-mm-dd."];
        else if (occurredOn > today.AddDays(1) || occurredOn.Year < 1900)
            errors["occurredOn"] = ["The date cannot be in the future: record an expense once it is incurred."];
        var description = form["description"].ToString().Trim();
        if (description.Length is 0 or > 500 || description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors["description"] = ["Describe the expense in 1 to 500 characters (e.g. \"Hosting, November\")."];
        var receipt = form.Files.GetFile("receipt");
        if (receipt is not { Length: > 0 }) errors["receipt"] = ["Attach the receipt or invoice (PDF, JPEG or PNG, at most 10 MB)."];
        else if (receipt.Length > MaxReceiptBytes) return TooLarge();
        string? contentType = null;
        if (receipt is { Length: > 0 })
        {
            var head = new byte[8];
            await using (var probe = receipt.OpenReadStream())
                await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, http.RequestAborted);
            contentType = Sniff(head);
            if (contentType is null) errors["receipt"] = ["The receipt must be a PDF, JPEG or PNG file (a scan or photo of it will do)."];
        }
        if (errors.Count > 0) return TypedResults.Problem(TypedResults.ValidationProblem(errors).ProblemDetails);

        var id = Guid.CreateVersion7();
        var extension = Extension(contentType!);
        var key = $"receipts/{occurredOn.Year:D4}/{id:N}{extension}";
        await using (var content = receipt!.OpenReadStream())
            await store.PutAsync(key, content, contentType!, http.RequestAborted);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
            await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
            var occurredAt = new DateTimeOffset(occurredOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var (journalId, _) = await Ledger.PostAsync(connection, tx, new LedgerJournal($"expense:{id}", "expense", occurredAt,
                $"{category}: {description}", currency,
                [new(AccountKinds.OperatingExpenses, null, amount), new(AccountKinds.Cash, null, -amount)]));
            const string sql = """
                insert into expenses (id, category, amount, currency, occurred_on, description, receipt_key, receipt_content_type,
                                      receipt_byte_size, receipt_name, journal_id, recorded_by)
                values (@id, @category, @amount, @currency, @occurredOn, @description, @key, @contentType, @size, @name, @journalId, @recordedBy)
                """;
            await connection.ExecuteAsync(sql, new
            {
                id, category, amount, currency, occurredOn, description, key, contentType, size = receipt.Length,
                name = ReceiptName(receipt.FileName, extension), journalId, recordedBy = http.User.UserId(),
            }, tx);
            await tx.CommitAsync(http.RequestAborted);
            return TypedResults.Created($"/api/v1/coop/expenses/{id}/receipt", (await LoadAsync(connection, id))!);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // The receipt alone, without its expense, would be an orphan nobody can see or delete.
            await store.DeleteAsync(key, CancellationToken.None);
            logger.LogWarning(ex, "Expense {ExpenseId} not recorded; its receipt {Key} was deleted", id, key);
            throw;
        }
    }

    [EndpointSummary("List operating expenses")]
    [EndpointDescription("Members: the operating costs behind the books for a year, each with its receipt.")]
    private static async Task<Results<Ok<ExpenseList>, ProblemHttpResult>> ListExpenses(
        HttpContext http, NpgsqlDataSource dataSource, TimeProvider time, int? year = null)
    {
        var now = time.GetUtcNow();
        var y = year ?? now.Year;
        if (y < 1900 || y > now.Year)
            return TypedResults.Problem(statusCode: 400, title: "Invalid year", detail: $"Choose a year from 1900 to {now.Year}.");
        var sql = $"{SelectSql} where e.occurred_on >= make_date(@y, 1, 1) and e.occurred_on < make_date(@y + 1, 1, 1) order by e.occurred_on desc, e.id desc";
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<ExpenseRow>(sql, new { y });
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new ExpenseList(y, rows.Select(r => r.ToApi()).ToList()));
    }

    [EndpointSummary("Download an expense receipt")]
    [EndpointDescription("Members: the receipt file of an operating expense.")]
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadExpenseReceipt(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, IBlobStore store)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<ExpenseRow>($"{SelectSql} where e.id = @id", new { id });
        if (row is null) return NoSuchExpense();
        var stream = await store.OpenReadAsync(row.ReceiptKey, http.RequestAborted);
        if (stream is null) return NoSuchExpense();
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream, row.ReceiptContentType, row.ReceiptName);
    }

    private static ProblemHttpResult NoSuchExpense() =>
        TypedResults.Problem(statusCode: 404, title: "No such expense", detail: "There is no expense with this id, or its receipt is missing.");

    private static async Task<Expense?> LoadAsync(NpgsqlConnection connection, Guid id) =>
        (await connection.QuerySingleOrDefaultAsync<ExpenseRow>($"{SelectSql} where e.id = @id", new { id }))?.ToApi();

    private const string SelectSql = """
        select e.id, e.category, e.amount, e.currency, e.occurred_on, e.description, e.receipt_key, e.receipt_content_type,
               e.receipt_byte_size, e.receipt_name, e.journal_id, e.recorded_at
        from expenses e
        """;

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: 413, title: "Receipt too large",
        detail: $"A receipt can be at most {MaxReceiptBytes / (1024 * 1024)} MB. Scan it at a lower resolution or save it as a PDF.");

    private static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",      // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] => "image/png",
        _ => null,
    };

    // The extension follows the sniffed type, never the uploaded name.
    private static string ReceiptName(string? uploaded, string extension)
    {
        var stem = string.IsNullOrWhiteSpace(uploaded) ? "" : Path.GetFileNameWithoutExtension(FileNames.Clean(uploaded, extension));
        return (stem.Length == 0 ? "receipt" : stem) + extension;
    }

    private static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };

    private sealed record ExpenseRow
    {
        public Guid Id { get; init; }
        public string Category { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTime OccurredOn { get; init; }
        public string Description { get; init; } = "";
        public string ReceiptKey { get; init; } = "";
        public string ReceiptContentType { get; init; } = "";
        public long ReceiptByteSize { get; init; }
        public string ReceiptName { get; init; } = "";
        public Guid JournalId { get; init; }
        public DateTime RecordedAt { get; init; }

        public Expense ToApi() => new(Id, Category, new(Amount, Currency), DateOnly.FromDateTime(OccurredOn), Description,
            new ExpenseReceipt(ReceiptName, ReceiptContentType, ReceiptByteSize, $"/api/v1/coop/expenses/{Id}/receipt"),
            JournalId, new DateTimeOffset(DateTime.SpecifyKind(RecordedAt, DateTimeKind.Utc)));
    }
}
