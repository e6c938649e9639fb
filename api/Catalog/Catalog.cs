namespace MediaCoop.Api.Catalog;

public static class Catalog
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddOptions<LicensePriceOptions>().BindConfiguration(LicensePriceOptions.Section)
            .Validate(o => o.IsValid(), "Licensing:Prices: every price must be positive and the currency a 3-letter ISO code")
            .ValidateOnStart();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<CatalogSearch>();
        return services;
    }
}
