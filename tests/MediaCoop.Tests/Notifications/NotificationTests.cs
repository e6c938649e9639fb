using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using MediaCoop.Api.Notifications;
using MediaCoop.Tests.Curation;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaCoop.Tests.Notifications;

public sealed class NotificationTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private sealed record OutboxRow
    {
        public Guid Id { get; init; }
        public string ToEmail { get; init; } = "";
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string HtmlBody { get; init; } = "";
        public DateTime? SentAt { get; init; }
        public bool KeptLocally { get; init; }
        public int Attempts { get; init; }
    }

    private static async Task<List<OutboxRow>> OutboxForAsync(string email)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryAsync<OutboxRow>("select * from email_outbox where to_email = @email", new { email })).ToList();
    }

    private static async Task<Guid> DecidedAssetAsync(Me owner, ApiClient editor, string title, string outcome = "decline", params string[] reasons)
    {
        var id = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, owner.Id);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update assets set title = @title where id = @id", new { id, title });
        var decided = await editor.PostAsync($"/api/v1/review/assets/{id}/decision", new { outcome, reasonCodes = reasons, note = "Try a wider crop & <b>less</b> noise." });
        await decided.JsonAsync(HttpStatusCode.OK);
        return id;
    }

    [Test]
    public async Task A_decision_notifies_the_owner_once_in_the_app_and_by_an_html_encoded_email()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var id = await DecidedAssetAsync(ownerMe, editor, "Dusk <script>alert(1)</script>", "decline", "not-a-fit", "technical-quality");

        var page = await (await owner.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var item = page["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(page["unreadCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(item["kind"]!.GetValue<string>(), Is.EqualTo("submission.reviewed"));
            Assert.That(item["title"]!.GetValue<string>(), Is.EqualTo("Declined: Dusk <script>alert(1)</script>"));
            Assert.That(item["body"]!.GetValue<string>(), Does.Contain("Not a fit for the collection").And.Contain("Technical quality").And.Contain("wider crop"));
            Assert.That(item["link"]!.GetValue<string>(), Is.EqualTo($"/portfolio/{id}"));
            Assert.That(item["read"]!.GetValue<bool>(), Is.False);
        });

        var mail = (await OutboxForAsync(ownerMe.Email)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Is.EqualTo("Declined: Dusk <script>alert(1)</script>"));
            Assert.That(mail.HtmlBody, Does.Not.Contain("<script>").And.Not.Contain("<b>"));
            Assert.That(mail.HtmlBody, Does.Contain("Dusk &lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("&lt;b&gt;less&lt;/b&gt;"));
            Assert.That(mail.HtmlBody, Does.Contain($"href=\"http://localhost:8080/portfolio/{id}\""));
            Assert.That(mail.TextBody, Does.Contain("Not a fit for the collection").And.Contain($"http://localhost:8080/portfolio/{id}"));
        });
    }

    [Test]
    public async Task A_refused_decision_notifies_nobody()
    {
        var (_, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        var id = await ReviewTests.SubmittedAssetAsync(TestDatabase.ConnectionString, ownerMe.Id);
        await (await editor.PostAsync($"/api/v1/review/assets/{id}/decision", new { outcome = "decline", reasonCodes = new[] { "no-such" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from notifications where user_id = @id", new { id = ownerMe.Id }), Is.Zero);
        Assert.That(await OutboxForAsync(ownerMe.Email), Is.Empty);
    }

    [Test]
    public async Task Members_mark_their_own_notifications_read_and_nobody_elses()
    {
        var (owner, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (other, otherMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        await DecidedAssetAsync(ownerMe, editor, "One", "publish");
        await DecidedAssetAsync(ownerMe, editor, "Two", "send_back", "keywords");
        await DecidedAssetAsync(otherMe, editor, "Theirs", "publish");

        var page = await (await owner.GetAsync("/api/v1/me/notifications?limit=1")).JsonAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray().Single()!["title"]!.GetValue<string>(), Is.EqualTo("Sent back: Two"), "newest first");
        Assert.That(page["unreadCount"]!.GetValue<int>(), Is.EqualTo(2));
        var rest = await (await owner.GetAsync($"/api/v1/me/notifications?limit=1&cursor={page["nextCursor"]!.GetValue<string>()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(rest["items"]!.AsArray().Single()!["title"]!.GetValue<string>(), Is.EqualTo("Published: One"));
        Assert.That(rest["nextCursor"], Is.Null);

        var theirs = await (await other.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        var theirId = theirs["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
        var newest = page["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
        var marked = await owner.PostAsync("/api/v1/me/notifications/read", new { ids = new[] { newest, theirId } });
        Assert.That(marked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await (await owner.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK))["unreadCount"]!.GetValue<int>(), Is.EqualTo(1));
        var theirsAfter = await (await other.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(theirsAfter["unreadCount"]!.GetValue<int>(), Is.EqualTo(1), "someone else's ids are untouched");
        Assert.That(theirsAfter["items"]!.AsArray().Single()!["read"]!.GetValue<bool>(), Is.False);

        Assert.That((await owner.PostAsync("/api/v1/me/notifications/read", new { all = true })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var after = await (await owner.GetAsync("/api/v1/me/notifications")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after["unreadCount"]!.GetValue<int>(), Is.Zero);
        Assert.That(after["items"]!.AsArray().Select(i => i!["read"]!.GetValue<bool>()), Is.All.True);
        await (await owner.PostAsync("/api/v1/me/notifications/read", new { })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Without_smtp_the_dispatch_job_keeps_mail_locally_once_and_admins_read_it()
    {
        var (_, ownerMe) = await Users.SignedInAsync(Api, "contributor");
        var (editor, _) = await Users.SignedInAsync(Api, "editor");
        await DecidedAssetAsync(ownerMe, editor, "Kept", "publish");
        var mailId = (await OutboxForAsync(ownerMe.Email)).Single().Id;

        IReadOnlyList<Guid> first, second;
        using (var scope = Api.Services.CreateScope())
            first = await scope.ServiceProvider.GetRequiredService<EmailDispatchJob>().DispatchAsync(CancellationToken.None);
        using (var scope = Api.Services.CreateScope())
            second = await scope.ServiceProvider.GetRequiredService<EmailDispatchJob>().DispatchAsync(CancellationToken.None);

        Assert.That(first, Does.Contain(mailId));
        Assert.That(second, Does.Not.Contain(mailId), "never handled twice");
        var mail = (await OutboxForAsync(ownerMe.Email)).Single();
        Assert.That(mail.KeptLocally, Is.True);
        Assert.That(mail.SentAt, Is.Null);

        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var outbox = await (await admin.GetAsync("/api/v1/admin/outbox?limit=200")).JsonAsync(HttpStatusCode.OK);
        var row = outbox["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == mailId)!;
        Assert.That(row["to"]!.GetValue<string>(), Is.EqualTo(ownerMe.Email));
        Assert.That(row["subject"]!.GetValue<string>(), Is.EqualTo("Published: Kept"));
        Assert.That(row["keptLocally"]!.GetValue<bool>(), Is.True);
        Assert.That(row["textBody"]!.GetValue<string>(), Does.Contain("Published: Kept"));
    }

    private static async Task DispatchOnceAsync(ApiFactory api)
    {
        using var scope = api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EmailDispatchJob>().DispatchAsync(CancellationToken.None);
    }

    [Test]
    public async Task With_smtp_the_dispatch_job_sends_each_mail_once()
    {
        using var smtp = new FakeSmtpServer();
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(),
            ["Email:Smtp:UseStartTls"] = "false",
        });
        var (_, ownerMe) = await Users.SignedInAsync(api, "contributor");
        var (editor, _) = await Users.SignedInAsync(api, "editor");
        await DecidedAssetAsync(ownerMe, editor, "Sent", "publish");

        // Other tests' mail is pending too (announcements and votes tell every member of the shared database), oldest
        // first: run the job until it reaches this one, then once more to show a sent mail is never sent again.
        for (var run = 0; run < 100 && (await OutboxForAsync(ownerMe.Email)).Single().SentAt is null; run++)
            await DispatchOnceAsync(api);
        await DispatchOnceAsync(api);

        var mail = (await OutboxForAsync(ownerMe.Email)).Single();
        Assert.That(mail.SentAt, Is.Not.Null);
        Assert.That(mail.KeptLocally, Is.False);
        Assert.That(mail.Attempts, Is.EqualTo(1));
        Assert.That(smtp.Messages.Count(m => m.Contains(ownerMe.Email, StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
        Assert.That(smtp.Messages.Single(m => m.Contains(ownerMe.Email, StringComparison.OrdinalIgnoreCase)), Does.Contain("Published: Sent"));
    }

    [Test]
    public async Task Anonymous_callers_may_not_read_notifications_and_non_admins_may_not_read_the_outbox()
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/notifications")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/admin/outbox")).ProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var role in new[] { "contributor", "editor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            await (await client.GetAsync("/api/v1/admin/outbox")).ProblemAsync(HttpStatusCode.Forbidden);
        }
        var (buyer, _) = await Users.SignedInAsync(Api);
        await (await buyer.GetAsync("/api/v1/admin/outbox")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Just enough SMTP for MailKit without TLS or auth: records each message's envelope and data.</summary>
    private sealed class FakeSmtpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly List<string> messages = [];

        public FakeSmtpServer()
        {
            listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Messages { get { lock (messages) return messages.ToList(); } }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (Exception) { return; }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost fake ESMTP");
            var envelope = new StringBuilder();
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Split(' ')[0].ToUpperInvariant();
                switch (command)
                {
                    case "EHLO" or "HELO": await writer.WriteLineAsync("250 localhost"); break;
                    case "MAIL" or "RCPT": envelope.AppendLine(line); await writer.WriteLineAsync("250 OK"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync() is { } data && data != ".") envelope.AppendLine(data);
                        lock (messages) messages.Add(envelope.ToString());
                        envelope.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                    default: await writer.WriteLineAsync("250 OK"); break;
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
