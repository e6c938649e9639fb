using System.Net;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Members;

public sealed class SignInProtectionTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        await client.LogoutAsync();

        var wrongPassword = await client.LoginAsync(email, "not the right password at all");
        var unknownEmail = await client.LoginAsync(ApiClient.UniqueEmail(), "not the right password at all");

        var a = await wrongPassword.ProblemAsync(HttpStatusCode.Unauthorized);
        var b = await unknownEmail.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(a["title"]!.ToString(), Is.EqualTo(b["title"]!.ToString()));
            Assert.That(a["detail"]!.ToString(), Is.EqualTo(b["detail"]!.ToString()));
            Assert.That(a["detail"]!.ToString(), Is.EqualTo("The email or password is incorrect."));
        });
    }

    [Test]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        await client.LogoutAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.LoginAsync(email, $"wrong password number {i}")).StatusCode);
        Assert.That(statuses.Take(4), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses[4], Is.EqualTo(HttpStatusCode.TooManyRequests), "the fifth failure locks the account");

        var locked = await client.LoginAsync(email);
        var problem = await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(retryAfter, Is.InRange(60, 15 * 60));
            Assert.That(problem["detail"]!.ToString(), Does.Contain("Try again in"));
        });
        await (await client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Unknown_emails_lock_the_same_way_so_lockout_reveals_nothing()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail("nobody");
        for (var i = 0; i < 5; i++) await client.LoginAsync(email, "still not a password");
        await (await client.LoginAsync(email, "still not a password")).ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task A_successful_sign_in_clears_earlier_failures()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        await client.LogoutAsync();
        for (var i = 0; i < 4; i++) await client.LoginAsync(email, "wrong wrong wrong wrong");
        Assert.That((await client.LoginAsync(email)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await client.LogoutAsync();
        for (var i = 0; i < 4; i++)
            Assert.That((await client.LoginAsync(email, "wrong again, but counted afresh")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Too_many_attempts_from_one_address_get_429_with_retry_after()
    {
        await using var strict = new ApiFactory(new Dictionary<string, string?> { ["Auth:AttemptsPerAddressPerMinute"] = "3" });
        using var client = strict.NewClient();
        for (var i = 0; i < 3; i++)
            Assert.That((await client.LoginAsync(ApiClient.UniqueEmail(), "some password here")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var limited = await client.LoginAsync(ApiClient.UniqueEmail(), "some password here");
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [TestCase("POST", "/api/v1/auth/login")]
    [TestCase("POST", "/api/v1/auth/register")]
    [TestCase("POST", "/api/v1/auth/logout")]
    public async Task State_changing_requests_without_the_antiforgery_token_are_refused(string method, string path)
    {
        var (client, _) = await Users.SignedInAsync(Api);
        var response = await client.SendAsync(new HttpMethod(method), path,
            new { email = ApiClient.UniqueEmail(), password = ApiClient.StrongPassword, displayName = "X" }, withAntiforgery: false);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["title"]!.ToString(), Does.Contain("antiforgery"));
        Assert.That((await client.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refused logout left the session alone");
    }

    [Test]
    public async Task An_antiforgery_token_from_another_session_is_refused()
    {
        var (victim, _) = await Users.SignedInAsync(Api);
        using var attacker = Api.NewClient();
        await attacker.RefreshAntiforgeryAsync();
        var attackerToken = (await attacker.Http.GetStringAsync("/api/v1/auth/antiforgery"));
        var token = System.Text.Json.Nodes.JsonNode.Parse(attackerToken)!["token"]!.GetValue<string>();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Add("X-XSRF-TOKEN", token);
        await (await victim.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
