namespace MediaCoop.Api.Uploads;

public sealed record RenditionLink(string Url, int Width, int Height);

public sealed record NearDuplicate(Guid AssetId, int Distance, bool Yours);

public sealed record CreditedContributor(Guid UserId, string DisplayName, int ShareBasisPoints);

public sealed record LinkedRelease(Guid Id, string Kind, string Name);

/// <summary>The latest editorial decision, as its contributor sees it.</summary>
public sealed record ReviewOutcome(string Outcome, string[] ReasonCodes, string[] Reasons, string? Note, DateTimeOffset DecidedAt, bool OnAppeal, bool CanAppeal);

/// <summary>Where a waiting asset stands: its place in the queue (1 = next) and the recent median wait.</summary>
public sealed record QueueStanding(int Position, double? MedianWaitHours);

public sealed record AssetDetail(
    Guid Id,
    string Status,
    string? FailureReason,
    string OriginalFilename,
    long ByteSize,
    int Width,
    int Height,
    string? Title,
    string? Description,
    string[] Keywords,
    bool EditorialOnly,
    bool ShowsPeople,
    bool ShowsProperty,
    DateTimeOffset? CapturedAt,
    string? Camera,
    string? Lens,
    bool HasPrivateLocation,
    RenditionLink? Thumbnail,
    RenditionLink? Preview,
    string? BlurPlaceholder,
    string[] DominantColours,
    IReadOnlyList<NearDuplicate> NearDuplicates,
    IReadOnlyList<CreditedContributor> Contributors,
    IReadOnlyList<LinkedRelease> Releases,
    IReadOnlyList<string> Missing,
    ReviewOutcome? Review,
    QueueStanding? Queue,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt);

public sealed record AssetPage(IReadOnlyList<AssetDetail> Items, string? NextCursor);

public sealed record ContributorShare(Guid UserId, int ShareBasisPoints);

/// <summary>Every field is optional: only what is sent changes.</summary>
public sealed record UpdateAssetRequest(
    string? Title,
    string? Description,
    string[]? Keywords,
    bool? EditorialOnly,
    bool? ShowsPeople,
    bool? ShowsProperty,
    ContributorShare[]? Contributors,
    Guid[]? ReleaseIds);

public sealed record BatchUpdateAssetsRequest(
    Guid[] AssetIds,
    string[]? AddKeywords,
    string[]? RemoveKeywords,
    bool? EditorialOnly,
    Guid[]? ReleaseIds);

public sealed record AssetList(IReadOnlyList<AssetDetail> Items);

public sealed record SubmitAssetsRequest(Guid[] AssetIds);

public sealed record SubmissionRejection(Guid AssetId, IReadOnlyList<string> Missing);

public sealed record SubmitAssetsResult(IReadOnlyList<Guid> Submitted, IReadOnlyList<SubmissionRejection> Rejected);

public sealed record ImportError(int Line, string? Filename, string Field, string Message);

public sealed record ImportResult(int Updated, IReadOnlyList<ImportError> Errors);
