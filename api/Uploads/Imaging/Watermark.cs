using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

/// <summary>
/// The co-op's preview watermark: two interlocking rings (drawn from arithmetic, so it exists on a machine with
/// no fonts at all) beside "MediaCoop" when a font can render it, tilted and repeated across the whole image.
/// </summary>
internal static class Watermark
{
    private const string Text = "MediaCoop";
    private const double Angle = -30;
    private const double TextOpacity = 0.5;
    private const double ShadowOpacity = 0.4;
    private const int GapX = 30;
    private const int GapY = 0;

    // Built once per process; a memory image is immutable, so concurrent previews may share it.
    private static readonly Lazy<Image> SharedTile = new(() => BuildTile(includeText: true));

    public static Image Tile => SharedTile.Value;

    /// <summary>Composites the tile at every grid position in one call (one pass over the image, not one per tile).</summary>
    public static Image Apply(Image image, Image tile)
    {
        var stepX = tile.Width + GapX;
        var stepY = tile.Height + GapY;
        var xs = new List<int>();
        var ys = new List<int>();
        var row = 0;
        for (var y = -tile.Height / 3; y < image.Height; y += stepY, row++)
        {
            // Alternate rows shift by half a step, so no straight clean channel runs through the picture.
            for (var x = -tile.Width / 3 - (row % 2) * stepX / 2; x < image.Width; x += stepX)
            {
                xs.Add(x);
                ys.Add(y);
            }
        }
        var tiles = Enumerable.Repeat(tile, xs.Count).ToArray();
        var modes = Enumerable.Repeat(Enums.BlendMode.Over, xs.Count).ToArray();
        // The tile is premultiplied and the image has no alpha, so libvips must not premultiply anything again.
        using var composed = image.Composite(tiles, modes, [.. xs], [.. ys], premultiplied: true);
        return composed.ExtractBand(0, n: 3);
    }

    /// <summary>
    /// An 8-bit sRGB RGBA tile, premultiplied, with the opacity folded in here once. (A 16-bit tile was
    /// measured to vanish when composited onto 8-bit previews.) White mark over a soft dark shadow, so it shows
    /// on bright skies and on night shots alike.
    /// </summary>
    internal static Image BuildTile(bool includeText)
    {
        using var mark = Mark(includeText);
        using var rotated = mark.Rotate(Angle, background: [0]);
        // Room for the shadow to spread beyond the mark.
        using var padded = rotated.Embed(8, 8, rotated.Width + 16, rotated.Height + 16);
        using var shadow = padded.Gaussblur(4);

        using var textAlpha = padded * (TextOpacity / 255.0);
        using var shadowAlpha = shadow * (2 * ShadowOpacity / 255.0);
        using var shadowClamped = (shadowAlpha > ShadowOpacity).Ifthenelse(ShadowOpacity, shadowAlpha);
        // "Over" of white text on a black shadow: alpha = aT + aS(1 − aT); premultiplied colour = 255·aT.
        using var alpha = textAlpha + shadowClamped * (1 - textAlpha);
        using var colour = textAlpha * 255;
        using var rgba = colour.Bandjoin([colour, colour, alpha * 255]);
        using var tile = rgba.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return tile.CopyMemory();
    }

    /// <summary>A one-band 0–255 mask of the mark, horizontal.</summary>
    private static Image Mark(bool includeText)
    {
        using var rings = Rings(radius: 32, stroke: 8);
        using var text = includeText ? RenderText() : null;
        if (text is null) return rings.Copy();

        var height = Math.Max(rings.Height, text.Height);
        var gap = 14;
        using var canvas = Image.Black(rings.Width + gap + text.Width, height);
        using var withRings = canvas.Insert(rings, 0, (height - rings.Height) / 2);
        using var withText = withRings.Insert(text, rings.Width + gap, (height - text.Height) / 2);
        return withText.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>Null when no font renders (a bare container): the rings alone still mark the image.</summary>
    private static Image? RenderText()
    {
        try
        {
            var text = Image.Text(Text, font: "sans bold 56", dpi: 72);
            if (text.Width > 0 && text.Max() > 0) return text;
            text.Dispose();
            return null;
        }
        catch (VipsException)
        {
            return null;
        }
    }

    /// <summary>Two interlocking rings, from pixel-distance arithmetic alone.</summary>
    private static Image Rings(int radius, int stroke)
    {
        var width = radius * 3 + stroke * 2 + 2;
        var height = radius * 2 + stroke * 2 + 2;
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        var cy = height / 2.0;
        using var ring1 = Ring(x, y, stroke + radius + 1, cy, radius, stroke);
        using var ring2 = Ring(x, y, stroke + 2 * radius + 1, cy, radius, stroke);
        using var both = ring1 | ring2;
        return both.Cast(Enums.BandFormat.Uchar);
    }

    private static Image Ring(Image x, Image y, double cx, double cy, double radius, double stroke)
    {
        using var dx = x - cx;
        using var dy = y - cy;
        using var distance = (dx * dx + dy * dy).Pow(0.5);
        using var offRing = (distance - radius).Abs();
        // Relational operators give 255 where true, 0 where false: already a mask.
        return offRing < stroke / 2.0;
    }
}
