using MediaCoop.Api.Integrations;
using Microsoft.AspNetCore.Antiforgery;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Browser sessions ride on a cookie, so every state-changing request must also carry the
/// antiforgery token in a header that another site cannot set. The token is bound to the
/// signed-in user: clients fetch a fresh one after signing in or out.
/// </summary>
public static class AntiforgeryProtection
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IServiceCollection AddAntiforgeryProtection(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "mc.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    /// <summary>Marks an endpoint whose callers are not browsers with a session (signed webhooks).</summary>
    public static TBuilder DisableAntiforgeryCheck<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SkipAntiforgeryCheck());

    public static RouteGroupBuilder RequireAntiforgeryOnWrites(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<AntiforgeryFilter>();

    public sealed record SkipAntiforgeryCheck;

    private sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var method = http.Request.Method;
            var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
            // A request authenticated by an API key carries no ambient credential a forged page could ride on:
            // another site cannot make a browser send an Authorization header.
            if (safe || http.GetEndpoint()?.Metadata.GetMetadata<SkipAntiforgeryCheck>() is not null || http.User.IsApiKeyRequest())
                return await next(context);

            if (!await antiforgery.IsRequestValidAsync(http))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    type: "urn:mediacoop:problem:antiforgery",
                    title: "Invalid or missing antiforgery token",
                    detail: $"Fetch a token from GET /api/v1/auth/antiforgery and send it in the {HeaderName} header; fetch a new one after signing in or out.");
            return await next(context);
        }
    }
}
