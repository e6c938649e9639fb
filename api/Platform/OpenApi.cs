using Microsoft.OpenApi;

namespace MediaCoop.Api.Platform;

public static class OpenApi
{
    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MediaCoop API",
                Version = "v1",
                Description = "The public API of a photographer-owned stock-photo cooperative. JSON, camelCase; errors are RFC 9457 problem details; money is integer minor units.",
            });
            // Non-nullable C# members are required and non-null in the contract, so the generated
            // TypeScript types are exact; nullable references (e.g. membership) stay nullable.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.UseAllOfToExtendReferenceSchemas();
        });
        return services;
    }

    public static WebApplication MapOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "MediaCoop API v1");
        });
        return app;
    }
}
