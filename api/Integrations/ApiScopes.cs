using System.Collections.Frozen;
using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Integrations;

/// <summary>
/// What an API key may reach: ONE table from operationId (the route's <c>.WithName(...)</c>) to the scope it
/// needs. It is enforced by <see cref="ApiKeyMiddleware"/> for key-authenticated requests and documented in the
/// OpenAPI contract by <see cref="ApiKeySecurityDocumentation"/>; a test fails when an /api/v1 operation is in
/// neither <see cref="ByOperation"/> nor <see cref="SessionOnly"/>, so every new route gets classified.
///
/// Design decisions:
/// <list type="bullet">
/// <item>One scope per operation, no implication (write does not include read): a key's reach is exactly the
///   union of its scopes' rows here, which is what the scope matrix test checks. A buying integration asks for
///   catalog:read + licenses:write (+ licenses:read to read its orders and licences back).</item>
/// <item>Public reads (search, asset pages, licence types) still need catalog:read when a key is presented:
///   a key says "this integration", and its owner chose what it may do. Without a key they stay anonymous.</item>
/// <item>Order reads are licenses:read (a bookkeeping tool reads them without being able to buy); the cart is
///   licenses:write because it only exists to buy.</item>
/// <item>Own model releases are assets:read: they belong to the contributor's portfolio.</item>
/// <item>Session-only: the account itself (sign-in, profile, notifications, API-key management — a leaked key
///   must not be able to mint or revoke keys), money settings (payout account, hold), membership, review and
///   curation, every admin and co-op books route, patronage (a member's vote-bearing share, not sales
///   earnings), the demo payment page and the Stripe webhook (their callers are not integrations).</item>
/// <item>Routes outside /api (rendition images, signed download links, health, the contract itself) are not
///   scoped: they are public or carry their own token, and a client that sends its key everywhere must not
///   be refused a download link it was given.</item>
/// <item>A key never does more than its owner's role: the roles in the principal are read from the database on
///   every key request, the routes keep their own role policies, and scopes that need a role
///   (<see cref="RoleNeeded"/>) are refused at creation and at use.</item>
/// </list>
/// </summary>
public static class ApiScopes
{
    public const string CatalogRead = "catalog:read";
    public const string LightboxesWrite = "lightboxes:write";
    public const string LicensesRead = "licenses:read";
    public const string LicensesWrite = "licenses:write";
    public const string UploadsWrite = "uploads:write";
    public const string AssetsRead = "assets:read";
    public const string EarningsRead = "earnings:read";
    public const string WebhooksWrite = "webhooks:write";

    public static readonly IReadOnlyList<string> All =
        [CatalogRead, LightboxesWrite, LicensesRead, LicensesWrite, UploadsWrite, AssetsRead, EarningsRead, WebhooksWrite];

