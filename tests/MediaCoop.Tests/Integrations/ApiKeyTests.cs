using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using MediaCoop.Api.Integrations;
using MediaCoop.Tests.Infrastructure;
using MediaCoop.Tests.Uploads;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static MediaCoop.Tests.Integrations.ApiKeySupport;

namespace MediaCoop.Tests.Integrations;

public sealed class ApiKeyTests
{
    private static ApiFactory Api => ApiFactory.Shared;

    private sealed record Route(HttpMethod Method, string Path, object? Body, HttpStatusCode Reached);

    /// <summary>One representative route per scope, and what a caller allowed through gets from it.</summary>
    private static Dictionary<string, Route> RepresentativeRoutes() => new()
    {
        [ApiScopes.CatalogRead] = new(HttpMethod.Get, "/api/v1/assets?q=zqkeysmatrix", null, HttpStatusCode.OK),
        [ApiScopes.LightboxesWrite] = new(HttpMethod.Post, "/api/v1/lightboxes", new { name = "From a script" }, HttpStatusCode.Created),
        [ApiScopes.LicensesRead] = new(HttpMethod.Get, "/api/v1/me/licenses", null, HttpStatusCode.OK),
        [ApiScopes.LicensesWrite] = new(HttpMethod.Get, "/api/v1/me/cart", null, HttpStatusCode.OK),
        [ApiScopes.UploadsWrite] = new(HttpMethod.Post, $"/api/v1/me/assets/{Guid.NewGuid()}/submit", null, HttpStatusCode.NotFound),
        [ApiScopes.AssetsRead] = new(HttpMethod.Get, "/api/v1/me/assets", null, HttpStatusCode.OK),
        [ApiScopes.EarningsRead] = new(HttpMethod.Get, "/api/v1/me/earnings", null, HttpStatusCode.OK),
        [ApiScopes.MessagesRead] = new(HttpMethod.Get, "/api/v1/threads", null, HttpStatusCode.OK),
        [ApiScopes.MessagesWrite] = new(HttpMethod.Post, $"/api/v1/threads/{Guid.NewGuid()}/read", null, HttpStatusCode.NotFound),
        // webhooks:write routes arrive with the webhooks part; until then the key must still be refused everywhere else.
    };

    [Test]
    public async Task Each_scope_reaches_its_own_routes_and_is_refused_403_on_every_other_scope_and_on_session_only_routes()
    {
        var (owner, _) = await Users.SignedInAsync(Api, "contributor");
        using var script = ScriptClient(Api);
        var routes = RepresentativeRoutes();

        foreach (var scope in ApiScopes.All)
        {
            var (_, key) = await CreateKeyAsync(owner, scope);
            foreach (var (routeScope, route) in routes)
            {
                var response = await script.SendWithKeyAsync(key, route.Method, route.Path, route.Body);
                var what = $"key with {scope} → {route.Method} {route.Path}";
                if (routeScope == scope)
                {
                    Assert.That(response.StatusCode, Is.EqualTo(route.Reached), $"{what}: {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
                    Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(routeScope), $"{what}: the refusal names the scope needed");
                }
            }

            var me = await (await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me")).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(me["title"]!.GetValue<string>(), Is.EqualTo("API keys cannot use this operation"), scope);
        }
    }

    [Test]
    public async Task Every_api_operation_is_either_scoped_or_declared_session_only()
    {
        var endpoints = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.That(endpoints, Is.Not.Empty);
        var names = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.That(name, Is.Not.Null, $"{endpoint.RoutePattern.RawText} has no operation name");
            var scoped = ApiScopes.ByOperation.ContainsKey(name!);
            var sessionOnly = ApiScopes.SessionOnly.Contains(name!);
            Assert.That(scoped || sessionOnly, Is.True,
                $"{name} ({endpoint.RoutePattern.RawText}) is unclassified: give it a scope in ApiScopes.ByOperation or list it in ApiScopes.SessionOnly");
            Assert.That(scoped && sessionOnly, Is.False, $"{name} is both scoped and session-only");
            names.Add(name!);
        }
        Assert.That(ApiScopes.ByOperation.Keys.Concat(ApiScopes.SessionOnly).Except(names), Is.Empty, "the table names operations that no longer exist");
    }

