using FluentValidation;
using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Members;

public static class Members
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<Accounts>();
        services.AddValidatorsFromAssemblyContaining<RegisterRequestValidator>(ServiceLifetime.Singleton);
        return services;
    }

    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api) =>
        api.MapAuth().MapMe().MapAdminUsers();
}
