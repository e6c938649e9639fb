using FluentValidation;
using Microsoft.Extensions.Options;

namespace MediaCoop.Api.Integrations;

public sealed record WebhookEndpointItem(Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled,
    DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset CreatedAt,
    // While a rotated-out secret still signs (both signatures are sent), until when; null otherwise.
    DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointItem> Items, IReadOnlyList<WebhookEventType> EventTypes);

/// <summary>The signing secret is shown here once; it cannot be read back later (rotate to get a new one).</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointItem Endpoint, string Secret);

public sealed record RotatedWebhookSecret(string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record WebhookDeliveryItem(Guid Id, Guid EventId, string EventType, string Status, int Attempts, int? LastStatusCode,
    string? LastError, string? ResponseExcerpt, bool Manual, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryItem> Items);

public sealed record CreateWebhookEndpointRequest(string? Url, string? Description, string[]? Events);

public sealed record UpdateWebhookEndpointRequest(string? Url, string? Description, string[]? Events, bool? Enabled);

internal static class WebhookRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 200;

    public static IRuleBuilderOptions<T, string?> ValidWebhookUrl<T>(this IRuleBuilder<T, string?> rule, IOptions<WebhookOptions> options) =>
        rule.MaximumLength(MaxUrlLength).WithMessage($"Keep the address under {MaxUrlLength} characters.")
            .Must(url => url is null || WebhookAddressGuard.RefuseUrlForm(url, options.Value.AllowHttp) is null)
            .WithMessage((_, url) => WebhookAddressGuard.RefuseUrlForm(url ?? "", options.Value.AllowHttp) ?? "");

    public static IRuleBuilderOptions<T, string[]?> ValidWebhookEvents<T>(this IRuleBuilder<T, string[]?> rule) =>
        rule.Must(e => e is { Length: > 0 }).WithMessage("Choose at least one event to receive.")
            .Must(e => e is null || e.All(WebhookEvents.IsKnown))
            .WithMessage(r => $"Unknown event type. Choose from: {string.Join(", ", WebhookEvents.Types.Select(t => t.Type))}.");
}

public sealed class CreateWebhookEndpointRequestValidator : AbstractValidator<CreateWebhookEndpointRequest>
{
    public CreateWebhookEndpointRequestValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(r => r.Url).NotEmpty().WithMessage("Give the https:// address that should receive the events.").ValidWebhookUrl(options);
        RuleFor(r => r.Description).MaximumLength(WebhookRules.MaxDescriptionLength)
            .WithMessage($"Keep the description under {WebhookRules.MaxDescriptionLength} characters.");
        RuleFor(r => r.Events).ValidWebhookEvents();
    }
}

public sealed class UpdateWebhookEndpointRequestValidator : AbstractValidator<UpdateWebhookEndpointRequest>
{
    public UpdateWebhookEndpointRequestValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(r => r.Url).NotEmpty().WithMessage("Give the https:// address that should receive the events.").ValidWebhookUrl(options)
            .When(r => r.Url is not null);
        RuleFor(r => r.Description).MaximumLength(WebhookRules.MaxDescriptionLength)
            .WithMessage($"Keep the description under {WebhookRules.MaxDescriptionLength} characters.");
        RuleFor(r => r.Events).ValidWebhookEvents().When(r => r.Events is not null);
    }
}
