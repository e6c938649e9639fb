using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Compresses the public catalogue's JSON (search pages run to ~40 KB): on a phone link that is most of the
/// wait. Only anonymous-safe reads are compressed: BREACH-style attacks need a secret (a token, personal data)
/// in the same compressed response as text the attacker chooses, and these responses hold neither. Everything
/// else — sessions, antiforgery tokens, personal pages — stays uncompressed. The search page's HTML is one of them: it
/// carries the first page of results (Catalog.SearchPageHead) and nothing personal.
/// </summary>
public static class PublicCompression
{
    private static readonly string[] PublicReadPrefixes = ["/api/v1/assets", "/api/v1/collections", "/api/v1/contributors", "/search"];

    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "text/html"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a search page is made per request; the ratio barely changes on JSON, the CPU does.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UsePublicCompression(this WebApplication app)
    {
        app.UseWhen(IsPublicRead, branch => branch.UseResponseCompression());
        return app;
    }

    private static bool IsPublicRead(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && PublicReadPrefixes.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
