using MediaCoop.Api.Platform;
using Dapper;
using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace MediaCoop.Api.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();
    public string From { get; set; } = "MediaCoop <no-reply@mediacoop.invalid>";
    /// <summary>When the dispatch job runs (cron); empty leaves it unscheduled, for hosts that run it by hand (the tests).</summary>
    public string DispatchCron { get; set; } = "* * * * *";

    public sealed class SmtpOptions
    {
        /// <summary>Unset: no mail leaves the machine; the outbox is kept locally for an admin to read.</summary>
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public string? User { get; set; }
        public string? Password { get; set; }
        public bool UseStartTls { get; set; } = true;
    }
}

/// <summary>
/// Sends the e-mail outbox. Each row is claimed with <c>for update skip locked</c> in its own
/// transaction, so several workers never send one mail twice and one bad address does not hold
/// back the rest. A failed send is retried by the next run, up to <see cref="MaxAttempts"/>.
/// </summary>
public sealed class EmailDispatchJob(NpgsqlDataSource dataSource, IOptions<EmailOptions> options, ILogger<EmailDispatchJob> logger)
{
    public const int MaxAttempts = 5;
    public const int BatchSize = 100;
    public const string JobId = "email-dispatch";

    public static void Schedule(IRecurringJobManager recurring, EmailOptions options)
    {
        recurring.AddOrRemove<EmailDispatchJob>(JobId, j => j.RunAsync(CancellationToken.None), options.DispatchCron);
    }

    // The job keeps its own attempt count per mail; Hangfire retrying the whole run would only repeat it.
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken ct) => (await DispatchAsync(ct)).Count;

    /// <summary>The outbox rows this run handled (sent or kept locally).</summary>
    internal async Task<IReadOnlyList<Guid>> DispatchAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            const string keep = """
                update email_outbox set kept_locally = true
                where id in (select id from email_outbox
                             where sent_at is null and not kept_locally and attempts < @max
                             order by created_at limit @batch
                             for update skip locked)
                returning id
                """;
            return (await connection.QueryAsync<Guid>(keep, new { max = MaxAttempts, batch = BatchSize })).ToList();
        }

        var handled = new List<Guid>();
        using var client = new SmtpClient();
        for (var i = 0; i < BatchSize; i++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            const string claim = """
                select id, to_email, subject, text_body, html_body from email_outbox
                where sent_at is null and not kept_locally and attempts < @max
                order by created_at limit 1
                for update skip locked
                """;
            var mail = await connection.QuerySingleOrDefaultAsync<OutboxMail>(claim, new { max = MaxAttempts }, tx);
            if (mail is null) break;
            try
            {
                if (!client.IsConnected) await ConnectAsync(client, smtp, ct);
                await client.SendAsync(ToMessage(mail), ct);
                await connection.ExecuteAsync("update email_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = @id",
                    new { id = mail.Id }, tx);
                handled.Add(mail.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "E-mail {Id} was not sent", mail.Id);
                await connection.ExecuteAsync("update email_outbox set attempts = attempts + 1, last_error = @error where id = @id",
                    new { id = mail.Id, error = ex.Message }, tx);
                // A broken connection is opened afresh for the next mail.
                if (client.IsConnected) await client.DisconnectAsync(quit: false, CancellationToken.None);
            }
            await tx.CommitAsync(ct);
        }
        if (client.IsConnected) await client.DisconnectAsync(quit: true, ct);
        return handled;
    }

    private static async Task ConnectAsync(SmtpClient client, EmailOptions.SmtpOptions smtp, CancellationToken ct)
    {
        var security = smtp.UseStartTls ? SecureSocketOptions.StartTls
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
    }

    private MimeMessage ToMessage(OutboxMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(mail.ToEmail));
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    private sealed record OutboxMail
    {
        public Guid Id { get; init; }
        public string ToEmail { get; init; } = "";
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string HtmlBody { get; init; } = "";
    }
}
