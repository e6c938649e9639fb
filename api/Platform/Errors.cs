using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace MediaCoop.Api.Platform;

/// <summary>Every error leaves as RFC 9457 problem details; no stack trace ever reaches a client.</summary>
public static partial class Errors
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
        // Binding failures (minWidth=abc, a body that is not JSON) reach the handler below, which names the
        // parameter and what it expects, instead of a bare "Bad Request".
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        return services;
    }

    public static WebApplication UseErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>\w+)" from "(?<value>.*)"\.$""")]
        private static partial Regex BindFailure();

        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is not BadHttpRequestException bad) return false;
            http.Response.StatusCode = bad.StatusCode;
            var detail = Explain(bad);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = bad.StatusCode, Title = bad.StatusCode == 400 ? "Invalid request" : null, Detail = detail },
            });
        }

        private static string Explain(BadHttpRequestException bad)
        {
            var match = BindFailure().Match(bad.Message);
            if (!match.Success)
                return bad.Message.Contains("JSON", StringComparison.Ordinal)
                    ? "The request body is not valid JSON for this operation; see /swagger for its shape."
                    : bad.Message;
            var name = match.Groups["name"].Value;
            name = char.ToLowerInvariant(name[0]) + name[1..];
            var value = match.Groups["value"].Value;
            if (value.Length > 40) value = value[..40] + "…";
            // The framework prints the type as C# spells it ("int?") or as the runtime does ("Nullable<Int32>").
            var type = match.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>');
            var expected = type.ToLowerInvariant() switch
            {
                "int" or "int32" or "long" or "int64" => "a whole number",
                "guid" => "an id (a UUID such as 0190a1b2-0000-7000-8000-000000000001)",
                "dateonly" => "a date as yyyy-mm-dd",
                "datetime" or "datetimeoffset" => "a date and time (ISO 8601)",
                "bool" or "boolean" => "true or false",
                _ => "a value of the form the API documents (see /swagger)",
            };
            return $"\"{value}\" is not valid for {name}: give {expected}.";
        }
    }
}
