using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Tests.Catalog;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Licensing;

/// <summary>Arranges photos and buyers for the licensing tests, and speaks the order API the way the SPA does.</summary>
public static class LicensingSeed
{
    private static ApiFactory Api => ApiFactory.Shared;

    /// <summary>A published photo of a fresh contributor (6000×4000 unless given).</summary>
    public static async Task<Guid> PhotoAsync(SeedPhoto? photo = null)
    {
        var (owner, _) = await CatalogSeed.ContributorAsync();
        return await CatalogSeed.PhotoAsync(owner, photo ?? new SeedPhoto { Title = "Harbour " + CatalogSeed.Word(), Width = 6000, Height = 4000 });
    }

    public static Task<(ApiClient Client, Me Me)> BuyerAsync() => Users.SignedInAsync(Api);

    public static object Item(Guid assetId, string size, string[]? extended = null, Guid? upgradeOf = null) =>
        new { assetId, size, extended = extended ?? [], upgradeOf };

    /// <summary>POST /orders with an Idempotency-Key (none when <paramref name="key"/> is null) and a JSON body given as is.</summary>
    public static async Task<HttpResponseMessage> OrderAsync(this ApiClient client, string? key, object body)
    {
        if (client.AntiforgeryToken is null) await client.RefreshAntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-XSRF-TOKEN", client.AntiforgeryToken);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.Http.SendAsync(request);
    }

    public static async Task<JsonObject> CreatedOrderAsync(this ApiClient client, params object[] items) =>
        await (await client.OrderAsync(Guid.NewGuid().ToString(), new { items })).JsonAsync(HttpStatusCode.Created);

    /// <summary>Starts the demo checkout and completes it: the order is paid and its licences issued.</summary>
    public static async Task<JsonObject> PaidOrderAsync(this ApiClient client, params object[] items)
    {
        var order = await client.CreatedOrderAsync(items);
        var id = order["id"]!.GetValue<Guid>();
        await (await client.PostAsync($"/api/v1/orders/{id}/checkout")).JsonAsync(HttpStatusCode.OK);
        var paid = await (await client.PostAsync($"/api/v1/demo-payments/{id}/complete")).JsonAsync(HttpStatusCode.OK);
        Assert.That(paid["status"]!.GetValue<string>(), Is.EqualTo("paid"));
        return paid;
    }

    public static Guid Id(this JsonNode node, string name = "id") => node[name]!.GetValue<Guid>();

    public static long Amount(this JsonNode node, string name) => node[name]!["amount"]!.GetValue<long>();

    public static async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    public static async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
