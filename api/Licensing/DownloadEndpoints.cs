using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>A short-lived link to the licensed file. <see cref="Url"/> is absolute (S3) or this site's own path (disk store).</summary>
public sealed record LicenseDownloadLink(string Url, DateTimeOffset ExpiresAt, string Filename, int Width, int Height);

public sealed record LicenseDownloadList(IReadOnlyList<LicenseDownloadEntry> Items);

/// <summary>One link handed out: when, at what size, to which address.</summary>
public sealed record LicenseDownloadEntry(Guid Id, DateTimeOffset RequestedAt, int Width, int Height, string? ClientIp);

/// <summary>
/// Downloads of licensed photos: a link per request, for the licensee only, each one logged. Superseded licences
/// still download (at their own size); revoked ones get no new links.
/// </summary>
public static class DownloadEndpoints
{
    public static RouteGroupBuilder MapLicenseDownloads(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/licenses").WithTags("Licensing").RequireAuthorization();
        mine.MapPost("/{id:guid}/download", CreateDownload).WithName("CreateLicenseDownload").WithIdempotency()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        mine.MapGet("/{id:guid}/downloads", ListDownloads).WithName("ListLicenseDownloads")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The disk store's download route (S3 links go to the bucket). The token is the credential.</summary>
    public static WebApplication MapLicensedFileDownloads(this WebApplication app)
    {
        app.MapGet(DownloadLinks.RoutePrefix + "{token}", DownloadLicensedFile).WithName("DownloadLicensedFile").WithTags("Licensing")
            .AllowAnonymous()
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return app;
    }

    private sealed record LicenseFileRow
    {
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public string OriginalKey { get; init; } = "";
        public string ContentType { get; init; } = "";
        public int AssetWidth { get; init; }
        public int AssetHeight { get; init; }
        public string Size { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public DateTime? RevokedAt { get; init; }
    }

    [EndpointSummary("Create a download link")]
    [EndpointDescription("A signed link to the licensed file, valid for a few minutes: ask for a new one at each download. Every request is recorded in the licence's download history. 409 when the licence was revoked.")]
    private static async Task<Results<Ok<LicenseDownloadLink>, ProblemHttpResult>> CreateDownload(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, LicensedFiles files, IBlobStore store, DownloadLinks links,
        IOptions<LicenseDocumentOptions> options, TimeProvider time, ILogger<LicensedFiles> logger)
    {
        var userId = http.User.UserId();
        const string sql = """
            select a.id as asset_id, a.title, a.original_key, a.content_type, a.width as asset_width, a.height as asset_height,
                   l.size, l.width, l.height, l.revoked_at
            from licenses l join assets a on a.id = l.asset_id
            where l.id = @id and l.buyer_id = @userId
            """;
        LicenseFileRow? license;
        await using (var connection = await dataSource.OpenConnectionAsync(http.RequestAborted))
            license = await connection.QuerySingleOrDefaultAsync<LicenseFileRow>(new CommandDefinition(sql, new { id, userId }, cancellationToken: http.RequestAborted));
        if (license is null) return LicenseDocuments.NoSuchLicense();
        if (license.RevokedAt is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Licence revoked",
                detail: "This licence was revoked (refunded or charged back), so the photo can no longer be downloaded under it. " +
                        "Files downloaded before must be deleted; buy a new licence to use the photo.");

        LicensedFile file;
        try
        {
            file = await files.GetAsync(new LicensedOriginal(license.AssetId, license.OriginalKey, license.ContentType, license.AssetWidth, license.AssetHeight),
                license.Size, license.Width, license.Height, http.RequestAborted);
        }
        catch (LicensedFileUnavailableException ex)
        {
            logger.LogError(ex, "Licensed file for licence {LicenseId} could not be produced", id);
            if (ex.Retryable) Auth.SetRetryAfter(http, TimeSpan.FromSeconds(30));
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "File not available right now",
                detail: ex.Retryable
                    ? "The photo is being prepared but the server is busy. Try again in a minute."
                    : "The photo's file cannot be read at the moment. The co-op has been alerted; try again later or contact support.");
        }

        var lifetime = options.Value.DownloadLinkLifetime;
        var requestedAt = time.GetUtcNow();
        var expiresAt = requestedAt.Add(lifetime);
        var filename = DownloadNames.For(license.Title, license.AssetId, file.Width, file.Height, file.Extension);
        var url = (await store.GetDownloadUrlAsync(file.BlobKey, lifetime, filename, http.RequestAborted))?.AbsoluteUri
            ?? links.PathFor(file.BlobKey, filename, file.ContentType, expiresAt);

        const string logSql = """
            insert into license_downloads (id, license_id, user_id, requested_at, width, height, client_ip)
            values (@downloadId, @id, @userId, @requestedAt, @width, @height, @clientIp::inet)
            """;
        await using (var connection = await dataSource.OpenConnectionAsync(http.RequestAborted))
            await connection.ExecuteAsync(new CommandDefinition(logSql, new
            {
                downloadId = Guid.CreateVersion7(), id, userId, requestedAt, width = file.Width, height = file.Height,
                clientIp = http.Connection.RemoteIpAddress?.ToString(),
            }, cancellationToken: http.RequestAborted));

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new LicenseDownloadLink(url, expiresAt, filename, file.Width, file.Height));
    }

    private sealed record EntryRow
    {
        public Guid Id { get; init; }
        public DateTime RequestedAt { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public string? ClientIp { get; init; }
    }

    [EndpointSummary("List a licence's downloads")]
    [EndpointDescription("When the licensed file was downloaded, in which size, and from which address.")]
    private static async Task<Results<Ok<LicenseDownloadList>, ProblemHttpResult>> ListDownloads(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var userId = http.User.UserId();
        const string ownedSql = "select exists(select 1 from licenses where id = @id and buyer_id = @userId)";
        const string sql = """
            select id, requested_at, width, height, host(client_ip) as client_ip
            from license_downloads where license_id = @id and user_id = @userId
            order by requested_at desc, id desc
            limit 500
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ownedSql, new { id, userId }, cancellationToken: http.RequestAborted)))
            return LicenseDocuments.NoSuchLicense();
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(sql, new { id, userId }, cancellationToken: http.RequestAborted));
        return TypedResults.Ok(new LicenseDownloadList(rows
            .Select(r => new LicenseDownloadEntry(r.Id, Certificate.Utc(r.RequestedAt), r.Width, r.Height, r.ClientIp)).ToList()));
    }

    [EndpointSummary("Download a licensed file")]
    [EndpointDescription("Follows a signed download link from `POST /api/v1/me/licenses/{id}/download`: the licensed file in the licensed size. The token in the path is the credential; 403 for a damaged link, 410 once it has expired (ask for a new one).")]
    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadLicensedFile(
        string token, HttpContext http, DownloadLinks links, IBlobStore store)
    {
        var (payload, problem) = links.Read(token);
        if (problem == DownloadTokenProblem.Invalid)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid download link",
                detail: "This download link is not valid (it may have been cut short when copied). Request a new one from your licences page.");
        if (problem == DownloadTokenProblem.Expired)
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Download link expired",
                detail: "Download links work for a few minutes only. Request a new one from your licences page; you can download again at any time.");
        var stream = await store.OpenReadAsync(payload!.Key, http.RequestAborted);
        if (stream is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found",
                detail: "The file behind this link is no longer stored. Request a new link from your licences page.");
        var headers = http.Response.Headers;
        headers.ContentDisposition = DownloadNames.AttachmentHeader(payload.FileName);
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream, payload.ContentType);
    }
}