    /// <summary>One line per scope, for the contract (the account page words its own explanation).</summary>
    public static readonly FrozenDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [CatalogRead] = "Search the catalogue, read photos, contributors, collections and your lightboxes.",
        [LightboxesWrite] = "Create, change, share and delete your lightboxes.",
        [LicensesRead] = "Read your orders, licences, certificates and download history; verify licence codes.",
        [LicensesWrite] = "Fill your cart, place and pay orders, and create download links for your licences.",
        [UploadsWrite] = "Upload photos and releases, edit and submit your photos for review (contributors).",
        [AssetsRead] = "Read your own photos, their review status and your releases (contributors).",
        [EarningsRead] = "Read your earnings, monthly statements and payout status (contributors).",
        [WebhooksWrite] = "Register and manage your webhook endpoints.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, string> ByOperation = new Dictionary<string, string>
    {
        // Catalogue reads
        ["SearchAssets"] = CatalogRead,
        ["GetCatalogAsset"] = CatalogRead,
        ["GetSimilarAssets"] = CatalogRead,
        ["GetContributor"] = CatalogRead,
        ["ListCollections"] = CatalogRead,
        ["GetCollection"] = CatalogRead,
        ["ListLightboxes"] = CatalogRead,
        ["GetLightbox"] = CatalogRead,
        ["GetSharedLightbox"] = CatalogRead,
        ["GetLicenseTypes"] = CatalogRead,
        ["GetLicenseTerms"] = CatalogRead,
        // Lightbox writes
        ["CreateLightbox"] = LightboxesWrite,
        ["RenameLightbox"] = LightboxesWrite,
        ["DeleteLightbox"] = LightboxesWrite,
        ["AddToLightbox"] = LightboxesWrite,
        ["RemoveFromLightbox"] = LightboxesWrite,
        ["ShareLightbox"] = LightboxesWrite,
        ["UnshareLightbox"] = LightboxesWrite,
        // Licence reads
        ["ListMyOrders"] = LicensesRead,
        ["GetMyOrder"] = LicensesRead,
        ["ListMyLicenses"] = LicensesRead,
        ["GetMyLicense"] = LicensesRead,
        ["ExportMyLicenses"] = LicensesRead,
        ["GetLicenseCertificate"] = LicensesRead,
        ["GetLicenseCertificatePdf"] = LicensesRead,
        ["ListLicenseDownloads"] = LicensesRead,
        ["VerifyLicense"] = LicensesRead,
        // Buying
        ["GetCart"] = LicensesWrite,
        ["PutCartItem"] = LicensesWrite,
        ["RemoveCartItem"] = LicensesWrite,
        ["MergeCart"] = LicensesWrite,
        ["CreateOrder"] = LicensesWrite,
        ["StartCheckout"] = LicensesWrite,
        ["ConfirmOrder"] = LicensesWrite,
        ["CreateLicenseDownload"] = LicensesWrite,
        // Contributor: uploads and edits
        ["UploadOriginal"] = UploadsWrite,
        ["UpdateMyAsset"] = UploadsWrite,
        ["UpdateMyAssets"] = UploadsWrite,
        ["SubmitMyAsset"] = UploadsWrite,
        ["SubmitMyAssets"] = UploadsWrite,
        ["ImportAssetMetadata"] = UploadsWrite,
        ["UploadRelease"] = UploadsWrite,
        ["AppealDecline"] = UploadsWrite,
        // Contributor: own portfolio reads
        ["ListMyAssets"] = AssetsRead,
        ["GetMyAsset"] = AssetsRead,
        ["ListMyReleases"] = AssetsRead,
        ["DownloadMyRelease"] = AssetsRead,
        // Contributor: money reads
        ["GetMyEarnings"] = EarningsRead,
        ["ListMyStatements"] = EarningsRead,
        ["GetMyStatement"] = EarningsRead,
        ["ExportMyStatement"] = EarningsRead,
        ["GetMyPayouts"] = EarningsRead,

        // An integration that receives webhooks manages its own endpoints, reads their delivery log and redelivers.
        ["ListWebhookEndpoints"] = WebhooksWrite,
        ["CreateWebhookEndpoint"] = WebhooksWrite,
        ["UpdateWebhookEndpoint"] = WebhooksWrite,
        ["DeleteWebhookEndpoint"] = WebhooksWrite,
        ["RotateWebhookSecret"] = WebhooksWrite,
        ["SendTestWebhook"] = WebhooksWrite,
        ["ListWebhookDeliveries"] = WebhooksWrite,
        ["RedeliverWebhook"] = WebhooksWrite,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// /api/v1 operations an API key may never call (see the design notes above). Listed rather than implied so
    /// that forgetting to classify a new route fails a test instead of silently locking keys out (or in).
    /// </summary>
    public static readonly FrozenSet<string> SessionOnly = new[]
    {
        // Account and session
        "GetAntiforgeryToken", "Register", "Login", "Logout", "GetMe",
        "GetMyProfile", "UpdateMyProfile", "UploadAvatar",
        "ListNotifications", "MarkNotificationsRead",
        "ListMyApiKeys", "CreateApiKey", "RevokeApiKey",
        // Membership
        "UploadMembershipSample", "ApplyForMembership", "GetMyMembershipApplication",
        // Money settings and patronage
        "ConnectPayoutAccount", "HoldPayouts", "GetMyPatronage", "GetPatronageNotice",
        // Payment provider callbacks and the demo payment page
        "CompleteDemoPayment", "ReceiveStripeEvent",
        // Review and curation
        "GetReviewQueue", "ListReviewReasons", "DecideAsset", "DecideAssets", "ClaimReviewBatch", "GetReviewStats",
        "GetReviewAsset", "GetReviewPreview", "GetReviewRelease", "ListMembershipApplications",
        "DecideMembershipApplication", "CreateCollection", "UpdateCollection",
        // Administration
        "ListUsers", "SetUserRoles", "GrantMembership", "ListOutbox", "SetMarketFreeze", "RefundOrder",
        "RecordExpense", "ListPayouts", "RunPayouts", "ListPatronageYears", "RecordPatronage", "GetPatronage",
        "PreviewPatronage",
        // Co-op books
        "GetCoopHeadline", "GetCoopBooks", "GetCoopBooksCsv", "ListExpenses", "DownloadExpenseReceipt",
        // Governance: a member's own acts and reads (settings, meetings, directory)
        "GetCoopSettings", "ListSettingsChanges", "ChangeCoopSettings",
        "ListMeetings", "ScheduleMeeting", "GetMeeting", "PublishMinutes",
        "ListMemberDirectory", "SetDirectoryVisibility",
        // Governance: voting and drafting are a member's own act; a leaked key must not vote.
        "ListProposals", "DraftProposal", "GetProposal", "UpdateProposal", "OpenProposal", "WithdrawProposal", "CastVote",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The role a key's owner must hold for the scope to be granted or used; null when any account may.</summary>
    public static string? RoleNeeded(string scope) =>
        scope is UploadsWrite or AssetsRead or EarningsRead ? Roles.Contributor : null;

    public static bool IsKnown(string scope) => Descriptions.ContainsKey(scope);
}
