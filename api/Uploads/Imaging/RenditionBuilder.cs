using Microsoft.Extensions.Options;
using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

public sealed record RenditionImage(byte[] Jpeg, int Width, int Height);

/// <summary>What the catalogue publishes for one original. Nothing here carries the original's metadata.</summary>
public sealed record Renditions(
    RenditionImage Thumbnail,
    RenditionImage Preview,
    string BlurPlaceholderDataUri,
    IReadOnlyList<string> DominantColours,
    long DHash);

/// <summary>
/// Makes every rendition from one decode: the original is loaded once at the preview size (JPEG shrink-on-load
/// does most of the reduction inside the decoder), held in memory, and everything else is derived from that base.
/// All outputs are re-encoded with no metadata (no EXIF, XMP, IPTC, ICC or GPS) and in sRGB.
/// </summary>
public sealed class RenditionBuilder(IOptions<ImagingOptions> options)
{
    private const int BlurLongEdge = 16;
    private const int PreviewQuality = 82;
    private const int ThumbnailQuality = 80;
    private const int BlurQuality = 40;

    private readonly ImagingOptions limits = options.Value;
    private readonly ImageInspector inspector = new(options);
    // Avatars come from phones and old profile pictures: the catalogue's 4 MP minimum does not apply to them.
    private readonly ImageInspector avatarInspector = new(Options.Create(new ImagingOptions
    {
        MinPixels = 0, MaxPixels = options.Value.MaxPixels, MaxSide = options.Value.MaxSide,
        MaxConcurrentDecodes = options.Value.MaxConcurrentDecodes, DecodeTimeout = options.Value.DecodeTimeout,
    }));

    static RenditionBuilder() => ImageEngine.Initialize();

