using System.Security.Cryptography;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaCoop.Load.CatalogSeed;

internal sealed record StoredRendition(string BlobKey, int Width, int Height, long ByteSize);

/// <summary>One shared picture: the renditions every asset of roughly this shape points at.</summary>
internal sealed record SharedPicture(double Aspect, StoredRendition Thumbnail, StoredRendition Preview, string BlurPlaceholder);

/// <summary>
/// A small set of real JPEG renditions (6 shapes × 4 palettes) made by the product's own rendition builder and
/// written content-addressed into the disk blob store, so a million catalogue rows can show real images
/// without a million files.
/// </summary>
internal static class SharedRenditions
{
    private static readonly (int Width, int Height)[] Shapes =
        [(2400, 1600), (2560, 1440), (1600, 2400), (1600, 2000), (1800, 1800), (3600, 1200)];

    // Base tints (0..255 per band) the generated scenes lean towards: warm, cool, green, dusk.
    private static readonly (double R, double G, double B)[] Palettes =
        [(200, 150, 90), (90, 140, 200), (100, 170, 90), (150, 90, 150)];

    public static IReadOnlyList<SharedPicture> Create(string storageRoot)
    {
        ImageEngine.Initialize();
        // Sources only a little larger than the 1600 px preview: generating camera-sized noise is what takes the time.
        var builder = new RenditionBuilder(Options.Create(new ImagingOptions { MinPixels = 1_000_000 }));
        var work = Directory.CreateTempSubdirectory("mediacoop-seed-");
        var pictures = new List<SharedPicture>();
        try
        {
            var seed = 0;
            foreach (var (width, height) in Shapes)
            {
                foreach (var palette in Palettes)
                {
                    var source = Path.Combine(work.FullName, $"source-{seed}.jpg");
                    File.WriteAllBytes(source, Scene(width, height, palette, seed++));
                    var renditions = builder.Build(source);
                    pictures.Add(new SharedPicture(
                        (double)width / height,
                        Store(storageRoot, renditions.Thumbnail),
                        Store(storageRoot, renditions.Preview),
                        renditions.BlurPlaceholderDataUri));
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return pictures;
    }

    private static StoredRendition Store(string storageRoot, RenditionImage image)
    {
        // The key scheme of the rendition job: "renditions/<sha256 hex>.jpg", a slash becoming a directory on disk.
        var key = $"renditions/{Convert.ToHexStringLower(SHA256.HashData(image.Jpeg))}.jpg";
        var path = Path.Combine(storageRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) File.WriteAllBytes(path, image.Jpeg);
        return new StoredRendition(key, image.Width, image.Height, image.Jpeg.Length);
    }

    /// <summary>Smooth coloured blobs with some grain: compresses and decodes like a photo, unlike flat colour.</summary>
    private static byte[] Scene(int width, int height, (double R, double G, double B) palette, int seed)
    {
        var tint = new[] { palette.R, palette.G, palette.B };
        var bands = new Image[3];
        for (var band = 0; band < 3; band++)
        {
            using var coarse = Image.Gaussnoise(Math.Max(2, width / 300), Math.Max(2, height / 300), sigma: 45, mean: tint[band], seed: seed * 3 + band);
            using var smooth = coarse.Resize((double)width / coarse.Width, vscale: (double)height / coarse.Height);
            using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0, seed: seed * 7 + band);
            bands[band] = smooth + grain;
        }
        using var joined = bands[0].Bandjoin(bands[1], bands[2]);
        foreach (var band in bands) band.Dispose();
        using var image = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return image.JpegsaveBuffer(q: 90);
    }
}
