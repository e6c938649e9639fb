using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// The certificate as an A4 PDF: the licence on page one, the terms it was sold under from page two. The
/// verification code and URL are drawn in a WinAnsi-encoded font, so they are plain text in the file (searchable,
/// copyable); names and titles use the Unicode encoding, so any script DejaVu covers prints.
/// </summary>
public static class CertificatePdf
{
    private const double Margin = 56;
    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x23, 0x28);
    private static readonly XColor Muted = XColor.FromArgb(0x5b, 0x63, 0x6b);
    private static readonly XColor Alert = XColor.FromArgb(0xb4, 0x23, 0x18);

    public static byte[] Render(Certificate c)
    {
        CertificateFonts.EnsureRegistered();
        var title = new XFont(CertificateFonts.Family, 22, XFontStyleEx.Bold);
        var heading = new XFont(CertificateFonts.Family, 13, XFontStyleEx.Bold);
        var label = new XFont(CertificateFonts.Family, 8.5, XFontStyleEx.Regular);
        var value = new XFont(CertificateFonts.Family, 11, XFontStyleEx.Regular);
        var strong = new XFont(CertificateFonts.Family, 11, XFontStyleEx.Bold);
        var body = new XFont(CertificateFonts.Family, 9.5, XFontStyleEx.Regular);
        var winAnsi = new XPdfFontOptions(PdfFontEncoding.WinAnsi);
        var code = new XFont(CertificateFonts.Family, 20, XFontStyleEx.Bold, winAnsi);
        var link = new XFont(CertificateFonts.Family, 10, XFontStyleEx.Regular, winAnsi);

        using var document = new PdfDocument();
        document.Info.Title = $"MediaCoop licence certificate {c.LicenseId}";
        document.Info.Subject = $"Licence for \"{c.AssetTitle}\" ({c.AssetId})";
        document.Info.Creator = "MediaCoop";
        // PDFsharp 6.2 writes its Flate streams without the zlib Adler-32 trailer: lenient viewers read them, strict
        // ones (Ghostscript: "incorrect data check") complain. A certificate must open anywhere for years, so it is
        // stored uncompressed (about 150 KB with the two font subsets).
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;

        var page = NewPage(document);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var width = page.Width.Point - 2 * Margin;
            var y = Margin;
            gfx.DrawString("MEDIACOOP · WORKER-OWNED STOCK PHOTOGRAPHY", label, new XSolidBrush(Muted), Margin, y + 8);
            y += 22;
            gfx.DrawString("Licence certificate", title, new XSolidBrush(Ink), Margin, y + 22);
            y += 40;

            if (c.Status != "valid")
            {
                var banner = c.Status == "revoked" ? "REVOKED" : "SUPERSEDED";
                var note = c.Status == "revoked"
                    ? $"Revoked on {Date(c.RevokedAt!.Value)}{(string.IsNullOrWhiteSpace(c.RevokedReason) ? "" : ": " + c.RevokedReason)}. This licence no longer grants any use."
                    : "An upgrade replaced this licence; the newer licence's certificate states the use granted now.";
                gfx.DrawRectangle(new XSolidBrush(Alert), Margin, y, width, 44);
                gfx.DrawString(banner, new XFont(CertificateFonts.Family, 26, XFontStyleEx.Bold), XBrushes.White,
                    new XRect(Margin, y, width, 44), XStringFormats.Center);
                y += 52;
                y = DrawWrapped(gfx, note, strong, new XSolidBrush(Alert), Margin, y, width, 14) + 8;
            }

            void Field(string name, string text, XFont? font = null)
            {
                gfx.DrawString(name.ToUpperInvariant(), label, new XSolidBrush(Muted), Margin, y + 8);
                y = DrawWrapped(gfx, text, font ?? value, new XSolidBrush(Ink), Margin + 130, y, width - 130, 14) + 6;
            }

            Field("Licence id", c.LicenseId.ToString());
            Field("Licensee", c.LicenseeName, strong);
            Field("E-mail", c.LicenseeEmail);
            Field("Photo", c.AssetTitle, strong);
            Field("Photo id", c.AssetId.ToString());
            Field("Photographer", c.ContributorName);
            Field("Licence", c.EditorialOnly ? "Editorial licence" : "Standard licence");
            Field("Size", string.Create(CultureInfo.InvariantCulture, $"{c.SizeLabel}: {c.Width} × {c.Height} px"));
            Field("Extended add-ons", c.ExtendedLabels.Count == 0 ? "None" : string.Join(", ", c.ExtendedLabels));
            if (c.EditorialOnly)
                Field("Editorial only", "To illustrate news, commentary and education only; never to advertise or promote.");
            Field("Issued", $"{Date(c.IssuedAt)} ({c.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)");
            Field("Terms", $"Version {c.TermsVersion}: {c.TermsTitle} (page 2)");

            y += 14;
            gfx.DrawLine(new XPen(Muted, 0.5), Margin, y, Margin + width, y);
            y += 16;
            gfx.DrawString("VERIFICATION CODE", label, new XSolidBrush(Muted), Margin, y + 8);
            y += 14;
            gfx.DrawString(c.VerificationCode, code, new XSolidBrush(Ink), Margin, y + 20);
            y += 32;
            gfx.DrawString("Anyone can check this licence at:", value, new XSolidBrush(Muted), Margin, y + 10);
            y += 16;
            var urlSize = gfx.MeasureString(c.VerifyUrl, link);
            gfx.DrawString(c.VerifyUrl, link, new XSolidBrush(XColor.FromArgb(0x0b, 0x57, 0xd0)), Margin, y + 10);
            // A clickable link in PDF viewers; PDF annotation rectangles count from the page's bottom edge.
            var bottom = page.Height.Point - (y + 12);
            page.AddWebLink(new PdfRectangle(new XPoint(Margin, bottom), new XPoint(Margin + urlSize.Width, bottom + urlSize.Height)), c.VerifyUrl);
        }

        // The terms, flowing over as many pages as they need.
        page = NewPage(document);
        var terms = XGraphics.FromPdfPage(page);
        try
        {
            var width = page.Width.Point - 2 * Margin;
            var y = Margin;
            y = DrawWrapped(terms, c.TermsTitle, heading, new XSolidBrush(Ink), Margin, y, width, 17) + 10;
            foreach (var paragraph in c.TermsBody.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
            {
                foreach (var line in WrapLines(terms, paragraph.Replace('\n', ' ').Trim(), body, width))
                {
                    if (y + 13 > page.Height.Point - Margin)
                    {
                        terms.Dispose();
                        page = NewPage(document);
                        terms = XGraphics.FromPdfPage(page);
                        y = Margin;
                    }
                    terms.DrawString(line, body, new XSolidBrush(Ink), Margin, y + 10);
                    y += 13;
                }
                y += 7;
            }
        }
        finally
        {
            terms.Dispose();
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static PdfPage NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        return page;
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Draws <paramref name="text"/> wrapped to <paramref name="width"/>; returns the y below it.</summary>
    private static double DrawWrapped(XGraphics gfx, string text, XFont font, XBrush brush, double x, double y, double width, double lineHeight)
    {
        foreach (var line in WrapLines(gfx, text, font, width))
        {
            gfx.DrawString(line, font, brush, x, y + lineHeight - 3);
            y += lineHeight;
        }
        return y;
    }

    /// <summary>Greedy word wrap; a word wider than the line (a long e-mail address) is broken by characters.</summary>
    private static List<string> WrapLines(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0) lines.Add(current);
            current = word;
            while (gfx.MeasureString(current, font).Width > width && current.Length > 1)
            {
                var fit = current.Length - 1;
                while (fit > 1 && gfx.MeasureString(current[..fit], font).Width > width) fit--;
                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }
}
