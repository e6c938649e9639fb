using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MediaCoop.Tests.Infrastructure;

namespace MediaCoop.Tests.Members;

/// <summary>For each protected route: who may NOT call it, then that the right role can.</summary>
public sealed class RoleTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    public static IEnumerable<TestCaseData> AdminRoutes()
    {
        var someone = Guid.NewGuid();
        yield return new TestCaseData("GET", "/api/v1/admin/users", null).SetName("ListUsers");
        yield return new TestCaseData("PUT", $"/api/v1/admin/users/{someone}/roles", new { roles = new[] { "editor" } }).SetName("SetUserRoles");
        yield return new TestCaseData("POST", $"/api/v1/admin/users/{someone}/membership", new { memberClass = "worker" }).SetName("GrantMembership");
    }

    [TestCaseSource(nameof(AdminRoutes))]
    public async Task Admin_routes_refuse_anonymous_buyers_contributors_and_editors(string method, string path, object? body)
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Unauthorized);

        foreach (var role in new[] { "buyer", "contributor", "editor" })
        {
            var (client, _) = await Users.SignedInAsync(Api, role);
            using (client)
                await (await client.SendAsync(new HttpMethod(method), path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [TestCase("GET", "/api/v1/me")]
    [TestCase("POST", "/api/v1/auth/logout")]
    public async Task Signed_in_routes_refuse_anonymous_callers(string method, string path)
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.SendAsync(new HttpMethod(method), path)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_admin_grants_a_role_and_it_applies_to_the_users_next_request()
    {
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (person, me) = await Users.SignedInAsync(Api);
        await (await person.GetAsync("/api/v1/admin/users")).ProblemAsync(HttpStatusCode.Forbidden);

        var granted = await admin.PutAsync($"/api/v1/admin/users/{me.Id}/roles", new { roles = new[] { "admin", "editor" } });
        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await granted.Content.ReadAsStringAsync());
        var summary = await granted.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(summary!["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "admin", "buyer", "editor" }));

        Assert.That((await person.MeAsync()).Roles, Is.EqualTo(new[] { "admin", "buyer", "editor" }));
        Assert.That((await person.GetAsync("/api/v1/admin/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "no sign-out needed");
    }

    [Test]
    public async Task Unknown_roles_are_a_validation_problem_and_admins_cannot_demote_themselves()
    {
        var (admin, me) = await Users.SignedInAsync(Api, "admin");
        var problem = await (await admin.PutAsync($"/api/v1/admin/users/{me.Id}/roles", new { roles = new[] { "overlord" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.ToJsonString(), Does.Contain("Unknown role"));

        await (await admin.PutAsync($"/api/v1/admin/users/{me.Id}/roles", new { roles = new[] { "editor" } })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await admin.MeAsync()).Roles, Does.Contain("admin"));
    }

    [Test]
    public async Task Membership_is_a_separate_record_holding_one_share()
    {
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var (person, me) = await Users.SignedInAsync(Api, "contributor");
        Assert.That(me.Membership, Is.Null, "the contributor role alone is not membership");

        var granted = await admin.PostAsync($"/api/v1/admin/users/{me.Id}/membership", new { memberClass = "contributor" });
        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await granted.Content.ReadAsStringAsync());
        var membership = (await person.MeAsync()).Membership;
        Assert.That(membership, Is.EqualTo(new MeMembership("contributor", 1)));

        await (await admin.PostAsync($"/api/v1/admin/users/{me.Id}/membership", new { memberClass = "founder" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/membership", new { memberClass = "founder" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Admins_page_through_users_with_a_cursor()
    {
        var (admin, _) = await Users.SignedInAsync(Api, "admin");
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
            using (var c = Api.NewClient()) await c.RegisterAsync($"{tag}-{i}@example.test");

        var first = await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/users?q={tag}&limit=2");
        Assert.That(first!["items"]!.AsArray(), Has.Count.EqualTo(2));
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await admin.Http.GetFromJsonAsync<JsonObject>($"/api/v1/admin/users?q={tag}&limit=2&cursor={cursor}");
        Assert.Multiple(() =>
        {
            Assert.That(second!["items"]!.AsArray().Single()!["email"]!.GetValue<string>(), Is.EqualTo($"{tag}-2@example.test"));
            Assert.That(second["nextCursor"], Is.Null);
        });
    }
}

public sealed class JobsDashboardTests
{
    [Test]
    public async Task Only_admins_see_the_jobs_dashboard()
    {
        var api = ApiFactory.Shared;
        using var anonymous = api.NewClient();
        Assert.That((await anonymous.GetAsync("/admin/jobs")).IsSuccessStatusCode, Is.False);
        foreach (var role in new[] { "buyer", "contributor", "editor" })
        {
            var (client, _) = await Users.SignedInAsync(api, role);
            Assert.That((await client.GetAsync("/admin/jobs")).StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), role);
        }
        var (admin, _) = await Users.SignedInAsync(api, "admin");
        var page = await admin.GetAsync("/admin/jobs");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Hangfire"));
    }
}
