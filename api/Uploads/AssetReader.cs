using Dapper;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>Loads assets as their owner sees them (private location included, as a flag only).</summary>
public static class AssetReader
{
    private sealed record AssetRow
    {
        public Guid Id { get; init; }
        public Guid OwnerId { get; init; }
        public string Status { get; init; } = "";
        public string? FailureReason { get; init; }
        public string OriginalFilename { get; init; } = "";
        public long ByteSize { get; init; }
        public int Width { get; init; }
        public int Height { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public string[] Keywords { get; init; } = [];
        public bool EditorialOnly { get; init; }
        public bool ShowsPeople { get; init; }
        public bool ShowsProperty { get; init; }
        public DateTime? CapturedAt { get; init; }
        public string? Camera { get; init; }
        public string? Lens { get; init; }
        public bool HasPrivateLocation { get; init; }
        public string? BlurPlaceholder { get; init; }
        public string[] DominantColours { get; init; } = [];
        public DateTime CreatedAt { get; init; }
        public DateTime? SubmittedAt { get; init; }
    }

    private sealed record RenditionRow(Guid AssetId, string Kind, string BlobKey, int Width, int Height);
    private sealed record DuplicateRow(Guid AssetId, Guid SimilarId, int Distance, bool Yours);
    private sealed record ContributorRow(Guid AssetId, Guid UserId, string DisplayName, int ShareBp);
    private sealed record ReleaseRow(Guid AssetId, Guid Id, string Kind, string Name);

    private sealed record DecisionRow
    {
        public Guid AssetId { get; init; }
        public string Outcome { get; init; } = "";
        public string[] ReasonCodes { get; init; } = [];
        public string[] Reasons { get; init; } = [];
        public string? Note { get; init; }
        public DateTime DecidedAt { get; init; }
        public bool OnAppeal { get; init; }
        public bool Appealed { get; init; }
    }

    private const string Columns = """
        a.id, a.owner_id, a.status, a.failure_reason, a.original_filename, a.byte_size, a.width, a.height,
        a.title, a.description, a.keywords, a.editorial_only, a.shows_people, a.shows_property,
        a.captured_at, a.camera, a.lens, (a.gps_latitude is not null) as has_private_location,
        a.blur_placeholder, a.dominant_colours, a.created_at, a.submitted_at
        """;

    public static async Task<AssetDetail?> LoadAsync(NpgsqlConnection connection, Guid ownerId, Guid assetId, NpgsqlTransaction? tx = null) =>
        (await LoadManyAsync(connection, ownerId, [assetId], tx)).SingleOrDefault();

    /// <summary>The owner's assets among <paramref name="assetIds"/>, in the order given; others' ids are skipped.</summary>
    public static async Task<IReadOnlyList<AssetDetail>> LoadManyAsync(NpgsqlConnection connection, Guid ownerId, IReadOnlyCollection<Guid> assetIds, NpgsqlTransaction? tx = null)
    {
        var sql = $"select {Columns} from assets a where a.owner_id = @ownerId and a.id = any(@ids)";
        var rows = (await connection.QueryAsync<AssetRow>(sql, new { ownerId, ids = assetIds.ToArray() }, tx)).ToDictionary(r => r.Id);
        var ordered = assetIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
        return await DetailAsync(connection, ordered, tx);
    }

    public static async Task<AssetPage> PageAsync(NpgsqlConnection connection, Guid ownerId, string[]? statuses, Guid? before, int limit)
    {
        // Newest first; ids are UUIDv7 so id order is upload order.
        var sql = $"""
            select {Columns} from assets a
            where a.owner_id = @ownerId
              and (@statuses::text[] is null or a.status = any(@statuses))
              and (@before::uuid is null or a.id < @before)
            order by a.id desc
            limit @take
            """;
        var rows = (await connection.QueryAsync<AssetRow>(sql, new { ownerId, statuses, before, take = limit + 1 })).ToList();
        var next = rows.Count > limit ? rows[limit - 1].Id.ToString() : null;
        return new AssetPage(await DetailAsync(connection, rows.Take(limit).ToList(), null), next);
    }

