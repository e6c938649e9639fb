using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace MediaCoop.Api.Platform;

/// <summary>
/// Adds to the &lt;head&gt; of the SPA's index.html for the pages it knows, e.g. a search page's first results and
/// the preloads of its first photos, so a phone need not wait for the app's scripts to start those requests.
/// Returns null for other pages. Whatever it returns is inserted verbatim: it must encode what it embeds.
/// </summary>
public interface ISpaPageHead
{
    Task<string?> HeadAsync(HttpContext http);
}

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
        app.UseCompressedAssets(files);
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
            var index = files.GetFileInfo("index.html");
            var head = await PageHeadAsync(http);
            if (head.Length == 0)
            {
                await http.Response.SendFileAsync(index);
                return;
            }
            // The page's own data goes at the end of <head>, before the app's script reads it.
            var html = await File.ReadAllTextAsync(index.PhysicalPath!, http.RequestAborted);
            var at = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
            await http.Response.WriteAsync(at < 0 ? html : string.Concat(html.AsSpan(0, at), head, html.AsSpan(at)), http.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>What the registered <see cref="ISpaPageHead"/>s add to this page's &lt;head&gt;; a failing one adds nothing.</summary>
    private static async Task<string> PageHeadAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method)) return "";
        var parts = new List<string>();
        foreach (var contributor in http.RequestServices.GetServices<ISpaPageHead>())
        {
            try
            {
                if (await contributor.HeadAsync(http) is { Length: > 0 } part) parts.Add(part);
            }
            catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                // The page still works without it: the app fetches what it needs itself.
                http.RequestServices.GetRequiredService<ILogger<ISpaPageHead>>()
                    .LogWarning(e, "{Contributor} failed for {Path}; serving the page without it", contributor.GetType().Name, http.Request.Path);
            }
        }
        return string.Concat(parts);
    }

    // Text that compresses; source maps stay out (large, fetched only by developer tools).
    private static readonly string[] CompressibleExtensions = [".js", ".mjs", ".css", ".svg", ".json", ".txt"];

    /// <summary>
    /// Serves the SPA's hashed /assets files brotli- or gzip-compressed when the browser accepts it: the initial
    /// JavaScript is ~330 KB raw and ~100 KB compressed, which Lighthouse counts as seconds on a slow phone link.
    /// Each file is compressed once, on its first request, and kept in memory: the names carry a content hash, so
    /// a name never changes content while the process runs, and the whole build is a few hundred KB.
    /// </summary>
    private static void UseCompressedAssets(this WebApplication app, PhysicalFileProvider files)
    {
        var compressed = new ConcurrentDictionary<(string Path, string Encoding), byte[]>();
        var contentTypes = new FileExtensionContentTypeProvider();
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            var path = request.Path.Value;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && path is not null && request.Path.StartsWithSegments("/assets")
                && CompressibleExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                && PreferredEncoding(request) is { } encoding
                && contentTypes.TryGetContentType(path, out var contentType)
                && files.GetFileInfo(path) is { Exists: true, IsDirectory: false, PhysicalPath: { } physical })
            {
                var body = compressed.GetOrAdd((physical, encoding), key => Compress(key.Path, key.Encoding));
                var response = http.Response;
                response.ContentType = contentType;
                response.ContentLength = body.Length;
                response.Headers.ContentEncoding = encoding;
                response.Headers.Vary = HeaderNames.AcceptEncoding;
                response.Headers.CacheControl = "public, max-age=31536000, immutable";
                if (HttpMethods.IsGet(request.Method)) await response.Body.WriteAsync(body, http.RequestAborted);
                return;
            }
            await next(http);
        });
    }

    private static string? PreferredEncoding(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string name) => accepted.Any(e => string.Equals(e.Value.Value, name, StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
        return Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : null;
    }

    private static byte[] Compress(string path, string encoding)
    {
        var source = File.ReadAllBytes(path);
        if (encoding == "br")
        {
            // Quality 9 with a 4 MB window: within a few percent of the maximum (11) at a tenth of its time.
            var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(source.Length));
            try
            {
                if (BrotliEncoder.TryCompress(source, buffer, out var written, quality: 9, window: 22)) return buffer[..written];
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            throw new InvalidOperationException($"Brotli could not compress {path} into its maximum compressed length");
        }
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(source);
        return output.ToArray();
    }
}
