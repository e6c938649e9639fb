using System.Text;
using MediaCoop.Api.Uploads.Imaging;
using NetVips;
using Sharp = SixLabors.ImageSharp;

namespace MediaCoop.Tests.Uploads.Imaging;

[TestFixture]
public sealed class ImageInspectorTests
{
    private ImageFixtures files = null!;
    private ImageInspector inspector = null!;

    [OneTimeSetUp]
    public void CreateFixtures()
    {
        files = new ImageFixtures();
        inspector = new ImageInspector(ImageFixtures.Options());
    }

    [OneTimeTearDown]
    public void DeleteFixtures() => files.Dispose();

    private static string CodeOf(Action action) =>
        Assert.Throws<ImageRejectedException>(action)!.Code;

    [Test]
    public void A_jpeg_is_identified_from_its_header()
    {
        var header = inspector.Inspect(files.Jpeg("plain.jpg", 1500, 1000));
        Assert.That(header, Is.EqualTo(new ImageHeader(ImageFormat.Jpeg, "image/jpeg", 1500, 1000, 1)));
    }

    [Test]
    public void A_png_is_identified_whatever_its_name_says()
    {
        using var photo = ImageFixtures.Photo(1200, 900, seed: 3);
        var header = inspector.Inspect(files.Png("really-a-png.jpg", photo));
        Assert.That(header, Is.EqualTo(new ImageHeader(ImageFormat.Png, "image/png", 1200, 900, 1)));
    }

    [Test]
    public void Exif_orientation_6_swaps_the_displayed_width_and_height()
    {
        var header = inspector.Inspect(files.JpegWithMetadata("rotated.jpg", 1500, 1000, orientation: 6));
        Assert.That(header, Is.EqualTo(new ImageHeader(ImageFormat.Jpeg, "image/jpeg", 1000, 1500, 6)));
    }

    [Test]
    public void An_empty_file_is_rejected() =>
        Assert.That(CodeOf(() => inspector.Inspect(files.Write("empty.jpg", []))), Is.EqualTo("empty"));

