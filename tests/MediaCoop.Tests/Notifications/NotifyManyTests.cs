using Dapper;
using MediaCoop.Api.Notifications;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Notifications;

public sealed class NotifyManyTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Everyone_named_gets_one_notification_and_one_encoded_email_and_a_rollback_tells_nobody()
    {
        var people = new List<Me>();
        for (var i = 0; i < 3; i++) people.Add((await Users.SignedInAsync(Api, "contributor")).Me);
        var ids = people.Select(p => p.Id).Append(people[0].Id).Append(Guid.NewGuid()).ToArray();
        var title = "Vote open: <b>rates</b> " + Guid.NewGuid().ToString("N");

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await Notifier.NotifyManyAsync(connection, rolledBack, ids, "proposal", title, "Body", "/coop/proposals");
            await rolledBack.RollbackAsync();
        }
        Assert.That(await connection.ExecuteScalarAsync<long>("select count(*) from notifications where title = @title", new { title }), Is.Zero);

        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Notifier.NotifyManyAsync(connection, tx, ids, "proposal", title, "Body", "/coop/proposals");
            await tx.CommitAsync();
        }

        var told = (await connection.QueryAsync<Guid>("select user_id from notifications where title = @title", new { title })).ToList();
        Assert.That(told, Is.EquivalentTo(people.Select(p => p.Id)), "each person once; an unknown id is skipped");
        var mails = (await connection.QueryAsync<(string To, string Html)>(
            "select to_email, html_body from email_outbox where subject = @title", new { title })).ToList();
        Assert.That(mails.Select(m => m.To.ToLowerInvariant()), Is.EquivalentTo(people.Select(p => p.Email.ToLowerInvariant())));
        Assert.That(mails[0].Html, Does.Contain("&lt;b&gt;rates&lt;/b&gt;").And.Contain("/coop/proposals"));
    }
}
