using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Members;

/// <summary>
/// <c>make run</c> starts the API with <c>--seed-demo</c>: a newcomer must find demo accounts and a storefront with
/// real, published photos, and running it again must not duplicate anything.
/// </summary>
public sealed class DemoSeedTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the API with the seed, waits until it serves requests, then stops it.</summary>
    private static async Task<string> SeedAsync(string connectionString, string storage, string credentials)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "MediaCoop.Api.dll")}\" --seed-demo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment["ConnectionStrings__Default"] = connectionString;
        info.Environment["Storage__Root"] = storage;
        info.Environment["Demo__CredentialsFile"] = credentials;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Jobs__RunWorkers"] = "false";
        // A local run: Production refuses the demo checkout.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Local";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(300);
            while (true)
            {
                Assert.That(process.HasExited, Is.False, () => "The API stopped: " + stdout.Result + stderr.Result);
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "The API did not come up after seeding");
                try
                {
                    if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException)
                {
                    // Still seeding or starting.
                }
                await Task.Delay(250);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return await stdout + await stderr;
    }

    [Test]
    public async Task The_demo_seed_publishes_a_searchable_catalogue_once()
    {
        var database = await TestDatabase.CreateFreshDatabaseAsync("demo");
        var storage = Path.Combine(Path.GetTempPath(), "mediacoop-demo-seed-" + Guid.NewGuid().ToString("N"));
        var credentials = Path.Combine(storage, "demo-accounts.txt");
        try
        {
            var output = await SeedAsync(database, storage, credentials);
            Assert.That(output, Does.Contain("Demo catalogue: 20 published photos"));
            Assert.That(await File.ReadAllTextAsync(credentials), Does.Contain("buyer@demo.mediacoop.test"));

            await using var connection = new NpgsqlConnection(database);
            var listed = (await connection.QueryAsync<string>("select title from catalog")).ToList();
            Assert.That(listed, Has.Count.EqualTo(20));
            Assert.That(listed, Does.Contain("Lighthouse above the harbour"));
            var orientations = await connection.QueryAsync<string>("select distinct orientation from catalog");
            Assert.That(orientations, Is.EquivalentTo(new[] { "landscape", "portrait", "square", "panorama" }));
            // Every published photo has real renditions in the store and a recorded editor's decision.
            var keys = (await connection.QueryAsync<string>("select blob_key from asset_renditions")).ToList();
            Assert.That(keys, Has.Count.EqualTo(40));
            Assert.That(keys.All(k => File.Exists(Path.Combine(storage, k))), Is.True);
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from review_decisions where outcome = 'publish'"), Is.EqualTo(20));
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from collections where featured and published_at is not null"), Is.EqualTo(1));
            // The demo buyer owns one paid order and its licence, so the account pages have something to show.
            const string purchases = """
                select count(*) from licenses l
                join order_lines ol on ol.id = l.order_line_id
                join orders o on o.id = ol.order_id
                join users u on u.id = l.buyer_id
                where u.email = 'buyer@demo.mediacoop.test' and o.status = 'paid'
                """;
            Assert.That(output, Does.Contain("Demo purchase:"));
            Assert.That(await connection.ExecuteScalarAsync<int>(purchases), Is.EqualTo(1));
            // Governance: a closed vote with its computed result and an open binding vote on the Extended rate.
            const string votes = "select status || ':' || coalesce(result ->> 'outcome', '-') from proposals order by title";
            Assert.That(await connection.QueryAsync<string>(votes), Is.EqualTo(new[] { "closed:carried", "open:-" }));

            output = await SeedAsync(database, storage, credentials);
            Assert.That(output, Does.Not.Contain("Demo catalogue:"));
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from assets"), Is.EqualTo(20));
            Assert.That(output, Does.Not.Contain("Demo purchase:"));
            Assert.That(await connection.ExecuteScalarAsync<int>(purchases), Is.EqualTo(1));
            Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from proposals"), Is.EqualTo(2));
        }
        finally
        {
            await TestDatabase.DropDatabaseAsync(database);
            if (Directory.Exists(storage)) Directory.Delete(storage, recursive: true);
        }
    }
}
