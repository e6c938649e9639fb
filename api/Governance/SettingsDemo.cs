using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>
/// Demo content for settings, meetings and the directory (<c>make run</c>): the founding settings as the first
/// entry of the history, a held AGM with minutes and an upcoming general meeting, and the demo members listed in the
/// directory. Idempotent: each part is written only when its table has nothing of the kind yet.
/// </summary>
internal static class SettingsDemo
{
    private static readonly string[] ListedInDirectory = ["admin", "editor", "ana", "ben"];

    public static async Task RunAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, Guid> ids, TimeProvider time)
    {
        if (!ids.TryGetValue("admin", out var admin)) return;
        await using var connection = await dataSource.OpenConnectionAsync();

        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from settings_changes)"))
        {
            var current = await CoopSettings.LoadAsync(connection, null);
            await using var tx = await connection.BeginTransactionAsync();
            await SettingsChanges.ApplyAsync(connection, tx, new SettingsChange
            {
                RoyaltyRateStandardBp = current.RoyaltyRateStandardBp,
                RoyaltyRateExtendedBp = current.RoyaltyRateExtendedBp,
                PayoutThresholdMinor = current.PayoutThresholdMinor,
                PatronageClassShares = current.PatronageClassShares,
                PatronageCashBp = current.PatronageCashBp,
            }, SettingsAuthority.Admin(admin, "The founding settings adopted at the founding general meeting, recorded so the history starts from them."));
            await tx.CommitAsync();
            SettingsChanges.ForgetCachedSettings();
        }

        if (!await connection.ExecuteScalarAsync<bool>("select exists (select 1 from meetings)"))
        {
            var now = time.GetUtcNow();
            const string agenda = "1. Welcome and quorum\n2. The co-op's books for the year\n3. Patronage pool\n4. Board election";
            const string minutes = "**Present:** 4 members (quorum reached).\n\n1. The books were presented and approved.\n" +
                "2. The members agreed to put the patronage pool to a binding vote.\n3. Ana Okafor and Ben Lindqvist stood for the board.";
            const string sql = """
                insert into meetings (id, kind, title, scheduled_at, location, online_url, agenda_markdown, agenda_html,
                                      minutes_markdown, minutes_html, minutes_published_at, minutes_published_by, created_by)
                values (@agmId, 'agm', 'Annual general meeting', @heldAt, 'Co-op hall', null, @agenda, @agendaHtml,
                        @minutes, @minutesHtml, @heldAt, @admin, @admin),
                       (@nextId, 'general', 'General meeting: pricing review', @nextAt, null, 'https://meet.example.org/mediacoop',
                        '1. Licence prices\n2. Any other business', @nextAgendaHtml, null, null, null, null, @admin)
                """;
            await connection.ExecuteAsync(sql, new
            {
                agmId = Guid.CreateVersion7(), nextId = Guid.CreateVersion7(), heldAt = now.AddDays(-30), nextAt = now.AddDays(21), admin,
                agenda, agendaHtml = SafeMarkdown.ToHtml(agenda), minutes, minutesHtml = SafeMarkdown.ToHtml(minutes),
                nextAgendaHtml = SafeMarkdown.ToHtml("1. Licence prices\n2. Any other business"),
            });
        }

        // The demo members chose to be listed (a real member opts in from the account page).
        var listed = ListedInDirectory.Where(ids.ContainsKey).Select(k => ids[k]).ToArray();
        await connection.ExecuteAsync("update users set directory_visible = true where id = any(@listed) and not directory_visible", new { listed });
    }
}
