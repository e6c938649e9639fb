using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaCoop.Tests.Infrastructure;

/// <summary>
/// Photo-like test files written by the tests themselves (ImageSharp 2.1.13 is used only here, to
/// write EXIF/IPTC; the product decodes with libvips). Smooth gradients plus a seed-dependent
/// pattern, so different seeds give visibly different images and the same seed the same image.
/// </summary>
public static class Photos
{
    public sealed record Embedded(string? Title = null, string? Caption = null, string[]? Keywords = null, bool Gps = false, string? Camera = null);

    public static byte[] Jpeg(int width = 2400, int height = 1800, int seed = 1, int quality = 85, Embedded? metadata = null)
    {
        using var image = Draw(width, height, seed);
        if (metadata is not null) Embed(image, metadata);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = quality });
        return output.ToArray();
    }

    public static byte[] Png(int width = 2400, int height = 1800, int seed = 1)
    {
        using var image = Draw(width, height, seed);
        using var output = new MemoryStream();
        image.SaveAsPng(output, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });
        return output.ToArray();
    }

    private static Image<Rgb24> Draw(int width, int height, int seed)
    {
        var image = new Image<Rgb24>(width, height);
        var fx = 2 + seed % 7;
        var fy = 3 + seed * 5 % 11;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var u = (double)x / width;
                    var v = (double)y / height;
                    var wave = Math.Sin((u * fx + v * fy) * Math.PI) * 0.5 + 0.5;
                    row[x] = new Rgb24((byte)(255 * u), (byte)(255 * wave), (byte)(255 * (1 - v) * (seed % 2 == 0 ? wave : 1)));
                }
            }
        });
        return image;
    }

    private static void Embed(Image image, Embedded metadata)
    {
        var exif = new ExifProfile();
        if (metadata.Camera is not null)
        {
            exif.SetValue(ExifTag.Make, metadata.Camera.Split(' ')[0]);
            exif.SetValue(ExifTag.Model, metadata.Camera);
        }
        exif.SetValue(ExifTag.DateTimeOriginal, "2025:06:01 14:30:00");
        if (metadata.Gps)
        {
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(52, 1), new Rational(22, 1), new Rational(0, 1) });
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(4, 1), new Rational(53, 1), new Rational(0, 1) });
        }
        image.Metadata.ExifProfile = exif;

        var iptc = new IptcProfile();
        if (metadata.Title is not null) iptc.SetValue(IptcTag.Name, metadata.Title);
        if (metadata.Caption is not null) iptc.SetValue(IptcTag.Caption, metadata.Caption);
        foreach (var keyword in metadata.Keywords ?? []) iptc.SetValue(IptcTag.Keywords, keyword);
        image.Metadata.IptcProfile = iptc;
    }
}
