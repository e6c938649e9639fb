using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MediaCoop.Api.Uploads.Imaging;
using Microsoft.Extensions.Options;
using NetVips;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using Sharp = SixLabors.ImageSharp;

namespace MediaCoop.Tests.Uploads.Imaging;

/// <summary>
/// Image files written by the tests themselves into a temp directory: photo-like pixels from libvips, camera
/// metadata (EXIF, GPS, IPTC, XMP) from ImageSharp, and hostile files byte by byte.
/// </summary>
internal sealed class ImageFixtures : IDisposable
{
    public const string GpsMarker = "GPS";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "mediacoop-imaging-" + Guid.NewGuid().ToString("N"));

    public ImageFixtures()
    {
        ImageEngine.Initialize();
        System.IO.Directory.CreateDirectory(directory);
    }

    /// <summary>Defaults, except a 1 MP floor so fixtures stay small and fast.</summary>
    public static IOptions<ImagingOptions> Options(Action<ImagingOptions>? change = null)
    {
        var options = new ImagingOptions { MinPixels = 1_000_000 };
        change?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public string PathFor(string name) => Path.Combine(directory, name);

    public string Write(string name, byte[] bytes)
    {
        var path = PathFor(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Random soft shapes (upscaled low-resolution noise) plus fine grain, so files compress like photos and
    /// differently seeded images have different structure.
    /// </summary>
    public static Image Photo(int width, int height, int seed)
    {
        var bands = new Image[3];
        for (var band = 0; band < 3; band++)
        {
            using var coarse = Image.Gaussnoise(Math.Max(2, width / 150), Math.Max(2, height / 150), sigma: 45, mean: 128, seed: seed * 3 + band);
            using var smooth = coarse.Resize((double)width / coarse.Width, vscale: (double)height / coarse.Height);
            using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0, seed: seed * 7 + band);
            bands[band] = smooth + grain;
        }
        using var joined = bands[0].Bandjoin(bands[1], bands[2]);
        foreach (var band in bands) band.Dispose();
        using var clipped = joined.Cast(Enums.BandFormat.Uchar);
        return clipped.Copy(interpretation: Enums.Interpretation.Srgb).CopyMemory();
    }

    public string Jpeg(string name, int width, int height, int seed = 1, int quality = 90)
    {
        using var image = Photo(width, height, seed);
        return Write(name, image.JpegsaveBuffer(q: quality));
    }

    public string Png(string name, Image image) => Write(name, image.PngsaveBuffer(compression: 1));

    /// <summary>A camera-style JPEG: EXIF with orientation, camera and GPS; IPTC keywords; an XMP packet.</summary>
    public string JpegWithMetadata(string name, int width, int height, ushort orientation, int seed = 1)
    {
        using var photo = Photo(width, height, seed);
        using var image = Sharp.Image.Load(photo.JpegsaveBuffer(q: 95));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, orientation);
        exif.SetValue(ExifTag.Make, "MediaCoop Test Camera");
        exif.SetValue(ExifTag.Model, "Fixture 1");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Sharp.Rational(51, 1), new Sharp.Rational(30, 1), new Sharp.Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "W");
        exif.SetValue(ExifTag.GPSLongitude, [new Sharp.Rational(0, 1), new Sharp.Rational(7, 1), new Sharp.Rational(0, 1)]);
        image.Metadata.ExifProfile = exif;
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Keywords, "secret-keyword");
        iptc.SetValue(IptcTag.City, "Secret City");
        image.Metadata.IptcProfile = iptc;
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Photographer"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""));
        var path = PathFor(name);
        Sharp.ImageExtensions.SaveAsJpeg(image, path, new Sharp.Formats.Jpeg.JpegEncoder { Quality = 92 });
        return path;
    }

    /// <summary>Any ImageSharp-writable format (GIF, TIFF, WebP, ...), saved under a misleading name.</summary>
    public string OtherFormat(string name, Sharp.Formats.IImageEncoder encoder)
    {
        using var image = new Sharp.Image<Sharp.PixelFormats.Rgb24>(64, 48, new Sharp.PixelFormats.Rgb24(200, 30, 30));
        var path = PathFor(name);
        Sharp.ImageExtensions.Save(image, path, encoder);
        return path;
    }

    public string Zip(string name)
    {
        var path = PathFor(name);
        File.WriteAllBytes(path, ZipBytes());
        return path;
    }

    public static byte[] ZipBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("payload-inside-zip.txt").Open());
            entry.Write("hidden payload");
        }
        return buffer.ToArray();
    }

    /// <summary>A PNG signature and IHDR declaring the given size (valid CRC), then IEND: no pixel data at all.</summary>
    public static byte[] PngHeaderOnly(uint width, uint height)
    {
        var bytes = new List<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        AddChunk(bytes, "IHDR", ihdr);
        AddChunk(bytes, "IEND", []);
        return [.. bytes];
    }

    private static void AddChunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.AddRange(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    /// <summary>The PNG chunk CRC (ISO 3309), bit by bit: fixtures are tiny.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>SOI, a JFIF APP0, a baseline frame header declaring the size, EOI: no tables, no scan.</summary>
    public static byte[] JpegHeaderOnly(ushort width, ushort height)
    {
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        byte[] sof0 = [0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
            0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
        return [0xFF, 0xD8, .. app0, .. sof0, 0xFF, 0xD9];
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
    }
}