    private static async Task<IReadOnlyList<AssetDetail>> DetailAsync(NpgsqlConnection connection, IReadOnlyList<AssetRow> rows, NpgsqlTransaction? tx)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToArray();
        const string renditionsSql = "select asset_id, kind, blob_key, width, height from asset_renditions where asset_id = any(@ids)";
        const string duplicatesSql = """
            select d.asset_id, d.similar_id, d.distance, (s.owner_id = a.owner_id) as yours
            from asset_near_duplicates d
            join assets a on a.id = d.asset_id
            join assets s on s.id = d.similar_id
            where d.asset_id = any(@ids)
            order by d.distance, d.similar_id
            """;
        const string contributorsSql = """
            select c.asset_id, c.user_id, u.display_name, c.share_bp
            from asset_contributors c join users u on u.id = c.user_id
            where c.asset_id = any(@ids)
            order by c.share_bp desc, u.display_name
            """;
        const string releasesSql = """
            select ar.asset_id, r.id, r.kind, r.name
            from asset_releases ar join releases r on r.id = ar.release_id
            where ar.asset_id = any(@ids)
            order by r.name
            """;
        const string decisionsSql = """
            select distinct on (d.asset_id) d.asset_id, d.outcome, d.reason_codes,
                   array(select r.label from review_reasons r where r.code = any(d.reason_codes) order by r.code) as reasons,
                   d.note, d.decided_at, d.on_appeal, exists(select 1 from appeals p where p.asset_id = d.asset_id) as appealed
            from review_decisions d
            where d.asset_id = any(@ids)
            order by d.asset_id, d.decided_at desc
            """;
        var renditions = (await connection.QueryAsync<RenditionRow>(renditionsSql, new { ids }, tx)).ToLookup(r => r.AssetId);
        var decisions = (await connection.QueryAsync<DecisionRow>(decisionsSql, new { ids }, tx)).ToDictionary(r => r.AssetId);
        var standings = await StandingsAsync(connection, rows, tx);
        var duplicates = (await connection.QueryAsync<DuplicateRow>(duplicatesSql, new { ids }, tx)).ToLookup(r => r.AssetId);
        var contributors = (await connection.QueryAsync<ContributorRow>(contributorsSql, new { ids }, tx)).ToLookup(r => r.AssetId);
        var releases = (await connection.QueryAsync<ReleaseRow>(releasesSql, new { ids }, tx)).ToLookup(r => r.AssetId);

        return rows.Select(r =>
        {
            RenditionLink? Link(string kind) => renditions[r.Id].FirstOrDefault(x => x.Kind == kind) is { } x
                ? new RenditionLink(MediaEndpoints.UrlFor(x.BlobKey), x.Width, x.Height) : null;
            var credited = contributors[r.Id].Select(c => new CreditedContributor(c.UserId, c.DisplayName, c.ShareBp)).ToList();
            var linked = releases[r.Id].Select(l => new LinkedRelease(l.Id, l.Kind, l.Name)).ToList();
            var missing = SubmissionRules.Missing(r.Status, r.Title, r.Keywords, r.EditorialOnly, r.ShowsPeople, r.ShowsProperty,
                credited.Sum(c => c.ShareBasisPoints), linked.Select(l => l.Kind));
            return new AssetDetail(
                r.Id, AssetStatus.ToApi(r.Status), r.FailureReason, r.OriginalFilename, r.ByteSize, r.Width, r.Height,
                r.Title, r.Description, r.Keywords, r.EditorialOnly, r.ShowsPeople, r.ShowsProperty,
                Utc(r.CapturedAt), r.Camera, r.Lens, r.HasPrivateLocation,
                Link("thumbnail"), Link("preview"), r.BlurPlaceholder, r.DominantColours,
                duplicates[r.Id].Select(d => new NearDuplicate(d.SimilarId, d.Distance, d.Yours)).ToList(),
                credited, linked, missing, Review(decisions.GetValueOrDefault(r.Id), r.Status), standings.GetValueOrDefault(r.Id), Utc(r.CreatedAt)!.Value, Utc(r.SubmittedAt));
        }).ToList();
    }

    private static async Task<Dictionary<Guid, QueueStanding>> StandingsAsync(NpgsqlConnection connection, IReadOnlyList<AssetRow> rows, NpgsqlTransaction? tx)
    {
        var waiting = rows.Where(r => r.Status is AssetStatus.InReview or AssetStatus.Appealed).Select(r => r.Id).ToArray();
        if (waiting.Length == 0) return [];
        // Same order as the editors' queue: oldest submission first.
        const string positions = """
            select a.id, (select count(*) from assets q where q.status in ('in_review', 'appealed')
                          and (q.submitted_at, q.id) <= (a.submitted_at, a.id))::int as position
            from assets a where a.id = any(@waiting)
            """;
        const string median = """
            select percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at))
            from review_decisions where decided_at > now() - interval '30 days' and not on_appeal
            """;
        var medianSeconds = await connection.ExecuteScalarAsync<double?>(median, transaction: tx);
        double? hours = medianSeconds is { } s ? Math.Round(s / 3600, 1) : null;
        return (await connection.QueryAsync<(Guid Id, int Position)>(positions, new { waiting }, tx))
            .ToDictionary(p => p.Id, p => new QueueStanding(p.Position, hours));
    }

    private static ReviewOutcome? Review(DecisionRow? d, string status)
    {
        if (d is null) return null;
        var decidedAt = Utc(d.DecidedAt)!.Value;
        // Mirrors the appeal rules in Curation/AppealEndpoints: declined, never appealed, within the window.
        var canAppeal = status == AssetStatus.Declined && !d.Appealed && decidedAt + Curation.AppealEndpoints.AppealWindow > DateTimeOffset.UtcNow;
        return new ReviewOutcome(d.Outcome, d.ReasonCodes, d.Reasons, d.Note, decidedAt, d.OnAppeal, canAppeal);
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
