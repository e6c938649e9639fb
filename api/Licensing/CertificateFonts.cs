using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// PDFsharp finds no system fonts on Linux servers and containers: every typeface is DejaVu Sans (regular and
/// bold), shipped inside this assembly (Licensing/Fonts, Bitstream Vera licence in LICENSE-DejaVu.txt), so a
/// certificate looks the same on every machine and covers Latin, Greek and Cyrillic names.
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly CertificateFonts Instance = new();
    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> faces = new(StringComparer.Ordinal);

    /// <summary>
    /// PDFsharp's resolver is process-wide and may be set only before the first font is used, or again with the
    /// same instance: every caller goes through here first.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Whatever family is asked for: a certificate never depends on what the host has installed.
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faces.GetOrAdd(faceName, static name =>
    {
        var assembly = typeof(CertificateFonts).Assembly;
        var resource = $"{typeof(CertificateFonts).Namespace}.Fonts.{name}.ttf";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font {resource} is not embedded in {assembly.GetName().Name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    });
}
