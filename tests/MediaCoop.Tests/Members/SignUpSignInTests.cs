using System.Net;
using System.Net.Http.Json;
using Dapper;
using MediaCoop.Tests.Infrastructure;
using Npgsql;

namespace MediaCoop.Tests.Members;

public sealed class SignUpSignInTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    [Test]
    public async Task Sign_up_signs_in_as_a_buyer_and_sign_out_ends_the_session()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();

        var registered = await client.RegisterAsync(email, displayName: "Rosa Parkes");
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var me = await client.MeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(me.Email, Is.EqualTo(email));
            Assert.That(me.DisplayName, Is.EqualTo("Rosa Parkes"));
            Assert.That(me.Roles, Is.EqualTo(new[] { "buyer" }));
            Assert.That(me.Membership, Is.Null, "signing up buys no share of the co-op");
        });

        Assert.That((await client.LogoutAsync()).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await client.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.That((await client.LoginAsync(email.ToUpperInvariant())).StatusCode, Is.EqualTo(HttpStatusCode.OK), "emails are case-insensitive");
        Assert.That((await client.MeAsync()).Email, Is.EqualTo(email));
    }

    [Test]
    public async Task A_session_cookie_copied_before_sign_out_is_dead_after_it()
    {
        var (client, _) = await Users.SignedInAsync(Api);
        var cookieHeader = ((HttpResponseMessage)await client.GetAsync("/api/v1/me")).RequestMessage!.Headers.GetValues("Cookie").Single();

        Assert.That((await client.LogoutAsync()).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var thief = Api.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        replay.Headers.Add("Cookie", cookieHeader);
        await (await thief.SendAsync(replay)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_session_cookie_is_host_prefixed_secure_http_only_and_lax()
    {
        using var client = Api.NewClient();
        var response = await client.RegisterAsync(ApiClient.UniqueEmail());
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("mc.session", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(setCookie, Does.StartWith("__Host-mc.session="));
            Assert.That(setCookie, Does.Contain("secure").IgnoreCase);
            Assert.That(setCookie, Does.Contain("httponly").IgnoreCase);
            Assert.That(setCookie, Does.Contain("samesite=lax").IgnoreCase);
            Assert.That(setCookie, Does.Contain("path=/").IgnoreCase);
            Assert.That(setCookie, Does.Not.Contain("domain=").IgnoreCase);
        });
    }

    [Test]
    public async Task Signing_up_twice_with_one_email_is_a_conflict_on_the_email_field()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email);
        using var other = Api.NewClient();

        var problem = await (await other.RegisterAsync(email.ToUpperInvariant())).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["errors"]!["email"]![0]!.GetValue<string>(), Does.Contain("already exists"));
    }

    [TestCase("", "", "", "email", "Enter your email")]
    [TestCase("not-an-email", "violet tugboat orchestra 1987", "N", "email", "like name@example.com")]
    [TestCase("a@example.test", "short pw", "N", "password", "at least 12 characters")]
    [TestCase("a@example.test", "password1234", "N", "password", "too common")]
    [TestCase("a@example.test", "Qwertyuiop123", "N", "password", "too common")]
    [TestCase("a@example.test", "abababababababab", "N", "password", "too common")]
    [TestCase("long.address@example.test", "LONG.ADDRESS@example.test", "N", "password", "not be your email")]
    [TestCase("a@example.test", "violet tugboat orchestra 1987", "  ", "displayName", "Enter the name")]
    public async Task Invalid_sign_up_gets_field_errors_as_a_validation_problem(
        string email, string password, string displayName, string field, string message)
    {
        using var client = Api.NewClient();
        var problem = await (await client.RegisterAsync(email, password, displayName)).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.ContainsKey(field), Is.True, problem.ToJsonString());
        Assert.That(errors[field]![0]!.GetValue<string>(), Does.Contain(message));
    }

    [Test]
    public async Task A_rejected_sign_up_creates_no_account()
    {
        using var client = Api.NewClient();
        var email = ApiClient.UniqueEmail();
        await client.RegisterAsync(email, "short");
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from users where email = @email", new { email }), Is.Zero);
    }

    [Test]
    public async Task Malformed_json_is_a_problem_not_a_crash()
    {
        using var client = Api.NewClient();
        await client.RefreshAntiforgeryAsync();
        var token = (await client.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/auth/antiforgery"))!["token"]!.GetValue<string>();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-XSRF-TOKEN", token);
        await (await client.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Unknown_api_routes_are_404_problems()
    {
        using var client = Api.NewClient();
        await (await client.GetAsync("/api/v1/no-such-thing")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
