using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Api.Notifications;
using Npgsql;

namespace MediaCoop.Api.Curation;

public sealed record DecisionRequest(string Outcome, string[]? ReasonCodes, string? Note);

public sealed record DecisionResult(Guid DecisionId, Guid AssetId, string Outcome, string[] ReasonCodes, string? Note, bool OnAppeal, DateTimeOffset DecidedAt);

/// <summary>Why a decision was refused, as an HTTP status and a message an editor can act on.</summary>
public sealed class DecisionRefusedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// The review state machine: in_review → published | sent_back | declined, and appealed →
/// published | declined (final). Editors never decide their own work nor an appeal of their own
/// decision. One conditional update decides the race: of two editors deciding at once, one wins
/// and the other gets 409.
/// </summary>
public static class ReviewDecisions
{
    public static readonly IReadOnlyList<string> Outcomes = ["publish", "send_back", "decline"];

    private sealed record Target
    {
        public Guid OwnerId { get; init; }
        public string Status { get; init; } = "";
        public DateTime? SubmittedAt { get; init; }
        public Guid? DeclinedBy { get; init; }
    }

    public static async Task<DecisionResult> DecideAsync(NpgsqlConnection connection, Guid editorId, Guid assetId, DecisionRequest request, CancellationToken ct)
    {
        var outcome = request.Outcome;
        var codes = (request.ReasonCodes ?? []).Distinct().ToArray();
        await using var tx = await connection.BeginTransactionAsync(ct);

        const string targetSql = """
            select a.owner_id, a.status, a.submitted_at,
                   (select d.editor_id from review_decisions d where d.asset_id = a.id and d.outcome = 'decline'
                    order by d.decided_at desc limit 1) as declined_by
            from assets a where a.id = @assetId
            """;
        var target = await connection.QuerySingleOrDefaultAsync<Target>(targetSql, new { assetId }, tx)
            ?? throw new DecisionRefusedException(404, "Not found", "There is no such asset.");
        if (target.OwnerId == editorId)
            throw new DecisionRefusedException(403, "Your own work", "Editors never review their own work; another editor will.");
        var onAppeal = target.Status == "appealed";
        if (onAppeal && target.DeclinedBy == editorId)
            throw new DecisionRefusedException(403, "Your own decision", "An appeal goes to a different editor than the one who declined.");
        if (onAppeal && outcome == "send_back")
            throw new DecisionRefusedException(400, "Appeals are final", "An appeal is decided by publishing or declining.");

        var claimedBy = await connection.ExecuteScalarAsync<Guid?>(
            "select editor_id from review_claims where asset_id = @assetId and expires_at > now()", new { assetId }, tx);
        if (claimedBy is { } holder && holder != editorId)
            throw new DecisionRefusedException(409, "Claimed by another editor", "Another editor is reviewing this asset right now.");

        await ValidateReasonsAsync(connection, tx, outcome, codes);

        const string move = """
            update assets set status = @next, updated_at = now(),
                              published_at = case when @next = 'published' then now() else published_at end
            where id = @assetId and status = @expected
            """;
        var next = outcome switch { "publish" => "published", "send_back" => "sent_back", _ => "declined" };
        if (await connection.ExecuteAsync(move, new { assetId, next, expected = target.Status is "in_review" or "appealed" ? target.Status : "-" }, tx) == 0)
            throw new DecisionRefusedException(409, "Not in review",
                "This asset is not waiting for a decision (someone may have just decided it).");

        const string record = """
            insert into review_decisions (id, asset_id, editor_id, outcome, reason_codes, note, on_appeal, submitted_at)
            values (@id, @assetId, @editorId, @outcome, @codes, @note, @onAppeal, @submittedAt)
            returning decided_at
            """;
        var id = Guid.CreateVersion7();
        var decidedAt = await connection.ExecuteScalarAsync<DateTime>(record, new
        {
            id, assetId, editorId, outcome, codes, note = request.Note?.Trim(), onAppeal,
            submittedAt = target.SubmittedAt ?? DateTime.UtcNow,
        }, tx);
        await connection.ExecuteAsync("delete from review_claims where asset_id = @assetId", new { assetId }, tx);
        await NotifyOwnerAsync(connection, tx, assetId, outcome, codes, request.Note?.Trim());
        var result = new DecisionResult(id, assetId, outcome, codes, request.Note?.Trim(), onAppeal,
            new DateTimeOffset(DateTime.SpecifyKind(decidedAt, DateTimeKind.Utc)));
        await PublishWebhooksAsync(connection, tx, target.OwnerId, result, next);
        await tx.CommitAsync(ct);
        return result;
    }