    [TestCase("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [TestCase("<?php system($_GET['c']); ?>")]
    [TestCase("""<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><script>alert(1)</script></svg>""")]
    [TestCase("""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>""")]
    public void Text_files_named_jpg_are_an_unsupported_type(string content) =>
        Assert.That(CodeOf(() => inspector.Inspect(files.Write($"text-{content.Length}.jpg", Encoding.UTF8.GetBytes(content)))),
            Is.EqualTo("unsupported-type"));

    [Test]
    public void A_zip_named_jpg_is_an_unsupported_type() =>
        Assert.That(CodeOf(() => inspector.Inspect(files.Zip("archive.jpg"))), Is.EqualTo("unsupported-type"));

    [Test]
    public void Tiff_gif_and_webp_named_jpg_are_an_unsupported_type()
    {
        var tiff = files.OtherFormat("tiff.jpg", new Sharp.Formats.Tiff.TiffEncoder());
        var gif = files.OtherFormat("gif.jpg", new Sharp.Formats.Gif.GifEncoder());
        var webp = files.OtherFormat("webp.jpg", new Sharp.Formats.Webp.WebpEncoder());
        Assert.Multiple(() =>
        {
            Assert.That(CodeOf(() => inspector.Inspect(tiff)), Is.EqualTo("unsupported-type"));
            Assert.That(CodeOf(() => inspector.Inspect(gif)), Is.EqualTo("unsupported-type"));
            Assert.That(CodeOf(() => inspector.Inspect(webp)), Is.EqualTo("unsupported-type"));
        });
    }

    [Test]
    public void Libvips_itself_refuses_every_format_but_jpeg_and_png()
    {
        // Defence in depth: even a caller that skipped the sniffing could not reach another decoder.
        var tiff = files.OtherFormat("real.tif", new Sharp.Formats.Tiff.TiffEncoder());
        var gif = files.OtherFormat("real.gif", new Sharp.Formats.Gif.GifEncoder());
        var webp = files.OtherFormat("real.webp", new Sharp.Formats.Webp.WebpEncoder());
        var jpeg = files.Jpeg("allowed.jpg", 64, 48);
        Assert.Multiple(() =>
        {
            Assert.That(() => Image.NewFromFile(tiff).Avg(), Throws.InstanceOf<VipsException>());
            Assert.That(() => Image.NewFromFile(gif).Avg(), Throws.InstanceOf<VipsException>());
            Assert.That(() => Image.NewFromFile(webp).Avg(), Throws.InstanceOf<VipsException>());
            Assert.That(() => Image.NewFromFile(jpeg).Avg(), Throws.Nothing);
        });
    }

    [Test]
    public void A_png_header_declaring_1_by_500_million_pixels_is_refused_before_decoding()
    {
        var path = files.Write("tall.png", ImageFixtures.PngHeaderOnly(1, 500_000_000));
        Assert.That(CodeOf(() => inspector.Inspect(path)), Is.AnyOf("too-many-pixels", "side-too-long"));
    }

    [Test]
    public void A_jpeg_header_declaring_65000_by_65000_is_refused_before_decoding()
    {
        var path = files.Write("huge.jpg", ImageFixtures.JpegHeaderOnly(65_000, 65_000));
        Assert.That(CodeOf(() => inspector.Inspect(path)), Is.EqualTo("too-many-pixels"));
    }

    [Test]
    public void A_side_over_20000_px_is_refused_even_within_the_pixel_limit()
    {
        var path = files.Write("panorama.png", ImageFixtures.PngHeaderOnly(25_000, 200));
        Assert.That(CodeOf(() => inspector.Inspect(path)), Is.EqualTo("side-too-long"));
    }

    [Test]
    public void Below_the_coops_4_megapixel_minimum_is_refused()
    {
        var strict = new ImageInspector(ImageFixtures.Options(o => o.MinPixels = 4_000_000));
        var exception = Assert.Throws<ImageRejectedException>(() => strict.Inspect(files.Jpeg("small.jpg", 1200, 800)))!;
        Assert.Multiple(() =>
        {
            Assert.That(exception.Code, Is.EqualTo("too-few-pixels"));
            Assert.That(exception.Message, Does.Contain("1 MP").And.Contain("4 MP"));
        });
    }

    [Test]
    public void A_jpeg_cut_off_inside_its_headers_is_truncated()
    {
        var whole = File.ReadAllBytes(files.JpegWithMetadata("whole.jpg", 1200, 900, orientation: 1));
        var path = files.Write("headers-only.jpg", whole[..40]);
        Assert.That(CodeOf(() => inspector.Inspect(path)), Is.EqualTo("truncated"));
    }

    [Test]
    public void A_truncated_jpeg_fails_verification()
    {
        var whole = File.ReadAllBytes(files.Jpeg("to-cut.jpg", 1500, 1000));
        var path = files.Write("cut.jpg", whole[..(whole.Length / 2)]);
        var header = inspector.Inspect(path);
        Assert.That(CodeOf(() => inspector.VerifyDecodes(path, header)), Is.EqualTo("truncated"));
    }

    [Test]
    public void A_truncated_png_fails_verification()
    {
        using var photo = ImageFixtures.Photo(1200, 900, seed: 4);
        var whole = File.ReadAllBytes(files.Png("to-cut.png", photo));
        var path = files.Write("cut.png", whole[..(whole.Length / 2)]);
        var header = inspector.Inspect(path);
        Assert.That(CodeOf(() => inspector.VerifyDecodes(path, header)), Is.EqualTo("truncated"));
    }

    [Test]
    public void A_png_with_damaged_pixel_data_is_corrupt()
    {
        using var photo = ImageFixtures.Photo(1200, 900, seed: 5);
        var bytes = File.ReadAllBytes(files.Png("to-damage.png", photo));
        // Scribble over the middle of the compressed data: the IDAT checksum and the zlib stream both break.
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        var path = files.Write("damaged.png", bytes);
        var header = inspector.Inspect(path);
        Assert.That(CodeOf(() => inspector.VerifyDecodes(path, header)), Is.EqualTo("corrupt"));
    }

    [Test]
    public void A_valid_jpeg_and_png_pass_verification()
    {
        var jpeg = files.Jpeg("valid.jpg", 1500, 1000);
        using var photo = ImageFixtures.Photo(1200, 900, seed: 6);
        var png = files.Png("valid.png", photo);
        Assert.Multiple(() =>
        {
            Assert.That(() => inspector.VerifyDecodes(jpeg, inspector.Inspect(jpeg)), Throws.Nothing);
            Assert.That(() => inspector.VerifyDecodes(png, inspector.Inspect(png)), Throws.Nothing);
        });
    }

    [Test]
    [NonParallelizable] // the decode slots are process-wide: other tests holding them would turn this into a busy-server timeout
    public void A_decode_that_outlives_the_timeout_is_killed_and_refused()
    {
        using var photo = ImageFixtures.Photo(2400, 1600, seed: 7);
        var path = files.Png("slow.png", photo);
        var impatient = new ImageInspector(ImageFixtures.Options(o => o.DecodeTimeout = TimeSpan.FromMilliseconds(1)));
        var header = impatient.Inspect(path);
        var exception = Assert.Throws<ImageRejectedException>(() => impatient.VerifyDecodes(path, header))!;
        Assert.That(exception.Message, Does.Contain("too long"));
    }

    [Test]
    public void A_jpeg_with_a_zip_appended_is_accepted_when_it_decodes()
    {
        var jpeg = File.ReadAllBytes(files.Jpeg("carrier.jpg", 1500, 1000));
        var path = files.Write("polyglot.jpg", [.. jpeg, .. ImageFixtures.ZipBytes()]);
        var header = inspector.Inspect(path);
        Assert.That(() => inspector.VerifyDecodes(path, header), Throws.Nothing);
    }
}
