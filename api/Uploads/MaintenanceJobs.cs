using Dapper;
using Hangfire;
using MediaCoop.Api.Platform;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>
/// Periodic repairs: re-enqueue renditions that a crash left behind, and delete stored objects
/// that no row refers to (an upload whose database commit never happened).
/// </summary>
public sealed class MaintenanceJobs(NpgsqlDataSource dataSource, IBlobStore store, IBackgroundJobClient jobs, TimeProvider time, ILogger<MaintenanceJobs> logger)
{
    /// <summary>Objects younger than this may belong to an upload still in flight.</summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    public static void Schedule(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<MaintenanceJobs>("renditions-recovery", j => j.RecoverStuckRenditionsAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<MaintenanceJobs>("orphan-sweep", j => j.SweepOrphansAsync(CancellationToken.None), "17 * * * *");
    }

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RecoverStuckRenditionsAsync(CancellationToken ct)
    {
        const string sql = """
            select id from assets
            where status in ('uploaded', 'processing') and updated_at < now() - interval '10 minutes'
              and processing_attempts < @max
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var stuck = (await connection.QueryAsync<Guid>(sql, new { max = RenditionJob.MaxAttempts })).ToList();
        foreach (var id in stuck) jobs.Enqueue<RenditionJob>(j => j.RunAsync(id, CancellationToken.None));
        const string giveUp = """
            update assets set status = 'failed', failure_reason = 'Processing did not finish. Upload the file again.', updated_at = now()
            where status in ('uploaded', 'processing') and updated_at < now() - interval '1 hour' and processing_attempts >= @max
            """;
        await connection.ExecuteAsync(giveUp, new { max = RenditionJob.MaxAttempts });
        return stuck.Count;
    }

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task<int> SweepOrphansAsync(CancellationToken ct)
    {
        var deleted = 0;
        deleted += await SweepAsync("originals/", "select exists(select 1 from assets where original_key = @key)", ct);
        // Profile pictures share the renditions/ space (content-addressed, served by /media).
        deleted += await SweepAsync("renditions/",
            "select exists(select 1 from asset_renditions where blob_key = @key) or exists(select 1 from users where avatar_key = @key)", ct);
        deleted += await SweepAsync("releases/", "select exists(select 1 from releases where blob_key = @key)", ct);
        if (deleted > 0) logger.LogInformation("Orphan sweep deleted {Count} objects", deleted);
        return deleted;
    }

    private async Task<int> SweepAsync(string prefix, string referencedSql, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - OrphanGrace;
        var deleted = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await foreach (var blob in store.ListAsync(prefix, ct))
        {
            if (blob.LastModified > cutoff) continue;
            if (await connection.ExecuteScalarAsync<bool>(referencedSql, new { key = blob.Key })) continue;
            await store.DeleteAsync(blob.Key, ct);
            deleted++;
        }
        return deleted;
    }
}
