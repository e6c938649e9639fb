using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Single-node mode: the API serves the built SPA (web-client/dist) and falls back to index.html
/// for client routes. Unknown /api paths stay 404 problems.
/// </summary>
public static class Spa
{
    public static WebApplication UseSpaFiles(this WebApplication app)
    {
        var root = app.Configuration["Spa:Root"] ?? app.Configuration["MEDIACOOP_SPA_ROOT"];
        if (string.IsNullOrWhiteSpace(root)) return app;
        root = Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("SPA root {Root} has no index.html; build web-client first (npm run build)", root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite names assets by content hash, so they never change under the same URL.
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        app.MapFallback(async http =>
        {
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/swagger") || path.StartsWithSegments("/media")
                || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await http.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).ExcludeFromDescription();
        return app;
    }
}
