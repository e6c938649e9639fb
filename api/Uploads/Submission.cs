using Dapper;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>Moves complete drafts into the review queue; incomplete ones come back with what they lack.</summary>
public static class Submission
{
    public static async Task<SubmitAssetsResult> SubmitAsync(NpgsqlDataSource dataSource, Guid ownerId, IReadOnlyCollection<Guid> assetIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ids = assetIds.Distinct().ToArray();
        // Lock the rows so a concurrent edit cannot slip in between the check and the move.
        await connection.ExecuteAsync("select 1 from assets where id = any(@ids) and owner_id = @ownerId for update", new { ids, ownerId }, tx);
        var assets = await AssetReader.LoadManyAsync(connection, ownerId, ids, tx);
        var found = assets.ToDictionary(a => a.Id);

        var submitted = new List<Guid>();
        var rejected = new List<SubmissionRejection>();
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var asset))
            {
                rejected.Add(new SubmissionRejection(id, []));
                continue;
            }
            var missing = asset.Status is "draft" or "sentBack" ? asset.Missing
                : asset.Missing.Count > 0 ? asset.Missing
                : [asset.Status switch
                    {
                        "inReview" => "It is already in review.",
                        "published" => "It is already published.",
                        "declined" => "It was declined; it can only be appealed.",
                        _ => "Only drafts and sent-back assets can be submitted.",
                    }];
            if (missing.Count > 0) rejected.Add(new SubmissionRejection(id, missing));
            else submitted.Add(id);
        }

        // A sent-back asset keeps its first submission time and its batch, so it re-enters the queue where it was.
        const string move = """
            update assets set status = 'in_review', submitted_at = coalesce(submitted_at, now()),
                              submission_batch_id = coalesce(submission_batch_id, @batchId), updated_at = now()
            where id = any(@submitted) and owner_id = @ownerId and status in ('ready', 'sent_back')
            """;
        await connection.ExecuteAsync(move, new { submitted = submitted.ToArray(), ownerId, batchId = Guid.CreateVersion7() }, tx);
        await tx.CommitAsync(ct);
        return new SubmitAssetsResult(submitted, rejected);
    }
}
