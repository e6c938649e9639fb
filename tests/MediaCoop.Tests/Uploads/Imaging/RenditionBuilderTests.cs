using System.Text;
using MediaCoop.Api.Uploads.Imaging;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;
using NetVips;
using MetadataDirectory = MetadataExtractor.Directory;

namespace MediaCoop.Tests.Uploads.Imaging;

[TestFixture]
public sealed class RenditionBuilderTests
{
    private ImageFixtures files = null!;
    private RenditionBuilder builder = null!;

    [OneTimeSetUp]
    public void CreateFixtures()
    {
        files = new ImageFixtures();
        builder = new RenditionBuilder(ImageFixtures.Options());
    }

    [OneTimeTearDown]
    public void DeleteFixtures() => files.Dispose();

    /// <summary>Decodes a rendition through a file: only the file loaders are allowed in this process.</summary>
    private Image Decode(byte[] jpeg)
    {
        var path = files.Write($"decoded-{Guid.NewGuid():N}.jpg", jpeg);
        using var image = Image.Jpegload(path);
        return image.CopyMemory();
    }

    private static double MeanAbsoluteDifference(Image a, Image b)
    {
        using var difference = (a.Cast(Enums.BandFormat.Float) - b.Cast(Enums.BandFormat.Float)).Abs();
        return difference.Avg();
    }

    /// <summary>Share of pixels moved by more than <paramref name="levels"/> in some band: compression rarely does that, a mark does.</summary>
    private static double ShareChanged(Image a, Image b, int levels = 24)
    {
        using var difference = (a.Cast(Enums.BandFormat.Float) - b.Cast(Enums.BandFormat.Float)).Abs();
        using var largest = difference.Bandrank([.. Enumerable.Range(1, difference.Bands - 1).Select(band => difference[band])], index: difference.Bands - 1);
        using var changed = largest > levels;
        return changed.Avg() / 255;
    }

    private static (int Width, int Height) SizeOf(RenditionImage image) => (image.Width, image.Height);

    [Test]
    public void A_landscape_original_gives_a_1600_preview_and_a_400_thumbnail()
    {
        var renditions = builder.Build(files.Jpeg("landscape.jpg", 2400, 1600));
        using var preview = Decode(renditions.Preview.Jpeg);
        using var thumbnail = Decode(renditions.Thumbnail.Jpeg);
        Assert.Multiple(() =>
        {
            Assert.That(SizeOf(renditions.Preview), Is.EqualTo((1600, 1067)));
            Assert.That(SizeOf(renditions.Thumbnail), Is.EqualTo((400, 267)));
            Assert.That((preview.Width, preview.Height, preview.Bands), Is.EqualTo((1600, 1067, 3)));
            Assert.That((thumbnail.Width, thumbnail.Height, thumbnail.Bands), Is.EqualTo((400, 267, 3)));
        });
    }

    [Test]
    public void A_portrait_original_gives_a_1600_high_preview()
    {
        var renditions = builder.Build(files.Jpeg("portrait.jpg", 1600, 2400));
        Assert.Multiple(() =>
        {
            Assert.That(SizeOf(renditions.Preview), Is.EqualTo((1067, 1600)));
            Assert.That(SizeOf(renditions.Thumbnail), Is.EqualTo((267, 400)));
        });
    }

    [Test]
    public void A_large_jpeg_is_shrunk_on_load_to_the_exact_sizes()
    {
        // 4000 px: decoded at 1/2 scale (2000 px), then resized to exactly 1600.
        var renditions = builder.Build(files.Jpeg("large.jpg", 4000, 3000));
        Assert.Multiple(() =>
        {
            Assert.That(SizeOf(renditions.Preview), Is.EqualTo((1600, 1200)));
            Assert.That(SizeOf(renditions.Thumbnail), Is.EqualTo((400, 300)));
        });
    }

    [Test]
    public void Exif_orientation_6_is_applied_turning_the_picture_clockwise()
    {
        var path = files.JpegWithMetadata("orientation-6.jpg", 2400, 1600, orientation: 6);
        var renditions = builder.Build(path);
        Assert.Multiple(() =>
        {
            Assert.That(SizeOf(renditions.Preview), Is.EqualTo((1067, 1600)));
            Assert.That(SizeOf(renditions.Thumbnail), Is.EqualTo((267, 400)));
        });

        // Orientation 6 means "rotate 90° clockwise to display": the thumbnail must match that turn, not the other.
        using var original = Image.Jpegload(path).CopyMemory();
        using var clockwise = RenditionBuilder.ResizeToLongEdge(original.Rot90(), 400);
        using var anticlockwise = RenditionBuilder.ResizeToLongEdge(original.Rot270(), 400);
        using var thumbnail = Decode(renditions.Thumbnail.Jpeg);
        Assert.That(MeanAbsoluteDifference(thumbnail, clockwise), Is.LessThan(MeanAbsoluteDifference(thumbnail, anticlockwise) / 2));
    }

