using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record ReviewCandidate(Guid AssetId, int Distance, string Status, RenditionLink? Thumbnail);

public sealed record PastDecision(Guid AssetId, string Outcome, string[] ReasonCodes, string? Note, DateTimeOffset DecidedAt, bool OnAppeal);

public sealed record ReviewAssetDetail(
    Guid Id, string Status, string? Title, string? Description, string[] Keywords, bool EditorialOnly, bool ShowsPeople, bool ShowsProperty,
    int Width, int Height, long ByteSize, string OriginalFilename, DateTimeOffset? CapturedAt, string? Camera, string? Lens,
    Guid ContributorId, string ContributorName, string PreviewUrl, IReadOnlyList<LinkedRelease> Releases,
    IReadOnlyList<ReviewCandidate> NearDuplicates, IReadOnlyList<PastDecision> History, IReadOnlyList<PastDecision> ContributorRecentDecisions,
    string? AppealNote, DateTimeOffset? SubmittedAt);

/// <summary>What an editor sees of one asset: everything the decision needs, including the picture without its watermark.</summary>
public static class ReviewAssetEndpoints
{
    public static RouteGroupBuilder MapReviewAssets(this RouteGroupBuilder api)
    {
        var editors = api.MapGroup("/review").WithTags("Curation").RequireAuthorization(Policies.Editor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        editors.MapGet("/assets/{id:guid}", GetReviewAsset).WithName("GetReviewAsset");
        editors.MapGet("/assets/{id:guid}/preview", GetReviewPreview).WithName("GetReviewPreview")
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg");
        editors.MapGet("/releases/{id:guid}/file", GetReviewRelease).WithName("GetReviewRelease")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "image/jpeg", "image/png");
        return api;
    }

