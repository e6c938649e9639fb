using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Platform;

public sealed class HealthAndHostingTests
{
    [Test]
    public async Task Ready_reports_database_schema_and_store()
    {
        using var client = ApiFactory.Shared.NewClient();
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ready = await client.GetAsync("/health/ready");
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
            Assert.That(body["checks"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task Ready_fails_when_the_store_cannot_be_written()
    {
        var file = Path.GetTempFileName();
        try
        {
            // A path below a regular file can never be created, even by root.
            await using var broken = new ApiFactory(new Dictionary<string, string?> { ["Storage:Root"] = Path.Combine(file, "blobs") });
            using var client = broken.NewClient();
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task The_spa_is_served_with_client_routes_falling_back_to_index_html()
    {
        var root = Directory.CreateTempSubdirectory("mediacoop-spa").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><title>MediaCoop test shell</title>");
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "app-abc123.js"), "console.log(1)");
        try
        {
            await using var withSpa = new ApiFactory(new Dictionary<string, string?> { ["Spa:Root"] = root });
            using var client = withSpa.NewClient();

            var page = await client.GetAsync("/account");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("MediaCoop test shell"));

            var asset = await client.GetAsync("/assets/app-abc123.js");
            Assert.That(asset.Headers.CacheControl?.ToString(), Does.Contain("immutable"));

            await (await client.GetAsync("/api/v1/not-a-route")).ProblemAsync(HttpStatusCode.NotFound);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public async Task Spa_scripts_are_sent_compressed_to_browsers_that_accept_it()
    {
        var root = Directory.CreateTempSubdirectory("mediacoop-spa").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><title>MediaCoop test shell</title>");
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        var script = string.Concat(Enumerable.Range(0, 400).Select(i => $"export const tile{i} = 'photo {i}';\n"));
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "index-abc123.js"), script);
        try
        {
            await using var withSpa = new ApiFactory(new Dictionary<string, string?> { ["Spa:Root"] = root });
            using var client = withSpa.NewClient();

            async Task<(HttpResponseMessage Response, string Text)> Fetch(string? acceptEncoding)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-abc123.js");
                if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
                var response = await client.Http.SendAsync(request);
                var body = await response.Content.ReadAsStreamAsync();
                Stream decoded = response.Content.Headers.ContentEncoding.FirstOrDefault() switch
                {
                    "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: false),
                    "gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: false),
                    _ => body,
                };
                using var reader = new StreamReader(decoded);
                return (response, await reader.ReadToEndAsync());
            }

            var brotli = await Fetch("gzip, deflate, br");
            var gzip = await Fetch("gzip");
            var plain = await Fetch(null);
            Assert.Multiple(() =>
            {
                Assert.That(brotli.Response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
                Assert.That(brotli.Text, Is.EqualTo(script));
                Assert.That(brotli.Response.Content.Headers.ContentLength, Is.LessThan(script.Length / 4));
                Assert.That(brotli.Response.Headers.Vary, Does.Contain("Accept-Encoding"));
                Assert.That(brotli.Response.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
                Assert.That(brotli.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
                Assert.That(gzip.Response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
                Assert.That(gzip.Text, Is.EqualTo(script));
                Assert.That(plain.Response.Content.Headers.ContentEncoding, Is.Empty);
                Assert.That(plain.Text, Is.EqualTo(script));
            });
            Assert.That((await client.GetAsync("/assets/missing-000000.js")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("postgres://app:s%40cret@db.example:6543/coop?sslmode=require", "db.example", 6543, "coop", "app", "s@cret")]
    [TestCase("postgresql://app@localhost/coop", "localhost", 5432, "coop", "app", null)]
    public void Database_url_becomes_an_npgsql_connection_string(string url, string host, int port, string database, string user, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.FromUrl(url));
        Assert.Multiple(() =>
        {
            Assert.That(builder.Host, Is.EqualTo(host));
            Assert.That(builder.Port, Is.EqualTo(port));
            Assert.That(builder.Database, Is.EqualTo(database));
            Assert.That(builder.Username, Is.EqualTo(user));
            Assert.That(builder.Password, Is.EqualTo(password));
        });
    }
}
