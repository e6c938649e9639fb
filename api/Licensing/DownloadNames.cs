using System.Globalization;
using System.Text;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// The name a licensed file is saved under, and the Content-Disposition that carries it (RFC 6266): an ASCII
/// <c>filename</c> for old clients and the exact UTF-8 name in <c>filename*</c> (RFC 5987). The title comes from
/// the photographer, so nothing in it may steer where the file lands or break the header.
/// </summary>
public static class DownloadNames
{
    private const int MaxStemLength = 80;

    /// <summary>"Title-2500x1667.jpg"; the asset id stands in for a missing or unusable title.</summary>
    public static string For(string? title, Guid assetId, int width, int height, string extension)
    {
        var stem = Clean(title);
        if (stem.Length == 0) stem = assetId.ToString("D");
        return string.Create(CultureInfo.InvariantCulture, $"{stem}-{width}x{height}.{extension}");
    }

    /// <summary><c>attachment; filename="ascii"; filename*=UTF-8''percent-encoded</c>.</summary>
    public static string AttachmentHeader(string fileName) =>
        $"attachment; filename=\"{AsciiFallback(fileName)}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    /// <summary>
    /// Drops what could change the meaning of a file name or of the header: control and format characters, path
    /// separators, quotes and the characters file systems reserve; runs of white space become one space, and
    /// leading/trailing dots and spaces go (no hidden files, no "..").
    /// </summary>
    internal static string Clean(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return "";
        var builder = new StringBuilder(title.Length);
        var lastWasSpace = false;
        foreach (var rune in title.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            if (category is UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) continue;
            if (rune.IsAscii && "/\\\"'`:*?<>|%;".Contains((char)rune.Value, StringComparison.Ordinal)) continue;
            builder.Append(rune.ToString());
            lastWasSpace = false;
        }
        var cleaned = builder.ToString().Trim(' ', '.');
        if (cleaned.Length > MaxStemLength)
        {
            // Cut on a character boundary, never between the halves of a surrogate pair.
            var cut = MaxStemLength;
            if (char.IsHighSurrogate(cleaned[cut - 1])) cut--;
            cleaned = cleaned[..cut].TrimEnd(' ', '.');
        }
        return cleaned;
    }

    // The build runs with invariant globalization (no ICU), where Normalize leaves non-ASCII text alone: the common
    // accented Latin letters are folded by table instead.
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćŁłŃńŚśŹźŻżĘęĄąŘřĚěŮůŐőŰű";
    private const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzCcCcLlNnSsZzZzEeAaRrEeUuOoUu";

    /// <summary>Common accents dropped (Zürich → Zurich); anything else outside printable ASCII becomes '_'.</summary>
    internal static string AsciiFallback(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var folded = Accented.IndexOf(c, StringComparison.Ordinal);
            if (folded >= 0) builder.Append(Plain[folded]);
            else if (c == 'ß') builder.Append("ss");
            else if (c is 'Æ' or 'æ' or 'Œ' or 'œ') builder.Append(c switch { 'Æ' => "AE", 'æ' => "ae", 'Œ' => "OE", _ => "oe" });
            else builder.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        }
        return builder.ToString();
    }
}
