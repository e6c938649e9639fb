using System.Globalization;
using System.Text;

namespace MediaCoop.Api.Uploads;

/// <summary>
/// The name a browser sent is kept for display only (storage keys are generated). It is cleaned of
/// paths, control and bidirectional-override characters, and shortened, keeping its extension.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;

    public static string Clean(string? raw, string fallbackExtension)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Cc: control (incl. NUL); Cf: format, which holds the right-to-left overrides that disguise extensions.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                continue;
            builder.Append(c is '%' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        name = builder.ToString().Trim().Trim('.');
        if (name.Length == 0) name = "image" + fallbackExtension;
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 10) extension = "";
            name = name[..(MaxLength - extension.Length)] + extension;
        }
        return name;
    }
}
