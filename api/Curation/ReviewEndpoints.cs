using Dapper;
using MediaCoop.Api.Catalog;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record QueueItem(Guid AssetId, string? Title, Guid ContributorId, string ContributorName, RenditionLink? Thumbnail,
    DateTimeOffset SubmittedAt, long WaitingSeconds, bool OnAppeal, bool EditorialOnly, int NearDuplicates, string[] Keywords, bool ClaimedByYou,
    Guid? BatchId, int BatchWaiting);

public sealed record ClaimRequest(int Count);

public sealed record ClaimResult(IReadOnlyList<Guid> AssetIds, DateTimeOffset ExpiresAt);

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, string? NextCursor, int Total);

public sealed record ReviewReason(string Code, string Label, string[] AppliesTo);

public sealed record ReasonList(IReadOnlyList<ReviewReason> Items);

public sealed record BatchDecisionRequest(Guid[] AssetIds, string Outcome, string[]? ReasonCodes, string? Note);

public sealed record BatchDecisionFailure(Guid AssetId, int Status, string Detail);

public sealed record BatchDecisionResult(IReadOnlyList<DecisionResult> Decided, IReadOnlyList<BatchDecisionFailure> Failed);

public sealed record ReviewStats(int QueueLength, double? MedianWaitHours, double? P90WaitHours, IReadOnlyDictionary<string, int> DecisionsByOutcome, int WindowDays);

