using Dapper;
using MediaCoop.Api.Royalties;
using Npgsql;

namespace MediaCoop.Api.Messaging;

/// <summary>
/// For <c>make run</c>: conversations to look at. The demo buyer asked Ana about one of her photos (and Ana answered,
/// so the buyer has an unread reply) and sent Ben a commission request; on the members' board, a pinned announcement
/// by the admin and a topic with replies. Written once: the buyer's first thread marks the private part as done, the
/// admin's announcement the board.
/// </summary>
internal static class DemoMessages
{
    public const string AnnouncementTitle = "Welcome to the members' board";

    public static async Task RunAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, Guid> ids)
    {
        if (!ids.TryGetValue("buyer", out var buyer) || !ids.TryGetValue("ana", out var ana) || !ids.TryGetValue("ben", out var ben) ||
            !ids.TryGetValue("admin", out var admin) || !ids.TryGetValue("editor", out var editor)) return;
        await using var connection = await dataSource.OpenConnectionAsync();
        var wrote = false;

        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from message_threads where started_by = @buyer)", new { buyer }))
        {
            const string photoSql = """
                select a.id, a.title from assets a where a.owner_id = @ana and a.status = 'published' order by a.published_at, a.id limit 1
                """;
            var photo = await connection.QuerySingleOrDefaultAsync<(Guid Id, string? Title)>(photoSql, new { ana });
            var question = await ThreadAsync(connection, "question", $"About \u201c{photo.Title ?? "your photo"}\u201d", buyer, ana,
                photo.Id == Guid.Empty ? null : photo.Id, null, null, null);
            await PostAsync(connection, question, buyer,
                "Hello Ana! Is this photo available **without the people** on the left? We'd like it for a poster (A1, print run of 500).");
            await PostAsync(connection, question, ana,
                "Hi Bea, thanks for asking. I have a second frame from the same minute with the quay empty; I'll submit it this week.\n\n" +
                "The *Extended* licence covers a print run of 500.");

            var currency = await CoopMembers.CurrencyAsync(connection);
            var commission = await ThreadAsync(connection, "commission", "Harbour series for our spring catalogue", buyer, ben, null,
                120_000, currency, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(45)));
            await PostAsync(connection, commission, buyer,
                "We're looking for **eight photos** of working harbours at first light, landscape, with room for a headline on the left.\n\n" +
                "- usage: print catalogue and our website\n- delivery: full-size JPEGs\n\nOur reference board: https://example.com/moodboard");
            wrote = true;
        }

        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from message_threads where started_by = @admin and announcement)", new { admin }))
        {
            var welcome = await TopicAsync(connection, AnnouncementTitle, admin, announcement: true);
            await PostAsync(connection, welcome, admin,
                "This board is for **members only**: ask, propose, share.\n\n" +
                "1. Be kind; report a post that isn't.\n2. Proposals and votes live under *Co-op → Proposals*.\n3. The AGM is in December.");
            var gear = await TopicAsync(connection, "Who has a tilt-shift lens to lend?", ana, announcement: false);
            await PostAsync(connection, gear, ana, "I'd like to try architecture shots next month. Anyone with a 24 mm tilt-shift I could borrow for a weekend?");
            await PostAsync(connection, gear, ben, "I have a Canon TS-E 24 mm II. Happy to lend it if you bring it back without sand in it.");
            await PostAsync(connection, gear, editor, "Editors' tip: straight verticals sell. We'd love more of those in the catalogue.");
            wrote = true;
        }

        if (wrote) Console.WriteLine("Demo conversations: a question and a commission request from the buyer, an announcement and a topic on the members' board.");
    }

    private static async Task<Guid> ThreadAsync(NpgsqlConnection connection, string kind, string subject, Guid from, Guid to, Guid? assetId,
        long? budget, string? currency, DateOnly? deadline)
    {
        var id = Guid.CreateVersion7();
        const string sql = """
            insert into message_threads (id, kind, subject, started_by, recipient_id, asset_id, budget_amount, budget_currency, deadline)
            values (@id, @kind, @subject, @from, @to, @assetId, @budget, @currency, @deadline)
            """;
        await connection.ExecuteAsync(sql, new { id, kind, subject, from, to, assetId, budget, currency = budget is null ? null : currency,
            deadline = deadline?.ToDateTime(TimeOnly.MinValue) });
        return id;
    }

    private static async Task<Guid> TopicAsync(NpgsqlConnection connection, string title, Guid author, bool announcement)
    {
        var id = Guid.CreateVersion7();
        const string sql = """
            insert into message_threads (id, kind, subject, started_by, announcement, pinned)
            values (@id, 'topic', @title, @author, @announcement, @announcement)
            """;
        await connection.ExecuteAsync(sql, new { id, title, author, announcement });
        return id;
    }

    // One transaction per message: each gets its own time, so the conversations read in order.
    private static async Task PostAsync(NpgsqlConnection connection, Guid threadId, Guid author, string markdown)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await Conversations.AddMessageAsync(connection, tx, Guid.CreateVersion7(), threadId, author, markdown);
        await tx.CommitAsync();
    }
}
