using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Platform;

/// <summary>
/// api/openapi.json is the committed contract the SPA's types and integrators build on. This test
/// fails when the served document drifts from it; UPDATE_OPENAPI=1 rewrites the file instead.
/// </summary>
public sealed class OpenApiContractTests
{
    [Test]
    public async Task The_served_document_matches_the_committed_contract()
    {
        using var client = ApiFactory.Shared.NewClient();
        var served = JsonNode.Parse(await client.Http.GetStringAsync("/swagger/v1/swagger.json"))!
            .ToJsonString(new() { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(Repo.Root, "api", "openapi.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
            Assert.Pass("api/openapi.json rewritten");
        }

        Assert.That(File.Exists(path), Is.True, "api/openapi.json is missing: run `make openapi`");
        var committed = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        Assert.That(served, Is.EqualTo(committed),
            "api/openapi.json is stale: run `make openapi`, then `npm --prefix web-client run gen:api`, and commit both");
    }

    [Test]
    public async Task Every_operation_has_an_operation_id_and_a_tag()
    {
        using var client = ApiFactory.Shared.NewClient();
        var document = JsonNode.Parse(await client.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        Assert.That(operations, Is.Not.Empty);
        foreach (var (path, method, operation) in operations)
        {
            Assert.That(operation["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{method} {path}");
            Assert.That(operation["tags"]?.AsArray(), Is.Not.Null.And.Not.Empty, $"{method} {path}");
        }
        var ids = operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ToList();
        Assert.That(ids, Is.Unique);
    }
}