    /// <exception cref="ImageRejectedException">The original is not (or no longer) an acceptable image.</exception>
    /// <exception cref="TimeoutException">No decode slot came free in time; retry later.</exception>
    public Renditions Build(string path)
    {
        // Checked again: a job may run long after the upload, on whatever is in storage.
        var header = inspector.Inspect(path);
        return ImageEngine.RunDecode(limits, token =>
        {
            using var baseImage = LoadBase(path, header, token);
            using var thumbnail = ResizeToLongEdge(baseImage, limits.ThumbnailLongEdge);
            using var preview = Watermark.Apply(baseImage, Watermark.Tile);
            using var blur = ResizeToLongEdge(baseImage, BlurLongEdge);
            var blurJpeg = blur.JpegsaveBuffer(q: BlurQuality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
            return new Renditions(
                Thumbnail: new RenditionImage(Encode(thumbnail, ThumbnailQuality), thumbnail.Width, thumbnail.Height),
                Preview: new RenditionImage(Encode(preview, PreviewQuality), preview.Width, preview.Height),
                BlurPlaceholderDataUri: "data:image/jpeg;base64," + Convert.ToBase64String(blurJpeg),
                DominantColours: DominantColours.Compute(baseImage),
                DHash: DHash.Compute(baseImage));
        });
    }

    /// <summary>
    /// The preview without the watermark, for editors judging the picture. Never stored: made on request
    /// and served only to the review desk.
    /// </summary>
    public RenditionImage BuildReviewPreview(string path)
    {
        var header = inspector.Inspect(path);
        return ImageEngine.RunDecode(limits, token =>
        {
            using var baseImage = LoadBase(path, header, token);
            return new RenditionImage(Encode(baseImage, PreviewQuality), baseImage.Width, baseImage.Height);
        });
    }

    /// <summary>
    /// A square profile picture: the centre of the image, <paramref name="size"/> px a side, re-encoded with no
    /// metadata. Anything from <paramref name="minSide"/> px on the short side is accepted (smaller ones are enlarged).
    /// </summary>
    /// <exception cref="ImageRejectedException">Not an acceptable JPEG/PNG, or too small.</exception>
    /// <exception cref="TimeoutException">No decode slot came free in time; retry later.</exception>
    public RenditionImage BuildAvatar(string path, int size, int minSide)
    {
        var header = avatarInspector.Inspect(path);
        if (Math.Min(header.Width, header.Height) < minSide)
            throw new ImageRejectedException("too-few-pixels",
                $"The image is {header.Width} × {header.Height} px; a profile picture needs at least {minSide} × {minSide} px.");
        return ImageEngine.RunDecode(limits, token =>
        {
            using var baseImage = LoadBase(path, header, token);
            using var avatar = baseImage.ThumbnailImage(size, height: size, crop: Enums.Interesting.Centre);
            return new RenditionImage(Encode(avatar, ThumbnailQuality), avatar.Width, avatar.Height);
        });
    }

    /// <summary>The oriented, 8-bit sRGB, preview-sized image in memory: the only full decode of the original.</summary>
    private Image LoadBase(string path, ImageHeader header, CancellationToken token)
    {
        var (storedWidth, storedHeight) = header.Orientation >= 5 ? (header.Height, header.Width) : (header.Width, header.Height);
        var longEdge = Math.Max(storedWidth, storedHeight);
        var target = Math.Min(limits.PreviewLongEdge, longEdge);

        // The largest power-of-two DCT scaling that still leaves at least the target: the decoder then skips most
        // of the work, and one exact resize finishes (measured 10–27% faster than thumbnail's 2× margin).
        var shrink = 1;
        if (header.Format == ImageFormat.Jpeg)
            while (shrink < 8 && CeilDiv(longEdge, shrink * 2) >= target) shrink *= 2;

        try
        {
            using var loaded = ImageInspector.Open(path, header.Format, shrink);
            using var opaque = Flatten(loaded);
            using var resized = ResizeToLongEdge(opaque, target);
            using var srgb = ToSrgb8(resized);
            using var inMemory = srgb.KillWhen(token).CopyMemory();
            if (header.Orientation == 1) return inMemory.Copy();
            // Rotating a sequential decode would force libvips to buffer the whole original; rotating the
            // small in-memory base costs nothing.
            using var oriented = inMemory.Autorot();
            return oriented.CopyMemory();
        }
        catch (VipsException e) when (!token.IsCancellationRequested)
        {
            throw ImageInspector.DecodeFailure(path, header.Format, e);
        }
    }

    /// <summary>Transparent PNG areas become white, as a page would show them; alpha must go before resampling.</summary>
    internal static Image Flatten(Image image)
    {
        if (!image.HasAlpha()) return image.Copy();
        var white = image.Format == Enums.BandFormat.Ushort ? 65535.0 : 255.0;
        return image.Flatten(background: [white]);
    }

    /// <summary>
    /// Camera files are often Adobe RGB or carry a vendor profile: convert through the embedded profile so colours
    /// survive dropping it. CMYK, grey and 16-bit images end up as 3-band 8-bit sRGB too.
    /// </summary>
    internal static Image ToSrgb8(Image image)
    {
        Image current = image.Copy();
        if (image.Contains("icc-profile-data"))
        {
            try
            {
                var converted = image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual);
                current.Dispose();
                current = converted;
            }
            catch (VipsException)
            {
                // A profile lcms cannot parse: fall back to treating the pixels by their interpretation, as browsers do.
            }
        }
        if (current.Interpretation != Enums.Interpretation.Srgb || current.Bands != 3)
        {
            var converted = current.Colourspace(Enums.Interpretation.Srgb);
            current.Dispose();
            current = converted;
        }
        if (current.Format != Enums.BandFormat.Uchar)
        {
            var converted = current.Cast(Enums.BandFormat.Uchar);
            current.Dispose();
            current = converted;
        }
        return current;
    }

    /// <summary>Exactly <paramref name="longEdge"/> on the long side (never enlarging), the short side rounded.</summary>
    internal static Image ResizeToLongEdge(Image image, int longEdge)
    {
        var scale = (double)longEdge / Math.Max(image.Width, image.Height);
        if (scale >= 1) return image.Copy();
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        return image.Resize((double)width / image.Width, vscale: (double)height / image.Height);
    }

    // Baseline with optimised Huffman tables: progressive previews were measured 2% smaller but 4× slower to
    // encode (61 vs 15 ms at 1600 px), a sixth of the whole pipeline; the blur placeholder covers the wait.
    private static byte[] Encode(Image image, int quality) =>
        image.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None);

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;
}
