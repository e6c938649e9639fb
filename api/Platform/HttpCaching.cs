using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Conditional GETs for public reads: the 200 body is serialised here, its SHA-256 becomes a strong ETag,
/// a matching If-None-Match gets a bodiless 304, and browsers and CDNs may keep the response for
/// <c>max-age</c> seconds. A handler whose answer depends on who asks (an editor seeing a draft) sets its
/// own Cache-Control before returning, and that is left as it is.
/// </summary>
public static class HttpCaching
{
    public static RouteHandlerBuilder WithPublicCaching(this RouteHandlerBuilder builder, int maxAgeSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAgeSeconds);
        var cacheControl = $"public, max-age={maxAgeSeconds}";
        return builder
            .AddEndpointFilter(async (context, next) =>
            {
                var result = await next(context);
                // Results<A, B> wraps the chosen result.
                var inner = result is INestedHttpResult nested ? nested.Result : result;
                if (inner is not (IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } and IValueHttpResult { Value: { } value }))
                    return result;
                var http = context.HttpContext;
                var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
                var etag = $"\"{Base64Url(SHA256.HashData(body).AsSpan(0, 18))}\"";

                var headers = http.Response.Headers;
                headers.ETag = etag;
                if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = cacheControl;
                return Matches(http.Request.Headers.IfNoneMatch, etag)
                    ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Bytes(body, "application/json; charset=utf-8");
            })
            .Produces(StatusCodes.Status304NotModified);
    }

    // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal));
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
