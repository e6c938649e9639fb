using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaCoop.Api.Royalties;

public static class Royalties
{
    public static IServiceCollection AddRoyalties(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CoopSettings>();
        services.AddSingleton<ProviderFees>();
        return services;
    }

    public static RouteGroupBuilder MapRoyalties(this RouteGroupBuilder api)
    {
        api.MapEarnings();
        return api;
    }
}
