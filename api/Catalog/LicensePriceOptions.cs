namespace MediaCoop.Api.Catalog;

/// <summary>
/// List prices in US cents (PRODUCT.md's defaults). The licensing capability will move these to co-op
/// settings changed by recorded decision; until then they come from <c>Licensing:Prices</c>.
/// </summary>
public sealed class LicensePriceOptions
{
    public const string Section = "Licensing:Prices";

    public string Currency { get; set; } = "USD";
    public long Small { get; set; } = 1500;
    public long Medium { get; set; } = 5000;
    public long Large { get; set; } = 10000;
    public long Original { get; set; } = 15000;
    public long UnlimitedPrint { get; set; } = 30000;
    public long ProductsForResale { get; set; } = 50000;
    public long MultiSeat { get; set; } = 25000;
    /// <summary>Market freeze (exclusivity) is quoted case by case unless the co-op sets a list price.</summary>
    public long? MarketFreeze { get; set; }

    internal bool IsValid() =>
        Currency.Length == 3 && new[] { Small, Medium, Large, Original, UnlimitedPrint, ProductsForResale, MultiSeat }.All(p => p > 0)
        && MarketFreeze is null or > 0;
}
