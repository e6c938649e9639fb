using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Xmp;
using MetadataExtractor.IO;
using XmpCore;
using MetadataDirectory = MetadataExtractor.Directory;

namespace MediaCoop.Api.Uploads;

public sealed record GpsPosition(double Latitude, double Longitude);

public sealed record EmbeddedMetadata(
    string? Title,
    string? Description,
    IReadOnlyList<string> Keywords,
    DateTimeOffset? CapturedAt,
    string? Camera,
    string? Lens,
    int? Orientation,
    GpsPosition? Gps);

/// <summary>
/// Reads what the photographer's tools wrote into the file (EXIF, IPTC, XMP) to prefill the draft.
/// Best effort by design: the contributor reviews every value, so a damaged block only costs the
/// fields it held. GPS is returned for the owner's eyes only; callers never publish it.
/// </summary>
public static class EmbeddedMetadataReader
{
    /// <summary>The product's limits (issue 3: titles ≤ 70 characters); prefill truncates so a draft never starts out invalid.</summary>
    internal const int TitleMaxLength = 70;
    internal const int DescriptionMaxLength = 2000;
    internal const int KeywordMaxLength = 50;

    private static readonly EmbeddedMetadata Empty = new(null, null, [], null, null, null, null, null);

    // Bounds the work a hostile file can cause; the 7–50 keyword rule is enforced when the contributor saves.
    private const int KeywordsReadLimit = 200;

    // MetadataExtractor 2.4.3 reads the tag but has no constant for it (later versions do).
    private const int TagOffsetTimeOriginal = 0x9011;

    /// <summary>
    /// Reads EXIF, IPTC and XMP from a JPEG/PNG file already validated as an image; never throws on
    /// malformed metadata (returns what it could read, empty otherwise).
    /// </summary>
    public static EmbeddedMetadata Read(string path)
    {
        // Opened outside the try: a missing or unreadable file is the caller's bug, not bad metadata.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024);
        IReadOnlyList<MetadataDirectory> directories;
        try
        {
            using var png = PngMetadataChunks(stream);
            stream.Position = 0;
            directories = ImageMetadataReader.ReadMetadata(png ?? (Stream)stream);
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return Empty;
        }

        // Each field is read on its own so that one damaged block cannot take the others with it.
        var iptc = directories.OfType<IptcDirectory>().ToList();
        if (iptc.Count == 0 && directories.OfType<PhotoshopDirectory>().Any(d => d.HasError))
            iptc = Safe(() => UnpaddedIptc(stream)) ?? [];
        var xmp = directories.OfType<XmpDirectory>().Select(d => d.XmpMeta).OfType<IXmpMeta>().ToList();
        var ifd0 = directories.OfType<ExifIfd0Directory>().ToList();
        var subIfd = directories.OfType<ExifSubIfdDirectory>().ToList();

        var title = Safe(() => Text.Title(
            FirstString(iptc, IptcDirectory.TagObjectName)
            ?? FirstXmp(xmp, m => LocalizedText(m, "title"))
            ?? FirstString(iptc, IptcDirectory.TagHeadline)));

        var description = Safe(() => Text.Truncate(
            Text.Clean(
                FirstString(iptc, IptcDirectory.TagCaption)
                ?? FirstXmp(xmp, m => LocalizedText(m, "description"))
                ?? FirstString(ifd0, ExifDirectoryBase.TagImageDescription)),
            DescriptionMaxLength));

        return new EmbeddedMetadata(
            title,
            description,
            Safe(() => Keywords(iptc, xmp)) ?? [],
            Safe(() => CapturedAt(subIfd, iptc)),
            Safe(() => Camera(FirstString(ifd0, ExifDirectoryBase.TagMake), FirstString(ifd0, ExifDirectoryBase.TagModel))),
            Safe(() => Lens(subIfd)),
            Safe(() => Orientation(ifd0)),
            Safe(() => Gps(directories.OfType<GpsDirectory>())));
    }

    // What a parser raises on bytes it does not expect, including the library's own slips on hostile
    // input (index, cast, null reference): a prefill is not worth failing an upload over. Narrower than
    // Exception so that out-of-memory and cancellation still surface.
    private static bool IsMalformedInput(Exception e) => e is ImageProcessingException or IOException or XmpException
        or XmlException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException
        or InvalidOperationException or InvalidCastException or NotSupportedException or NullReferenceException;

