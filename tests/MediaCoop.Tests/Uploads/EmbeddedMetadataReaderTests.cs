using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MediaCoop.Api.Uploads;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace MediaCoop.Tests.Uploads;

/// <summary>Fixtures are written here by ImageSharp (EXIF, IPTC and XMP profiles), then read back by the product's reader.</summary>
public sealed class EmbeddedMetadataReaderTests
{
    private string _dir = "";

    [OneTimeSetUp]
    public void CreateFixtureDirectory() => _dir = System.IO.Directory.CreateTempSubdirectory("mediacoop-metadata-").FullName;

    [OneTimeTearDown]
    public void DeleteFixtureDirectory() => System.IO.Directory.Delete(_dir, recursive: true);

    private string Write(string extension, Action<ExifProfile>? exif = null, Action<IptcProfile>? iptc = null, string? xmp = null)
    {
        using var image = new Image<Rgb24>(32, 24);
        if (exif is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            exif(image.Metadata.ExifProfile);
        }
        if (iptc is not null)
        {
            image.Metadata.IptcProfile = new IptcProfile();
            iptc(image.Metadata.IptcProfile);
        }
        if (xmp is not null)
            image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(xmp));
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.{extension}");
        if (extension == "png") image.Save(path, new PngEncoder());
        else image.SaveAsJpeg(path);
        return path;
    }

    private string WriteJpeg(Action<ExifProfile>? exif = null, Action<IptcProfile>? iptc = null, string? xmp = null) => Write("jpg", exif, iptc, xmp);

    private static string Xmp(string? title = null, string? description = null, params string[] subjects)
    {
        static string Alt(string name, string? value) => value is null ? "" :
            $"""<dc:{name}><rdf:Alt><rdf:li xml:lang="x-default">{System.Security.SecurityElement.Escape(value)}</rdf:li></rdf:Alt></dc:{name}>""";
        var bag = subjects.Length == 0 ? "" :
            $"<dc:subject><rdf:Bag>{string.Concat(subjects.Select(s => $"<rdf:li>{System.Security.SecurityElement.Escape(s)}</rdf:li>"))}</rdf:Bag></dc:subject>";
        return $"""
            <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">{Alt("title", title)}{Alt("description", description)}{bag}</rdf:Description>
            </rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """;
    }

    private static Rational[] Dms(uint degrees, uint minutes, double seconds) =>
        [new Rational(degrees, 1), new Rational(minutes, 1), new Rational((uint)Math.Round(seconds * 100), 100)];

    private static void CameraExif(ExifProfile exif)
    {
        exif.SetValue(ExifTag.Make, "Canon");
        exif.SetValue(ExifTag.Model, "Canon EOS R5");
        exif.SetValue(ExifTag.LensModel, "RF24-70mm F2.8 L IS USM");
        exif.SetValue(ExifTag.DateTimeOriginal, "2024:05:06 07:08:09");
        exif.SetValue(ExifTag.OffsetTimeOriginal, "+02:00");
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        // Santiago de Chile: south and west, so both signs must come out negative.
        exif.SetValue(ExifTag.GPSLatitudeRef, "S");
        exif.SetValue(ExifTag.GPSLatitude, Dms(33, 27, 0));
        exif.SetValue(ExifTag.GPSLongitudeRef, "W");
        exif.SetValue(ExifTag.GPSLongitude, Dms(70, 40, 12));
    }

    [Test]
    public void A_camera_jpeg_with_exif_and_iptc_prefills_every_field()
    {
        var path = WriteJpeg(CameraExif, iptc =>
        {
            iptc.SetValue(IptcTag.Name, "Lake at dawn");
            iptc.SetValue(IptcTag.Caption, "Mist over the lake before sunrise.");
            foreach (var keyword in new[] { "lake", "café", "Zürich", " mist ", "Lake", "CAFÉ", "sunrise" })
                iptc.SetValue(IptcTag.Keywords, keyword);
        });

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Title, Is.EqualTo("Lake at dawn"));
            Assert.That(metadata.Description, Is.EqualTo("Mist over the lake before sunrise."));
            Assert.That(metadata.Keywords, Is.EqualTo(new[] { "lake", "café", "Zürich", "mist", "sunrise" }), "trimmed, first spelling kept, repeats ignoring case dropped");
            Assert.That(metadata.CapturedAt, Is.EqualTo(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))));
            Assert.That(metadata.CapturedAt!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(metadata.Camera, Is.EqualTo("Canon EOS R5"), "the make is not repeated");
            Assert.That(metadata.Lens, Is.EqualTo("RF24-70mm F2.8 L IS USM"));
            Assert.That(metadata.Orientation, Is.EqualTo(6));
            Assert.That(metadata.Gps, Is.Not.Null);
            Assert.That(metadata.Gps!.Latitude, Is.EqualTo(-33.45).Within(1e-6));
            Assert.That(metadata.Gps.Longitude, Is.EqualTo(-(70 + 40 / 60.0 + 12 / 3600.0)).Within(1e-6));
        });
    }

    [Test]
    public void Iptc_written_in_latin1_without_a_coded_character_set_reads_the_same_as_utf8()
    {
        // ImageSharp writes no 1:90 coded-character-set record, so MetadataExtractor must guess per value.
        var path = WriteJpeg(iptc: iptc =>
        {
            iptc.SetValue(IptcTag.Name, Encoding.Latin1, "Crème brûlée in Zürich");
            iptc.SetValue(IptcTag.Keywords, Encoding.Latin1, "café");
            iptc.SetValue(IptcTag.Keywords, Encoding.UTF8, "Zürich");
        });

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.That(metadata.Title, Is.EqualTo("Crème brûlée in Zürich"));
        Assert.That(metadata.Keywords, Is.EqualTo(new[] { "café", "Zürich" }));
    }

    [Test]
    public void Xmp_fills_what_iptc_lacks_and_its_subjects_follow_the_iptc_keywords()
    {
        var path = WriteJpeg(
            iptc: iptc =>
            {
                iptc.SetValue(IptcTag.Keywords, "lake");
                iptc.SetValue(IptcTag.Keywords, "mist");
            },
            xmp: Xmp("Swans on Lake Zürich", "Two swans & a boat", "Mist", "swans", "Zürich", "  "));

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Title, Is.EqualTo("Swans on Lake Zürich"));
            Assert.That(metadata.Description, Is.EqualTo("Two swans & a boat"));
            Assert.That(metadata.Keywords, Is.EqualTo(new[] { "lake", "mist", "swans", "Zürich" }));
        });
    }

    [Test]
    public void Iptc_object_name_wins_over_xmp_title_and_headline_is_the_last_resort()
    {
        var both = WriteJpeg(iptc: iptc => iptc.SetValue(IptcTag.Name, "IPTC title"), xmp: Xmp("XMP title"));
        var headlineOnly = WriteJpeg(iptc: iptc =>
        {
            iptc.SetValue(IptcTag.Headline, "Headline title");
            iptc.SetValue(IptcTag.Caption, "Caption");
        });

        Assert.That(EmbeddedMetadataReader.Read(both).Title, Is.EqualTo("IPTC title"));
        Assert.That(EmbeddedMetadataReader.Read(headlineOnly).Title, Is.EqualTo("Headline title"));
    }

    [Test]
    public void The_exif_image_description_is_the_fallback_description()
    {
        var path = WriteJpeg(exif => exif.SetValue(ExifTag.ImageDescription, "  Described by the camera  "));
        Assert.That(EmbeddedMetadataReader.Read(path).Description, Is.EqualTo("Described by the camera"));
    }

    [Test]
    public void A_long_title_is_cut_at_a_word_boundary_within_70_characters_and_a_long_description_at_2000()
    {
        var title = "Sunrise over the misty lake with two swans gliding past an old wooden boathouse";
        var description = string.Join(' ', Enumerable.Repeat("word", 600));
        var path = WriteJpeg(iptc: iptc => iptc.SetValue(IptcTag.Name, title, strict: false), xmp: Xmp(description: description));

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.That(title, Has.Length.GreaterThan(70));
        Assert.That(metadata.Title, Is.EqualTo("Sunrise over the misty lake with two swans gliding past an old wooden"));
        Assert.That(metadata.Title, Has.Length.LessThanOrEqualTo(70));
        Assert.That(metadata.Description, Has.Length.LessThanOrEqualTo(2000).And.Length.GreaterThan(1990));
        Assert.That(metadata.Description, Does.EndWith("word"));
    }

    [Test]
    public void Control_and_bidi_override_characters_are_removed_and_line_breaks_become_spaces()
    {
        var path = WriteJpeg(iptc: iptc =>
        {
            iptc.SetValue(IptcTag.Name, "Lake\u0007 at\u202E dawn\u0000");
            iptc.SetValue(IptcTag.Caption, "First line\r\nsecond\tline");
            iptc.SetValue(IptcTag.Keywords, "\u0001\u0002");
        });

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.That(metadata.Title, Is.EqualTo("Lake at dawn"));
        Assert.That(metadata.Description, Is.EqualTo("First line second line"));
        Assert.That(metadata.Keywords, Is.Empty);
    }

    [Test]
    public void A_keyword_over_50_characters_is_dropped_rather_than_cut()
    {
        var sentence = "this is a whole sentence typed into the keywords box";
        var path = WriteJpeg(iptc: iptc =>
        {
            iptc.SetValue(IptcTag.Keywords, "lake");
            iptc.SetValue(IptcTag.Keywords, sentence);
            iptc.SetValue(IptcTag.Keywords, new string('k', 50));
        });

        Assert.That(sentence, Has.Length.GreaterThan(50));
        Assert.That(EmbeddedMetadataReader.Read(path).Keywords, Is.EqualTo(new[] { "lake", new string('k', 50) }));
    }

    [Test]
    public void Without_an_offset_the_exif_capture_time_is_taken_as_utc()
    {
        var path = WriteJpeg(exif => exif.SetValue(ExifTag.DateTimeOriginal, "2023:12:31 23:59:58"));
        Assert.That(EmbeddedMetadataReader.Read(path).CapturedAt, Is.EqualTo(new DateTimeOffset(2023, 12, 31, 23, 59, 58, TimeSpan.Zero)));
    }

    [Test]
    public void Without_exif_the_iptc_date_and_time_created_give_the_capture_time()
    {
        var withTime = WriteJpeg(iptc: iptc =>
        {
            iptc.SetValue(IptcTag.CreatedDate, "20220314");
            iptc.SetValue(IptcTag.CreatedTime, "153000-0500");
        });
        var dateOnly = WriteJpeg(iptc: iptc => iptc.SetValue(IptcTag.CreatedDate, "20220314"));

        Assert.That(EmbeddedMetadataReader.Read(withTime).CapturedAt, Is.EqualTo(new DateTimeOffset(2022, 3, 14, 15, 30, 0, TimeSpan.FromHours(-5))));
        Assert.That(EmbeddedMetadataReader.Read(dateOnly).CapturedAt, Is.EqualTo(new DateTimeOffset(2022, 3, 14, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void An_unset_camera_clock_is_no_capture_time()
    {
        var path = WriteJpeg(exif => exif.SetValue(ExifTag.DateTimeOriginal, "0000:00:00 00:00:00"));
        Assert.That(EmbeddedMetadataReader.Read(path).CapturedAt, Is.Null);
    }

    [TestCase("Canon", "Canon EOS R5", "Canon EOS R5")]
    [TestCase("NIKON CORPORATION", "NIKON Z 8", "NIKON Z 8")]
    [TestCase("SONY", "ILCE-7M4", "SONY ILCE-7M4")]
    [TestCase("  FUJIFILM ", " X-T5  ", "FUJIFILM X-T5")]
    [TestCase("Leica", "LeicaQ", "Leica LeicaQ")]
    [TestCase("Apple", null, "Apple")]
    [TestCase(null, "iPhone 15 Pro", "iPhone 15 Pro")]
    [TestCase(null, null, null)]
    public void The_camera_is_make_and_model_without_the_brand_twice(string? make, string? model, string? expected)
    {
        var path = WriteJpeg(exif =>
        {
            if (make is not null) exif.SetValue(ExifTag.Make, make);
            if (model is not null) exif.SetValue(ExifTag.Model, model);
            exif.SetValue(ExifTag.Software, "keeps the profile non-empty");
        });
        Assert.That(EmbeddedMetadataReader.Read(path).Camera, Is.EqualTo(expected));
    }

    [TestCase(24u, 105u, 4.0, 4.0, "24-105mm f/4")]
    [TestCase(70u, 300u, 4.5, 5.6, "70-300mm f/4.5-5.6")]
    [TestCase(50u, 50u, 1.8, 1.8, "50mm f/1.8")]
    public void Without_a_lens_model_the_lens_specification_is_formatted(uint minFocal, uint maxFocal, double minF, double maxF, string expected)
    {
        var path = WriteJpeg(exif => exif.SetValue(ExifTag.LensSpecification,
            [new Rational(minFocal, 1), new Rational(maxFocal, 1), new Rational((uint)(minF * 10), 10), new Rational((uint)(maxF * 10), 10)]));
        Assert.That(EmbeddedMetadataReader.Read(path).Lens, Is.EqualTo(expected));
    }

    [Test]
    public void An_orientation_outside_1_to_8_and_a_gps_position_of_0_0_are_ignored()
    {
        var path = WriteJpeg(exif =>
        {
            exif.SetValue(ExifTag.Orientation, (ushort)9);
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, Dms(0, 0, 0));
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, Dms(0, 0, 0));
        });

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.That(metadata.Orientation, Is.Null);
        Assert.That(metadata.Gps, Is.Null);
    }

    [Test]
    public void A_png_with_exif_and_xmp_is_read_too()
    {
        // PNG has no standard IPTC block; ImageSharp writes EXIF as eXIf and XMP as an iTXt chunk.
        var path = Write("png", CameraExif, xmp: Xmp("PNG title", "PNG description", "lake", "Zürich"));

        var metadata = EmbeddedMetadataReader.Read(path);

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Title, Is.EqualTo("PNG title"));
            Assert.That(metadata.Description, Is.EqualTo("PNG description"));
            Assert.That(metadata.Keywords, Is.EqualTo(new[] { "lake", "Zürich" }));
            Assert.That(metadata.Camera, Is.EqualTo("Canon EOS R5"));
            Assert.That(metadata.Orientation, Is.EqualTo(6));
            Assert.That(metadata.CapturedAt, Is.EqualTo(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))));
            Assert.That(metadata.Gps!.Latitude, Is.LessThan(0));
        });
    }

    [Test]
    public void A_png_text_chunk_that_inflates_to_hundreds_of_megabytes_is_not_inflated()
    {
        // 200 MB of zeros deflate to ~200 KB; MetadataExtractor alone allocated ~750 MB reading this.
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 200; i++) zlib.Write(zeros);
        }
        byte[] data = [.. "Comment\0\0"u8, .. compressed.ToArray()];
        var chunk = new byte[12 + data.Length]; // length, type, data, CRC (left zero: no reader here checks it)
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        "zTXt"u8.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        var path = Write("png", xmp: Xmp("Still readable"));
        var png = File.ReadAllBytes(path);
        const int afterIhdr = 8 + 25;
        File.WriteAllBytes(path, [.. png[..afterIhdr], .. chunk, .. png[afterIhdr..]]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var metadata = EmbeddedMetadataReader.Read(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(metadata.Title, Is.EqualTo("Still readable"));
        Assert.That(allocated, Is.LessThan(32L << 20), $"{allocated / 1_000_000} MB allocated");
    }

    [TestCase("jpg")]
    [TestCase("png")]
    public void A_file_without_metadata_gives_nulls_and_no_keywords(string extension)
    {
        var metadata = EmbeddedMetadataReader.Read(Write(extension));
        Assert.Multiple(() =>
        {
            Assert.That(metadata.Title, Is.Null);
            Assert.That(metadata.Description, Is.Null);
            Assert.That(metadata.Keywords, Is.Empty);
            Assert.That(metadata.CapturedAt, Is.Null);
            Assert.That(metadata.Camera, Is.Null);
            Assert.That(metadata.Lens, Is.Null);
            Assert.That(metadata.Orientation, Is.Null);
            Assert.That(metadata.Gps, Is.Null);
        });
    }

    public enum Damage { GarbageIfd, FarIfdOffset, RandomBytes, SegmentLengthTooLong, TruncatedFile }

    [TestCase(Damage.GarbageIfd)]
    [TestCase(Damage.FarIfdOffset)]
    [TestCase(Damage.RandomBytes)]
    [TestCase(Damage.SegmentLengthTooLong)]
    [TestCase(Damage.TruncatedFile)]
    public void A_corrupt_exif_block_does_not_throw_and_the_other_blocks_still_read(Damage damage)
    {
        var path = WriteJpeg(CameraExif, iptc => iptc.SetValue(IptcTag.Name, "Still readable"));
        var bytes = File.ReadAllBytes(path);
        var exif = IndexOf(bytes, "Exif\0\0"u8);
        Assert.That(exif, Is.GreaterThan(0), "fixture has an EXIF APP1 segment");
        var tiff = exif + 6;
        var segmentEnd = exif - 2 + ((bytes[exif - 2] << 8) | bytes[exif - 1]); // FF E1, then a length that counts its own 2 bytes
        switch (damage)
        {
            case Damage.GarbageIfd:
                bytes.AsSpan(tiff + 8, segmentEnd - tiff - 8).Fill(0xFF);
                break;
            case Damage.FarIfdOffset:
                bytes.AsSpan(tiff + 4, 4).Fill(0x7F);
                break;
            case Damage.RandomBytes:
                new Random(20261127).NextBytes(bytes.AsSpan(tiff, segmentEnd - tiff));
                break;
            case Damage.SegmentLengthTooLong:
                bytes[exif - 2] = 0xFF;
                bytes[exif - 1] = 0xFF;
                break;
            case Damage.TruncatedFile:
                bytes = bytes[..(tiff + 40)];
                break;
        }
        File.WriteAllBytes(path, bytes);

        EmbeddedMetadata? metadata = null;
        Assert.DoesNotThrow(() => metadata = EmbeddedMetadataReader.Read(path));
        Assert.That(metadata!.Keywords, Is.Not.Null);
        if (damage is Damage.GarbageIfd or Damage.FarIfdOffset or Damage.RandomBytes)
            Assert.That(metadata.Title, Is.EqualTo("Still readable"), "IPTC lives in its own segment");
    }

    [Test]
    public void Malformed_xmp_does_not_throw_and_iptc_still_reads()
    {
        var path = WriteJpeg(iptc: iptc => iptc.SetValue(IptcTag.Name, "From IPTC"),
            xmp: "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><unclosed");

        Assert.That(EmbeddedMetadataReader.Read(path).Title, Is.EqualTo("From IPTC"));
    }

    [Test]
    public void Bytes_that_are_no_image_at_all_give_empty_metadata()
    {
        var path = Path.Combine(_dir, "not-an-image.jpg");
        File.WriteAllText(path, "<html>not a photo</html>");
        var metadata = EmbeddedMetadataReader.Read(path);
        Assert.That(metadata.Title, Is.Null);
        Assert.That(metadata.Keywords, Is.Empty);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