/// <summary>The editorial board's desk: the queue oldest first, decisions one or many, the reason catalogue, public stats.</summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReview(this RouteGroupBuilder api)
    {
        var review = api.MapGroup("/review").WithTags("Curation");
        var editors = review.MapGroup("").RequireAuthorization(Policies.Editor)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        editors.MapGet("/queue", GetReviewQueue).WithName("GetReviewQueue");
        editors.MapGet("/reasons", ListReviewReasons).WithName("ListReviewReasons");
        editors.MapPost("/assets/{id:guid}/decision", DecideAsset).WithName("DecideAsset")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        editors.MapPost("/decisions", DecideAssets).WithName("DecideAssets").ProducesProblem(StatusCodes.Status400BadRequest);
        editors.MapPost("/claims", ClaimBatch).WithName("ClaimReviewBatch").ProducesProblem(StatusCodes.Status400BadRequest);
        review.MapGet("/stats", GetReviewStats).WithName("GetReviewStats").AllowAnonymous();
        return api;
    }

    private sealed record QueueRow
    {
        public Guid AssetId { get; init; }
        public string? Title { get; init; }
        public Guid ContributorId { get; init; }
        public string ContributorName { get; init; } = "";
        public string? ThumbnailKey { get; init; }
        public int? ThumbnailWidth { get; init; }
        public int? ThumbnailHeight { get; init; }
        public DateTime SubmittedAt { get; init; }
        public bool OnAppeal { get; init; }
        public bool EditorialOnly { get; init; }
        public int NearDuplicates { get; init; }
        public string[] Keywords { get; init; } = [];
        public bool ClaimedByYou { get; init; }
        public Guid? BatchId { get; init; }
        public int BatchWaiting { get; init; }
    }

    /// <summary>How long a claimed batch stays with its editor before others may take it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(30);

    [EndpointSummary("Get the review queue")]
    [EndpointDescription("Editors: submitted photos waiting for a decision, oldest first, with the caller's claimed batch. Cursor-paged.")]
    private static async Task<Results<Ok<QueuePage>, ProblemHttpResult>> GetReviewQueue(
        HttpContext http, NpgsqlDataSource dataSource, TimeProvider time,
        string? cursor = null, int limit = 50, Guid? contributor = null, bool? editorialOnly = null, bool? flagged = null,
        bool? missingRelease = null, Guid? batch = null)
    {
        if (limit is < 1 or > 200)
            return TypedResults.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be between 1 and 200.");
        DateTime? afterAt = null;
        Guid? afterId = null;
        if (cursor is not null)
        {
            var parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || !Guid.TryParse(parts[1], out var id))
                return TypedResults.Problem(statusCode: 400, title: "Invalid cursor", detail: "Pass back the nextCursor of a previous page unchanged.");
            afterAt = new DateTime(ticks, DateTimeKind.Utc);
            afterId = id;
        }
        var editorId = http.User.UserId();
        // Oldest first. Never the editor's own work, nor an appeal of their own decline.
        const string filter = """
            from assets a
            join users u on u.id = a.owner_id
            where a.status in ('in_review', 'appealed')
              and a.owner_id <> @editorId
              and not (a.status = 'appealed' and exists (
                    select 1 from review_decisions d where d.asset_id = a.id and d.outcome = 'decline' and d.editor_id = @editorId))
              and (@contributor::uuid is null or a.owner_id = @contributor)
              and (@batch::uuid is null or a.submission_batch_id = @batch)
              and (@editorialOnly::boolean is null or a.editorial_only = @editorialOnly)
              and (@flagged::boolean is null or exists (select 1 from asset_near_duplicates n where n.asset_id = a.id) = @flagged)
              and not exists (select 1 from review_claims c where c.asset_id = a.id and c.editor_id <> @editorId and c.expires_at > now())
              and (@missingRelease::boolean is null or (
                    not a.editorial_only and (
                        (a.shows_people and not exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                                                        where ar.asset_id = a.id and r.kind = 'model'))
                     or (a.shows_property and not exists (select 1 from asset_releases ar join releases r on r.id = ar.release_id
                                                          where ar.asset_id = a.id and r.kind = 'property')))) = @missingRelease)
            """;
        // The thumbnail join stays out of the filter, so the total below is a plain count of the same rows.
        var sql = $"""
            select a.id as asset_id, a.title, a.owner_id as contributor_id, u.display_name as contributor_name,
                   r.blob_key as thumbnail_key, r.width as thumbnail_width, r.height as thumbnail_height,
                   a.submitted_at, (a.status = 'appealed') as on_appeal, a.editorial_only,
                   (select count(*) from asset_near_duplicates n where n.asset_id = a.id)::int as near_duplicates, a.keywords,
                   exists (select 1 from review_claims c where c.asset_id = a.id and c.editor_id = @editorId and c.expires_at > now()) as claimed_by_you,
                   a.submission_batch_id as batch_id,
                   (select count(*) from assets b where b.submission_batch_id = a.submission_batch_id
                    and b.status in ('in_review', 'appealed'))::int as batch_waiting
            from assets a
            join users u on u.id = a.owner_id
            left join asset_renditions r on r.asset_id = a.id and r.kind = 'thumbnail'
            where a.id in (select a.id {filter})
              and (@afterAt::timestamptz is null or (a.submitted_at, a.id) > (@afterAt, @afterId))
            order by a.submitted_at, a.id
            limit @take
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var args = new { editorId, contributor, batch, editorialOnly, flagged, missingRelease, afterAt, afterId, take = limit + 1 };
        var rows = (await connection.QueryAsync<QueueRow>(sql, args)).ToList();
        var total = await connection.ExecuteScalarAsync<int>($"select count(*) {filter}", args);
        var now = time.GetUtcNow();
        var items = rows.Take(limit).Select(r =>
        {
            var submitted = new DateTimeOffset(DateTime.SpecifyKind(r.SubmittedAt, DateTimeKind.Utc));
            var thumbnail = r.ThumbnailKey is null ? null : new RenditionLink(MediaEndpoints.UrlFor(r.ThumbnailKey), r.ThumbnailWidth!.Value, r.ThumbnailHeight!.Value);
            return new QueueItem(r.AssetId, r.Title, r.ContributorId, r.ContributorName, thumbnail, submitted,
                (long)(now - submitted).TotalSeconds, r.OnAppeal, r.EditorialOnly, r.NearDuplicates, r.Keywords, r.ClaimedByYou,
                r.BatchId, r.BatchWaiting);
        }).ToList();
        var next = rows.Count > limit ? $"{DateTime.SpecifyKind(rows[limit - 1].SubmittedAt, DateTimeKind.Utc).Ticks}_{rows[limit - 1].AssetId}" : null;
        return TypedResults.Ok(new QueuePage(items, next, total));
    }

    [EndpointSummary("Claim a batch to review")]
    [EndpointDescription("Editors: claims the next batch of submitted photos so that no other editor reviews them at the same time.")]
    private static async Task<Results<Ok<ClaimResult>, ProblemHttpResult>> ClaimBatch(ClaimRequest request, HttpContext http, NpgsqlDataSource dataSource)
    {
        if (request.Count is < 1 or > 50)
            return TypedResults.Problem(statusCode: 400, title: "Invalid count", detail: "Claim between 1 and 50 assets at a time.");
        // The oldest waiting assets nobody holds; SKIP LOCKED lets two editors claim at once without taking the same ones.
        const string sql = """
            with claimed as (
            insert into review_claims (asset_id, editor_id, expires_at)
            select a.id, @editorId, now() + @lifetime
            from assets a
            where a.id in (
                select x.id from assets x
                where x.status in ('in_review', 'appealed') and x.owner_id <> @editorId
                  and not (x.status = 'appealed' and exists (
                        select 1 from review_decisions d where d.asset_id = x.id and d.outcome = 'decline' and d.editor_id = @editorId))
                  and not exists (select 1 from review_claims c where c.asset_id = x.id and c.expires_at > now())
                order by x.submitted_at, x.id
                limit @count
                for update skip locked)
            on conflict (asset_id) do update set editor_id = excluded.editor_id, claimed_at = now(), expires_at = excluded.expires_at
                where review_claims.expires_at <= now()
            returning asset_id)
            select c.asset_id from claimed c join assets a on a.id = c.asset_id order by a.submitted_at, a.id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var ids = (await connection.QueryAsync<Guid>(sql, new { editorId = http.User.UserId(), lifetime = ClaimLifetime, count = request.Count })).ToList();
        return TypedResults.Ok(new ClaimResult(ids, DateTimeOffset.UtcNow + ClaimLifetime));
    }

    [EndpointSummary("List review reason codes")]
    [EndpointDescription("Editors: the reason codes a decision can cite; each says which outcomes it applies to.")]
    private static async Task<Ok<ReasonList>> ListReviewReasons(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Code, string Label, string[] AppliesTo)>(
            "select code, label, applies_to from review_reasons where active order by code");
        return TypedResults.Ok(new ReasonList(rows.Select(r => new ReviewReason(r.Code, r.Label, r.AppliesTo)).ToList()));
    }

    [EndpointSummary("Decide on a submitted photo")]
    [EndpointDescription("Editors: publish, decline (with reasons) or ask for changes on one submitted photo. 409 when it was already decided or is claimed by another editor.")]
    private static async Task<Results<Ok<DecisionResult>, ProblemHttpResult>> DecideAsset(
        Guid id, DecisionRequest request, HttpContext http, NpgsqlDataSource dataSource, CatalogChanges catalog)
    {
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        try
        {
            var decision = await ReviewDecisions.DecideAsync(connection, http.User.UserId(), id, request, http.RequestAborted);
            // Committed: this node's cached search counts must not hide the newly published photo.
            if (decision.Outcome == "publish") catalog.Changed();
            return TypedResults.Ok(decision);
        }
        catch (DecisionRefusedException refused)
        {
            return TypedResults.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Message);
        }
    }

    [EndpointSummary("Decide on several photos")]
    [EndpointDescription("Editors: the same decision for many submitted photos at once; the result lists the ones that could not be decided and why.")]
    private static async Task<Results<Ok<BatchDecisionResult>, ProblemHttpResult>> DecideAssets(
        BatchDecisionRequest request, HttpContext http, NpgsqlDataSource dataSource, CatalogChanges catalog)
    {
        if (request.AssetIds is not { Length: > 0 and <= 200 })
            return TypedResults.Problem(statusCode: 400, title: "Choose assets", detail: "Decide between 1 and 200 assets at once.");
        var decided = new List<DecisionResult>();
        var failed = new List<BatchDecisionFailure>();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        // Each asset is its own decision: one that cannot be decided does not hold back the others.
        foreach (var id in request.AssetIds.Distinct())
        {
            try
            {
                decided.Add(await ReviewDecisions.DecideAsync(connection, http.User.UserId(), id,
                    new DecisionRequest(request.Outcome, request.ReasonCodes, request.Note), http.RequestAborted));
            }
            catch (DecisionRefusedException refused)
            {
                failed.Add(new BatchDecisionFailure(id, refused.Status, refused.Message));
            }
        }
        if (decided.Any(d => d.Outcome == "publish")) catalog.Changed();
        return TypedResults.Ok(new BatchDecisionResult(decided, failed));
    }

    [EndpointSummary("Get review statistics")]
    [EndpointDescription("Public figures on how long review takes and how it ends.")]
    private static async Task<Ok<ReviewStats>> GetReviewStats(NpgsqlDataSource dataSource)
    {
        const int windowDays = 30;
        const string sql = """
            select
              (select count(*) from assets where status in ('in_review', 'appealed'))::int as queue_length,
              (select percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at))
                 from review_decisions where decided_at > now() - make_interval(days => @windowDays) and not on_appeal) as median_seconds,
              (select percentile_cont(0.9) within group (order by extract(epoch from decided_at - submitted_at))
                 from review_decisions where decided_at > now() - make_interval(days => @windowDays) and not on_appeal) as p90_seconds
            """;
        const string byOutcome = """
            select outcome, count(*)::int from review_decisions
            where decided_at > now() - make_interval(days => @windowDays) group by outcome
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(int QueueLength, double? MedianSeconds, double? P90Seconds)>(sql, new { windowDays });
        var counts = (await connection.QueryAsync<(string Outcome, int Count)>(byOutcome, new { windowDays })).ToDictionary(r => r.Outcome, r => r.Count);
        foreach (var outcome in ReviewDecisions.Outcomes) counts.TryAdd(outcome, 0);
        static double? Hours(double? seconds) => seconds is { } s ? Math.Round(s / 3600, 1) : null;
        return TypedResults.Ok(new ReviewStats(row.QueueLength, Hours(row.MedianSeconds), Hours(row.P90Seconds), counts, windowDays));
    }
}
