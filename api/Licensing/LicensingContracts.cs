using FluentValidation;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;

namespace MediaCoop.Api.Licensing;

// ---- Licence catalogue ----

public sealed record LicenseSizeType(string Code, string Label, int? LongEdge, Money Price, string Description);

/// <summary>An extended add-on; <c>quoteOnly</c> ones (market freeze) have no list price and cannot be put in a cart.</summary>
public sealed record ExtendedLicenseType(string Code, string Label, Money? Price, bool QuoteOnly, string Description);

public sealed record LicenseTermsSummary(int Version, string Title, string Body);

public sealed record LicenseTypes(string Currency, IReadOnlyList<LicenseSizeType> Sizes, IReadOnlyList<ExtendedLicenseType> Extended, LicenseTermsSummary Terms);

public sealed record LicenseTerms(int Version, string Title, string Body, DateTimeOffset PublishedAt);

// ---- Cart ----

/// <summary>
/// One photo in the cart with the licence chosen for it. <see cref="Price"/> is what it would cost now (for an
/// upgrade, only the difference); an unavailable item (withdrawn, frozen, no longer offered) says why and is left
/// out of the total.
/// </summary>
public sealed record CartItem(
    Guid AssetId,
    string? Title,
    RenditionLink? Thumbnail,
    string ContributorName,
    string Size,
    string SizeLabel,
    int Width,
    int Height,
    IReadOnlyList<string> Extended,
    Guid? UpgradeOf,
    Money Price,
    bool Available,
    string? UnavailableReason);

/// <summary>A guest-cart item that could not be merged, and why.</summary>
public sealed record CartProblem(Guid AssetId, string Message);

public sealed record Cart(IReadOnlyList<CartItem> Items, Money Total, IReadOnlyList<CartProblem> Problems);

public sealed record PutCartItemRequest(string Size, IReadOnlyList<string>? Extended, Guid? UpgradeOf);

public sealed record GuestCartItem(Guid AssetId, string Size, IReadOnlyList<string>? Extended);

public sealed record MergeCartRequest(IReadOnlyList<GuestCartItem> Items);

// ---- Orders ----

/// <summary>What to license. Prices are never read from the client: they are fixed by the server when the order is created.</summary>
public sealed record OrderItemRequest(Guid AssetId, string Size, IReadOnlyList<string>? Extended, Guid? UpgradeOf);

public sealed record CreateOrderRequest(IReadOnlyList<OrderItemRequest> Items);

public sealed record OrderLine(
    Guid Id,
    Guid AssetId,
    string? Title,
    RenditionLink? Thumbnail,
    string Size,
    string SizeLabel,
    int Width,
    int Height,
    IReadOnlyList<string> Extended,
    bool EditorialOnly,
    Guid? UpgradeOf,
    Money Amount,
    Money Refunded,
    Guid? LicenseId);

/// <summary>An order and its receipt. Status: pending, paid, expired or refunded.</summary>
public sealed record Order(
    Guid Id,
    string Status,
    string Currency,
    Money Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? PaidAt,
    string? Provider,
    IReadOnlyList<OrderLine> Lines,
    Money AmountRefunded);

public sealed record OrderList(IReadOnlyList<Order> Items);

/// <summary>Where to send the buyer to pay: the provider's page (or the SPA's demo checkout page).</summary>
public sealed record CheckoutRedirect(string Provider, string RedirectUrl);

// ---- Licences ----

public sealed record LicensedAsset(Guid Id, string? Title, RenditionLink? Thumbnail);

/// <summary>A bigger licence this one can become, and the difference to pay.</summary>
public sealed record LicenseUpgrade(string Size, string SizeLabel, IReadOnlyList<string> Extended, Money Price);

