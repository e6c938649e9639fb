using Dapper;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>What a buyer sees of a photo in a cart or order, and the facts its licence is decided on.</summary>
public sealed record AssetFacts
{
    public Guid Id { get; init; }
    public string? Title { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public bool EditorialOnly { get; init; }
    public DateTime? FrozenUntil { get; init; }
    /// <summary>In the catalogue, i.e. published (not withdrawn or in review).</summary>
    public bool Listed { get; init; }
    public string ContributorName { get; init; } = "";
    public string? ThumbKey { get; init; }
    public int ThumbWidth { get; init; }
    public int ThumbHeight { get; init; }

    public RenditionLink? Thumbnail => ThumbKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(ThumbKey), ThumbWidth, ThumbHeight);

    public string Name => string.IsNullOrWhiteSpace(Title) ? $"Photo {Id}" : $"\u201c{Title}\u201d";
}

/// <summary>A licence choice checked against the photo and priced by the server.</summary>
public sealed record PricedChoice(
    AssetFacts Asset, OfferedSize Size, IReadOnlyList<string> Extended, Guid? UpgradeOf, long Amount)
{
    /// <summary>
    /// The part of <see cref="Amount"/> paid for extended add-ons (royalties pay a higher rate on it); the rest is the
    /// standard part, the size. For an upgrade: the price of the add-ons it adds, capped at what the upgrade costs.
    /// </summary>
    public long ExtendedAmount { get; init; }
}

public sealed record ChoiceResult(PricedChoice? Choice, ProblemHttpResult? Problem)
{
    public static ChoiceResult Fail(int status, string title, string detail) =>
        new(null, TypedResults.Problem(statusCode: status, title: title, detail: detail));
}

