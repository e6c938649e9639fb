using Dapper;
using MediaCoop.Api.Uploads;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>Everything a licence certificate states, read for its licensee only.</summary>
public sealed record Certificate(
    Guid LicenseId,
    string VerificationCode,
    string LicenseeName,
    string LicenseeEmail,
    Guid AssetId,
    string AssetTitle,
    string ContributorName,
    RenditionLink? Thumbnail,
    string Size,
    string SizeLabel,
    int Width,
    int Height,
    IReadOnlyList<string> ExtendedLabels,
    bool EditorialOnly,
    DateTimeOffset IssuedAt,
    int TermsVersion,
    string TermsTitle,
    string TermsBody,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevokedReason,
    string VerifyUrl)
{
    public const string Untitled = "Untitled photo";

    private sealed record Row
    {
        public Guid LicenseId { get; init; }
        public string VerificationCode { get; init; } = "";
        public string LicenseeName { get; init; } = "";
        public string LicenseeEmail { get; init; } = "";
        public Guid AssetId { get; init; }
        public string? AssetTitle { get; init; }
        public string ContributorName { get; init; } = "";
        public string? ThumbKey { get; init; }
        public int? ThumbWidth { get; init; }
        public int? ThumbHeight { get; init; }
        public string Size { get; init; } = "";
        public string SizeLabel { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public string[] ExtendedLabels { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public DateTime IssuedAt { get; init; }
        public int TermsVersion { get; init; }
        public string TermsTitle { get; init; } = "";
        public string TermsBody { get; init; } = "";
        public DateTime? RevokedAt { get; init; }
        public string? RevokedReason { get; init; }
        public Guid? SupersededBy { get; init; }
    }

    /// <summary>The certificate of <paramref name="licenseId"/> if <paramref name="buyerId"/> holds it; otherwise null.</summary>
    public static async Task<Certificate?> LoadAsync(NpgsqlConnection connection, Guid licenseId, Guid buyerId, string publicOrigin, CancellationToken ct)
    {
        const string sql = """
            select l.id as license_id, l.verification_code, u.display_name as licensee_name, u.email::text as licensee_email,
                   a.id as asset_id, a.title as asset_title, c.display_name as contributor_name,
                   t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   l.size, so.label as size_label, l.width, l.height,
                   array(select coalesce(eo.label, e.code) from unnest(l.extended) as e(code)
                         left join license_options eo on eo.code = e.code
                         order by eo.sort nulls last, e.code) as extended_labels,
                   l.editorial_only, l.issued_at, l.terms_version, lt.title as terms_title, lt.body as terms_body,
                   l.revoked_at, l.revoked_reason, l.superseded_by
            from licenses l
            join users u on u.id = l.buyer_id
            join assets a on a.id = l.asset_id
            join users c on c.id = a.owner_id
            join license_options so on so.code = l.size
            join license_terms lt on lt.version = l.terms_version
            left join asset_renditions t on t.asset_id = a.id and t.kind = 'thumbnail'
            where l.id = @licenseId and l.buyer_id = @buyerId
            """;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { licenseId, buyerId }, cancellationToken: ct));
        if (row is null) return null;
        return new Certificate(row.LicenseId, row.VerificationCode, row.LicenseeName, row.LicenseeEmail, row.AssetId,
            string.IsNullOrWhiteSpace(row.AssetTitle) ? Untitled : row.AssetTitle, row.ContributorName,
            row.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(row.ThumbKey), row.ThumbWidth ?? 0, row.ThumbHeight ?? 0),
            row.Size, row.SizeLabel, row.Width, row.Height, row.ExtendedLabels, row.EditorialOnly, Utc(row.IssuedAt),
            row.TermsVersion, row.TermsTitle, row.TermsBody, StatusOf(row.RevokedAt, row.SupersededBy),
            row.RevokedAt is { } revoked ? Utc(revoked) : null, row.RevokedReason,
            VerifyUrlFor(publicOrigin, row.VerificationCode));
    }

    /// <summary>Revocation outranks an upgrade: a refunded licence is revoked whether or not it was also upgraded.</summary>
    public static string StatusOf(DateTime? revokedAt, Guid? supersededBy) =>
        revokedAt is not null ? "revoked" : supersededBy is not null ? "superseded" : "valid";

    /// <summary>The SPA's public verification page for a code.</summary>
    public static string VerifyUrlFor(string publicOrigin, string code) => $"{publicOrigin.TrimEnd('/')}/verify/{code}";

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
