using System.Security.Cryptography;
using Dapper;
using Hangfire;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Uploads;

/// <summary>
/// Makes an asset's thumbnail, watermarked preview, blur placeholder, colours and dHash, then marks
/// it ready. Safe to run twice: renditions are content-addressed (the same bytes land on the same
/// key) and their rows are upserted, so a retry after a crash leaves no duplicate rows or objects.
/// </summary>
public sealed class RenditionJob(
    NpgsqlDataSource dataSource,
    IBlobStore store,
    RenditionBuilder builder,
    IOptions<UploadOptions> options,
    ILogger<RenditionJob> logger)
{
    public const int MaxAttempts = 4;

    private sealed record Claimed(string OriginalKey, int ProcessingAttempts);

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [10, 60, 300], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(Guid assetId, CancellationToken ct)
    {
        var claimed = await ClaimAsync(assetId, ct);
        if (claimed is null) return; // already done, or no longer ours to process

        var work = Path.Combine(Path.GetTempPath(), $"mediacoop-rendition-{assetId:N}-{Guid.NewGuid():N}");
        try
        {
            await using (var original = await store.OpenReadAsync(claimed.OriginalKey, ct)
                ?? throw new InvalidOperationException($"Original {claimed.OriginalKey} is missing from the store"))
            await using (var file = File.Create(work))
                await original.CopyToAsync(file, ct);

            Renditions renditions;
            try
            {
                renditions = builder.Build(work);
            }
            catch (ImageRejectedException ex)
            {
                // The file itself is at fault: retrying cannot help.
                await FailAsync(assetId, ex.Message);
                return;
            }

            var thumbnailKey = await StoreAsync(renditions.Thumbnail.Jpeg, ct);
            var previewKey = await StoreAsync(renditions.Preview.Jpeg, ct);
            await CompleteAsync(assetId, renditions, thumbnailKey, previewKey, ct);
        }
        catch (Exception ex) when (claimed.ProcessingAttempts >= MaxAttempts && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Renditions for asset {AssetId} failed after {Attempts} attempts", assetId, claimed.ProcessingAttempts);
            await FailAsync(assetId, "Processing failed repeatedly. Upload the file again, or contact the co-op if it keeps happening.");
        }
        finally
        {
            File.Delete(work);
        }
    }

    private async Task<Claimed?> ClaimAsync(Guid assetId, CancellationToken ct)
    {
        const string sql = """
            update assets set status = 'processing', processing_attempts = processing_attempts + 1, updated_at = now()
            where id = @assetId and status in ('uploaded', 'processing')
            returning original_key, processing_attempts
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Claimed>(sql, new { assetId });
    }

    private async Task<string> StoreAsync(byte[] jpeg, CancellationToken ct)
    {
        var key = $"renditions/{Convert.ToHexStringLower(SHA256.HashData(jpeg))}.jpg";
        if (await store.ExistsAsync(key, ct)) return key;
        try
        {
            await store.PutAsync(key, new MemoryStream(jpeg, writable: false), "image/jpeg", ct);
        }
        catch (BlobAlreadyExistsException)
        {
            // Same bytes written by a concurrent or earlier run: exactly what we wanted.
        }
        return key;
    }

    private async Task CompleteAsync(Guid assetId, Renditions r, string thumbnailKey, string previewKey, CancellationToken ct)
    {
        const string upsertRendition = """
            insert into asset_renditions (asset_id, kind, blob_key, width, height, byte_size)
            values (@assetId, @kind, @key, @width, @height, @size)
            on conflict (asset_id, kind) do update
            set blob_key = excluded.blob_key, width = excluded.width, height = excluded.height, byte_size = excluded.byte_size
            """;
        const string markReady = """
            update assets set status = 'ready', failure_reason = null, dhash = @dhash, dominant_colours = @colours,
                              blur_placeholder = @placeholder, updated_at = now()
            where id = @assetId and status = 'processing'
            """;
        // Near-duplicates among the owner's own assets and the published catalogue.
        const string findSimilar = """
            insert into asset_near_duplicates (asset_id, similar_id, distance)
            select @assetId, s.id, bit_count((s.dhash # @dhash)::bit(64))::int
            from assets s, assets a
            where a.id = @assetId and s.id <> a.id and s.dhash is not null
              and (s.owner_id = a.owner_id or s.status = 'published')
              and bit_count((s.dhash # @dhash)::bit(64)) <= @maxDistance
            on conflict do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(upsertRendition, new { assetId, kind = "thumbnail", key = thumbnailKey, width = r.Thumbnail.Width, height = r.Thumbnail.Height, size = (long)r.Thumbnail.Jpeg.Length }, tx);
        await connection.ExecuteAsync(upsertRendition, new { assetId, kind = "preview", key = previewKey, width = r.Preview.Width, height = r.Preview.Height, size = (long)r.Preview.Jpeg.Length }, tx);
        await connection.ExecuteAsync(findSimilar, new { assetId, dhash = r.DHash, maxDistance = options.Value.NearDuplicateDistance }, tx);
        await connection.ExecuteAsync(markReady, new { assetId, dhash = r.DHash, colours = r.DominantColours.ToArray(), placeholder = r.BlurPlaceholderDataUri }, tx);
        await tx.CommitAsync(ct);
    }

    private async Task FailAsync(Guid assetId, string reason)
    {
        const string sql = """
            update assets set status = 'failed', failure_reason = @reason, updated_at = now()
            where id = @assetId and status in ('uploaded', 'processing')
            """;
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, new { assetId, reason });
    }
}
