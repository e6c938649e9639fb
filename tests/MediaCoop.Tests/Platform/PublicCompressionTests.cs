using System.IO.Compression;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Platform;

/// <summary>Public catalogue reads are compressed for browsers that accept it; responses that may hold secrets never are.</summary>
public sealed class PublicCompressionTests
{
    private static async Task<HttpResponseMessage> GetAsync(ApiClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        return await client.Http.SendAsync(request);
    }

    [Test]
    public async Task Search_results_arrive_brotli_compressed_and_decode_to_the_same_json()
    {
        using var client = ApiFactory.Shared.NewClient();
        using var response = await GetAsync(client, "/api/v1/assets?sort=newest&limit=5");
        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
        await using var body = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var json = JsonNode.Parse(await new StreamReader(body).ReadToEndAsync())!;
        Assert.That(json["items"], Is.Not.Null);
    }

    [Test]
    public async Task Responses_that_carry_tokens_or_personal_data_are_never_compressed()
    {
        var (client, _) = await Users.SignedInAsync(ApiFactory.Shared, "buyer");
        foreach (var path in new[] { "/api/v1/auth/antiforgery", "/api/v1/me", "/api/v1/lightboxes" })
        {
            using var response = await GetAsync(client, path);
            Assert.That(response.IsSuccessStatusCode, Is.True, path);
            Assert.That(response.Content.Headers.ContentEncoding, Is.Empty, path);
        }
    }
}