/// <summary>
/// The one place that decides whether a licence choice can be sold and what it costs: the cart, the guest-cart merge
/// and order creation all ask here, so a cart never shows a price an order would not charge.
/// </summary>
public static class LicenseChoices
{
    public static async Task<Dictionary<Guid, AssetFacts>> LoadAssetsAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> ids, NpgsqlTransaction? tx = null)
    {
        const string sql = """
            select a.id, a.title, a.width, a.height, a.editorial_only, a.frozen_until, (c.asset_id is not null) as listed,
                   u.display_name as contributor_name, t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height
            from assets a
            join users u on u.id = a.owner_id
            left join catalog c on c.asset_id = a.id
            left join asset_renditions t on t.asset_id = a.id and t.kind = 'thumbnail'
            where a.id = any(@ids)
            """;
        var rows = await connection.QueryAsync<AssetFacts>(sql, new { ids = ids.ToArray() }, tx);
        return rows.ToDictionary(r => r.Id);
    }

    public static async Task<ChoiceResult> EvaluateAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, LicenseCatalogSnapshot catalog,
        Guid buyerId, AssetFacts? asset, Guid assetId, string size, IReadOnlyList<string>? extended, Guid? upgradeOf, DateTimeOffset now)
    {
        if (asset is null)
            return ChoiceResult.Fail(StatusCodes.Status404NotFound, "No such photo", $"There is no photo with id {assetId}.");
        var unavailable = Unavailable(asset, now);
        if (unavailable is not null) return ChoiceResult.Fail(StatusCodes.Status409Conflict, "Photo not on sale", unavailable);

        var sizeCode = size.Trim().ToLowerInvariant();
        var option = catalog.Size(sizeCode);
        if (option is null)
            return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Unknown licence size",
                $"\"{size}\" is not a licence size: choose one of {string.Join(", ", catalog.Sizes.Select(s => s.Code))}.");
        var offered = catalog.SizesFor(asset.Width, asset.Height);
        var chosen = offered.FirstOrDefault(o => o.Option.Code == sizeCode);
        if (chosen is null)
            return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Size not offered for this photo",
                $"{asset.Name} is {asset.Width}\u00d7{asset.Height} px, so the {option.Label} size is not offered for it: choose one of {string.Join(", ", offered.Select(o => o.Option.Code))}.");

        var addOns = LicensingRules.Normalise(extended);
        var amount = chosen.Option.Amount ?? 0;
        var extendedAmount = 0L;
        foreach (var code in addOns)
        {
            var addOn = catalog.ExtendedOption(code);
            if (addOn is null)
                return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Unknown extended add-on",
                    $"\"{code}\" is not an extended add-on: choose from {string.Join(", ", catalog.Extended.Select(e => e.Code))}.");
            if (asset.EditorialOnly)
                return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Editorial use only",
                    $"{asset.Name} may be used for editorial purposes only (news, commentary, education), so it takes no extended add-on. Remove {addOn.Label}.");
            if (addOn.Amount is not { } addOnAmount)
                return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Sold by quote only",
                    $"{addOn.Label} is priced case by case: ask the co-op for a quote. It cannot be bought from the cart.");
            amount += addOnAmount;
            extendedAmount += addOnAmount;
        }

        if (upgradeOf is { } licenseId)
        {
            var upgrade = await PriceUpgradeAsync(connection, tx, catalog, buyerId, asset, licenseId, chosen, addOns, amount);
            if (upgrade.Problem is not null) return upgrade;
            amount = upgrade.Choice!.Amount;
            extendedAmount = upgrade.Choice.ExtendedAmount;
        }
        return new ChoiceResult(new PricedChoice(asset, chosen, addOns, upgradeOf, amount) { ExtendedAmount = extendedAmount }, null);
    }

    /// <summary>Why the photo cannot be licensed now, or null when it can.</summary>
    public static string? Unavailable(AssetFacts asset, DateTimeOffset now)
    {
        if (!asset.Listed) return $"{asset.Name} is not on sale: it is not published or was withdrawn.";
        if (asset.FrozenUntil is { } until && until > now.UtcDateTime)
            return $"{asset.Name} is under a market freeze (an exclusive licence) until {until:yyyy-MM-dd}: nobody can license it until then.";
        return null;
    }

    private sealed record OwnedLicenseRow
    {
        public Guid Id { get; init; }
        public Guid AssetId { get; init; }
        public string Size { get; init; } = "";
        public string[] Extended { get; init; } = [];
        public DateTime? RevokedAt { get; init; }
        public Guid? SupersededBy { get; init; }
    }

    private static async Task<ChoiceResult> PriceUpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, LicenseCatalogSnapshot catalog, Guid buyerId, AssetFacts asset,
        Guid licenseId, OfferedSize chosen, string[] addOns, long fullAmount)
    {
        const string sql = """
            select id, asset_id, size, extended, revoked_at, superseded_by from licenses where id = @licenseId and buyer_id = @buyerId
            """;
        var owned = await connection.QuerySingleOrDefaultAsync<OwnedLicenseRow>(sql, new { licenseId, buyerId }, tx);
        if (owned is null || owned.AssetId != asset.Id)
            return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "No such licence to upgrade",
                $"upgradeOf must be one of your licences for {asset.Name}; {licenseId} is not.");
        if (owned.RevokedAt is not null)
            return ChoiceResult.Fail(StatusCodes.Status409Conflict, "Licence revoked", "This licence was revoked, so it cannot be upgraded. License the photo afresh instead.");
        if (owned.SupersededBy is not null)
            return ChoiceResult.Fail(StatusCodes.Status409Conflict, "Licence already upgraded",
                $"This licence was replaced by licence {owned.SupersededBy}: upgrade that one instead.");

        var ownedSort = catalog.Size(owned.Size)?.Sort ?? int.MaxValue;
        var keepsAddOns = owned.Extended.All(addOns.Contains);
        var biggerSize = chosen.Option.Sort > ownedSort;
        var moreAddOns = addOns.Length > owned.Extended.Length;
        if (chosen.Option.Sort < ownedSort || !keepsAddOns || (!biggerSize && !moreAddOns))
            return ChoiceResult.Fail(StatusCodes.Status400BadRequest, "Not an upgrade",
                "An upgrade keeps the size and add-ons you have and adds a bigger size or another add-on. Choose a bigger size or add an extended add-on.");

        var paid = await PaidForChainAsync(connection, tx, licenseId);
        var amount = Math.Max(0, fullAmount - paid);
        var addedAddOns = addOns.Where(a => !owned.Extended.Contains(a)).Sum(a => catalog.ExtendedOption(a)?.Amount ?? 0);
        return new ChoiceResult(new PricedChoice(asset, chosen, addOns, licenseId, amount) { ExtendedAmount = Math.Min(amount, addedAddOns) }, null);
    }

    /// <summary>What the buyer has paid (net of refunds) for a licence and every licence it upgraded, back to the first.</summary>
    public static async Task<long> PaidForChainAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid licenseId)
    {
        const string sql = """
            with recursive chain (line_id, upgrade_of, depth) as (
                select l.order_line_id, ol.upgrade_of, 0
                from licenses l join order_lines ol on ol.id = l.order_line_id where l.id = @licenseId
                union all
                select p.order_line_id, pl.upgrade_of, c.depth + 1
                from chain c join licenses p on p.id = c.upgrade_of join order_lines pl on pl.id = p.order_line_id
                where c.depth < 100
            )
            select coalesce(sum(ol.amount - ol.refunded), 0)::bigint from chain c join order_lines ol on ol.id = c.line_id
            """;
        return await connection.ExecuteScalarAsync<long>(sql, new { licenseId }, tx);
    }
}
