using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>What anyone may learn from a verification code: the licence and the photo, never who holds it.</summary>
public sealed record LicenseVerification(
    string Code,
    string Status,
    VerifiedLicenseAsset Asset,
    string Size,
    string SizeLabel,
    int Width,
    int Height,
    IReadOnlyList<string> Extended,
    bool EditorialOnly,
    DateTimeOffset IssuedAt,
    int TermsVersion,
    DateTimeOffset? RevokedAt);

public sealed record VerifiedLicenseAsset(Guid Id, string? Title, RenditionLink? Thumbnail, string ContributorName);

/// <summary>Licence certificates (HTML and PDF) for their licensee, and the public verification of a code.</summary>
public static class CertificateEndpoints
{
    public static RouteGroupBuilder MapLicenseCertificates(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me/licenses").WithTags("Licensing").RequireAuthorization();
        mine.MapGet("/{id:guid}/certificate", GetCertificate).WithName("GetLicenseCertificate")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapGet("/{id:guid}/certificate.pdf", GetCertificatePdf).WithName("GetLicenseCertificatePdf")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/licenses/verify/{code}", VerifyLicense).WithName("VerifyLicense").WithTags("Licensing").AllowAnonymous()
            .RequireRateLimiting(LicenseDocuments.VerifyRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    [EndpointSummary("Get a licence certificate (HTML)")]
    [EndpointDescription("The licence certificate as a printable HTML page, with its verification code.")]
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetCertificate(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var certificate = await Certificate.LoadAsync(connection, id, http.User.UserId(), LicenseDocuments.PublicOrigin(http), http.RequestAborted);
        if (certificate is null) return LicenseDocuments.NoSuchLicense();
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = http.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers.ContentSecurityPolicy = $"default-src 'none'; img-src 'self'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(CertificateHtml.Render(certificate, nonce), "text/html; charset=utf-8");
    }

    [EndpointSummary("Get a licence certificate (PDF)")]
    [EndpointDescription("The licence certificate as a PDF file, with its verification code.")]
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCertificatePdf(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var certificate = await Certificate.LoadAsync(connection, id, http.User.UserId(), LicenseDocuments.PublicOrigin(http), http.RequestAborted);
        if (certificate is null) return LicenseDocuments.NoSuchLicense();
        http.Response.Headers.CacheControl = "private, no-store";
        // Inline: the browser shows it and offers to save it under this name.
        http.Response.Headers.ContentDisposition = $"inline; filename=\"mediacoop-licence-{certificate.VerificationCode}.pdf\"";
        return TypedResults.File(CertificatePdf.Render(certificate), "application/pdf");
    }

    private sealed record VerificationRow
    {
        public string VerificationCode { get; init; } = "";
        public DateTime? RevokedAt { get; init; }
        public Guid? SupersededBy { get; init; }
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public string ContributorName { get; init; } = "";
        public string? ThumbKey { get; init; }
        public int? ThumbWidth { get; init; }
        public int? ThumbHeight { get; init; }
        public string Size { get; init; } = "";
        public string SizeLabel { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public string[] Extended { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public DateTime IssuedAt { get; init; }
        public int TermsVersion { get; init; }
    }

    [EndpointSummary("Verify a licence code")]
    [EndpointDescription("Public: what a licence certificate's verification code stands for (photo, size, licensee, date, status). 404 for a code that was never issued. Rate-limited per client.")]
    private static async Task<Results<Ok<LicenseVerification>, ProblemHttpResult>> VerifyLicense(string code, HttpContext http, NpgsqlDataSource dataSource)
    {
        if (VerificationCodes.Normalise(code) is not { } normalised)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a verification code",
                detail: "A verification code has 15 letters and digits, printed as XXXXX-XXXXX-XXXXX on the certificate. Check it and try again.");
        // Deliberately nothing about the buyer: no name, e-mail, id, order or price.
        const string sql = """
            select l.verification_code, l.revoked_at, l.superseded_by, a.id as asset_id, a.title, c.display_name as contributor_name,
                   t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   l.size, so.label as size_label, l.width, l.height, l.extended, l.editorial_only, l.issued_at, l.terms_version
            from licenses l
            join assets a on a.id = l.asset_id
            join users c on c.id = a.owner_id
            join license_options so on so.code = l.size
            left join asset_renditions t on t.asset_id = a.id and t.kind = 'thumbnail'
            where l.verification_code = @normalised
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<VerificationRow>(new CommandDefinition(sql, new { normalised }, cancellationToken: http.RequestAborted));
        if (row is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown verification code",
                detail: "No MediaCoop licence has this code. Check it against the certificate; letters O and I may be typed as 0 and 1.");
        // A revocation must show at once: never cached.
        http.Response.Headers.CacheControl = "no-store";
        var thumbnail = row.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(row.ThumbKey), row.ThumbWidth ?? 0, row.ThumbHeight ?? 0);
        return TypedResults.Ok(new LicenseVerification(row.VerificationCode, Certificate.StatusOf(row.RevokedAt, row.SupersededBy),
            new VerifiedLicenseAsset(row.AssetId, row.Title, thumbnail, row.ContributorName),
            row.Size, row.SizeLabel, row.Width, row.Height, row.Extended, row.EditorialOnly, Certificate.Utc(row.IssuedAt), row.TermsVersion,
            row.RevokedAt is { } revoked ? Certificate.Utc(revoked) : null));
    }
}
