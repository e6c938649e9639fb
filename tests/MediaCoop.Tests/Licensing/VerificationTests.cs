using System.Net;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Npgsql;

namespace MediaCoop.Tests.Licensing;

public sealed class VerificationTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Anyone_can_check_a_code_typed_loosely_and_learns_what_it_covers_but_nothing_about_the_buyer()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (buyer, me) = await Users.SignedInAsync(Api);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, [0xFF, 0xD8, 0xFF], 6000, 4000, "Fishing boats at dawn", editorialOnly: true);
        var (licenseId, _) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "large", 4000, 2667, editorialOnly: true);
        // A code with a 0 and a 1 in it, so the letter aliases are really exercised.
        var code = "0" + Fulfilment.NewVerificationCode()[1..6] + "1" + Fulfilment.NewVerificationCode()[7..];
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update licenses set verification_code = @code where id = @licenseId", new { code, licenseId });

        using var anonymous = Api.NewClient();
        var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');
        var response = await anonymous.GetAsync($"/api/v1/licenses/verify/{typed}");
        var text = await response.Content.ReadAsStringAsync();
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.That(body["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("valid"));
        Assert.That(body["asset"]!["id"]!.GetValue<Guid>(), Is.EqualTo(photo.Id));
        Assert.That(body["asset"]!["title"]!.GetValue<string>(), Is.EqualTo("Fishing boats at dawn"));
        Assert.That(body["asset"]!["contributorName"]!.GetValue<string>(), Is.EqualTo(owner.DisplayName));
        Assert.That(body["size"]!.GetValue<string>(), Is.EqualTo("large"));
        Assert.That(body["sizeLabel"]!.GetValue<string>(), Is.EqualTo("Large"));
        Assert.That((body["width"]!.GetValue<int>(), body["height"]!.GetValue<int>()), Is.EqualTo((4000, 2667)));
        Assert.That(body["editorialOnly"]!.GetValue<bool>(), Is.True);
        Assert.That(body["termsVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a revocation must show at once");

        Assert.That(text, Does.Not.Contain(me.Email).IgnoreCase);
        Assert.That(text, Does.Not.Contain(me.Id.ToString()));
        Assert.That(text, Does.Not.Contain(licenseId.ToString()));
        Assert.That(text, Does.Not.Contain("buyer").IgnoreCase);
        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("update users set display_name = 'Qzx Buyername' where id = @id", new { id = me.Id });
        text = await (await anonymous.GetAsync($"/api/v1/licenses/verify/{code}")).Content.ReadAsStringAsync();
        Assert.That(text, Does.Not.Contain("Buyername"));

        // Signed in as the buyer, the answer is the same: verification is not a back door to the account's data.
        var asBuyer = await (await buyer.GetAsync($"/api/v1/licenses/verify/{code}")).Content.ReadAsStringAsync();
        Assert.That(asBuyer, Does.Not.Contain(me.Email).IgnoreCase);
    }

    [Test]
    public async Task Revoked_and_superseded_licences_say_so()
    {
        var (_, owner) = await Users.SignedInAsync(Api, "contributor");
        var (_, me) = await Users.SignedInAsync(Api);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, [0xFF, 0xD8, 0xFF], 6000, 4000, "Ropes");
        var (revoked, revokedCode) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 1000, 667);
        var (small, smallCode) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 1000, 667);
        var (_, largeCode) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "large", 4000, 2667, upgradeOf: small);
        await LicenseArrange.RevokeAsync(revoked);

        using var anonymous = Api.NewClient();
        var body = await (await anonymous.GetAsync($"/api/v1/licenses/verify/{revokedCode}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("revoked"));
        Assert.That(body["revokedAt"], Is.Not.Null);
        body = await (await anonymous.GetAsync($"/api/v1/licenses/verify/{smallCode}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("superseded"), "the upgrade replaced it through fulfilment");
        body = await (await anonymous.GetAsync($"/api/v1/licenses/verify/{largeCode}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("valid"));
    }

    [TestCase("abc")]
    [TestCase("UUUUU-UUUUU-UUUUU")]
    [TestCase("ABCDE-FGHJK-MNPQRS")]
    [TestCase("ABCDE_FGHJK_MNPQR")]
    public async Task A_malformed_code_is_a_400_that_says_what_a_code_looks_like(string code)
    {
        using var anonymous = Api.NewClient();
        var problem = await (await anonymous.GetAsync($"/api/v1/licenses/verify/{Uri.EscapeDataString(code)}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("XXXXX-XXXXX-XXXXX"));
    }

    [Test]
    public async Task An_unknown_code_is_a_404()
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync($"/api/v1/licenses/verify/{Fulfilment.NewVerificationCode()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("abcde-fghjk-mnpqr", "ABCDE-FGHJK-MNPQR")]
    [TestCase("ABCDEFGHJKMNPQR", "ABCDE-FGHJK-MNPQR")]
    [TestCase(" o1il0 OOOOO-lllll ", "01110-00000-11111")]
    [TestCase("ABCDE-FGHJK-MNPQ", null)]
    [TestCase("ABCDE-FGHJK-MNPQU", null)]
    [TestCase("", null)]
    public void Codes_are_read_as_people_type_them(string input, string? expected) =>
        Assert.That(VerificationCodes.Normalise(input), Is.EqualTo(expected));
}
