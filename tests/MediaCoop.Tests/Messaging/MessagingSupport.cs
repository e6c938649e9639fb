using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Messaging;

/// <summary>Arranges people and conversations for the messaging tests; each test gets people of its own.</summary>
internal static class MessagingSupport
{
    public static Task<(ApiClient Client, Me Me)> BuyerAsync(ApiFactory api) => Users.SignedInAsync(api);

    public static Task<(ApiClient Client, Me Me)> ContributorAsync(ApiFactory api) => Users.SignedInAsync(api, "contributor");

    /// <summary>A signed-in person holding a current membership (and the given roles).</summary>
    public static async Task<(ApiClient Client, Me Me)> MemberAsync(ApiFactory api, params string[] roles)
    {
        var (client, me) = await Users.SignedInAsync(api, roles);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("insert into memberships (id, user_id, member_class) values (gen_random_uuid(), @id, 'worker')", new { id = me.Id });
        return (client, me);
    }

    public static async Task<JsonObject> StartQuestionAsync(ApiClient from, Guid to, string body = "Is this photo available in a larger size?",
        Guid? assetId = null)
    {
        var response = await from.PostAsync("/api/v1/threads", new { recipientId = to, kind = "question", subject = "About your photo", body, assetId });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonObject> ReplyAsync(ApiClient from, Guid threadId, string body) =>
        await (await from.PostAsync($"/api/v1/threads/{threadId}/messages", new { body })).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonObject> ThreadAsync(ApiClient client, Guid threadId) =>
        await (await client.GetAsync($"/api/v1/threads/{threadId}")).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonObject> UnreadAsync(ApiClient client) =>
        await (await client.GetAsync("/api/v1/threads/unread")).JsonAsync(HttpStatusCode.OK);

    public static async Task NoContentAsync(this HttpResponseMessage response) =>
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();

    public static JsonArray Messages(this JsonObject thread) => thread["messages"]!.AsArray();

    public static async Task<List<(string Kind, string Title, string? Link)>> NotificationsAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryAsync<(string, string, string?)>(
            "select kind, title, link from notifications where user_id = @userId order by id", new { userId })).ToList();
    }

    public static async Task<List<string>> OutboxSubjectsAsync(string email)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.QueryAsync<string>("select subject from email_outbox where to_email = @email order by id", new { email })).ToList();
    }
}
