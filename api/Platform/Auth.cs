using System.Security.Claims;
using System.Threading.RateLimiting;
using Dapper;
using MediaCoop.Api.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;

namespace MediaCoop.Api.Platform;

public static class Roles
{
    public const string Buyer = "buyer";
    public const string Contributor = "contributor";
    public const string Editor = "editor";
    public const string Admin = "admin";
    /// <summary>A member of the co-op's board of directors: elected by the members (issue 9), announces on the members' board.</summary>
    public const string Board = "board";
    public static readonly IReadOnlyList<string> All = [Buyer, Contributor, Editor, Admin, Board];
}

public static class Policies
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Contributor = "contributor";
    /// <summary>The board of directors, or an admin.</summary>
    public const string Board = "board";
}

public static class MediaCoopClaims
{
    public const string SessionId = "mc:sid";
    /// <summary>On requests authenticated by an API key: the key's id (uuid).</summary>
    public const string ApiKeyId = "mc:key";
    /// <summary>On requests authenticated by an API key: one claim per scope the key holds.</summary>
    public const string Scope = "mc:scope";
}

public sealed class AuthOptions
{
    public const string Section = "Auth";
    /// <summary>Consecutive failed sign-ins for one email (known or not) before it is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    /// <summary>Failures older than this are forgotten.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Sign-in and sign-up attempts per client address per minute, whatever the email.</summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 30;
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);
    /// <summary>PBKDF2-SHA512 iterations; the OWASP figure for 2026 is 210,000+, the framework default 100,000.</summary>
    public int PasswordIterations { get; set; } = 220_000;
}

public static class Auth
{
    public const string CookieName = "mc.session";
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.MaxFailedSignIns > 0 && o.PasswordIterations >= 100_000, "Auth options out of range")
            .ValidateOnStart();

        // The default scheme picks the session cookie, or the API key handler when a bearer token is sent.
        services.AddAuthentication(ApiKeyAuthentication.CookieOrKeyScheme)
            .AddApiKeys()
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.CookieManager = new HostPrefixedCookieManager();
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403 problems; it never redirects to a login page.
                    OnRedirectToLogin = context => WriteProblem(context.HttpContext, StatusCodes.Status401Unauthorized,
                        "Sign-in required", "Sign in to use this operation."),
                    OnRedirectToAccessDenied = context => WriteProblem(context.HttpContext, StatusCodes.Status403Forbidden,
                        "Not allowed", "Your account does not have the role this operation needs."),
                    OnValidatePrincipal = SessionValidator.ValidateAsync,
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Contributor, p => p.RequireRole(Roles.Contributor))
            .AddPolicy(Policies.Board, p => p.RequireRole(Roles.Board, Roles.Admin));

        services.AddRateLimiter(options =>
        {
            // The framework answers 503 by default; a throttled client must see 429 with Retry-After.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                await WriteTooManyRequests(context.HttpContext, retryAfter,
                    "Too many attempts from your network. Wait a moment and try again.");
            };
            options.AddPolicy(SignInRateLimit, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.AttemptsPerAddressPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    public static async Task WriteTooManyRequests(HttpContext http, TimeSpan retryAfter, string detail)
    {
        SetRetryAfter(http, retryAfter);
        await WriteProblem(http, StatusCodes.Status429TooManyRequests, "Too many attempts", detail);
    }

    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string detail)
    {
        SetRetryAfter(http, retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: detail);
    }

    public static void SetRetryAfter(HttpContext http, TimeSpan retryAfter) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a problem-details answer from middleware or an authentication handler (where no endpoint result runs).</summary>
    public static async Task WriteProblem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// Over https the session cookie is named <c>__Host-mc.session</c> (Secure, Path=/, no Domain: it
    /// cannot be planted by a sibling subdomain). Plain-http local runs cannot hold a <c>__Host-</c>
    /// cookie, so there it keeps the bare name.
    /// </summary>
    private sealed class HostPrefixedCookieManager : ICookieManager
    {
        private readonly ChunkingCookieManager inner = new();

        private static string Name(HttpContext http, string key) => http.Request.IsHttps ? "__Host-" + key : key;

        public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

        public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
            inner.AppendResponseCookie(context, Name(context, key), value, options);

        public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
            inner.DeleteCookie(context, Name(context, key), options);
    }
}

/// <summary>
/// Sessions live in PostgreSQL: signing out revokes the session on every node, and role changes
/// apply to the next request rather than when the cookie expires.
/// </summary>
internal static class SessionValidator
{
    private sealed record SessionRow
    {
        public Guid UserId { get; init; }
        public string[] Roles { get; init; } = [];
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(MediaCoopClaims.SessionId);
        if (sessionId is null || !Guid.TryParse(sessionId, out var sid))
        {
            context.RejectPrincipal();
            return;
        }

        const string sql = """
            update sessions s set last_seen_at = now()
            from users u
            where s.id = @sid and u.id = s.user_id and s.revoked_at is null and s.expires_at > now()
            returning s.user_id, array(select r.role from user_roles r where r.user_id = s.user_id order by r.role) as roles
            """;
        var dataSource = context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync(context.HttpContext.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(sql, new { sid });
        if (row is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var current = context.Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!current.SequenceEqual(row.Roles, StringComparer.Ordinal))
        {
            context.ReplacePrincipal(SessionPrincipal.Create(row.UserId, sid, row.Roles));
            context.ShouldRenew = true;
        }
    }
}

public static class SessionPrincipal
{
    public static ClaimsPrincipal Create(Guid userId, Guid sessionId, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(MediaCoopClaims.SessionId, sessionId.ToString()),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
