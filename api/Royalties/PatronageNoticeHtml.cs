using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MediaCoop.Api.Platform;

namespace MediaCoop.Api.Royalties;

/// <summary>Amounts in major units for documents people read (CSV, printable notices); the API itself sends minor units.</summary>
public static class MoneyText
{
    // ISO 4217 currencies without minor units; everything else the co-op could sell in has two.
    private static readonly HashSet<string> ZeroDecimal = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

    public static int MinorDigits(string currency) => ZeroDecimal.Contains(currency) ? 0 : 2;

    /// <summary>"1234.50" — no grouping, invariant, for CSV cells a spreadsheet reads as a number.</summary>
    public static string Plain(long minor, string currency)
    {
        var digits = MinorDigits(currency);
        return digits == 0
            ? minor.ToString(CultureInfo.InvariantCulture)
            : (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>"1,234.50 USD" for printed documents.</summary>
    public static string Display(Money money) =>
        (MinorDigits(money.Currency) == 0
            ? money.Amount.ToString("#,0", CultureInfo.InvariantCulture)
            : (money.Amount / 100m).ToString("#,0.00", CultureInfo.InvariantCulture)) + " " + money.Currency;
}

/// <summary>A notice of allocation as a printable page: what the member was allocated, on what basis, paid how.</summary>
public static class PatronageNoticeHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(PatronageNotice notice, string memberName, string nonce)
    {
        static string E(string value) => Encoder.Encode(value);
        var basis = notice.Basis switch
        {
            PatronageBasis.Royalties => $"Royalties credited to you in {notice.Year}: {MoneyText.Display(new(notice.BasisAmount, notice.Total.Currency))}",
            PatronageBasis.YearsOfService => $"Years of service at the end of {notice.Year}: {notice.BasisAmount}",
            _ => "Founders share equally",
        };
        var cashPercent = notice.Total.Amount == 0 ? 0 : Math.Round(100m * notice.Cash.Amount / notice.Total.Amount, 1);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Notice of allocation {{notice.Year}} – {{E(memberName)}}</title>
            <style nonce="{{nonce}}">
              body { margin: 0; background: #eef0f2; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
              main { max-width: 760px; margin: 32px auto; background: #fff; padding: 48px 56px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
              .brand { font-size: 12px; letter-spacing: .12em; color: #5b636b; text-transform: uppercase; margin: 0; }
              h1 { font-size: 28px; margin: 4px 0 24px; }
              dl { display: grid; grid-template-columns: 220px 1fr; gap: 6px 16px; margin: 0 0 24px; }
              dt { color: #5b636b; }
              dd { margin: 0; font-variant-numeric: tabular-nums; }
              .total { font-weight: 700; }
              p.note { font-size: 13px; color: #5b636b; }
              .actions { max-width: 760px; margin: 24px auto 0; text-align: right; }
              button { font: inherit; padding: 8px 18px; border-radius: 6px; border: 1px solid #1f2328; background: #1f2328; color: #fff; cursor: pointer; }
              @media print { body { background: #fff; } main { margin: 0; box-shadow: none; padding: 0; } .actions { display: none; } }
            </style>
            </head>
            <body>
            <div class="actions"><button type="button" id="print">Print</button></div>
            <main>
            <p class="brand">MediaCoop — worker-owned stock photography</p>
            <h1>Notice of allocation, fiscal year {{notice.Year}}</h1>
            <dl>
              <dt>Member</dt><dd>{{E(memberName)}}</dd>
              <dt>Member class</dt><dd>{{E(notice.MemberClass)}}</dd>
              <dt>Basis</dt><dd>{{E(basis)}}</dd>
              <dt>Patronage allocated</dt><dd class="total">{{E(MoneyText.Display(notice.Total))}}</dd>
              <dt>Paid in cash</dt><dd>{{E(MoneyText.Display(notice.Cash))}} ({{cashPercent.ToString(CultureInfo.InvariantCulture)}} %)</dd>
              <dt>Retained in the co-op</dt><dd>{{E(MoneyText.Display(notice.Retained))}}</dd>
              <dt>Recorded</dt><dd>{{notice.RecordedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}</dd>
            </dl>
            <p class="note">This notice records your share of the co-op's {{notice.Year}} surplus, allocated by the formula the members
            adopted: the pool is divided between member classes, then within each class by its basis. The cash portion is paid
            to you; the retained portion stays in the co-op as your capital and is credited to you in its books.</p>
            </main>
            <script nonce="{{nonce}}">document.getElementById('print').addEventListener('click', () => window.print());</script>
            </body>
            </html>
            """;
    }
}
