using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Platform;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Licensing;

/// <summary>
/// Sets up licences the way a sale leaves them: a published photo whose original is in the run's store, an order
/// and its line written straight to the database, and the licence issued by the one fulfilment path.
/// </summary>
internal static class LicenseArrange
{
    internal sealed record Photo(Guid Id, byte[] Original, int Width, int Height);

    internal static async Task<Photo> PublishedPhotoAsync(Guid ownerId, byte[] original, int width, int height, string? title,
        string contentType = "image/jpeg", bool editorialOnly = false, bool inSharedStore = true)
    {
        var id = Guid.CreateVersion7();
        var key = $"originals/test/{id:N}";
        // The original goes to the shared API's disk store unless the test stores it elsewhere itself.
        if (inSharedStore)
            await new DiskBlobStore(new StorageOptions { Root = ApiFactory.StorageRoot }).PutAsync(key, new MemoryStream(original), contentType, CancellationToken.None);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("""
            insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height,
                                title, keywords, editorial_only, submitted_at)
            values (@id, @ownerId, 'published', @key, 'p.jpg', @contentType, @size, @sha, @width, @height,
                    @title, '{harbour,boats,dawn,sea,light,water,coast}', @editorialOnly, now());
            insert into asset_contributors (asset_id, user_id, share_bp) values (@id, @ownerId, 10000);
            """, new { id, ownerId, key, contentType, size = (long)original.Length, sha = RandomNumberGenerator.GetBytes(32), width, height, title, editorialOnly });
        return new Photo(id, original, width, height);
    }

    /// <summary>A paid order of one line for <paramref name="assetId"/>; returns the licence issued for it.</summary>
    internal static async Task<(Guid LicenseId, string Code)> LicenseAsync(Guid buyerId, Guid assetId, string size, int width, int height,
        string[]? extended = null, bool editorialOnly = false, Guid? upgradeOf = null)
    {
        var orderId = Guid.CreateVersion7();
        const long amount = 1500;
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            insert into orders (id, buyer_id, currency, total, idempotency_key, request_hash, expires_at)
            values (@orderId, @buyerId, 'USD', @amount, @key, @hash, now() + interval '1 hour');
            insert into order_lines (id, order_id, line_no, asset_id, size, extended, width, height, editorial_only, upgrade_of, amount)
            values (@lineId, @orderId, 1, @assetId, @size, @extended, @width, @height, @editorialOnly, @upgradeOf, @amount);
            """, new
        {
            orderId, buyerId, amount, key = Guid.NewGuid().ToString(), hash = RandomNumberGenerator.GetBytes(32), lineId = Guid.CreateVersion7(),
            assetId, size, extended = extended ?? [], width, height, editorialOnly, upgradeOf,
        }, tx);
        var outcome = await Fulfilment.MarkPaidAsync(connection, tx, orderId, "demo", $"test-{orderId:N}", amount, "USD", DateTimeOffset.UtcNow);
        Assert.That(outcome, Is.EqualTo(FulfilmentOutcome.Fulfilled));
        await tx.CommitAsync();
        return await connection.QuerySingleAsync<(Guid, string)>(
            "select l.id, l.verification_code from licenses l join order_lines ol on ol.id = l.order_line_id where ol.order_id = @orderId", new { orderId });
    }

    internal static async Task RevokeAsync(Guid licenseId, string reason = "Refunded")
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.ExecuteAsync("update licenses set revoked_at = now(), revoked_reason = @reason where id = @licenseId", new { licenseId, reason });
    }

    /// <summary>The licence sizes as lic-core computes them: the long edge scaled to the size, the short side rounded.</summary>
    internal static (int Width, int Height) Scaled(int width, int height, int longEdge)
    {
        var scale = (double)longEdge / Math.Max(width, height);
        return scale >= 1 ? (width, height) : ((int)Math.Round(width * scale), (int)Math.Round(height * scale));
    }
}
