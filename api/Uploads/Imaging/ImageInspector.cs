using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using NetVips;

namespace MediaCoop.Api.Uploads.Imaging;

public enum ImageFormat { Jpeg, Png }

/// <summary>What an upload is, read from its header. Width and Height are as displayed: swapped for EXIF orientations 5–8.</summary>
public sealed record ImageHeader(ImageFormat Format, string ContentType, int Width, int Height, int Orientation);

/// <summary>
/// The file is not one we accept. <see cref="Code"/> is stable for clients: empty, unsupported-type (answer 415),
/// too-few-pixels, too-many-pixels, side-too-long, corrupt, truncated. The message is written for the photographer.
/// </summary>
public sealed class ImageRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Identifies uploads before anything is decoded, then proves they decode, within the engine's limits.</summary>
public sealed class ImageInspector(IOptions<ImagingOptions> options)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    // Real camera files carry a dozen segments before the frame header; thousands of tiny ones are an attack
    // on the header walk, not a photo.
    private const int MaxJpegSegmentsBeforeFrame = 1024;

    private readonly ImagingOptions limits = options.Value;

    static ImageInspector() => ImageEngine.Initialize();

    /// <summary>
    /// Sniffs the magic bytes (the declared content type and extension are never trusted), reads the declared
    /// size from the PNG IHDR / JPEG frame header and applies the limits before libvips sees the file, then lets
    /// libvips read the header lazily (no pixels) for the orientation.
    /// </summary>
    public ImageHeader Inspect(string path)
    {
        var (format, width, height) = ReadDeclaredSize(path);
        CheckLimits(width, height);

        int orientation;
        try
        {
            using var image = Open(path, format);
            // Our own parse and libvips must agree, or one of them is being fooled.
            if (image.Width != width || image.Height != height)
                throw Corrupt();
            orientation = image.Contains("orientation") ? Math.Clamp((int)image.Get("orientation"), 1, 8) : 1;
        }
        catch (VipsException)
        {
            throw Corrupt();
        }

        var swapped = orientation >= 5;
        // Both sides are within MaxSide (an int) by now.
        var (shownWidth, shownHeight) = swapped ? ((int)height, (int)width) : ((int)width, (int)height);
        return new ImageHeader(format, format == ImageFormat.Jpeg ? "image/jpeg" : "image/png", shownWidth, shownHeight, orientation);
    }

    /// <summary>
    /// Proves the whole file decodes, cheaply: JPEG at 1/8 scale (every entropy-coded byte is still read),
    /// PNG fully (it has no reduced decode). Runs in a decode slot under the decode timeout.
    /// </summary>
    /// <exception cref="ImageRejectedException">truncated or corrupt.</exception>
    /// <exception cref="TimeoutException">No decode slot came free in time (server busy).</exception>
    public void VerifyDecodes(string path, ImageHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ImageEngine.RunDecode(limits, token =>
        {
            try
            {
                using var image = header.Format == ImageFormat.Jpeg
                    ? Image.Jpegload(path, shrink: 8, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error)
                    : Image.Pngload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
                image.KillWhen(token).Avg();
                return true;
            }
            catch (VipsException e) when (!token.IsCancellationRequested)
            {
                throw DecodeFailure(path, header.Format, e);
            }
        });
    }

    internal static Image Open(string path, ImageFormat format, int shrink = 1) => format == ImageFormat.Jpeg
        ? Image.Jpegload(path, shrink: shrink, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error)
        : Image.Pngload(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);

    /// <summary>Maps a libvips decode error to what the photographer should hear.</summary>
    internal static ImageRejectedException DecodeFailure(string path, ImageFormat format, VipsException error)
    {
        // libjpeg says "premature end"; libpng only says "read error", so a PNG without its IEND trailer counts as cut short.
        var truncated = format == ImageFormat.Jpeg
            ? error.Message.Contains("premature end", StringComparison.OrdinalIgnoreCase)
            : !EndsWith(path, PngEnd);
        return truncated ? Truncated() : Corrupt();
    }

    private void CheckLimits(long width, long height)
    {
        var pixels = width * height;
        if (pixels > limits.MaxPixels)
            throw new ImageRejectedException("too-many-pixels",
                $"The image is {Megapixels(pixels)} MP; the most we accept is {Megapixels(limits.MaxPixels)} MP.");
        if (Math.Max(width, height) > limits.MaxSide)
            throw new ImageRejectedException("side-too-long",
                $"The image is {width:N0} × {height:N0} px; neither side may be longer than {limits.MaxSide:N0} px.");
        if (pixels < limits.MinPixels)
            throw new ImageRejectedException("too-few-pixels",
                $"The image is {Megapixels(pixels)} MP; the co-op's minimum is {Megapixels(limits.MinPixels)} MP. Upload the full-size original.");
    }

    private static string Megapixels(long pixels) => (pixels / 1_000_000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static (ImageFormat Format, long Width, long Height) ReadDeclaredSize(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        Span<byte> head = stackalloc byte[24];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0)
            throw new ImageRejectedException("empty", "The file is empty.");
        head = head[..read];

        if (head.StartsWith(PngSignature))
        {
            // The IHDR chunk must come first: length 13, type, then width and height (big-endian).
            if (read < 24 || BinaryPrimitives.ReadUInt32BigEndian(head[8..]) != 13 || !head[12..16].SequenceEqual("IHDR"u8))
                throw Corrupt();
            var width = BinaryPrimitives.ReadUInt32BigEndian(head[16..]);
            var height = BinaryPrimitives.ReadUInt32BigEndian(head[20..]);
            if (width == 0 || height == 0) throw Corrupt();
            return (ImageFormat.Png, width, height);
        }
        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            var (width, height) = ReadJpegFrameSize(file);
            return (ImageFormat.Jpeg, width, height);
        }
        throw new ImageRejectedException("unsupported-type", "Only JPEG and PNG photos are accepted.");
    }

    /// <summary>Walks the JPEG segments to the first SOFn and reads its declared size, seeking past everything else.</summary>
    private static (long Width, long Height) ReadJpegFrameSize(FileStream file)
    {
        file.Position = 2;
        Span<byte> buffer = stackalloc byte[7];
        for (var segment = 0; segment < MaxJpegSegmentsBeforeFrame; segment++)
        {
            var marker = NextMarker(file);
            // Markers without a length: TEM and RSTn.
            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD7) continue;
            // Scan data or the end before any frame header: not an image we can size.
            if (marker is 0xD9 or 0xDA or 0xD8) throw Corrupt();

            if (file.ReadAtLeast(buffer[..2], 2, throwOnEndOfStream: false) < 2) throw Truncated();
            var length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
            if (length < 2) throw Corrupt();

            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                if (length < 7 || file.ReadAtLeast(buffer[..5], 5, throwOnEndOfStream: false) < 5) throw Corrupt();
                long height = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
                long width = BinaryPrimitives.ReadUInt16BigEndian(buffer[3..]);
                // A zero height means "defined later by a DNL marker", which libjpeg does not support.
                if (width == 0 || height == 0) throw Corrupt();
                return (width, height);
            }
            file.Seek(length - 2, SeekOrigin.Current);
            if (file.Position >= file.Length) throw Truncated();
        }
        throw Corrupt();
    }

    private static int NextMarker(FileStream file)
    {
        var first = file.ReadByte();
        if (first < 0) throw Truncated();
        if (first != 0xFF) throw Corrupt();
        int marker;
        // Any number of 0xFF fill bytes may precede a marker.
        do marker = file.ReadByte(); while (marker == 0xFF);
        if (marker < 0) throw Truncated();
        return marker;
    }

    private static bool EndsWith(string path, ReadOnlySpan<byte> trailer)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (file.Length < trailer.Length) return false;
        file.Position = file.Length - trailer.Length;
        Span<byte> end = stackalloc byte[trailer.Length];
        return file.ReadAtLeast(end, end.Length, throwOnEndOfStream: false) == end.Length && end.SequenceEqual(trailer);
    }

    private static ImageRejectedException Corrupt() =>
        new("corrupt", "The file is damaged or is not a valid JPEG or PNG. Export it again and re-upload.");

    private static ImageRejectedException Truncated() =>
        new("truncated", "The file is incomplete: it ends before the image does. Upload it again.");
}
