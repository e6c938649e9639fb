using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// Puts the two ways in into the contract: the browser session cookie and the bearer API key, and on every
/// operation which of them it accepts, with the scope from <see cref="ApiScopes"/> a key needs.
/// </summary>
public static class ApiKeySecurityDocumentation
{
    public const string CookieScheme = "Cookie";
    public const string KeyScheme = "ApiKey";

    public static IServiceCollection AddApiKeyDocumentation(this IServiceCollection services)
    {
        services.ConfigureSwaggerGen(options =>
        {
            options.AddSecurityDefinition(CookieScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Auth.CookieName,
                Description = $"The website's session, set by POST /api/v1/auth/login (named __Host-{Auth.CookieName} over https). " +
                    $"Every state-changing request made with it must also send the token from GET /api/v1/auth/antiforgery in the {AntiforgeryProtection.HeaderName} header.",
            });
            options.AddSecurityDefinition(KeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "mcp_ API key",
                Description =
                    "An API key created on the account page, sent as `Authorization: Bearer <key>` (never in a URL: a key in a query string is refused with 400). " +
                    $"Format: `{ApiKeyFormat.KeyPrefix}` + {ApiKeyFormat.RandomLength} random base62 characters + {ApiKeyFormat.ChecksumLength} base62 characters of the CRC-32 of the preceding text, " +
                    $"{ApiKeyFormat.Length} characters in all; a key whose checksum does not match is refused before any lookup. " +
                    "A key acts as its owner with the owner's current role, limited to its scopes; each operation lists the scope it needs, and operations without the ApiKey scheme refuse keys with 403. " +
                    "Requests made with a key need no antiforgery token. Scopes: " +
                    string.Join("; ", ApiScopes.All.Select(s => $"`{s}`: {ApiScopes.Descriptions[s]}")),
            });
            options.OperationFilter<ScopeRequirementFilter>();
            options.SchemaFilter<ScopeEnumFilter>();
        });
        return services;
    }

    /// <summary>The scopes of key requests and answers are the known strings (ApiScopes.All): integrators and the SPA get them typed.</summary>
    private sealed class ScopeEnumFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (context.Type != typeof(CreateApiKeyRequest) && context.Type != typeof(ApiKeySummary) && context.Type != typeof(CreatedApiKey)) return;
            if (schema.Properties?.TryGetValue("scopes", out var scopes) != true || scopes?.Items is not OpenApiSchema items) return;
            items.Enum = ApiScopes.All.Select(s => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(s)).ToList();
        }
    }

    private sealed class ScopeRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var path = context.ApiDescription.RelativePath ?? "";
            if (!path.StartsWith("api/", StringComparison.Ordinal)) return;
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var anonymous = !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any();
            var name = metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var scope = name is not null && ApiScopes.ByOperation.TryGetValue(name, out var s) ? s : null;
            if (scope is null && anonymous) return;

            var security = new List<OpenApiSecurityRequirement>();
            if (scope is not null)
                security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [scope] });
            security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
            // An empty requirement: the operation also answers callers with no credentials at all.
            if (anonymous) security.Add(new OpenApiSecurityRequirement());
            operation.Security = security;
        }
    }
}
