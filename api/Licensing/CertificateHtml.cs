using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MediaCoop.Api.Licensing;

/// <summary>
/// The certificate as one printable HTML page with no outside resources but the photo's thumbnail. Every value is
/// HTML-encoded: titles and names come from other people. The only script is the print button's, allowed by nonce.
/// </summary>
public static class CertificateHtml
{
    // Names and titles in any script stay readable in the source; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(Certificate c, string nonce)
    {
        static string E(string value) => Encoder.Encode(value);
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder(8 * 1024);
        html.Append($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Licence certificate – {{E(c.AssetTitle)}}</title>
            <style nonce="{{nonce}}">
              :root { color-scheme: light; }
              * { box-sizing: border-box; }
              body { margin: 0; background: #eef0f2; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
              main { max-width: 800px; margin: 32px auto; background: #fff; padding: 48px 56px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
              .brand { font-size: 12px; letter-spacing: .12em; color: #5b636b; text-transform: uppercase; margin: 0; }
              h1 { font-size: 30px; margin: 4px 0 24px; }
              .banner { background: #b42318; color: #fff; text-align: center; font-size: 40px; font-weight: 800; letter-spacing: .15em; padding: 12px; margin: 0 0 8px; }
              .banner-note { color: #b42318; font-weight: 600; margin: 0 0 24px; }
              .photo { display: flex; gap: 20px; align-items: flex-start; margin-bottom: 24px; }
              .photo img { max-width: 200px; height: auto; border-radius: 4px; }
              dl { display: grid; grid-template-columns: 180px 1fr; gap: 6px 16px; margin: 0; }
              dt { color: #5b636b; font-size: 12px; text-transform: uppercase; letter-spacing: .06em; padding-top: 3px; }
              dd { margin: 0; overflow-wrap: anywhere; }
              .verify { border-top: 1px solid #d0d7de; margin-top: 28px; padding-top: 20px; }
              .code { font: 700 28px/1.2 ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: .08em; margin: 4px 0 8px; }
              .terms { margin-top: 36px; }
              .terms h2 { font-size: 18px; }
              .terms p { font-size: 13px; }
              .actions { max-width: 800px; margin: 24px auto 0; text-align: right; }
              button { font: inherit; padding: 8px 18px; border-radius: 6px; border: 1px solid #1f2328; background: #1f2328; color: #fff; cursor: pointer; }
              @media print {
                body { background: #fff; }
                main { margin: 0; box-shadow: none; padding: 0; max-width: none; }
                .actions { display: none; }
                .terms { break-before: page; }
                .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              }
            </style>
            </head>
            <body>
            <div class="actions"><button type="button" id="print">Print or save as PDF</button></div>
            <main>
            <p class="brand">MediaCoop · worker-owned stock photography</p>
            <h1>Licence certificate</h1>

            """);
        if (c.Status == "revoked")
        {
            var reason = string.IsNullOrWhiteSpace(c.RevokedReason) ? "" : ": " + c.RevokedReason;
            html.Append($"""<p class="banner" role="alert">REVOKED</p><p class="banner-note">Revoked on {E(Date(c.RevokedAt!.Value))}{E(reason)}. This licence no longer grants any use.</p>""").Append('\n');
        }
        else if (c.Status == "superseded")
        {
            html.Append("""<p class="banner" role="alert">SUPERSEDED</p><p class="banner-note">An upgrade replaced this licence; the newer licence's certificate states the use granted now.</p>""").Append('\n');
        }

        html.Append("""<section class="photo">""");
        if (c.Thumbnail is { } thumb)
            html.Append(inv, $"""<img src="{E(thumb.Url)}" width="{thumb.Width}" height="{thumb.Height}" alt="">""");
        html.Append("<dl>");
        void Field(string name, string value) => html.Append($"<dt>{E(name)}</dt><dd>{E(value)}</dd>\n");
        Field("Licence id", c.LicenseId.ToString());
        Field("Licensee", c.LicenseeName);
        Field("E-mail", c.LicenseeEmail);
        Field("Photo", c.AssetTitle);
        Field("Photo id", c.AssetId.ToString());
        Field("Photographer", c.ContributorName);
        Field("Licence", c.EditorialOnly ? "Editorial licence" : "Standard licence");
        Field("Size", string.Create(inv, $"{c.SizeLabel}: {c.Width} × {c.Height} px"));
        Field("Extended add-ons", c.ExtendedLabels.Count == 0 ? "None" : string.Join(", ", c.ExtendedLabels));
        if (c.EditorialOnly)
            Field("Editorial only", "To illustrate news, commentary and education only; never to advertise or promote.");
        Field("Issued", $"{Date(c.IssuedAt)} ({c.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv)} UTC)");
        Field("Terms", $"Version {c.TermsVersion}: {c.TermsTitle}");
        html.Append("</dl></section>\n");

        html.Append($$"""
            <section class="verify">
            <div class="brand">Verification code</div>
            <p class="code">{{E(c.VerificationCode)}}</p>
            <p>Anyone can check this licence at <a href="{{E(c.VerifyUrl)}}">{{E(c.VerifyUrl)}}</a></p>
            </section>
            <section class="terms">
            <h2>{{E(c.TermsTitle)}}</h2>
            {{TermsParagraphs(c.TermsBody)}}
            </section>
            </main>
            <script nonce="{{nonce}}">document.getElementById('print').addEventListener('click', function () { window.print(); });</script>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>The terms are stored with hard line breaks inside paragraphs and a blank line between them.</summary>
    private static string TermsParagraphs(string body) => string.Join("\n", body.Replace("\r\n", "\n", StringComparison.Ordinal)
        .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => $"<p>{Encoder.Encode(p.Replace('\n', ' '))}</p>"));

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
