using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MediaCoop.Api.Platform;

/// <summary>
/// The published contract (api/openapi.json, drift-tested and linted with Redocly's recommended rules). Routes
/// carry their own summary and description (<c>[EndpointSummary]</c>/<c>[EndpointDescription]</c> on the handler);
/// the filters below derive what every route has in common from its metadata, so a new route is documented
/// the same way without anyone remembering to: the error responses it can give (as problem details), who may
/// call it, and the examples of the common flows.
/// </summary>
public static class OpenApi
{
    /// <summary>The browser session (cookie) security scheme; the API-key bearer scheme is declared by Integrations.</summary>
    public const string SessionScheme = "Cookie";

    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Catalog"] = "The public catalogue: search published photos, read a photo, similar photos, contributors' profiles, " +
            "editors' collections, and the lightboxes buyers keep.",
        ["Curation"] = "The editorial board: the review queue and decisions, appeals, collections, membership applications.",
        ["Licensing"] = "Buying: licence types and terms, the cart, orders and checkout, licences, certificates, download links, " +
            "licence verification.",
        ["Members"] = "Accounts: sign-up, sign-in and sessions, the signed-in user, administration of roles and membership.",
        ["Notifications"] = "In-app notifications and the outgoing e-mail outbox.",
        ["Royalties"] = "Money after a sale: contributors' earnings, statements and payouts; the co-op's books, expenses and patronage.",
        ["Uploads"] = "Contributors' photos before publication: uploads, metadata, submission for review, model releases, renditions.",
        ["Integrations"] = "Building on MediaCoop: API keys with scopes and outgoing, signed webhooks.",
        ["Governance"] = "Running the co-op: proposals and one-member-one-vote ballots, board elections, the co-op's settings and " +
            "the history of who changed them, meetings and minutes, the member directory.",
    };

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MediaCoop API",
                Version = "v1",
                Description = """
                    The public API of a photographer-owned stock-photo cooperative: search and license photos, download
                    the licensed files, upload and submit photos as a contributor, read earnings, and receive signed webhooks.

                    - **Format**: JSON with camelCase names. Money is an integer amount in minor units plus an ISO 4217 currency
                      (`{"amount": 2500, "currency": "EUR"}` is €25.00). Times are RFC 3339 in UTC. Ids are UUIDs.
                    - **Authentication**: integrations send an API key (`Authorization: Bearer mcp_…`); each key carries scopes and
                      can never do more than its owner's role. Browsers use the session cookie and must echo the antiforgery token
                      (`GET /api/v1/auth/antiforgery`) in the `X-XSRF-TOKEN` header on every write.
                    - **Errors** are RFC 9457 problem details (`application/problem+json`) with a `title` and a `detail` a person
                      can act on; validation failures (400) add `errors` per field. 401 means no valid credentials, 403 a role or
                      scope that does not allow the operation, 404 also covers things that exist but are not yours.
                    - **Rate limits**: 429 with `Retry-After` (seconds) and `RateLimit-*` headers.
                    - **Idempotency**: creating and money-moving POSTs accept an `Idempotency-Key` header; a retry with the same key
                      gets the first response again, the same key with a different body gets 422.

                    A guide with copyable examples is at `/developers`; the interactive reference at `/swagger`.
                    """,
                Contact = new OpenApiContact { Name = "MediaCoop developers", Url = new Uri("/developers", UriKind.Relative) },
                License = new OpenApiLicense
                {
                    Name = "MediaCoop API terms of use",
                    Url = new Uri("/developers#terms", UriKind.Relative),
                },
            });
            // The document describes whichever host serves it (each deployment has its own).
            options.AddServer(new OpenApiServer { Url = "/", Description = "The MediaCoop instance serving this document" });
            // The session's scheme ("Cookie") is defined with the API key's by Integrations.ApiKeySecurityDocumentation,
            // whose filter then lists, per operation, the key scope it takes beside the session.
            // Non-nullable C# members are required and non-null in the contract, so the generated
            // TypeScript types are exact; nullable references (e.g. membership) stay nullable.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
            options.OperationFilter<ProblemResponsesFilter>();
            options.OperationFilter<SessionSecurityFilter>();
            options.OperationFilter<MultipartFormFilter>();
            options.OperationFilter<ExamplesFilter>();
            options.DocumentFilter<TagsFilter>();
            options.DocumentFilter<ReferenceWrapperFilter>();
        });
        return services;
    }

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "MediaCoop API v1");
        });
        return app;
    }

    private static bool RequiresSignIn(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>
    /// Declares the error responses a route can give from what its metadata says about it, all as problem details:
    /// sign-in required or any /api/v1 route (API keys) → 401; a role policy or any /api/v1 route (key scopes) → 403;
    /// a route parameter → 404; a body, form or query → 400 (validation
    /// and binding); a write under /api/v1 → 400 (antiforgery); every /api/v1 route → 429 (rate limits); an
    /// Idempotency-Key header → 422 (same key, different body). Routes declare the rest (409, 413, …) themselves.
    /// </summary>
    private sealed class ProblemResponsesFilter : IOperationFilter
    {
        private static readonly Dictionary<int, string> Explanations = new()
        {
            [400] = "The request is invalid: see `detail`, and `errors` for each field.",
            [401] = "Not signed in (no session or API key), or the API key is malformed, expired or revoked.",
            [402] = "The payment was declined.",
            [403] = "Signed in, but your role (or the API key's scopes) does not allow this.",
            [404] = "Not found, or not yours.",
            [409] = "The resource is not in a state that allows this.",
            [410] = "Gone: the link has expired or was used up.",
            [413] = "The upload is too large.",
            [415] = "The file type is not accepted.",
            [422] = "The Idempotency-Key was already used with a different request.",
            [429] = "Too many requests: wait the number of seconds in `Retry-After`.",
            [502] = "The payment provider could not be reached or refused the request; try again.",
            [503] = "A service this needs is unavailable; try again shortly.",
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var description = context.ApiDescription;
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var path = "/" + (description.RelativePath ?? "").TrimStart('/');
            var isApi = path.StartsWith("/api/v1/", StringComparison.Ordinal);
            var isWrite = !string.Equals(description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
            var parameters = description.ParameterDescriptions;

            var statuses = new SortedSet<int>();
            if (RequiresSignIn(metadata)) statuses.Add(401);
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null) && RequiresSignIn(metadata))
                statuses.Add(403);
            // Every /api/v1 route looks at an API key when one is sent, public ones included: a malformed, expired or
            // revoked key is refused (401), and a key without the route's scope, or on a session-only route, gets 403.
            if (isApi)
            {
                statuses.Add(401);
                statuses.Add(403);
            }
            if (parameters.Any(p => p.Source == BindingSource.Path)) statuses.Add(404);
            if (parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile
                    || p.Source == BindingSource.Query)
                || operation.RequestBody is not null)
                statuses.Add(400);
            if (isApi && isWrite && !metadata.OfType<AntiforgeryProtection.SkipAntiforgeryCheck>().Any()) statuses.Add(400);
            if (isApi) statuses.Add(429);
            if (operation.Parameters?.Any(p => string.Equals(p.Name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase)) == true)
                statuses.Add(422);

            operation.Responses ??= [];
            foreach (var status in statuses)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.Responses.ContainsKey(key)) operation.Responses[key] = new OpenApiResponse();
            }

            var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            foreach (var (key, response) in operation.Responses.ToList())
            {
                if (!int.TryParse(key, out var status) || status < 400 || response is not OpenApiResponse concrete) continue;
                if (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrase(status))
                    concrete.Description = Explanations.GetValueOrDefault(status, ReasonPhrase(status));
                concrete.Content ??= new Dictionary<string, IOpenApiMediaType>();
                // Errors are problem details only: whatever else a route declared for an error status is wrong.
                foreach (var other in concrete.Content.Keys.Where(k => k != "application/problem+json").ToList())
                    concrete.Content.Remove(other);
                if (!concrete.Content.ContainsKey("application/problem+json"))
                    concrete.Content["application/problem+json"] = new OpenApiMediaType { Schema = problem };
                if (status == 429)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers.TryAdd("Retry-After", new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    });
                }
            }
        }

        private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
    }

    /// <summary>
    /// Says who may call each route: the session for routes that need sign-in, nobody in particular (an empty
    /// requirement) for public ones. The API-key scheme adds its own requirement, with the scope, beside these.
    /// </summary>
    private sealed class SessionSecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Security ??= [];
            if (RequiresSignIn(context.ApiDescription.ActionDescriptor.EndpointMetadata))
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [],
                });
            else
                operation.Security.Add(new OpenApiSecurityRequirement());
        }
    }

    /// <summary>
    /// Examples of the common flows, kept in OpenApiExamples.json (operationId → request and responses by status) so
    /// they read as the JSON a client sends and receives. The lint validates each one against its schema.
    /// </summary>
    private sealed class ExamplesFilter : IOperationFilter
    {
        private static readonly Lazy<JsonObject> Examples = new(() =>
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MediaCoop.Api.Platform.OpenApiExamples.json")
                ?? throw new InvalidOperationException("OpenApiExamples.json is not embedded");
            return JsonNode.Parse(stream)!.AsObject();
        });

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.OperationId is not { } id || Examples.Value[id] is not JsonObject examples) return;
            if (examples["request"] is { } request && operation.RequestBody?.Content is { } bodies)
                foreach (var media in bodies.Values.OfType<OpenApiMediaType>()) media.Example = request.DeepClone();
            if (examples["responses"] is JsonObject responses && operation.Responses is not null)
                foreach (var (status, example) in responses)
                    if (operation.Responses.TryGetValue(status, out var response) && response.Content is { } contents
                        && example is not null)
                        foreach (var (type, media) in contents)
                            if (type.Contains("json", StringComparison.Ordinal) && media is OpenApiMediaType concrete)
                                concrete.Example = example.DeepClone();
        }
    }

    /// <summary>
    /// <c>.Accepts&lt;IFormFile&gt;("multipart/form-data")</c> describes the body as one bare binary string, which no client
    /// can send: a form is a set of named fields. The file goes in a field named <c>file</c>; the two forms with more
    /// fields are spelled out here, beside the handlers' own checks of the same names.
    /// </summary>
    private sealed class MultipartFormFilter : IOperationFilter
    {
        private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };
        private static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

        private static readonly Dictionary<string, Func<Dictionary<string, IOpenApiSchema>>> Forms = new(StringComparer.Ordinal)
        {
            ["UploadRelease"] = () => new()
            {
                ["file"] = Binary(),
                ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("model"), JsonValue.Create("property")] },
                ["name"] = Text(),
            },
            ["RecordExpense"] = () => new()
            {
                ["category"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. new[] { "hosting", "payments", "legal", "accounting", "staff", "marketing", "other" }.Select(c => (JsonNode)JsonValue.Create(c))],
                },
                ["amount"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
                ["currency"] = Text(),
                ["occurredOn"] = Text("date"),
                ["description"] = Text(),
                ["receipt"] = Binary(),
            },
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.RequestBody?.Content is not { } content
                || !content.TryGetValue("multipart/form-data", out var media) || media is not OpenApiMediaType form
                || form.Schema is not OpenApiSchema { Type: JsonSchemaType.String, Format: "binary" })
                return;
            var fields = operation.OperationId is { } id && Forms.TryGetValue(id, out var make)
                ? make()
                : new Dictionary<string, IOpenApiSchema> { ["file"] = Binary() };
            form.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string>(fields.Keys, StringComparer.Ordinal),
                Properties = fields,
            };
        }
    }

    /// <summary>Lists the tags with their descriptions, in a stable order.</summary>
    private sealed class TagsFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var used = document.Paths.Values
                .SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? [])
                .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(t => t.Name)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
            {
                Name = name,
                Description = TagDescriptions.GetValueOrDefault(name, name),
            }));
        }
    }

    /// <summary>
    /// <c>UseAllOfToExtendReferenceSchemas</c> wraps every reference in a one-item <c>allOf</c> so that OpenAPI 3.0 can say
    /// "nullable" beside it. Where nothing sits beside the reference the wrapper goes; where "nullable" does, the
    /// wrapper gets the referenced schema's type, because 3.0.3 gives <c>nullable</c> no meaning without a <c>type</c>.
    /// </summary>
    private sealed class ReferenceWrapperFilter : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var schema in components.Values) Visit(schema, components);
            foreach (var operation in document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
            {
                foreach (var media in (operation.RequestBody?.Content?.Values ?? []).OfType<OpenApiMediaType>())
                    media.Schema = Simplify(media.Schema, components);
                foreach (var media in ((IEnumerable<IOpenApiResponse>?)operation.Responses?.Values ?? []).SelectMany(r => r.Content?.Values ?? []).OfType<OpenApiMediaType>())
                    media.Schema = Simplify(media.Schema, components);
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                    parameter.Schema = Simplify(parameter.Schema, components);
            }
        }

        private static IOpenApiSchema? Simplify(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components)
        {
            if (schema is not OpenApiSchema concrete) return schema;
            if (concrete.AllOf is [OpenApiSchemaReference reference] && concrete.Properties is null or { Count: 0 }
                && concrete.Description is null && concrete.Default is null && !concrete.ReadOnly)
            {
                if (concrete.Type is null) return reference;
                if (concrete.Type == JsonSchemaType.Null && reference.Reference.Id is { } id
                    && components.TryGetValue(id, out var target) && target.Type is { } targetType)
                    concrete.Type = targetType | JsonSchemaType.Null;
            }
            Visit(concrete, components);
            return concrete;
        }

        private static void Visit(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema> components)
        {
            if (schema is not OpenApiSchema concrete) return;
            if (concrete.Properties is { } properties)
                foreach (var key in properties.Keys.ToList()) properties[key] = Simplify(properties[key], components)!;
            if (concrete.Items is { } items) concrete.Items = Simplify(items, components);
            if (concrete.AdditionalProperties is { } additional) concrete.AdditionalProperties = Simplify(additional, components);
        }
    }
}
