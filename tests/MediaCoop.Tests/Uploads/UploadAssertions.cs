using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Uploads;

public static class UploadAssertions
{
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<Guid> UploadedAsync(this ApiClient client, byte[] bytes, string filename = "photo.jpg")
    {
        var asset = await (await client.UploadPhotoAsync(bytes, filename)).JsonAsync(HttpStatusCode.Created);
        return asset["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> AssetAsync(this ApiClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/me/assets/{id}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Polls until the background job has moved the asset out of processing (renditions run on real workers).</summary>
    public static Task<JsonObject> ProcessedAsync(this ApiClient client, Guid id) => ProcessedAsync(() => client.AssetAsync(id), id);

    /// <summary>The same, reading the asset however the caller reaches it (e.g. with an API key).</summary>
    public static async Task<JsonObject> ProcessedAsync(Func<Task<JsonObject>> read, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var asset = await read();
            if (asset["status"]!.GetValue<string>() != "processing") return asset;
            if (DateTime.UtcNow > deadline) Assert.Fail($"asset {id} still processing after 90 s: {asset.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public static string[] Strings(this JsonNode? node) =>
        node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    public static readonly JsonSerializerOptions Web = JsonSerializerOptions.Web;

    public static Task<T?> ReadAsync<T>(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>(Web);
}
