using Dapper;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Uploads;

public sealed record ReleaseSummary(Guid Id, string Kind, string Name, string ContentType, long ByteSize, DateTimeOffset CreatedAt);

public sealed record ReleaseList(IReadOnlyList<ReleaseSummary> Items);

/// <summary>Model and property releases: uploaded once, private to their owner, attached to any number of assets.</summary>
public static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleaseRoutes(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/me/releases").WithTags("Uploads").RequireAuthorization(Policies.Contributor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        releases.MapGet("/", ListMyReleases).WithName("ListMyReleases");
        releases.MapPost("/", UploadRelease).WithName("UploadRelease").Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        releases.MapGet("/{id:guid}/file", DownloadMyRelease).WithName("DownloadMyRelease")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png");
        return api;
    }

    private sealed record ReleaseRow(Guid Id, string Kind, string Name, string ContentType, long ByteSize, DateTime CreatedAt)
    {
        public ReleaseSummary ToApi() => new(Id, Kind, Name, ContentType, ByteSize, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }

    [EndpointSummary("List my releases")]
    [EndpointDescription("Contributors: model and property releases, reusable across photos.")]
    private static async Task<Ok<ReleaseList>> ListMyReleases(HttpContext http, NpgsqlDataSource dataSource)
    {
        const string sql = """
            select id, kind, name, content_type, byte_size, created_at from releases
            where owner_id = @ownerId order by created_at desc
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await connection.QueryAsync<ReleaseRow>(sql, new { ownerId = http.User.UserId() });
        return TypedResults.Ok(new ReleaseList(rows.Select(r => r.ToApi()).ToList()));
    }

    [EndpointSummary("Upload a release")]
    [EndpointDescription("Contributors: multipart/form-data with `file` (PDF or image), `kind` (model or property) and `name`.")]
    private static async Task<Results<Created<ReleaseSummary>, ProblemHttpResult>> UploadRelease(
        HttpContext http, NpgsqlDataSource dataSource, IBlobStore store, IOptions<UploadOptions> options)
    {
        var limit = options.Value.MaxReleaseBytes;
        if (!http.Request.HasFormContentType)
            return TypedResults.Problem(statusCode: 415, title: "Send the release as multipart/form-data",
                detail: "Put the document in a field named \"file\", with \"kind\" (model or property) and \"name\".");
        if (http.Request.ContentLength > limit + 64 * 1024)
            return TooLarge(limit);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var kind = form["kind"].ToString();
        var name = form["name"].ToString().Trim();
        var errors = new Dictionary<string, string[]>();
        if (kind is not ("model" or "property")) errors["kind"] = ["Choose model or property."];
        if (name.Length is 0 or > 200) errors["name"] = ["Give the release a name of 1 to 200 characters (e.g. the model's name)."];
        if (form.Files.GetFile("file") is not { Length: > 0 } file) errors["file"] = ["Attach the signed release (PDF, JPEG or PNG)."];
        else if (file.Length > limit) return TooLarge(limit);
        if (errors.Count > 0) return TypedResults.Problem(TypedResults.ValidationProblem(errors).ProblemDetails);

        var document = form.Files.GetFile("file")!;
        var head = new byte[8];
        await using (var probe = document.OpenReadStream())
            await probe.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, http.RequestAborted);
        var contentType = Sniff(head);
        if (contentType is null)
            return TypedResults.Problem(statusCode: 415, title: "Unsupported document",
                detail: "A release must be a PDF, JPEG or PNG file (a scan or photo of the signed form).");

        var id = Guid.CreateVersion7();
        var key = $"releases/{DateTime.UtcNow:yyyy/MM}/{id:N}";
        await using (var content = document.OpenReadStream())
            await store.PutAsync(key, content, contentType, http.RequestAborted);
        const string sql = """
            insert into releases (id, owner_id, kind, name, blob_key, content_type, byte_size)
            values (@id, @ownerId, @kind, @name, @key, @contentType, @size)
            returning id, kind, name, content_type, byte_size, created_at
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleAsync<ReleaseRow>(sql, new { id, ownerId = http.User.UserId(), kind, name, key, contentType, size = document.Length });
        return TypedResults.Created($"/api/v1/me/releases/{id}", row.ToApi());
    }

    [EndpointSummary("Download one of my releases")]
    [EndpointDescription("Contributors: the release file as uploaded.")]
    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadMyRelease(Guid id, HttpContext http, NpgsqlDataSource dataSource, IBlobStore store)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string BlobKey, string ContentType, string Name)?>(
            "select blob_key, content_type, name from releases where id = @id and owner_id = @ownerId", new { id, ownerId = http.User.UserId() });
        if (row is not { } release) return TypedResults.NotFound();
        var stream = await store.OpenReadAsync(release.BlobKey, http.RequestAborted);
        if (stream is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "private, no-store";
        var extension = release.ContentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        return TypedResults.Stream(stream, release.ContentType, FileNames.Clean(release.Name, extension) + extension);
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: 413, title: "Document too large",
        detail: $"A release can be at most {limit / (1024 * 1024)} MB. Scan it at a lower resolution or save it as a PDF.");

    private static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",      // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] => "image/png",
        _ => null,
    };
}