/// <summary>A licence. Status: valid, revoked (refunded or charged back) or superseded (an upgrade replaced it).</summary>
public sealed record License(
    Guid Id,
    Guid OrderId,
    LicensedAsset Asset,
    string Size,
    string SizeLabel,
    int Width,
    int Height,
    IReadOnlyList<string> Extended,
    bool EditorialOnly,
    int TermsVersion,
    string VerificationCode,
    DateTimeOffset IssuedAt,
    string Status,
    DateTimeOffset? RevokedAt,
    string? RevokedReason,
    Guid? SupersededBy,
    IReadOnlyList<LicenseUpgrade> Upgrades);

public sealed record LicenseList(IReadOnlyList<License> Items);

// ---- Market freeze ----

/// <summary>Sets (until = a future time) or lifts (until = null) a market freeze; the reason is kept in the history.</summary>
public sealed record MarketFreezeRequest(DateTimeOffset? Until, string Reason);

public sealed record MarketFreeze(Guid AssetId, DateTimeOffset? FrozenUntil, string Reason);

public static class LicensingRules
{
    public const int MaxCartItems = 100;
    public const int MaxOrderItems = 100;
    public const int MaxExtended = 10;
    public const int MaxCodeLength = 41;
    public const int MaxIdempotencyKeyLength = 255;

    internal static bool IsCode(string? code) => !string.IsNullOrWhiteSpace(code) && code.Length <= MaxCodeLength;

    /// <summary>Add-ons as stored: trimmed, lower case, distinct, sorted, so equal choices compare equal.</summary>
    internal static string[] Normalise(IReadOnlyList<string>? extended) =>
        (extended ?? []).Where(e => e is not null).Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();
}

public sealed class PutCartItemRequestValidator : AbstractValidator<PutCartItemRequest>
{
    public PutCartItemRequestValidator()
    {
        RuleFor(r => r.Size).Must(LicensingRules.IsCode).WithMessage("Choose a licence size (small, medium, large or original).");
        RuleFor(r => r.Extended).Must(e => e is null || (e.Count <= LicensingRules.MaxExtended && e.All(LicensingRules.IsCode)))
            .WithMessage("extended is a list of add-on codes from GET /api/v1/license-types.");
    }
}

public sealed class MergeCartRequestValidator : AbstractValidator<MergeCartRequest>
{
    public MergeCartRequestValidator() =>
        RuleFor(r => r.Items).NotNull().Must(i => i is null || i.Count <= LicensingRules.MaxCartItems)
            .WithMessage($"A cart holds up to {LicensingRules.MaxCartItems} photos.");
}

public sealed class CreateOrderRequestValidator : AbstractValidator<CreateOrderRequest>
{
    public CreateOrderRequestValidator()
    {
        RuleFor(r => r.Items).NotEmpty().WithMessage("An order needs at least one photo.")
            .Must(i => i is null || i.Count <= LicensingRules.MaxOrderItems)
            .WithMessage($"An order holds up to {LicensingRules.MaxOrderItems} photos; split it into several orders.")
            .Must(i => i is null || i.All(x => x is not null)).WithMessage("items holds objects such as { \"assetId\": \"...\", \"size\": \"small\", \"extended\": [] }.")
            .Must(i => i is null || i.Where(x => x is not null).Select(x => x.AssetId).Distinct().Count() == i.Count)
            .WithMessage("Each photo may appear once in an order: choose one licence per photo.");
        RuleForEach(r => r.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.Size).Must(LicensingRules.IsCode).WithMessage("Choose a licence size (small, medium, large or original).");
            item.RuleFor(i => i.Extended).Must(e => e is null || (e.Count <= LicensingRules.MaxExtended && e.All(LicensingRules.IsCode)))
                .WithMessage("extended is a list of add-on codes from GET /api/v1/license-types.");
        });
    }
}

public sealed class MarketFreezeRequestValidator : AbstractValidator<MarketFreezeRequest>
{
    public MarketFreezeRequestValidator() =>
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 500)
            .WithMessage("Give the reason for the freeze (the quote or agreement it comes from), up to 500 characters.");
}
