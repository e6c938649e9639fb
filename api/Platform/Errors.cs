using System.Diagnostics;

namespace MediaCoop.Api.Platform;

/// <summary>Every error leaves as RFC 9457 problem details; no stack trace ever reaches a client.</summary>
public static class Errors
{
    public static IServiceCollection AddErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] =
                Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            // Exception details belong in the log, not the response.
            context.ProblemDetails.Extensions.Remove("exception");
        });
        return services;
    }

    public static WebApplication UseErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
