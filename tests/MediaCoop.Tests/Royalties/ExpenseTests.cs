using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static MediaCoop.Tests.Royalties.CoopFixtures;

namespace MediaCoop.Tests.Royalties;

public sealed class ExpenseTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent Form(string description, int year, byte[] receipt, string fileName = "invoice.pdf",
        string category = "hosting", string amount = "12345", string currency = "USD", string? occurredOn = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(category), "category" },
            { new StringContent(amount), "amount" },
            { new StringContent(currency), "currency" },
            { new StringContent(occurredOn ?? $"{year}-09-30"), "occurredOn" },
            { new StringContent(description), "description" },
        };
        var file = new ByteArrayContent(receipt);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "receipt", fileName);
        return content;
    }

    private static async Task<List<string>> ReceiptsStoredAsync(int year)
    {
        var store = Api.Services.GetRequiredService<IBlobStore>();
        var keys = new List<string>();
        await foreach (var blob in store.ListAsync($"receipts/{year}/", CancellationToken.None)) keys.Add(blob.Key);
        return keys;
    }

    [Test]
    public async Task An_expense_with_its_receipt_is_posted_and_members_see_it_in_the_books()
    {
        var year = UnusedYear();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (member, _) = await MemberSignedInAsync("contributor");
        var description = $"Servers for September {Guid.NewGuid():N}";

        var created = await (await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses", Form(description, year, Pdf)))
            .JsonAsync(HttpStatusCode.Created);
        Assert.That(created["category"]!.GetValue<string>(), Is.EqualTo("hosting"));
        Assert.That(created["amount"]!["amount"]!.GetValue<long>(), Is.EqualTo(12345));
        Assert.That(created["occurredOn"]!.GetValue<string>(), Is.EqualTo($"{year}-09-30"));
        Assert.That(created["receipt"]!["contentType"]!.GetValue<string>(), Is.EqualTo("application/pdf"));

        var listed = await (await member.GetAsync($"/api/v1/coop/expenses?year={year}")).JsonAsync(HttpStatusCode.OK);
        var item = listed["items"]!.AsArray().Single(e => e!["description"]!.GetValue<string>() == description)!;
        var receipt = await member.GetAsync(item["receipt"]!["url"]!.GetValue<string>());
        Assert.That(receipt.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(receipt.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(await receipt.Content.ReadAsByteArrayAsync(), Is.EqualTo(Pdf));

        var books = await (await member.GetAsync($"/api/v1/coop/books?year={year}&currency=USD")).JsonAsync(HttpStatusCode.OK);
        var september = books["months"]!.AsArray().Single(m => m!["month"]!.GetValue<string>() == $"{year}-09")!;
        Assert.That(september["operatingCosts"]!.GetValue<long>(), Is.EqualTo(12345));
        Assert.That(september["margin"]!.GetValue<long>(), Is.EqualTo(-12345));

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var cash = await connection.ExecuteScalarAsync<long>("""
            select p.amount from ledger_postings p join ledger_accounts a on a.id = p.account_id join ledger_journals j on j.id = p.journal_id
            where j.external_ref = @reference and a.kind = 'cash'
            """, new { reference = $"expense:{created["id"]!.GetValue<Guid>()}" });
        Assert.That(cash, Is.EqualTo(-12345), "paid from the co-op's cash");
    }

    [Test]
    public async Task A_bad_receipt_or_field_is_refused_and_nothing_is_recorded()
    {
        var year = UnusedYear();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var description = $"Not a receipt {Guid.NewGuid():N}";

        var notAReceipt = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses",
            Form(description, year, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "receipt.pdf"));
        var problem = await notAReceipt.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["receipt"]![0]!.GetValue<string>(), Does.Contain("PDF, JPEG or PNG"));

        var badFields = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses",
            Form(description, year, Pdf, category: "yachts", amount: "12.50", currency: "usd", occurredOn: "30/09/2020"));
        var errors = (await badFields.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "category", "amount", "currency", "occurredOn" }));

        var future = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses",
            Form(description, year, Pdf, occurredOn: DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        await future.ProblemAsync(HttpStatusCode.BadRequest);

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from expenses where description = @description", new { description }), Is.Zero);
        Assert.That(await ReceiptsStoredAsync(year), Is.Empty, "no receipt left behind");
    }

    [Test]
    public async Task When_the_database_refuses_the_expense_its_stored_receipt_is_deleted()
    {
        var year = UnusedYear();
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var description = $"test-db-failure {Guid.NewGuid():N}";
        // A stand-in for the database failing after the receipt was stored: it refuses only this test's expense.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("""
            create or replace function test_refuse_expense() returns trigger language plpgsql as $$
            begin
                if new.description like 'test-db-failure %' then raise exception 'simulated database failure'; end if;
                return new;
            end $$;
            create or replace trigger test_refuse_expense before insert on expenses for each row execute function test_refuse_expense();
            """);

        var refused = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses", Form(description, year, Pdf));

        await refused.ProblemAsync(HttpStatusCode.InternalServerError);
        Assert.That(await ReceiptsStoredAsync(year), Is.Empty, "the receipt was deleted");
        Assert.That(await connection.ExecuteScalarAsync<int>(
            "select count(*) from ledger_journals where kind = 'expense' and description like '%' || @description", new { description }), Is.Zero, "and no journal was posted");
    }

    [Test]
    public async Task Only_admins_record_expenses()
    {
        var year = UnusedYear();
        var (member, _) = await MemberSignedInAsync("worker", "contributor", "editor");
        using var anonymous = Api.NewClient();

        await (await member.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses", Form("by a member", year, Pdf))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.SendRawAsync(HttpMethod.Post, "/api/v1/admin/expenses", Form("by anyone", year, Pdf))).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(await ReceiptsStoredAsync(year), Is.Empty);
        await (await member.GetAsync($"/api/v1/coop/expenses/{Guid.NewGuid()}/receipt")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
