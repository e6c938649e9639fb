using FluentValidation;
using MediaCoop.Api.Uploads;

namespace MediaCoop.Api.Catalog;

/// <summary>One lightbox in its owner's list. <see cref="ContainsAsset"/> answers the list's <c>?asset=</c> question (false without it).</summary>
public sealed record LightboxSummary(
    Guid Id,
    string Name,
    int AssetCount,
    IReadOnlyList<RenditionLink> Covers,
    bool Shared,
    string? ShareToken,
    DateTimeOffset UpdatedAt,
    bool ContainsAsset);

public sealed record LightboxList(IReadOnlyList<LightboxSummary> Items);

/// <summary>Who made a photo in a lightbox; their portfolio is at /c/{handle}.</summary>
public sealed record LightboxContributor(string Handle, string DisplayName);

/// <summary>A published photo in a lightbox. Photos withdrawn since they were added are left out.</summary>
public sealed record LightboxItem(
    Guid Id,
    string? Title,
    int Width,
    int Height,
    LightboxContributor Contributor,
    RenditionLink Thumbnail,
    RenditionLink Preview,
    string? BlurPlaceholder,
    DateTimeOffset AddedAt);

/// <summary>The owner's view: items newest added first.</summary>
public sealed record LightboxDetail(Guid Id, string Name, string? ShareToken, DateTimeOffset UpdatedAt, IReadOnlyList<LightboxItem> Items);

/// <summary>The read-only link: <see cref="Url"/> is the storefront page that shows it.</summary>
public sealed record LightboxShare(string Token, string Url);

/// <summary>What a share link shows to anyone who has it: no owner id or e-mail.</summary>
public sealed record SharedLightbox(string Name, string OwnerDisplayName, IReadOnlyList<LightboxItem> Items);

public sealed record CreateLightboxRequest(string Name);

public sealed record RenameLightboxRequest(string Name);

public static class LightboxRules
{
    public const int MaxNameLength = 80;
    public const int MaxLightboxesPerUser = 200;
    public const int MaxItemsPerLightbox = 1000;
    public const int MaxCovers = 4;

    internal static bool IsValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxNameLength;

    internal const string NameMessage = "Give the lightbox a name of 1 to 80 characters.";
}

public sealed class CreateLightboxRequestValidator : AbstractValidator<CreateLightboxRequest>
{
    public CreateLightboxRequestValidator() =>
        RuleFor(r => r.Name).Must(LightboxRules.IsValidName).WithMessage(LightboxRules.NameMessage);
}

public sealed class RenameLightboxRequestValidator : AbstractValidator<RenameLightboxRequest>
{
    public RenameLightboxRequestValidator() =>
        RuleFor(r => r.Name).Must(LightboxRules.IsValidName).WithMessage(LightboxRules.NameMessage);
}