    [Test]
    public async Task A_revoked_key_and_a_well_formed_key_that_was_never_issued_are_refused_401_even_on_public_routes()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        using var script = ScriptClient(Api);
        var (id, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets?q=zqkeysrevoke")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await owner.SendAsync(HttpMethod.Delete, $"/api/v1/me/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var revoked = await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets?q=zqkeysrevoke");
        var problem = await revoked.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("revoked"));
        Assert.That(revoked.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));

        var neverIssued = ApiKeyFormat.Generate();
        await (await script.SendWithKeyAsync(neverIssued, HttpMethod.Get, "/api/v1/assets")).ProblemAsync(HttpStatusCode.Unauthorized);
        var listed = await (await owner.GetAsync("/api/v1/me/api-keys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(listed["keys"]!.AsArray().Select(k => k!["id"]!.GetValue<Guid>()), Does.Not.Contain(id), "a revoked key leaves the list");
    }

    [Test]
    public async Task A_key_with_a_bad_checksum_is_refused_401_without_any_database_query()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        using var script = ScriptClient(Api);
        var (_, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        var last = key[^1];
        var mistyped = key[..^1] + (last == 'a' ? 'b' : 'a');

        // Npgsql traces every command; the request's trace id (sent in traceparent) ties them to this request only.
        var commands = new ConcurrentBag<ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity => { if (activity.Source.Name == "Npgsql") commands.Add(activity.TraceId); },
        };
        ActivitySource.AddActivityListener(listener);

        async Task<(HttpResponseMessage Response, int Queries)> TracedAsync(string presented)
        {
            var trace = ActivityTraceId.CreateRandom();
            var response = await script.SendWithKeyAsync(presented, HttpMethod.Get, "/api/v1/me/licenses",
                configure: r => r.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));
            return (response, commands.Count(t => t == trace));
        }

        var (valid, validQueries) = await TracedAsync(key);
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the scope check runs after the key lookup");
        Assert.That(validQueries, Is.GreaterThan(0), "control: the listener sees the queries of a real key lookup");

        var (bad, badQueries) = await TracedAsync(mistyped);
        var problem = await bad.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("copied whole"));
        Assert.That(badQueries, Is.Zero, "a key that fails its checksum never reaches the database");

        var (garbage, garbageQueries) = await TracedAsync("not-a-key-at-all");
        await garbage.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(garbageQueries, Is.Zero);
    }

    [Test]
    public void Generated_keys_carry_the_prefix_and_a_checksum_that_catches_any_single_mistyped_character()
    {
        for (var n = 0; n < 50; n++)
        {
            var key = ApiKeyFormat.Generate();
            Assert.That(key, Does.Match("^mcp_[0-9A-Za-z]{38}$"));
            Assert.That(ApiKeyFormat.IsWellFormed(key), Is.True);
            for (var i = 4; i < key.Length; i++)
            {
                var chars = key.ToCharArray();
                chars[i] = chars[i] == 'x' ? 'y' : 'x';
                var typo = new string(chars);
                Assert.That(ApiKeyFormat.IsWellFormed(typo), Is.False, $"typo at {i}");
            }
            Assert.That(ApiKeyFormat.IsWellFormed(key.AsSpan(..^1)), Is.False, "a truncated key");
            Assert.That(ApiKeyFormat.IsWellFormed("mcq_" + key[4..]), Is.False, "another prefix");
        }
    }

    [Test]
    public async Task The_key_is_shown_once_and_stored_only_as_its_hash_and_prefix()
    {
        var (owner, me) = await Users.SignedInAsync(Api);
        var created = await (await owner.PostAsync("/api/v1/me/api-keys", new { name = "  Print shop sync ", scopes = new[] { ApiScopes.LicensesRead, ApiScopes.CatalogRead } }))
            .JsonAsync(HttpStatusCode.Created);
        var key = created["key"]!.GetValue<string>();
        Assert.That(created["prefix"]!.GetValue<string>(), Is.EqualTo(key[..12]));
        Assert.That(created["name"]!.GetValue<string>(), Is.EqualTo("Print shop sync"));

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        var rows = (await connection.QueryAsync<string>("select k::text from api_keys k where user_id = @id", new { id = me.Id })).ToList();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Not.Contain(key[12..]), "no part of the key beyond its prefix is stored");
        var hash = await connection.ExecuteScalarAsync<byte[]>("select key_hash from api_keys where user_id = @id", new { id = me.Id });
        Assert.That(hash, Is.EqualTo(SHA256.HashData(Encoding.ASCII.GetBytes(key))));

        var listed = await (await owner.GetAsync("/api/v1/me/api-keys")).JsonAsync(HttpStatusCode.OK);
        var text = listed.ToJsonString();
        Assert.That(text, Does.Not.Contain(key[12..]), "the list never shows the key again");
        var entry = listed["keys"]!.AsArray().Single()!;
        Assert.That(entry["prefix"]!.GetValue<string>(), Is.EqualTo(key[..12]));
        Assert.That(entry["scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(new[] { ApiScopes.CatalogRead, ApiScopes.LicensesRead }));
        Assert.That(entry["lastUsedAt"], Is.Null);

        using var script = ScriptClient(Api);
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/licenses")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await (await owner.GetAsync("/api/v1/me/api-keys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after["keys"]!.AsArray().Single()!["lastUsedAt"], Is.Not.Null, "the list shows when the key was last used");
    }

    [Test]
    public async Task Last_used_is_written_at_most_once_a_minute_per_key()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (id, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        using var script = ScriptClient(Api);
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        async Task<DateTime?> UseAfterAsync(string lastUsed)
        {
            await connection.ExecuteAsync($"update api_keys set last_used_at = now() - interval '{lastUsed}' where id = @id", new { id });
            var before = await connection.ExecuteScalarAsync<DateTime>("select last_used_at from api_keys where id = @id", new { id });
            Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets?q=zqkeysused")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var after = await connection.ExecuteScalarAsync<DateTime>("select last_used_at from api_keys where id = @id", new { id });
            return after == before ? null : after;
        }

        Assert.That(await UseAfterAsync("30 seconds"), Is.Null, "used 30 s ago: not written again");
        Assert.That(await UseAfterAsync("2 minutes"), Is.Not.Null, "used 2 min ago: written");
    }

    [Test]
    public async Task The_key_never_appears_in_the_logs()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Npgsql"] = "Trace",
        }).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));
        using var browser = new ApiClient(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }));
        Assert.That((await browser.RegisterAsync(ApiClient.UniqueEmail())).IsSuccessStatusCode);
        var (id, key) = await CreateKeyAsync(browser, ApiScopes.CatalogRead, ApiScopes.LightboxesWrite);
        using var script = ScriptClient(factory);

        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets?q=zqkeyslogs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/lightboxes", new { name = "Logged?" })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await script.SendWithKeyAsync(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'), HttpMethod.Get, "/api/v1/assets")).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await browser.SendAsync(HttpMethod.Delete, $"/api/v1/me/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var messages = capture.Messages.ToList();
        Assert.That(messages, Is.Not.Empty, "control: the capture sees the requests");
        Assert.That(messages.Where(m => m.Contains(key[12..], StringComparison.Ordinal)), Is.Empty, "the secret part of the key is never logged");
    }

    [Test]
    public async Task A_key_in_the_query_string_is_refused_400_pointing_to_the_authorization_header()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (_, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        using var anonymous = ScriptClient(Api);
        foreach (var path in new[] { $"/api/v1/assets?api_key={key}", $"/api/v1/assets?access_token={key}", $"/api/v1/assets?key={key}", $"/api/v1/assets?q={key}" })
        {
            var problem = await (await anonymous.GetAsync(path)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Authorization: Bearer"), path);
        }
        await (await anonymous.GetAsync($"/api/v1/assets?q={key[..24]}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((await anonymous.GetAsync("/api/v1/assets?q=zqkeysquery")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "ordinary searches are untouched");
        Assert.That((await anonymous.GetAsync("/api/v1/assets?q=mcp_logo_design")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a search that merely starts with mcp_");
    }

    [Test]
    public async Task A_buyer_cannot_give_a_key_contributor_scopes()
    {
        var (buyer, _) = await Users.SignedInAsync(Api);
        foreach (var scope in new[] { ApiScopes.UploadsWrite, ApiScopes.AssetsRead, ApiScopes.EarningsRead })
        {
            var problem = await (await buyer.PostAsync("/api/v1/me/api-keys", new { name = "Sneaky", scopes = new[] { ApiScopes.CatalogRead, scope } }))
                .ProblemAsync(HttpStatusCode.Forbidden);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(scope).And.Contain("contributor role"));
        }
        var unknown = await (await buyer.PostAsync("/api/v1/me/api-keys", new { name = "Odd", scopes = new[] { "admin:everything" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(unknown.ToJsonString(), Does.Contain("catalog:read"), "the refusal lists the scopes that exist");
        await (await buyer.PostAsync("/api/v1/me/api-keys", new { name = "Empty", scopes = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await buyer.PostAsync("/api/v1/me/api-keys", new { name = " ", scopes = new[] { ApiScopes.CatalogRead } })).ProblemAsync(HttpStatusCode.BadRequest);
        var listed = await (await buyer.GetAsync("/api/v1/me/api-keys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(listed["keys"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Demoting_the_owner_takes_the_power_away_from_their_keys()
    {
        var (owner, me) = await Users.SignedInAsync(Api, "contributor");
        var (_, key) = await CreateKeyAsync(owner, ApiScopes.AssetsRead, ApiScopes.UploadsWrite);
        using var script = ScriptClient(Api);
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/assets")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
            await connection.ExecuteAsync("delete from user_roles where user_id = @id and role = 'contributor'", new { id = me.Id });

        var problem = await (await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/assets")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("contributor"));
        await (await script.SendWithKeyAsync(key, HttpMethod.Post, $"/api/v1/me/assets/{Guid.NewGuid()}/submit")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_key_cannot_list_create_or_revoke_keys()
    {
        var (owner, _) = await Users.SignedInAsync(Api, "contributor");
        var (id, key) = await CreateKeyAsync(owner, ApiScopes.All.ToArray());
        using var script = ScriptClient(Api);
        await (await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me/api-keys")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/me/api-keys", new { name = "Child", scopes = new[] { ApiScopes.CatalogRead } }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await script.SendWithKeyAsync(key, HttpMethod.Delete, $"/api/v1/me/api-keys/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        var listed = await (await owner.GetAsync("/api/v1/me/api-keys")).JsonAsync(HttpStatusCode.OK);
        Assert.That(listed["keys"]!.AsArray(), Has.Count.EqualTo(1), "nothing was created or revoked");
    }

    [Test]
    public async Task Revoking_somebody_elses_key_answers_404_and_leaves_it_working()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (stranger, _) = await Users.SignedInAsync(Api);
        var (id, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        await (await stranger.SendAsync(HttpMethod.Delete, $"/api/v1/me/api-keys/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.SendAsync(HttpMethod.Delete, $"/api/v1/me/api-keys/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        using var script = ScriptClient(Api);
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/assets?q=zqkeysstranger")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Key_management_needs_a_signed_in_session_with_an_antiforgery_token()
    {
        using var anonymous = Api.NewClient();
        await (await anonymous.GetAsync("/api/v1/me/api-keys")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/v1/me/api-keys", new { name = "x", scopes = new[] { ApiScopes.CatalogRead } })).ProblemAsync(HttpStatusCode.Unauthorized);
        var (owner, _) = await Users.SignedInAsync(Api);
        await (await owner.SendAsync(HttpMethod.Post, "/api/v1/me/api-keys", new { name = "x", scopes = new[] { ApiScopes.CatalogRead } }, withAntiforgery: false))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Writes_with_a_key_need_no_antiforgery_token_while_cookie_writes_still_do()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (_, key) = await CreateKeyAsync(owner, ApiScopes.LightboxesWrite, ApiScopes.CatalogRead);
        using var script = ScriptClient(Api);
        var created = await (await script.SendWithKeyAsync(key, HttpMethod.Post, "/api/v1/lightboxes", new { name = "Scripted" })).JsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        Assert.That((await script.SendWithKeyAsync(key, HttpMethod.Delete, $"/api/v1/lightboxes/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var problem = await (await owner.SendAsync(HttpMethod.Post, "/api/v1/lightboxes", new { name = "Forged?" }, withAntiforgery: false))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("antiforgery"));
    }

    [Test]
    public async Task A_request_with_a_key_is_judged_by_the_key_alone_even_beside_a_session_cookie()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var (_, key) = await CreateKeyAsync(owner, ApiScopes.CatalogRead);
        Assert.That((await owner.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "control: the session alone may");
        var withKey = await owner.Http.SendWithKeyAsync(key, HttpMethod.Get, "/api/v1/me");
        await withKey.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_member_keeps_at_most_25_active_keys()
    {
        var (owner, _) = await Users.SignedInAsync(Api);
        var ids = new List<Guid>();
        for (var i = 0; i < ApiKeyEndpoints.MaxActiveKeysPerUser; i++) ids.Add((await CreateKeyAsync(owner, ApiScopes.CatalogRead)).Id);
        var problem = await (await owner.PostAsync("/api/v1/me/api-keys", new { name = "One more", scopes = new[] { ApiScopes.CatalogRead } }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Revoke"));
        Assert.That((await owner.SendAsync(HttpMethod.Delete, $"/api/v1/me/api-keys/{ids[0]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await CreateKeyAsync(owner, ApiScopes.CatalogRead);
    }

    [Test]
    public async Task The_contract_documents_both_schemes_and_the_scope_of_each_operation()
    {
        using var client = Api.NewClient();
        var document = System.Text.Json.Nodes.JsonNode.Parse(await client.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.That(schemes["ApiKey"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(schemes["ApiKey"]!["description"]!.GetValue<string>(), Does.Contain("CRC-32"));
        Assert.That(schemes["Cookie"]!["in"]!.GetValue<string>(), Is.EqualTo("cookie"));
        var search = document["paths"]!["/api/v1/assets"]!["get"]!["security"]!.ToJsonString();
        Assert.That(search, Does.Contain("\"ApiKey\":[\"catalog:read\"]").And.Contain("{}"), "public: a key with catalog:read, a session, or nothing");
        var earnings = document["paths"]!["/api/v1/me/earnings"]!["get"]!["security"]!.ToJsonString();
        Assert.That(earnings, Does.Contain("\"ApiKey\":[\"earnings:read\"]").And.Not.Contain("{}"));
        var me = document["paths"]!["/api/v1/me"]!["get"]!["security"]!.ToJsonString();
        Assert.That(me, Does.Not.Contain("ApiKey").And.Contain("Cookie"), "session-only");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