    private sealed record AssetRow
    {
        public Guid Id { get; init; }
        public Guid OwnerId { get; init; }
        public string OwnerName { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string[] Keywords { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public bool ShowsPeople { get; init; }
        public bool ShowsProperty { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public long ByteSize { get; init; }
        public string OriginalFilename { get; init; } = "";
        public DateTime? CapturedAt { get; init; }
        public string? Camera { get; init; }
        public string? Lens { get; init; }
        public DateTime? SubmittedAt { get; init; }
        public string? AppealNote { get; init; }
    }

    private sealed record DecisionRow
    {
        public Guid AssetId { get; init; }
        public string Outcome { get; init; } = "";
        public string[] ReasonCodes { get; init; } = [];
        public string? Note { get; init; }
        public DateTime DecidedAt { get; init; }
        public bool OnAppeal { get; init; }

        public PastDecision ToApi() => new(AssetId, Outcome, ReasonCodes, Note, Utc(DecidedAt), OnAppeal);
    }

    private sealed record CandidateRow(Guid AssetId, int Distance, string Status, string? BlobKey, int? Width, int? Height);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    [EndpointSummary("Get a photo under review")]
    [EndpointDescription("Editors: a submitted photo with its metadata, releases, near-duplicates and past decisions.")]
    private static async Task<Results<Ok<ReviewAssetDetail>, NotFound, ProblemHttpResult>> GetReviewAsset(Guid id, HttpContext http, NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var a = await connection.QuerySingleOrDefaultAsync<AssetRow>("""
            select a.id, a.owner_id, u.display_name as owner_name, a.status, a.title, a.description, a.keywords, a.editorial_only,
                   a.shows_people, a.shows_property, a.width, a.height, a.byte_size, a.original_filename, a.captured_at, a.camera,
                   a.lens, a.submitted_at, p.note as appeal_note
            from assets a join users u on u.id = a.owner_id left join appeals p on p.asset_id = a.id
            where a.id = @id and a.status in ('in_review', 'appealed', 'sent_back', 'published', 'declined')
            """, new { id });
        if (a is null) return TypedResults.NotFound();
        if (a.OwnerId == http.User.UserId())
            return TypedResults.Problem(statusCode: 403, title: "Your own work", detail: "Editors never review their own work.");

        var releases = (await connection.QueryAsync<(Guid Id, string Kind, string Name)>("""
            select r.id, r.kind, r.name from asset_releases ar join releases r on r.id = ar.release_id where ar.asset_id = @id order by r.name
            """, new { id })).Select(r => new LinkedRelease(r.Id, r.Kind, r.Name)).ToList();
        var candidates = (await connection.QueryAsync<CandidateRow>("""
            select d.similar_id as asset_id, d.distance, s.status, r.blob_key, r.width, r.height
            from asset_near_duplicates d join assets s on s.id = d.similar_id
            left join asset_renditions r on r.asset_id = s.id and r.kind = 'preview'
            where d.asset_id = @id order by d.distance
            """, new { id })).Select(c => new ReviewCandidate(c.AssetId, c.Distance, AssetStatus.ToApi(c.Status),
                c.BlobKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(c.BlobKey), c.Width!.Value, c.Height!.Value))).ToList();
        var history = (await connection.QueryAsync<DecisionRow>("""
            select asset_id, outcome, reason_codes, note, decided_at, on_appeal from review_decisions where asset_id = @id order by decided_at
            """, new { id })).Select(d => d.ToApi()).ToList();
        var recent = (await connection.QueryAsync<DecisionRow>("""
            select d.asset_id, d.outcome, d.reason_codes, d.note, d.decided_at, d.on_appeal
            from review_decisions d join assets x on x.id = d.asset_id
            where x.owner_id = @owner and d.asset_id <> @id order by d.decided_at desc limit 10
            """, new { id, owner = a.OwnerId })).Select(d => d.ToApi()).ToList();

        return TypedResults.Ok(new ReviewAssetDetail(a.Id, AssetStatus.ToApi(a.Status), a.Title, a.Description, a.Keywords, a.EditorialOnly,
            a.ShowsPeople, a.ShowsProperty, a.Width, a.Height, a.ByteSize, a.OriginalFilename, a.CapturedAt is { } c ? Utc(c) : null, a.Camera, a.Lens,
            a.OwnerId, a.OwnerName, $"/api/v1/review/assets/{id}/preview", releases, candidates, history, recent, a.AppealNote,
            a.SubmittedAt is { } s ? Utc(s) : null));
    }

    [EndpointSummary("Get the review preview image")]
    [EndpointDescription("Editors: a large, unwatermarked JPEG of a photo under review.")]
    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> GetReviewPreview(
        Guid id, HttpContext http, NpgsqlDataSource dataSource, IBlobStore store, RenditionBuilder builder)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string Key, Guid OwnerId)?>(
            "select original_key, owner_id from assets where id = @id and status in ('in_review', 'appealed')", new { id });
        if (row is not { } asset) return TypedResults.NotFound();
        if (asset.OwnerId == http.User.UserId())
            return TypedResults.Problem(statusCode: 403, title: "Your own work", detail: "Editors never review their own work.");

        var work = Path.Combine(Path.GetTempPath(), $"mediacoop-review-{Guid.NewGuid():N}");
        try
        {
            await using (var original = await store.OpenReadAsync(asset.Key, http.RequestAborted))
            {
                if (original is null) return TypedResults.NotFound();
                await using var file = File.Create(work);
                await original.CopyToAsync(file, http.RequestAborted);
            }
            var preview = builder.BuildReviewPreview(work);
            // Unwatermarked: never cached by shared caches, never stored.
            http.Response.Headers.CacheControl = "private, max-age=600";
            return TypedResults.File(preview.Jpeg, "image/jpeg");
        }
        finally
        {
            File.Delete(work);
        }
    }

    [EndpointSummary("Download a release under review")]
    [EndpointDescription("Editors: the model or property release file attached to a photo under review.")]
    private static async Task<Results<FileStreamHttpResult, NotFound>> GetReviewRelease(Guid id, HttpContext http, NpgsqlDataSource dataSource, IBlobStore store)
    {
        // Only releases attached to work that is waiting for a decision are open to editors.
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<(string Key, string ContentType)?>("""
            select r.blob_key, r.content_type from releases r
            where r.id = @id and exists (select 1 from asset_releases ar join assets a on a.id = ar.asset_id
                                          where ar.release_id = r.id and a.status in ('in_review', 'appealed') and a.owner_id <> @editor)
            """, new { id, editor = http.User.UserId() });
        if (row is not { } release) return TypedResults.NotFound();
        var stream = await store.OpenReadAsync(release.Key, http.RequestAborted);
        if (stream is null) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(stream, release.ContentType);
    }
}
