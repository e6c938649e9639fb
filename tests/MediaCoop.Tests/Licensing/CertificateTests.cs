using System.Net;
using System.Text;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using Npgsql;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.IO;

namespace MediaCoop.Tests.Licensing;

public sealed class CertificateTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private static async Task<(ApiClient Buyer, Me Me, Guid LicenseId, string Code, LicenseArrange.Photo Photo)> LicensedAsync(string title)
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, [0xFF, 0xD8, 0xFF], 6000, 4000, title);
        var (licenseId, code) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "medium", 2500, 1667, ["unlimited-print"]);
        return (buyer, me, licenseId, code, photo);
    }

    [Test]
    public async Task The_certificate_page_states_the_licence_and_encodes_everything_people_wrote()
    {
        var (buyer, me, licenseId, code, photo) = await LicensedAsync("<script>alert('x')</script> Harbour & boats");
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update users set display_name = 'Zoë <b>Bold</b>' where id = @id", new { id = me.Id });

        var response = await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}/certificate");
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a certificate carries personal data");
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'nonce-"));

        Assert.That(html, Does.Not.Contain("<script>alert"));
        Assert.That(html, Does.Not.Contain("<b>Bold"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Harbour &amp; boats"));
        Assert.That(html, Does.Contain("Zoë &lt;b&gt;Bold&lt;/b&gt;"));
        Assert.That(html, Does.Contain(licenseId.ToString()));
        Assert.That(html, Does.Contain(photo.Id.ToString()));
        Assert.That(html, Does.Contain(me.Email));
        Assert.That(html, Does.Contain("Medium: 2500 × 1667 px"));
        Assert.That(html, Does.Contain("Unlimited print runs"));
        Assert.That(html, Does.Contain("Standard licence"));
        Assert.That(html, Does.Contain(code));
        Assert.That(html, Does.Contain($"https://localhost/verify/{code}"), "no public origin configured: the request's own");
        Assert.That(html, Does.Contain("id=\"print\""));
        Assert.That(html, Does.Contain("MediaCoop licence terms, version 1"));
        Assert.That(html, Does.Not.Contain("REVOKED"));
    }

    [Test]
    public async Task Revoked_and_superseded_certificates_say_so_on_the_page_and_in_the_pdf()
    {
        var (buyer, me, licenseId, _, photo) = await LicensedAsync("Quay at noon");
        await LicenseArrange.RevokeAsync(licenseId, "Refunded on request");
        var html = await (await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}/certificate")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain(">REVOKED<"));
        Assert.That(html, Does.Contain("Refunded on request"));
        Assert.That(PageText(await PdfAsync(buyer, licenseId), 0), Does.Contain("(REVOKED)"));

        var (upgraded, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "large", 4000, 2667);
        var (old, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 1000, 667);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update licenses set superseded_by = @upgraded where id = @old", new { upgraded, old });
        html = await (await buyer.GetAsync($"/api/v1/me/licenses/{old}/certificate")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain(">SUPERSEDED<"));
        Assert.That(PageText(await PdfAsync(buyer, old), 0), Does.Contain("(SUPERSEDED)"));
        html = await (await buyer.GetAsync($"/api/v1/me/licenses/{upgraded}/certificate")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Contain("SUPERSEDED").And.Not.Contain("REVOKED"));
    }

    [Test]
    public async Task The_pdf_carries_the_verification_code_and_a_link_to_the_public_check_and_the_terms_on_page_two()
    {
        var (buyer, _, licenseId, code, _) = await LicensedAsync("Nets drying, Zürich");
        var bytes = await PdfAsync(buyer, licenseId);
        Assert.That(Encoding.ASCII.GetString(bytes, 0, 5), Is.EqualTo("%PDF-"));

        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.That(pdf.PageCount, Is.GreaterThanOrEqualTo(2), "the terms start on page two");
                Assert.That(PageText(bytes, 0), Does.Contain($"({code})"), "the code is drawn as text on page one");
        Assert.That(PageText(bytes, 0), Does.Contain($"(https://localhost/verify/{code})"));
        Assert.That(PageText(bytes, 0), Does.Contain("(Nets drying, Zürich)"));
        Assert.That(PageText(bytes, 1), Does.Contain("(MediaCoop licence terms, version 1)"));
        var links = pdf.Pages[0].Annotations.Cast<PdfAnnotation>()
            .Select(a => a.Elements.GetDictionary("/A")?.Elements.GetString("/URI")).ToList();
        Assert.That(links, Does.Contain($"https://localhost/verify/{code}"));
    }

    [Test]
    public async Task Names_outside_latin_print_in_the_pdf()
    {
        var (buyer, me, licenseId, _, _) = await LicensedAsync("Гавань на рассвете");
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update users set display_name = 'Ольга Ἀθηνᾶ' where id = @id", new { id = me.Id });
        var bytes = await PdfAsync(buyer, licenseId);
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.That(pdf.PageCount, Is.GreaterThanOrEqualTo(2));
        var page = PageText(bytes, 0);
        var licensee = page[(page.IndexOf("(LICENSEE) Tj", StringComparison.Ordinal) + 13)..page.IndexOf("(E-MAIL) Tj", StringComparison.Ordinal)];
        Assert.That(licensee, Does.Contain("> Tj"), "the name is drawn as glyph ids of the Unicode font, not dropped");
    }

    [Test]
    public async Task Only_the_licensee_gets_the_certificate()
    {
        var (_, _, licenseId, _, _) = await LicensedAsync("Lighthouse");
        var (stranger, _) = await Users.SignedInAsync(Api);
        using var anonymous = Api.NewClient();
        foreach (var path in new[] { $"/api/v1/me/licenses/{licenseId}/certificate", $"/api/v1/me/licenses/{licenseId}/certificate.pdf" })
        {
            await (await stranger.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
            await (await anonymous.GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);
        }
        await (await stranger.GetAsync($"/api/v1/me/licenses/{Guid.CreateVersion7()}/certificate")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<byte[]> PdfAsync(ApiClient buyer, Guid licenseId)
    {
        var response = await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}/certificate.pdf");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// The decompressed content streams of one page. Text in the WinAnsi font (code, URL) appears as PDF string
    /// literals, "(XXXXX-XXXXX-XXXXX)"; text in the Unicode font appears as glyph ids.
    /// </summary>
    private static string PageText(byte[] pdfBytes, int page)
    {
        using var pdf = PdfReader.Open(new MemoryStream(pdfBytes), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var item in pdf.Pages[page].Contents.Elements)
        {
            var content = item is PdfReference reference ? reference.Value : item;
            if (content is PdfDictionary { Stream: { } stream }) text.Append(Encoding.Latin1.GetString(stream.UnfilteredValue));
        }
        return text.ToString();
    }
}