    [Test]
    public void Published_renditions_carry_no_exif_gps_iptc_xmp_or_icc()
    {
        var path = files.JpegWithMetadata("camera.jpg", 2400, 1600, orientation: 1);
        var original = ImageMetadataReader.ReadMetadata(path);
        Assert.That(original.OfType<GpsDirectory>(), Is.Not.Empty, "the fixture carries GPS");
        Assert.That(original.OfType<XmpDirectory>(), Is.Not.Empty, "the fixture carries XMP");
        // MetadataExtractor drops ImageSharp's IPTC block (odd-length padding quirk); libvips sees it.
        using (var header = Image.NewFromFile(path))
            Assert.That(header.GetFields(), Does.Contain("iptc-data"), "the fixture carries IPTC");

        var renditions = builder.Build(path);
        var blur = Convert.FromBase64String(renditions.BlurPlaceholderDataUri.Split(',')[1]);
        foreach (var (name, bytes) in new[] { ("preview", renditions.Preview.Jpeg), ("thumbnail", renditions.Thumbnail.Jpeg), ("blur", blur) })
        {
            using var stream = new MemoryStream(bytes);
            IReadOnlyList<MetadataDirectory> directories = ImageMetadataReader.ReadMetadata(stream);
            var leaked = directories.Where(d => d is ExifDirectoryBase or GpsDirectory or IptcDirectory or XmpDirectory or IccDirectory)
                .Select(d => d.Name).ToList();
            using var decoded = Decode(bytes);
            var fields = decoded.GetFields().Where(f => f is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data").ToList();
            var text = Encoding.Latin1.GetString(bytes);
            Assert.Multiple(() =>
            {
                Assert.That(leaked, Is.Empty, name);
                Assert.That(fields, Is.Empty, name);
                Assert.That(text, Does.Not.Contain("Secret").And.Not.Contain("Exif").And.Not.Contain("MediaCoop Test Camera"), name);
            });
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_preview_carries_a_watermark_visible_all_over_the_image(bool withText)
    {
        var path = files.Jpeg($"to-watermark-{withText}.jpg", 2400, 1600, seed: 11);
        using var tile = Watermark.BuildTile(includeText: withText);
        using var original = Image.Jpegload(path);
        using var unmarked = RenditionBuilder.ResizeToLongEdge(original, 1600).CopyMemory();
        using var marked = Watermark.Apply(unmarked, tile);
        // Both re-encoded as the preview is, so compression noise alone cannot pass for the mark.
        using var markedJpeg = Decode(marked.JpegsaveBuffer(q: 82));
        using var unmarkedJpeg = Decode(unmarked.JpegsaveBuffer(q: 82));

        // In each of a 3 × 3 grid of regions the mark moves pixels far more than compression does: the mean
        // difference rises well above compression's, and over 5% of pixels move by more than 24 levels (compression: ~0%).
        var (cellWidth, cellHeight) = (unmarked.Width / 3, unmarked.Height / 3);
        Assert.Multiple(() =>
        {
            for (var row = 0; row < 3; row++)
            for (var column = 0; column < 3; column++)
            {
                var (left, top) = (column * cellWidth, row * cellHeight);
                using var reference = unmarked.Crop(left, top, cellWidth, cellHeight);
                using var withMark = markedJpeg.Crop(left, top, cellWidth, cellHeight);
                using var withoutMark = unmarkedJpeg.Crop(left, top, cellWidth, cellHeight);
                var markDifference = MeanAbsoluteDifference(withMark, reference);
                var compressionDifference = MeanAbsoluteDifference(withoutMark, reference);
                Assert.That(markDifference, Is.GreaterThan(compressionDifference + 2.5), $"mean difference, cell {row},{column}");
                Assert.That(ShareChanged(withMark, reference), Is.GreaterThan(0.05), $"share marked, cell {row},{column}");
                Assert.That(ShareChanged(withoutMark, reference), Is.LessThan(0.01), $"share changed by compression, cell {row},{column}");
            }
        });
    }

    [Test]
    public void The_built_preview_is_the_watermarked_base()
    {
        var path = files.Jpeg("preview-watermarked.jpg", 2400, 1600, seed: 12);
        var renditions = builder.Build(path);
        using var original = Image.Jpegload(path);
        using var unmarked = RenditionBuilder.ResizeToLongEdge(original, 1600).CopyMemory();
        using var preview = Decode(renditions.Preview.Jpeg);
        using var unmarkedJpeg = Decode(unmarked.JpegsaveBuffer(q: 82));
        Assert.Multiple(() =>
        {
            Assert.That(MeanAbsoluteDifference(preview, unmarked), Is.GreaterThan(MeanAbsoluteDifference(unmarkedJpeg, unmarked) + 2.5));
            Assert.That(ShareChanged(preview, unmarked), Is.GreaterThan(0.05));
        });
    }

    [Test]
    public void The_blur_placeholder_is_a_tiny_valid_jpeg_data_uri()
    {
        var renditions = builder.Build(files.Jpeg("blur.jpg", 2400, 1600));
        const string prefix = "data:image/jpeg;base64,";
        Assert.That(renditions.BlurPlaceholderDataUri, Does.StartWith(prefix));
        Assert.That(renditions.BlurPlaceholderDataUri, Has.Length.LessThan(1024));
        using var blur = Decode(Convert.FromBase64String(renditions.BlurPlaceholderDataUri[prefix.Length..]));
        Assert.That((blur.Width, blur.Height), Is.EqualTo((16, 11)));
    }

    [Test]
    public void The_dominant_colours_of_a_half_red_half_blue_image_are_red_and_blue()
    {
        using var red = Image.Black(1200, 1000, bands: 3) + new double[] { 255, 0, 0 };
        using var blue = Image.Black(1200, 1000, bands: 3) + new double[] { 0, 0, 255 };
        using var joined = red.Join(blue, Enums.Direction.Horizontal);
        using var image = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        var renditions = builder.Build(files.Png("red-blue.png", image));

        Assert.That(renditions.DominantColours, Has.Count.InRange(2, 5));
        var top = renditions.DominantColours.Take(2).Select(Rgb).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(top, Has.Some.Matches<(int R, int G, int B)>(c => c.R > 240 && c.G < 15 && c.B < 15), "red");
            Assert.That(top, Has.Some.Matches<(int R, int G, int B)>(c => c.B > 240 && c.R < 15 && c.G < 15), "blue");
            Assert.That(renditions.DominantColours, Has.All.Match("^#[0-9a-f]{6}$"));
        });
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    [Test]
    public void A_recompressed_smaller_copy_has_a_near_dhash_and_a_different_picture_a_far_one()
    {
        var path = files.Jpeg("hash-original.jpg", 2400, 1600, seed: 21);
        using (var original = Image.Jpegload(path))
        using (var smaller = original.Resize(0.8))
            files.Write("hash-copy.jpg", smaller.JpegsaveBuffer(q: 60));
        var other = files.Jpeg("hash-other.jpg", 2400, 1600, seed: 22);

        var hash = builder.Build(path).DHash;
        var copy = builder.Build(files.PathFor("hash-copy.jpg")).DHash;
        var different = builder.Build(other).DHash;
        Assert.Multiple(() =>
        {
            Assert.That(DHash.Distance(hash, copy), Is.LessThanOrEqualTo(6));
            Assert.That(DHash.Distance(hash, different), Is.GreaterThan(16));
        });
    }

    [Test]
    public void Dhash_distance_counts_differing_bits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DHash.Distance(0, 0), Is.Zero);
            Assert.That(DHash.Distance(0, -1), Is.EqualTo(64));
            Assert.That(DHash.Distance(0b1011, 0b0001), Is.EqualTo(2));
            Assert.That(DHash.Distance(long.MinValue, 0), Is.EqualTo(1));
        });
    }

    [Test]
    public void Renditions_of_a_jpeg_with_a_zip_appended_carry_none_of_its_bytes()
    {
        var jpeg = File.ReadAllBytes(files.Jpeg("zip-carrier.jpg", 2400, 1600));
        var path = files.Write("zip-polyglot.jpg", [.. jpeg, .. ImageFixtures.ZipBytes()]);
        var renditions = builder.Build(path);
        foreach (var bytes in new[] { renditions.Preview.Jpeg, renditions.Thumbnail.Jpeg })
        {
            var text = Encoding.Latin1.GetString(bytes);
            Assert.Multiple(() =>
            {
                Assert.That(bytes[^2..], Is.EqualTo(new byte[] { 0xFF, 0xD9 }), "ends at the JPEG end marker");
                Assert.That(text, Does.Not.Contain("PK\u0003\u0004").And.Not.Contain("payload-inside-zip"));
            });
        }
    }

    [Test]
    public void A_truncated_original_fails_the_job_as_truncated()
    {
        var whole = File.ReadAllBytes(files.Jpeg("job-cut-source.jpg", 2400, 1600));
        var path = files.Write("job-cut.jpg", whole[..(whole.Length * 2 / 3)]);
        Assert.That(Assert.Throws<ImageRejectedException>(() => builder.Build(path))!.Code, Is.EqualTo("truncated"));
    }

    [Test]
    public void A_sixteen_bit_png_with_alpha_becomes_8_bit_srgb_on_white()
    {
        using var grey = Image.Black(1500, 1000) + 30000;
        using var alpha = Image.Black(1500, 1000) + 0; // fully transparent
        using var image = grey.Bandjoin(grey, grey, alpha).Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16);
        var renditions = builder.Build(files.Write("sixteen.png", image.PngsaveBuffer(bitdepth: 16)));
        using var thumbnail = Decode(renditions.Thumbnail.Jpeg);
        Assert.Multiple(() =>
        {
            Assert.That((thumbnail.Bands, thumbnail.Format), Is.EqualTo((3, Enums.BandFormat.Uchar)));
            Assert.That(thumbnail.Avg(), Is.GreaterThan(250), "transparent areas are white");
        });
    }
}
