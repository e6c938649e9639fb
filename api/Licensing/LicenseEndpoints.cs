using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>A buyer's licences, what each can be upgraded to, and the whole history as CSV. Somebody else's licence is 404.</summary>
public static class LicenseEndpoints
{
    public static RouteGroupBuilder MapLicenses(this RouteGroupBuilder api)
    {
        var mine = api.MapGroup("/me").WithTags("Licensing").RequireAuthorization();
        mine.MapGet("/licenses", ListMyLicenses).WithName("ListMyLicenses").ProducesProblem(StatusCodes.Status401Unauthorized);
        mine.MapGet("/licenses/{id:guid}", GetMyLicense).WithName("GetMyLicense")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapGet("/licenses.csv", ExportMyLicenses).WithName("ExportMyLicenses")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private sealed record LicenseRow
    {
        public Guid Id { get; init; }
        public Guid OrderId { get; init; }
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public string? ThumbKey { get; init; }
        public int ThumbWidth { get; init; }
        public int ThumbHeight { get; init; }
        public string Size { get; init; } = "";
        public string SizeLabel { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
        public string[] Extended { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public int TermsVersion { get; init; }
        public string VerificationCode { get; init; } = "";
        public DateTime IssuedAt { get; init; }
        public DateTime? RevokedAt { get; init; }
        public string? RevokedReason { get; init; }
        public Guid? SupersededBy { get; init; }

        public string Status => RevokedAt is not null ? "revoked" : SupersededBy is not null ? "superseded" : "valid";
    }

    private static async Task<List<LicenseRow>> LoadRowsAsync(NpgsqlConnection connection, Guid buyerId, Guid? licenseId, CancellationToken ct)
    {
        const string sql = """
            select l.id, ol.order_id, l.asset_id, a.title, t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
                   l.size, o.label as size_label, l.width, l.height, l.extended, l.editorial_only, l.terms_version, l.verification_code,
                   l.issued_at, l.revoked_at, l.revoked_reason, l.superseded_by
            from licenses l
            join order_lines ol on ol.id = l.order_line_id
            join assets a on a.id = l.asset_id
            join license_options o on o.code = l.size
            left join asset_renditions t on t.asset_id = l.asset_id and t.kind = 'thumbnail'
            where l.buyer_id = @buyerId and (@licenseId::uuid is null or l.id = @licenseId)
            order by l.issued_at desc, l.id desc
            """;
        return (await connection.QueryAsync<LicenseRow>(new CommandDefinition(sql, new { buyerId, licenseId }, cancellationToken: ct))).AsList();
    }

    private static async Task<List<License>> ToLicensesAsync(NpgsqlConnection connection, LicenseCatalogSnapshot catalog, List<LicenseRow> rows, DateTimeOffset now)
    {
        var assets = await LicenseChoices.LoadAssetsAsync(connection, rows.Select(r => r.AssetId).Distinct().ToList());
        var licenses = new List<License>(rows.Count);
        foreach (var r in rows)
        {
            var upgrades = r.Status == "valid" && assets.TryGetValue(r.AssetId, out var asset) && LicenseChoices.Unavailable(asset, now) is null
                ? Upgrades(catalog, asset, r, await LicenseChoices.PaidForChainAsync(connection, null, r.Id))
                : [];
            licenses.Add(new License(r.Id, r.OrderId,
                new LicensedAsset(r.AssetId, r.Title, r.ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(r.ThumbKey), r.ThumbWidth, r.ThumbHeight)),
                r.Size, r.SizeLabel, r.Width, r.Height, r.Extended, r.EditorialOnly, r.TermsVersion, r.VerificationCode, Orders.Utc(r.IssuedAt), r.Status,
                r.RevokedAt is { } revoked ? Orders.Utc(revoked) : null, r.RevokedReason, r.SupersededBy, upgrades));
        }
        return licenses;
    }

    /// <summary>
    /// Each bigger size with the same add-ons, and the same size with one more add-on, priced as what the buyer would
    /// pay now: the new choice's price less what the licence chain has cost them (never below zero).
    /// </summary>
    private static List<LicenseUpgrade> Upgrades(LicenseCatalogSnapshot catalog, AssetFacts asset, LicenseRow license, long paid)
    {
        var current = catalog.Size(license.Size);
        if (current is null) return [];
        var addOns = license.Extended.Select(catalog.ExtendedOption).ToList();
        if (addOns.Any(a => a?.Amount is null)) return [];
        var addOnsAmount = addOns.Sum(a => a!.Amount!.Value);
        var offered = catalog.SizesFor(asset.Width, asset.Height);
        var upgrades = new List<LicenseUpgrade>();
        foreach (var size in offered.Where(o => o.Option.Sort > current.Sort && o.Option.Amount is not null))
            upgrades.Add(new LicenseUpgrade(size.Option.Code, size.Option.Label, license.Extended,
                catalog.Price(Math.Max(0, size.Option.Amount!.Value + addOnsAmount - paid))));
        if (current.Amount is { } currentAmount)
            foreach (var extra in catalog.ExtendedFor(asset.EditorialOnly).Where(e => e.Amount is not null && !license.Extended.Contains(e.Code)))
                upgrades.Add(new LicenseUpgrade(current.Code, current.Label, LicensingRules.Normalise([.. license.Extended, extra.Code]),
                    catalog.Price(Math.Max(0, currentAmount + addOnsAmount + extra.Amount!.Value - paid))));
        return upgrades;
    }

    [EndpointSummary("List my licences")]
    [EndpointDescription("Every licence the buyer holds, revoked and superseded ones included.")]
    private static async Task<Ok<LicenseList>> ListMyLicenses(HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await LoadRowsAsync(connection, http.User.UserId(), null, http.RequestAborted);
        return TypedResults.Ok(new LicenseList(await ToLicensesAsync(connection, await catalog.GetAsync(http.RequestAborted), rows, time.GetUtcNow())));
    }

    [EndpointSummary("Get one of my licences")]
    [EndpointDescription("A licence with its photo, size, add-ons, terms version and status.")]
    private static async Task<Results<Ok<License>, ProblemHttpResult>> GetMyLicense(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, LicenseCatalog catalog, TimeProvider time)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await LoadRowsAsync(connection, http.User.UserId(), id, http.RequestAborted);
        if (rows.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such licence", detail: "There is no licence of yours with this id.");
        return TypedResults.Ok((await ToLicensesAsync(connection, await catalog.GetAsync(http.RequestAborted), rows, time.GetUtcNow())).Single());
    }

    [EndpointSummary("Export my licences as CSV")]
    [EndpointDescription("Every licence the buyer holds as a CSV file, for bookkeeping.")]
    private static async Task<FileContentHttpResult> ExportMyLicenses(HttpContext http, NpgsqlDataSource dataSource, TimeProvider time)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var rows = await LoadRowsAsync(connection, http.User.UserId(), null, http.RequestAborted);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Escape cells a spreadsheet would run as a formula (a title such as "=HYPERLINK(...)").
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        using (var csv = new CsvWriter(text, config))
        {
            csv.WriteRecords(rows.Select(r => new LicenseCsvRow(r.Id, r.OrderId, r.AssetId, r.Title ?? "", r.Size, r.SizeLabel, r.Width, r.Height,
                string.Join(';', r.Extended), r.EditorialOnly, r.TermsVersion, r.VerificationCode,
                Orders.Utc(r.IssuedAt).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Status,
                r.RevokedAt is { } revoked ? Orders.Utc(revoked).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "",
                r.SupersededBy?.ToString() ?? "")));
        }
        var name = $"mediacoop-licenses-{time.GetUtcNow():yyyy-MM-dd}.csv";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name);
    }

}

/// <summary>One row of the licence export; the property names are the CSV header.</summary>
public sealed record LicenseCsvRow(
    Guid LicenseId, Guid OrderId, Guid AssetId, string Title, string Size, string SizeLabel, int Width, int Height, string Extended,
    bool EditorialOnly, int TermsVersion, string VerificationCode, string IssuedAt, string Status, string RevokedAt, string SupersededBy);
