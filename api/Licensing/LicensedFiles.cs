using System.Security.Cryptography;
using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Options;
using NetVips;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>The photo a licence holder downloads, as stored.</summary>
public sealed record LicensedFile(string BlobKey, string ContentType, string Extension, int Width, int Height);

/// <summary>What the licensed-size maker needs to know about the photo.</summary>
public sealed record LicensedOriginal(Guid AssetId, string OriginalKey, string ContentType, int Width, int Height);

/// <summary>The file cannot be produced now (the original is missing or unreadable, or the image engine is busy).</summary>
public sealed class LicensedFileUnavailableException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}

/// <summary>
/// The original for an 'original' licence (or when the original is no bigger than the licensed size); otherwise the
/// licensed size, made from the original the first time anyone asks and kept in the store under a content-addressed
/// key ("licensed/&lt;sha256&gt;.jpg", never served by the public rendition route) with one license_renditions row
/// per photo and long edge. Concurrent first requests may both encode; the row's primary key picks one, and a
/// loser whose bytes differ removes its own object, so neither duplicate rows nor orphaned objects remain.
/// </summary>
public sealed class LicensedFiles(
    NpgsqlDataSource dataSource,
    IBlobStore store,
    ImageInspector inspector,
    IOptions<ImagingOptions> imaging,
    ILogger<LicensedFiles> logger)
{
    /// <summary>A licensed file is the product: high quality, no chroma subsampling.</summary>
    public const int JpegQuality = 92;

    static LicensedFiles() => ImageEngine.Initialize();

    public async Task<LicensedFile> GetAsync(LicensedOriginal asset, string size, int width, int height, CancellationToken ct)
    {
        if (size == "original" || (width >= asset.Width && height >= asset.Height))
        {
            var png = asset.ContentType == "image/png";
            return new LicensedFile(asset.OriginalKey, asset.ContentType, png ? "png" : "jpg", asset.Width, asset.Height);
        }

        var longEdge = Math.Max(width, height);
        var cached = await CachedAsync(asset.AssetId, longEdge, ct);
        if (cached is not null && cached.Width == width && cached.Height == height) return Jpeg(cached);

        var jpeg = await MakeAsync(asset.OriginalKey, width, height, ct);
        var key = $"licensed/{Convert.ToHexStringLower(SHA256.HashData(jpeg))}.jpg";
        try
        {
            await store.PutAsync(key, new MemoryStream(jpeg, writable: false), "image/jpeg", ct);
        }
        catch (BlobAlreadyExistsException)
        {
            // The same bytes, stored by a concurrent or earlier request: exactly what we wanted.
        }
        var mine = new CachedRow { BlobKey = key, Width = width, Height = height };
        if (cached is not null)
        {
            // Cached under this long edge with another short side (a licence priced with different rounding):
            // serve what this licence says, and leave the cached size to the licences it fits.
            logger.LogWarning("Licensed size {Width}x{Height} of asset {AssetId} differs from the cached {CachedWidth}x{CachedHeight}",
                width, height, asset.AssetId, cached.Width, cached.Height);
            return Jpeg(mine);
        }

        const string insertSql = """
            insert into license_renditions (asset_id, long_edge, blob_key, width, height, byte_size)
            values (@assetId, @longEdge, @key, @width, @height, @byteSize)
            on conflict (asset_id, long_edge) do nothing
            returning blob_key
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inserted = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(insertSql,
            new { assetId = asset.AssetId, longEdge, key, width, height, byteSize = (long)jpeg.Length }, cancellationToken: ct));
        if (inserted is not null) return Jpeg(mine);

        var winner = await CachedAsync(asset.AssetId, longEdge, ct);
        if (winner is null || winner.Width != width || winner.Height != height) return Jpeg(mine);
        if (winner.BlobKey != key)
        {
            const string referencedSql = "select exists(select 1 from license_renditions where blob_key = @key)";
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(referencedSql, new { key }, cancellationToken: ct)))
                await store.DeleteAsync(key, CancellationToken.None);
        }
        return Jpeg(winner);
    }

    private sealed record CachedRow
    {
        public string BlobKey { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
    }

    private static LicensedFile Jpeg(CachedRow row) => new(row.BlobKey, "image/jpeg", "jpg", row.Width, row.Height);

    private async Task<CachedRow?> CachedAsync(Guid assetId, int longEdge, CancellationToken ct)
    {
        const string sql = "select blob_key, width, height from license_renditions where asset_id = @assetId and long_edge = @longEdge";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<CachedRow>(new CommandDefinition(sql, new { assetId, longEdge }, cancellationToken: ct));
    }

    /// <summary>The original spooled to a temporary file (libvips here loads from files only), then resized.</summary>
    private async Task<byte[]> MakeAsync(string originalKey, int width, int height, CancellationToken ct)
    {
        var work = Path.Combine(Path.GetTempPath(), $"mediacoop-licensed-{Guid.NewGuid():N}");
        try
        {
            await using (var original = await store.OpenReadAsync(originalKey, ct)
                ?? throw new LicensedFileUnavailableException($"The original {originalKey} is missing from the store.", retryable: false))
            await using (var file = File.Create(work))
                await original.CopyToAsync(file, ct);
            try
            {
                return Resize(work, width, height);
            }
            catch (ImageRejectedException ex)
            {
                throw new LicensedFileUnavailableException($"The original {originalKey} no longer decodes: {ex.Message}", retryable: false, ex);
            }
            catch (TimeoutException ex)
            {
                throw new LicensedFileUnavailableException("The image engine is busy.", retryable: true, ex);
            }
        }
        finally
        {
            File.Delete(work);
        }
    }

    /// <summary>
    /// Exactly <paramref name="width"/> × <paramref name="height"/> as displayed, in the same way as the catalogue's
    /// renditions: JPEG shrink-on-load (keeping at least twice the target, for a sharp result), flatten, resize
    /// the stored pixels, convert to 8-bit sRGB through the embedded profile, then rotate by EXIF orientation in
    /// memory. Re-encoded with no metadata at all, so no GPS position, camera serial or other EXIF leaves with it.
    /// </summary>
    internal byte[] Resize(string path, int width, int height)
    {
        var header = inspector.Inspect(path);
        var swapped = header.Orientation >= 5;
        var (storedWidth, storedHeight) = swapped ? (header.Height, header.Width) : (header.Width, header.Height);
        var (targetWidth, targetHeight) = swapped ? (height, width) : (width, height);
        var longEdge = Math.Max(storedWidth, storedHeight);
        var targetLong = Math.Max(targetWidth, targetHeight);
        var shrink = 1;
        if (header.Format == ImageFormat.Jpeg)
            while (shrink < 8 && (longEdge + shrink * 2 - 1) / (shrink * 2) >= 2 * targetLong) shrink *= 2;

        return ImageEngine.RunDecode(imaging.Value, token =>
        {
            try
            {
                using var loaded = ImageInspector.Open(path, header.Format, shrink);
                using var opaque = RenditionBuilder.Flatten(loaded);
                using var resized = opaque.Resize((double)targetWidth / opaque.Width, vscale: (double)targetHeight / opaque.Height);
                using var srgb = RenditionBuilder.ToSrgb8(resized);
                using var inMemory = srgb.KillWhen(token).CopyMemory();
                using var oriented = header.Orientation == 1 ? inMemory.Copy() : inMemory.Autorot();
                if (oriented.Width != width || oriented.Height != height)
                    throw new InvalidOperationException($"Licensed size came out {oriented.Width}x{oriented.Height}, expected {width}x{height}.");
                return oriented.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, subsampleMode: Enums.ForeignSubsample.Off,
                    keep: Enums.ForeignKeep.None);
            }
            catch (VipsException e) when (!token.IsCancellationRequested)
            {
                throw ImageInspector.DecodeFailure(path, header.Format, e);
            }
        });
    }
}
