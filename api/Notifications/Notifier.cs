using System.Net;
using Dapper;
using Npgsql;

namespace MediaCoop.Api.Notifications;

/// <summary>
/// Tells a member about something: a row in their notifications list and an e-mail in the outbox,
/// both in the caller's transaction, so the event and the telling commit together or not at all
/// (the outbox pattern). <see cref="EmailDispatchJob"/> sends the e-mail after the commit.
/// </summary>
public static class Notifier
{
    public const string DefaultPublicUrl = "http://localhost:8080";

    /// <summary>Where links in e-mails point: links in the app are relative, a mail client needs the host.</summary>
    public static string PublicUrl { get; set; } = DefaultPublicUrl;

    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid userId, string kind, string title, string? body, string? link)
    {
        const string notify = """
            insert into notifications (id, user_id, kind, title, body, link)
            values (@id, @userId, @kind, @title, @body, @link)
            returning (select email from users where id = @userId)
            """;
        var email = await connection.ExecuteScalarAsync<string?>(notify, new { id = Guid.CreateVersion7(), userId, kind, title, body, link }, tx);
        if (email is null) return;

        var absolute = link is null ? null : Absolute(link);
        const string outbox = """
            insert into email_outbox (id, to_email, subject, text_body, html_body)
            values (@id, @email, @subject, @text, @html)
            """;
        await connection.ExecuteAsync(outbox, new
        {
            id = Guid.CreateVersion7(), email, subject = title,
            text = RenderText(title, body, absolute), html = RenderHtml(title, body, absolute),
        }, tx);
    }

    /// <summary>
    /// Tells many people the same thing (an announcement, a proposal opening or closing): one notification and one
    /// e-mail per person, written by two statements whatever the count, in the caller's transaction. Unknown ids are
    /// skipped.
    /// </summary>
    public static async Task<int> NotifyManyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<Guid> userIds, string kind, string title, string? body, string? link)
    {
        var ids = userIds.Distinct().ToArray();
        if (ids.Length == 0) return 0;
        var absolute = link is null ? null : Absolute(link);
        // UUIDv7 ids from here, like every other row, so lists ordered by id stay in time order.
        const string sql = """
            with people as (
                select u.id as user_id, u.email, p.notification_id, p.email_id
                from unnest(@ids, @notificationIds, @emailIds) as p (user_id, notification_id, email_id)
                join users u on u.id = p.user_id
            ), told as (
                insert into notifications (id, user_id, kind, title, body, link)
                select notification_id, user_id, @kind, @title, @body, @link from people
            )
            insert into email_outbox (id, to_email, subject, text_body, html_body)
            select email_id, email, @title, @text, @html from people
            """;
        return await connection.ExecuteAsync(sql, new
        {
            ids, notificationIds = ids.Select(_ => Guid.CreateVersion7()).ToArray(), emailIds = ids.Select(_ => Guid.CreateVersion7()).ToArray(),
            kind, title, body, link, text = RenderText(title, body, absolute), html = RenderHtml(title, body, absolute),
        }, tx);
    }

    internal static string Absolute(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? link
            : PublicUrl.TrimEnd('/') + "/" + link.TrimStart('/');

    internal static string RenderText(string title, string? body, string? link)
    {
        var parts = new List<string> { title };
        if (!string.IsNullOrWhiteSpace(body)) parts.Add(body);
        if (link is not null) parts.Add(link);
        parts.Add("— MediaCoop");
        return string.Join("\n\n", parts) + "\n";
    }

    // Every piece a member or an editor typed is encoded: an asset titled "<script>" must reach
    // the mail client as text, not as markup.
    internal static string RenderHtml(string title, string? body, string? link)
    {
        var html = new System.Text.StringBuilder();
        html.Append("<!doctype html><html><body style=\"font-family:sans-serif\">");
        html.Append("<h1 style=\"font-size:18px\">").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(body))
            foreach (var paragraph in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        if (link is not null)
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">Open in MediaCoop</a></p>");
        html.Append("<p style=\"color:#666\">— MediaCoop</p></body></html>");
        return html.ToString();
    }
}
