using System.Net;
using MediaCoop.Api.Licensing;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Licensing;

/// <summary>A host of its own: a configured public origin for the SPA, and a tight verification limit.</summary>
public sealed class LicenseDocumentSettingsTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void StartHost() => api = new ApiFactory(new Dictionary<string, string?>
    {
        ["Payments:PublicOrigin"] = "https://coop.example/",
        ["LicenseDocuments:VerificationsPerAddressPerMinute"] = "3",
    });

    [OneTimeTearDown]
    public async Task StopHost() => await api.DisposeAsync();

    [Test]
    public async Task Certificates_point_to_the_configured_public_origin_of_the_storefront()
    {
        var (_, owner) = await Users.SignedInOnAsync(api, TestDatabase.ConnectionString, "contributor");
        var (buyer, me) = await Users.SignedInOnAsync(api, TestDatabase.ConnectionString);
        var photo = await LicenseArrange.PublishedPhotoAsync(owner.Id, [0xFF, 0xD8, 0xFF], 6000, 4000, "Pier", inSharedStore: false);
        var (licenseId, code) = await LicenseArrange.LicenseAsync(me.Id, photo.Id, "small", 1000, 667);
        var html = await (await buyer.GetAsync($"/api/v1/me/licenses/{licenseId}/certificate")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"href=\"https://coop.example/verify/{code}\""));
    }

    [Test]
    public async Task Verification_is_rate_limited_per_address()
    {
        using var anonymous = api.NewClient();
        for (var i = 0; i < 3; i++)
            await (await anonymous.GetAsync($"/api/v1/licenses/verify/{Fulfilment.NewVerificationCode()}")).ProblemAsync(HttpStatusCode.NotFound);
        var limited = await anonymous.GetAsync($"/api/v1/licenses/verify/{Fulfilment.NewVerificationCode()}");
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
    }
}
