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

    private static async Task<JsonNode> ServedDocumentAsync()
    {
        using var client = ApiFactory.Shared.NewClient();
        return JsonNode.Parse(await client.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
    }

    private static List<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();

    // Integrators read the contract, not the code: an operation without words is a route nobody can use safely.
    [Test]
    public async Task Every_operation_has_a_summary_and_a_description()
    {
        var missing = Operations(await ServedDocumentAsync())
            .Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())
                || string.IsNullOrWhiteSpace(o.Operation["description"]?.GetValue<string>()))
            .Select(o => $"{o.Operation["operationId"]} ({o.Method.ToUpperInvariant()} {o.Path})")
            .ToList();
        Assert.That(missing, Is.Empty,
            "add [EndpointSummary(\"…\")] and [EndpointDescription(\"…\")] to the handler of each of these routes");
    }

    [Test]
    public async Task Every_error_response_is_declared_as_problem_details()
    {
        var wrong = new List<string>();
        foreach (var (path, method, operation) in Operations(await ServedDocumentAsync()))
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (!int.TryParse(status, out var code) || code < 400) continue;
                var content = response!["content"]?.AsObject();
                var schema = content?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                if (content is null || content.Count != 1
                    || schema is not ("#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails"))
                    wrong.Add($"{method.ToUpperInvariant()} {path} {status}");
            }
        Assert.That(wrong, Is.Empty, "error responses must be application/problem+json with the ProblemDetails schema");
    }

    [Test]
    public async Task Operations_declare_who_may_call_them_and_the_errors_that_follow()
    {
        var document = await ServedDocumentAsync();
        Assert.That(document["components"]?["securitySchemes"]?["Cookie"]?["type"]?.GetValue<string>(), Is.EqualTo("apiKey"));
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            var responses = operation["responses"]!.AsObject();
            var security = operation["security"]?.AsArray();
            Assert.That(security, Is.Not.Null.And.Not.Empty, $"{where}: no security requirement");
            var signInOnly = security!.All(r => r!.AsObject().Count > 0);
            if (signInOnly) Assert.That(responses.ContainsKey("401"), $"{where}: needs sign-in but declares no 401");
            if (path.Contains('{', StringComparison.Ordinal))
                Assert.That(responses.ContainsKey("404"), $"{where}: has a route parameter but declares no 404");
            if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
                Assert.That(responses.ContainsKey("429"), $"{where}: is rate limited but declares no 429");
            if (operation["requestBody"] is not null)
                Assert.That(responses.ContainsKey("400"), $"{where}: takes a body but declares no 400");
        }
    }

    [Test]
    public async Task The_document_names_its_servers_contact_licence_and_describes_every_tag()
    {
        var document = await ServedDocumentAsync();
        Assert.That(document["servers"]?.AsArray(), Is.Not.Null.And.Not.Empty);
        Assert.That(document["info"]?["contact"]?["url"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        Assert.That(document["info"]?["license"]?["name"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        foreach (var (_, _, operation) in Operations(document))
            foreach (var tag in operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()))
                Assert.That(tags.GetValueOrDefault(tag), Is.Not.Null.And.Not.Empty.And.Not.EqualTo(tag), $"tag {tag} has no description");
    }

    [Test]
    public async Task The_common_flows_carry_examples()
    {
        var operations = Operations(await ServedDocumentAsync()).ToDictionary(o => o.Operation["operationId"]!.GetValue<string>(), o => o.Operation);
        string[] withResponseExamples = ["SearchAssets", "GetCatalogAsset", "CreateOrder", "StartCheckout", "ConfirmOrder", "GetMyLicense",
            "CreateLicenseDownload", "UploadOriginal", "SubmitMyAsset", "GetMyEarnings"];
        foreach (var id in withResponseExamples)
        {
            var examples = operations[id]["responses"]!.AsObject()
                .Where(r => r.Key.StartsWith('2'))
                .Select(r => r.Value?["content"]?["application/json"]?["example"])
                .OfType<JsonNode>();
            Assert.That(examples, Is.Not.Empty, $"{id} has no example of its success response");
        }
        Assert.That(operations["CreateOrder"]["requestBody"]?["content"]?["application/json"]?["example"], Is.Not.Null);
    }
}