    // In the decision's transaction too: the events exist exactly when the decision does.
    private static async Task PublishWebhooksAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid ownerId, DecisionResult d, string status)
    {
        await WebhookEvents.PublishAsync(connection, tx, WebhookEvents.SubmissionReviewed, ownerId, new
        {
            asset_id = d.AssetId,
            decision_id = d.DecisionId,
            outcome = d.Outcome,
            asset_status = status,
            reason_codes = d.ReasonCodes,
            note = d.Note,
            on_appeal = d.OnAppeal,
            decided_at = d.DecidedAt,
            url = Notifier.Absolute($"/portfolio/{d.AssetId}"),
        });
        if (status != "published") return;
        const string sql = "select title, published_at from assets where id = @assetId";
        var asset = await connection.QuerySingleAsync<PublishedRow>(sql, new { assetId = d.AssetId }, tx);
        await WebhookEvents.PublishAsync(connection, tx, WebhookEvents.AssetPublished, ownerId, new
        {
            asset_id = d.AssetId,
            title = asset.Title,
            published_at = new DateTimeOffset(DateTime.SpecifyKind(asset.PublishedAt, DateTimeKind.Utc)),
            url = Notifier.Absolute($"/assets/{d.AssetId}"),
            api_url = Notifier.Absolute($"/api/v1/assets/{d.AssetId}"),
        });
    }

    private sealed record PublishedRow
    {
        public string? Title { get; init; }
        public DateTime PublishedAt { get; init; }
    }

    private sealed record Notice
    {
        public Guid OwnerId { get; init; }
        public string? Title { get; init; }
        public string[] Labels { get; init; } = [];
    }

    // In the decision's transaction: the contributor is told exactly when the decision commits.
    private static async Task NotifyOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid assetId, string outcome, string[] codes, string? note)
    {
        const string sql = """
            select a.owner_id, a.title,
                   array(select r.label from review_reasons r where r.code = any(@codes) order by r.label) as labels
            from assets a where a.id = @assetId
            """;
        var notice = await connection.QuerySingleAsync<Notice>(sql, new { assetId, codes }, tx);
        var verb = outcome switch { "publish" => "Published", "send_back" => "Sent back", _ => "Declined" };
        var title = $"{verb}: {(string.IsNullOrWhiteSpace(notice.Title) ? "your photo" : notice.Title)}";
        var body = string.Join("\n", notice.Labels.Append(note).Where(s => !string.IsNullOrWhiteSpace(s)));
        await Notifier.NotifyAsync(connection, tx, notice.OwnerId, "submission.reviewed", title,
            body.Length == 0 ? null : body, $"/portfolio/{assetId}");
    }

    private static async Task ValidateReasonsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string outcome, string[] codes)
    {
        if (!Outcomes.Contains(outcome))
            throw new DecisionRefusedException(400, "Unknown outcome", $"Outcome must be one of: {string.Join(", ", Outcomes)}.");
        if (outcome == "publish")
        {
            if (codes.Length > 0) throw new DecisionRefusedException(400, "No reasons to publish", "Publishing takes no reason codes.");
            return;
        }
        if (codes.Length == 0)
            throw new DecisionRefusedException(400, "Give a reason", "Sending back or declining needs at least one reason code from the catalogue.");
        const string sql = "select code from review_reasons where active and code = any(@codes) and @outcome = any(applies_to)";
        var valid = (await connection.QueryAsync<string>(sql, new { codes, outcome }, tx)).ToHashSet();
        var invalid = codes.Where(c => !valid.Contains(c)).ToList();
        if (invalid.Count > 0)
            throw new DecisionRefusedException(400, "Unknown reason", $"Not a reason for {outcome.Replace('_', ' ')}: {string.Join(", ", invalid)}.");
    }
}
