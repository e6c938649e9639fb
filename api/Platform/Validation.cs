using System.Text.Json;
using FluentValidation;

namespace MediaCoop.Api.Platform;

/// <summary>Runs the FluentValidation validator of a request body; failures become a 400 with field errors.</summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<T>().FirstOrDefault();
        if (request is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The request body is missing.", detail: "Send a JSON body with the fields this operation documents.");

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid) return await next(context);

        // Field names follow the JSON the client sent (camelCase), so a form can show each message next to its field.
        var errors = result.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return TypedResults.ValidationProblem(errors);
    }
}

public static class ValidationExtensions
{
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
