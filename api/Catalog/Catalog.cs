namespace MediaCoop.Api.Catalog;

public static class Catalog
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddOptions<LicensePriceOptions>().BindConfiguration(LicensePriceOptions.Section)
            .Validate(o => o.IsValid(), "Licensing:Prices: every price must be positive and the currency a 3-letter ISO code")
            .ValidateOnStart();
        services.AddOptions<CatalogSearchOptions>().BindConfiguration(CatalogSearchOptions.Section)
            .Validate(o => o.FirstPageCacheSeconds is >= 0 and <= 60 && o.CountCacheSeconds is >= 0 and <= 600,
                "Catalog:Search: FirstPageCacheSeconds 0-60, CountCacheSeconds 0-600")
            .ValidateOnStart();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<CatalogSearch>();
        return services;
    }
}
