using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Integrations;

public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    /// <summary>The default scheme: the API key handler when the request carries a bearer token, the session cookie otherwise.</summary>
    public const string CookieOrKeyScheme = "CookieOrApiKey";

    /// <summary>
    /// Browsers keep using the session cookie; a request with <c>Authorization: Bearer …</c> is authenticated by its
    /// key and nothing else (a cookie beside it is ignored). Choosing costs one header read: anonymous and cookie
    /// requests never reach the key handler or its query.
    /// </summary>
    public static AuthenticationBuilder AddApiKeys(this AuthenticationBuilder builder) => builder
        .AddPolicyScheme(CookieOrKeyScheme, "Session cookie or API key", options =>
            options.ForwardDefaultSelector = http => HasBearer(http.Request) ? Scheme : CookieAuthenticationDefaults.AuthenticationScheme)
        .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, "API key", _ => { });

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization is [var value, ..] && value is not null
        && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static bool IsApiKeyRequest(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == MediaCoopClaims.ApiKeyId);

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();
}

/// <summary>
/// Authenticates <c>Authorization: Bearer mcp_…</c>. The checksum is verified before anything else, so a
/// malformed or mistyped key costs no database query. A valid key becomes its owner's principal with the
/// roles the owner holds NOW (read in the same statement as the key), plus the key's id and scopes.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource dataSource)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private sealed record KeyRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string[] Scopes { get; init; } = [];
        public string[] Roles { get; init; } = [];
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0) return AuthenticateResult.NoResult();
        // Failure messages end up in the log and the response: they must never contain the key.
        if (headers.Count > 1)
            return AuthenticateResult.Fail("Send exactly one Authorization header.");
        var value = headers[0]!;
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var key = value["Bearer ".Length..].Trim();
        if (!ApiKeyFormat.IsWellFormed(key))
            return AuthenticateResult.Fail(
                $"This is not a MediaCoop API key: keys start with {ApiKeyFormat.KeyPrefix} and are {ApiKeyFormat.Length} characters with a built-in checksum. Check that it was copied whole.");

        // last_used_at is written at most once a minute per key: a busy integration must not turn every read into a write.
        const string sql = """
            with k as (
                select id, user_id, scopes, last_used_at from api_keys
                where key_hash = @hash and revoked_at is null
            ), touched as (
                update api_keys a set last_used_at = now()
                from k
                where a.id = k.id and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute')
                returning a.id
            )
            select k.id, k.user_id, k.scopes,
                   array(select r.role from user_roles r where r.user_id = k.user_id order by r.role) as roles
            from k
            """;
        await using var connection = await dataSource.OpenConnectionAsync(Context.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(sql, new { hash = ApiKeyFormat.Hash(key) });
        if (row is null)
            return AuthenticateResult.Fail("This API key has been revoked or does not exist. Create a new one on your account page.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, row.UserId.ToString()),
            new(MediaCoopClaims.ApiKeyId, row.Id.ToString()),
        };
        claims.AddRange(row.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(row.Scopes.Select(s => new Claim(MediaCoopClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer realm=\"MediaCoop\""
            : "Bearer realm=\"MediaCoop\", error=\"invalid_token\"";
        await Auth.WriteProblem(Context, StatusCodes.Status401Unauthorized, "Invalid API key",
            result.Failure?.Message ?? "Send your API key as Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Auth.WriteProblem(Context, StatusCodes.Status403Forbidden, "Not allowed",
            "The account that owns this API key does not have the role this operation needs.");
}

/// <summary>
/// Runs after authentication, before authorization:
/// <list type="number">
/// <item>a key in the query string is refused (URLs end up in logs, proxies and browser history);</item>
/// <item>a bearer token that did not authenticate is a 401 on every route, public ones included, so a
///   revoked key fails loudly instead of quietly browsing as anonymous;</item>
/// <item>on /api routes, a key-authenticated request must hold the scope <see cref="ApiScopes"/> gives the
///   operation, and its owner the role the scope needs; operations absent from the table are session-only.</item>
/// </list>
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next)
{
    // Parameter names clients and libraries commonly use for credentials in URLs.
    private static readonly HashSet<string> CredentialParameters =
        new(["api_key", "apikey", "api-key", "access_token", "key"], StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext http)
    {
        if (CarriesKeyInQuery(http.Request))
        {
            await Auth.WriteProblem(http, StatusCodes.Status400BadRequest, "API key in the URL",
                "API keys are never accepted in a query string: URLs are logged by servers and proxies. Remove it from the URL and send it as the header Authorization: Bearer <key>. If the key was real, consider it exposed and revoke it on your account page.");
            return;
        }

        if (!ApiKeyAuthentication.HasBearer(http.Request))
        {
            await next(http);
            return;
        }

        var result = await http.AuthenticateAsync(ApiKeyAuthentication.Scheme);
        if (!result.Succeeded)
        {
            await http.ChallengeAsync(ApiKeyAuthentication.Scheme);
            return;
        }

        if (http.GetEndpoint() is RouteEndpoint endpoint && IsApiRoute(endpoint))
        {
            var operation = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            if (operation is null || !ApiScopes.ByOperation.TryGetValue(operation, out var scope))
            {
                await Auth.WriteProblem(http, StatusCodes.Status403Forbidden, "API keys cannot use this operation",
                    "API keys cannot use this operation: it is only available when signed in on the website.");
                return;
            }
            if (!result.Principal!.HasClaim(MediaCoopClaims.Scope, scope))
            {
                await Auth.WriteProblem(http, StatusCodes.Status403Forbidden, "Missing scope",
                    $"This API key lacks the scope {scope}, which this operation needs. Create a key with {scope} on your account page.");
                return;
            }
            if (ApiScopes.RoleNeeded(scope) is { } role && !result.Principal.IsInRole(role))
            {
                await Auth.WriteProblem(http, StatusCodes.Status403Forbidden, "Not allowed",
                    $"The scope {scope} needs the {role} role, which the account that owns this key no longer has.");
                return;
            }
        }
        await next(http);
    }

    private static bool IsApiRoute(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true;

    private static bool CarriesKeyInQuery(HttpRequest request)
    {
        if (!request.QueryString.HasValue) return false;
        foreach (var (name, values) in request.Query)
        {
            if (CredentialParameters.Contains(name)) return true;
            foreach (var value in values)
                if (value is not null && ApiKeyFormat.LooksLikeKey(value.AsSpan().Trim())) return true;
        }
        return false;
    }
}
