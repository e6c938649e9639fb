using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Catalog;

/// <summary>What a buyer can license a photo at: standard sizes by long edge, and extended add-ons.</summary>
public static class LicenseOffer
{
    private static readonly (string Code, string Label, int LongEdge)[] Tiers =
        [("small", "Small", 1000), ("medium", "Medium", 2500), ("large", "Large", 4000)];

    /// <summary>
    /// Small, medium and large are offered only below the original's long edge (a "large" no bigger than the
    /// original would sell the same pixels twice); the original is always offered at its own size.
    /// </summary>
    public static IReadOnlyList<LicenseSizeOption> Sizes(int width, int height, LicensePriceOptions prices)
    {
        var longEdge = Math.Max(width, height);
        var sizes = new List<LicenseSizeOption>(4);
        foreach (var (code, label, edge) in Tiers)
        {
            if (edge >= longEdge) break;
            var scale = (double)edge / longEdge;
            sizes.Add(new LicenseSizeOption(code, label, Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)),
                new Money(code switch { "small" => prices.Small, "medium" => prices.Medium, _ => prices.Large }, prices.Currency)));
        }
        sizes.Add(new LicenseSizeOption("original", "Original", width, height, new Money(prices.Original, prices.Currency)));
        return sizes;
    }

    /// <summary>Editorial-only photos can be licensed for editorial use only, so no extended add-on applies.</summary>
    public static IReadOnlyList<ExtendedLicenseOption> Extended(bool editorialOnly, LicensePriceOptions prices) => editorialOnly
        ? []
        :
        [
            new("unlimited-print", "Unlimited print runs", new Money(prices.UnlimitedPrint, prices.Currency), false),
            new("products-for-resale", "Products for resale", new Money(prices.ProductsForResale, prices.Currency), false),
            new("multi-seat", "Multi-seat (shared by a team)", new Money(prices.MultiSeat, prices.Currency), false),
            new("market-freeze", "Market freeze (exclusivity)",
                prices.MarketFreeze is { } freeze ? new Money(freeze, prices.Currency) : null, prices.MarketFreeze is null),
        ];
}
