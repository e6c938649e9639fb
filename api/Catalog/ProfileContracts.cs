using System.Text.RegularExpressions;
using FluentValidation;
using MediaCoop.Api.Uploads;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// A contributor's public profile. <see cref="MemberSince"/> is when the account was created;
/// <see cref="Member"/> says whether they currently hold a share of the co-op. Never carries an e-mail.
/// <see cref="Id"/> is how other operations address the contributor: a visitor writing to them from their portfolio or
/// a photo's page sends it as the message's <c>recipientId</c> (issue 9).
/// </summary>
public sealed record ContributorProfile(
    Guid Id,
    string Handle,
    string DisplayName,
    string? Bio,
    RenditionLink? Avatar,
    DateTimeOffset MemberSince,
    int PublishedCount,
    bool Member);

/// <summary>The signed-in person's own public profile, as they edit it.</summary>
public sealed record MyProfile(string Handle, string DisplayName, string? Bio, RenditionLink? Avatar);

/// <summary>Replaces the editable profile fields. The handle is lower-cased; an empty bio clears it.</summary>
public sealed record UpdateProfileRequest(string Handle, string DisplayName, string? Bio);

public static partial class ProfileRules
{
    public const int MaxBioLength = 500;
    public const int MaxDisplayNameLength = 80;

    /// <summary>Same rule as the users_handle_format constraint (migration 09).</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();

    /// <summary>
    /// Words that name the site, its staff or its pages: a portfolio at /c/admin or /c/support would let
    /// anyone pose as the co-op. Only checked when a handle changes, so growing the list never locks
    /// someone out of editing their bio.
    /// </summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "about", "account", "accounts", "admin", "administrator", "api", "app", "apply", "assets", "auth", "billing",
        "blog", "board", "cart", "checkout", "collections", "contact", "contributor", "contributors", "coop", "co-op",
        "editor", "editors", "help", "home", "info", "legal", "licence", "license", "licensing", "lightbox",
        "lightboxes", "login", "logout", "me", "media", "mediacoop", "media-coop", "moderator", "news", "null",
        "official", "portfolio", "press", "pricing", "privacy", "profile", "register", "review", "root", "search",
        "security", "settings", "shared", "signin", "sign-in", "signout", "signup", "sign-up", "staff", "support",
        "swagger", "system", "team", "terms", "undefined", "upload", "uploads", "user", "users", "webmaster", "www",
    };

    public static string Normalize(string handle) => handle.Trim().ToLowerInvariant();

    public static bool IsWellFormed(string? handle) => handle is not null && Format().IsMatch(Normalize(handle));
}

public sealed class UpdateProfileRequestValidator : AbstractValidator<UpdateProfileRequest>
{
    public UpdateProfileRequestValidator()
    {
        RuleFor(r => r.Handle).Must(ProfileRules.IsWellFormed)
            .WithMessage("Use 3 to 40 lowercase letters, digits or hyphens, starting with a letter or digit.");
        RuleFor(r => r.DisplayName).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= ProfileRules.MaxDisplayNameLength)
            .WithMessage("Give a display name of 1 to 80 characters.");
        RuleFor(r => r.Bio).Must(b => b is null || b.Trim().Length <= ProfileRules.MaxBioLength)
            .WithMessage("A bio has at most 500 characters.");
    }
}
