namespace MediaCoop.Api.Catalog;

public static class Catalog
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogSearchOptions>().BindConfiguration(CatalogSearchOptions.Section)
            .Validate(o => o.FirstPageCacheSeconds is >= 0 and <= 60 && o.CountCacheSeconds is >= 0 and <= 600,
                "Catalog:Search: FirstPageCacheSeconds 0-60, CountCacheSeconds 0-600")
            .ValidateOnStart();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<CatalogSearch>();
        services.AddSingleton<Platform.ISpaPageHead, SearchPageHead>();
        return services;
    }
}
