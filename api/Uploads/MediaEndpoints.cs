using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaCoop.Api.Uploads;

/// <summary>
/// Renditions (thumbnails, watermarked previews) by content-addressed key: a key never changes
/// content, so responses are cacheable for a year. Originals and releases are never served here.
/// </summary>
public static class MediaEndpoints
{
    private const string RenditionPrefix = "renditions/";

    public static string UrlFor(string blobKey) => "/media/" + blobKey;

    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapGet("/media/renditions/{name}", GetRendition).WithName("GetRendition").WithTags("Uploads").AllowAnonymous()
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg");
        return app;
    }

    [EndpointSummary("Get a rendition image")]
    [EndpointDescription("A thumbnail or watermarked preview JPEG, addressed by the SHA-256 of its content: cacheable for a year.")]
    private static async Task<Results<FileStreamHttpResult, NotFound>> GetRendition(string name, HttpContext http, IBlobStore store)
    {
        // Rendition names are "<sha256 hex>.jpg"; anything else is not one of ours.
        if (name.Length != 68 || !name.EndsWith(".jpg", StringComparison.Ordinal) || !name[..64].All(char.IsAsciiHexDigitLower))
            return TypedResults.NotFound();
        var stream = await store.OpenReadAsync(RenditionPrefix + name, http.RequestAborted);
        if (stream is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Stream(stream, "image/jpeg", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{name[..64]}\""));
    }
}