    private static T? Safe<T>(Func<T?> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return null;
        }
    }

    private static T? Safe<T>(Func<T?> read) where T : struct
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsMalformedInput(e))
        {
            return null;
        }
    }

    private const int MaxCompressedPngChunk = 16 * 1024;
    private const int MaxPngMetadataBytes = 4 * 1024 * 1024;

    /// <summary>
    /// For a PNG, a copy holding only the chunks metadata lives in; null for other files.
    /// MetadataExtractor 2.4.3 inflates zTXt/iTXt/iCCP chunks with no size limit: a 200 KB PNG with a
    /// compressed text chunk of zeros made it allocate 747 MB. Deflate expands at most ~1032:1, so
    /// passing on compressed chunks only up to 16 KB bounds that at ~16 MB; real XMP is far smaller,
    /// and Lightroom/ImageSharp write it uncompressed anyway. Pixels (IDAT) are never copied.
    /// </summary>
    private static MemoryStream? PngMetadataChunks(Stream stream)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        var head = new byte[8];
        if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8 || !head.AsSpan().SequenceEqual(signature)) return null;

        var copy = new MemoryStream();
        copy.Write(signature);
        var chunkHeader = new byte[8];
        while (stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) == 8)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(chunkHeader);
            if (length < 0) break;
            var type = Encoding.ASCII.GetString(chunkHeader, 4, 4);
            var wanted = type is "IHDR" or "eXIf" or "tEXt" or "iTXt" or "zTXt";
            var fits = copy.Length + 12 + length <= MaxPngMetadataBytes;
            if (!wanted || !fits)
            {
                if (type == "IEND") break;
                stream.Seek(length + 4L, SeekOrigin.Current); // data and CRC
                continue;
            }
            var data = new byte[length + 4];
            if (stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) < data.Length) break;
            if (IsCompressed(type, data.AsSpan(0, length)) && length > MaxCompressedPngChunk) continue;
            copy.Write(chunkHeader);
            copy.Write(data);
        }
        copy.Write([0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82]);
        copy.Position = 0;
        return copy;

        // zTXt is always compressed; iTXt carries a flag after its keyword's terminating zero.
        static bool IsCompressed(string type, ReadOnlySpan<byte> data)
        {
            if (type == "zTXt") return true;
            if (type != "iTXt") return false;
            var keywordEnd = data.IndexOf((byte)0);
            return keywordEnd < 0 || keywordEnd + 1 >= data.Length || data[keywordEnd + 1] != 0;
        }
    }

    /// <summary>
    /// Photoshop's resource format pads odd-length data with one zero byte. Some writers (ImageSharp 2.x
    /// among them) leave the pad out; MetadataExtractor 2.4.3 then fails reading the missing pad and
    /// drops the IPTC block it had already read. This re-reads the APP13 resources tolerating that.
    /// </summary>
    private static List<IptcDirectory> UnpaddedIptc(Stream stream)
    {
        const int iptcResource = 0x0404;
        var found = new List<IptcDirectory>();
        stream.Position = 0;
        foreach (var segment in JpegSegmentReader.ReadSegments(new SequentialStreamReader(stream), [JpegSegmentType.AppD]))
        {
            var bytes = segment.Bytes;
            if (!bytes.AsSpan().StartsWith("Photoshop 3.0\0"u8)) continue;
            var start = "Photoshop 3.0\0"u8.Length;
            var pos = start;
            // Each resource: "8BIM", id (2), Pascal name padded to even, size (4), data padded to even.
            while (pos + 12 <= bytes.Length)
            {
                var isPhotoshopResource = bytes.AsSpan(pos, 4).SequenceEqual("8BIM"u8);
                var id = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(pos + 4));
                pos += 7 + bytes[pos + 6];
                if ((pos - start) % 2 != 0) pos++;
                if (pos + 4 > bytes.Length) break;
                var size = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
                pos += 4;
                if (size < 0) break;
                // A resource cut short by the segment end still yields the IPTC records that fit.
                var available = Math.Min(size, bytes.Length - pos);
                if (isPhotoshopResource && id == iptcResource)
                    found.Add(new IptcReader().Extract(new SequentialByteArrayReader(bytes[pos..(pos + available)]), available));
                pos += available + size % 2;
            }
        }
        return found;
    }

    private static string? FirstString(IEnumerable<MetadataDirectory> directories, int tag) =>
        directories.Select(d => StringsOf(d, tag).FirstOrDefault(s => Text.Clean(s) is not null)).FirstOrDefault(s => s is not null);

    // IPTC strings arrive as StringValue carrying the encoding MetadataExtractor settled on: the
    // record's coded character set (1:90) when present, otherwise a UTF-8-then-Latin-1 guess per
    // value. ToString() decodes with that encoding, so both UTF-8 and Latin-1 files read correctly.
    private static IEnumerable<string> StringsOf(MetadataDirectory directory, int tag)
    {
        if (directory.GetStringValueArray(tag) is { } values)
            return values.Select(v => v.ToString());
        return directory.GetString(tag) is { } single ? [single] : [];
    }

    private static string? FirstXmp(IEnumerable<IXmpMeta> metas, Func<IXmpMeta, string?> read) =>
        metas.Select(m => Safe(() => read(m))).FirstOrDefault(s => Text.Clean(s) is not null);

    private static string? LocalizedText(IXmpMeta meta, string property) =>
        meta.GetLocalizedText(XmpConstants.NsDC, property, null, "x-default")?.Value;

    private static List<string> XmpSubjects(IXmpMeta meta)
    {
        var count = Math.Min(meta.CountArrayItems(XmpConstants.NsDC, "subject"), KeywordsReadLimit);
        var subjects = new List<string>(count);
        for (var i = 1; i <= count; i++) // XMP arrays are 1-based
            if (meta.GetArrayItem(XmpConstants.NsDC, "subject", i)?.Value is { } value)
                subjects.Add(value);
        return subjects;
    }

    private static List<string> Keywords(IEnumerable<IptcDirectory> iptc, IEnumerable<IXmpMeta> xmp)
    {
        var candidates = iptc.SelectMany(d => StringsOf(d, IptcDirectory.TagKeywords))
            .Concat(xmp.SelectMany(m => Safe(() => XmpSubjects(m)) ?? []));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keywords = new List<string>();
        foreach (var candidate in candidates)
        {
            // A keyword over the limit is usually a sentence pasted into the wrong field; cutting it
            // would invent a keyword nobody chose, so it is dropped and the contributor adds their own.
            if (Text.Clean(candidate) is not { Length: <= KeywordMaxLength } keyword) continue;
            if (seen.Add(keyword)) keywords.Add(keyword);
            if (keywords.Count == KeywordsReadLimit) break;
        }
        return keywords;
    }

    private static DateTimeOffset? CapturedAt(IEnumerable<ExifSubIfdDirectory> exif, IEnumerable<IptcDirectory> iptc)
    {
        foreach (var directory in exif)
        {
            if (ParseExifDateTime(directory.GetString(ExifDirectoryBase.TagDateTimeOriginal)) is not { } local) continue;
            // Without OffsetTimeOriginal the zone is unknown; UTC is a stated assumption, not a fact.
            var offset = ParseOffset(directory.GetString(TagOffsetTimeOriginal)) ?? TimeSpan.Zero;
            return new DateTimeOffset(local, offset);
        }
        foreach (var directory in iptc)
            if (ParseIptcDateTime(directory.GetString(IptcDirectory.TagDateCreated), directory.GetString(IptcDirectory.TagTimeCreated)) is { } created)
                return created;
        return null;
    }

    private static DateTime? ParseExifDateTime(string? value)
    {
        // Cameras write "YYYY:MM:DD HH:MM:SS"; some software uses dashes or drops the seconds.
        // Unset clocks write "0000:00:00 00:00:00", which fails the parse and reads as unknown.
        string[] formats = ["yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:dd HH:mm", "yyyy-MM-ddTHH:mm:ss"];
        return DateTime.TryParseExact(value?.Trim().TrimEnd('\0'), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>EXIF 2.31 offsets look like "+02:00" or "-05:30".</summary>
    private static TimeSpan? ParseOffset(string? value)
    {
        value = value?.Trim().TrimEnd('\0');
        if (value is not { Length: 6 } || value[0] is not ('+' or '-') || value[3] != ':') return null;
        if (!int.TryParse(value.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(value.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
            return null;
        var offset = new TimeSpan(hours, minutes, 0);
        return value[0] == '-' ? -offset : offset;
    }

    /// <summary>IPTC 2:55 is CCYYMMDD and 2:60 is HHMMSS±HHMM; a missing time means midnight, a missing zone UTC.</summary>
    private static DateTimeOffset? ParseIptcDateTime(string? date, string? time)
    {
        if (!DateTime.TryParseExact(date?.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return null;
        time = time?.Trim();
        if (time is { Length: >= 6 }
            && TimeSpan.TryParseExact(time[..6], "hhmmss", CultureInfo.InvariantCulture, out var clock))
        {
            var offset = time.Length == 11 ? ParseOffset($"{time[6..9]}:{time[9..]}") ?? TimeSpan.Zero : TimeSpan.Zero;
            return new DateTimeOffset(DateTime.SpecifyKind(day + clock, DateTimeKind.Unspecified), offset);
        }
        return new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    /// <summary>
    /// "Make Model", without saying the brand twice: Canon writes Make "Canon" and Model "Canon EOS R5";
    /// Nikon writes "NIKON CORPORATION" and "NIKON Z 8", so the make's first word counts too.
    /// </summary>
    internal static string? Camera(string? make, string? model)
    {
        make = Text.Clean(make);
        model = Text.Clean(model);
        if (make is null || model is null) return make ?? model;
        var brand = make.Split(' ')[0];
        return StartsWithWord(model, make) || StartsWithWord(model, brand) ? model : $"{make} {model}";
    }

    private static bool StartsWithWord(string text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || text[word.Length] == ' ');

    private static string? Lens(IEnumerable<ExifSubIfdDirectory> exif)
    {
        foreach (var directory in exif)
            if (Text.Clean(directory.GetString(ExifDirectoryBase.TagLensModel)) is { } model)
                return model;
        foreach (var directory in exif)
            if (directory.GetRationalArray(ExifDirectoryBase.TagLensSpecification) is { Length: 4 } spec)
                return FormatLensSpecification(spec);
        return null;
    }

    /// <summary>
    /// LensSpecification is min/max focal length then the widest aperture at each; 0/0 means unknown.
    /// Formatted the way lenses are named: "24-105mm f/4", "70-300mm f/4.5-5.6", "50mm f/1.8".
    /// </summary>
    private static string? FormatLensSpecification(Rational[] spec)
    {
        static double? Value(Rational r) => r.Denominator == 0 || r.Numerator <= 0 ? null : r.ToDouble();
        static string Number(double d) => Math.Round(d, 1).ToString("0.#", CultureInfo.InvariantCulture);
        var (minFocal, maxFocal, minFAtMin, minFAtMax) = (Value(spec[0]), Value(spec[1]), Value(spec[2]), Value(spec[3]));
        if (minFocal is null) return null;
        var focal = maxFocal is { } max && Number(max) != Number(minFocal.Value) ? $"{Number(minFocal.Value)}-{Number(max)}mm" : $"{Number(minFocal.Value)}mm";
        var aperture = minFAtMin switch
        {
            null => "",
            { } wide when minFAtMax is { } tele && Number(tele) != Number(wide) => $" f/{Number(wide)}-{Number(tele)}",
            { } wide => $" f/{Number(wide)}",
        };
        return focal + aperture;
    }

    private static int? Orientation(IEnumerable<ExifIfd0Directory> exif)
    {
        foreach (var directory in exif)
            if (directory.TryGetInt32(ExifDirectoryBase.TagOrientation, out var value) && value is >= 1 and <= 8)
                return value;
        return null;
    }

    private static GpsPosition? Gps(IEnumerable<GpsDirectory> gps)
    {
        // MetadataExtractor 2.4.3 has GetGeoLocation (null when unreadable); TryGetGeoLocation came later.
        foreach (var directory in gps)
        {
            var location = directory.GetGeoLocation();
            // 0,0 is what receivers without a fix write; nobody photographs that spot in the Gulf of Guinea.
            if (location is null || location.IsZero) continue;
            var (latitude, longitude) = (location.Latitude, location.Longitude);
            if (double.IsFinite(latitude) && double.IsFinite(longitude) && Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180)
                return new GpsPosition(latitude, longitude);
        }
        return null;
    }

    /// <summary>Text rules shared by every string we prefill.</summary>
    internal static class Text
    {
        /// <summary>
        /// Trimmed, NFC, no control characters (line breaks and tabs become spaces so words stay apart),
        /// no bidirectional overrides (they make a title display differently from what it says); null when nothing is left.
        /// </summary>
        public static string? Clean(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var builder = new StringBuilder(value.Length);
            foreach (var c in value.Normalize(NormalizationForm.FormC))
            {
                if (char.IsWhiteSpace(c))
                {
                    if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
                }
                else if (!char.IsControl(c) && !IsBidiControl(c) && c != '\uFEFF')
                {
                    builder.Append(c);
                }
            }
            var cleaned = builder.ToString().Trim();
            return cleaned.Length == 0 ? null : cleaned;
        }

        private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

        public static string? Title(string? value) => Truncate(Clean(value), TitleMaxLength);

        /// <summary>Cuts at the last space that keeps the text within the limit; a single over-long word is cut hard.</summary>
        public static string? Truncate(string? value, int maxLength)
        {
            if (value is null || value.Length <= maxLength) return value;
            var space = value.LastIndexOf(' ', maxLength);
            // Cutting at a space far back would throw most of the text away; a hard cut keeps more.
            var cut = space >= maxLength / 2 ? space : maxLength;
            if (char.IsHighSurrogate(value[cut - 1])) cut--;
            return value[..cut].TrimEnd();
        }
    }
}
