using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Governance;
using MediaCoop.Api.Royalties;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Governance under load, against a running API (--url) and its database (--connection):
// 1. VOTERS members vote at once on one proposal over HTTP (session cookie + antiforgery, as the SPA does), ROUNDS times
//    (each round changes every vote): latency per vote, p50/p95/max.
// 2. ELIGIBLE members (seeded set-based) on the electorate of one proposal opened over HTTP (the open snapshots the
//    electorate and notifies everyone), ~70 % of them voting (ballots written set-based), then ProposalClosing.CloseAsync
//    — the job's own code — timed: count, separate the secret choices, record, notify and publish.
var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a, p => p.i + 1 < args.Length ? args[p.i + 1] : "");
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var v) ? v : fallback;
var url = new Uri(Arg("--url", "http://127.0.0.1:8080"));
var connectionString = Arg("--connection", "");
var voters = int.Parse(Arg("--voters", "64"), CultureInfo.InvariantCulture);
var rounds = int.Parse(Arg("--rounds", "3"), CultureInfo.InvariantCulture);
var eligible = int.Parse(Arg("--eligible", "10000"), CultureInfo.InvariantCulture);
DefaultTypeMap.MatchNamesWithUnderscores = true;
await using var dataSource = NpgsqlDataSource.Create(connectionString);
static string Ms(double ms) => ms.ToString("N1", CultureInfo.InvariantCulture) + " ms";

async Task<(HttpClient Http, string Token, Guid Id)> MemberAsync(string tag, bool board = false)
{
    var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = url };
    async Task<string> TokenAsync() => (await http.GetFromJsonAsync<JsonObject>("/api/v1/auth/antiforgery"))!["token"]!.GetValue<string>();
    var email = $"{tag}-{Guid.NewGuid():N}@bench.test";
    var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
    { Content = JsonContent.Create(new { email, password = "violet tugboat orchestra 1987", displayName = "Bench " + tag }) };
    register.Headers.Add("X-XSRF-TOKEN", await TokenAsync());
    (await http.SendAsync(register)).EnsureSuccessStatusCode();
    await using var connection = await dataSource.OpenConnectionAsync();
    var id = await connection.ExecuteScalarAsync<Guid>("select id from users where email = @email::citext", new { email });
    await connection.ExecuteAsync("insert into memberships (id, user_id, member_class) values (@m, @id, 'contributor')", new { m = Guid.CreateVersion7(), id });
    if (board) await connection.ExecuteAsync("insert into user_roles (user_id, role) values (@id, 'board')", new { id });
    return (http, await TokenAsync(), id);
}

async Task<JsonObject> SendAsync((HttpClient Http, string Token, Guid Id) who, HttpMethod method, string path, object body)
{
    var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
    request.Headers.Add("X-XSRF-TOKEN", who.Token);
    var response = await who.Http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    return JsonNode.Parse(text)!.AsObject();
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

// 1. Parallel voters.
var board = await MemberAsync("board", board: true);
var people = new List<(HttpClient Http, string Token, Guid Id)>();
for (var i = 0; i < voters; i++) people.Add(await MemberAsync("voter"));
var draftBody = new { title = "Bench vote", body = "Load.", kind = "ordinary", quorumBp = 0, eligibleClasses = new[] { "contributor" } };
var draft = await SendAsync(board, HttpMethod.Post, "/api/v1/proposals", draftBody);
var id = draft["id"]!.GetValue<Guid>();
var opened = await SendAsync(board, HttpMethod.Post, $"/api/v1/proposals/{id}/open", new { closesAt = DateTimeOffset.UtcNow.AddDays(2) });
var options = opened["options"]!.AsArray().Select(o => o!["id"]!.GetValue<Guid>()).ToArray();
var latencies = new List<double>();
for (var round = 0; round < rounds; round++)
{
    using var go = new SemaphoreSlim(0);
    var tasks = people.Select(async (p, i) =>
    {
        await go.WaitAsync();
        var watch = Stopwatch.StartNew();
        await SendAsync(p, HttpMethod.Put, $"/api/v1/proposals/{id}/votes/me", new { optionIds = new[] { options[(i + round) % options.Length] } });
        return watch.Elapsed.TotalMilliseconds;
    }).ToList();
    go.Release(people.Count);
    latencies.AddRange(await Task.WhenAll(tasks));
}
latencies.Sort();
double Pct(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
await using (var connection = await dataSource.OpenConnectionAsync())
{
    var ballots = await connection.ExecuteScalarAsync<int>("select count(*) from ballots where proposal_id = @id", new { id });
    Console.WriteLine($"{voters} voters at once x {rounds} rounds ({latencies.Count} votes, each round changes every vote): " +
        $"p50 {Ms(Pct(0.50))}, p95 {Ms(Pct(0.95))}, max {Ms(latencies[^1])}; ballots stored {ballots} (one per voter)");
}

// 2. Closing a vote with ELIGIBLE members.
await using (var connection = await dataSource.OpenConnectionAsync())
{
    var clock = Stopwatch.StartNew();
    await connection.ExecuteAsync("""
        with u as (
            insert into users (id, email, display_name, password_hash)
            select gen_random_uuid(), 'bulk-' || n || '-' || @run || '@bench.test', 'Bulk ' || n, 'x' from generate_series(1, @eligible) n
            returning id)
        insert into memberships (id, user_id, member_class) select gen_random_uuid(), id, 'worker' from u
        """, new { eligible, run = Guid.NewGuid().ToString("N")[..8] }, commandTimeout: 600);
    Console.WriteLine($"seeded {eligible:N0} worker members in {clock.Elapsed.TotalSeconds:N1} s");
}
var bigDraft = await SendAsync(board, HttpMethod.Post, "/api/v1/proposals",
    new { title = "Bench: big vote", body = "Load.", kind = "special", quorumBp = 5000, eligibleClasses = new[] { "worker" } });
var bigId = bigDraft["id"]!.GetValue<Guid>();
var openClock = Stopwatch.StartNew();
await SendAsync(board, HttpMethod.Post, $"/api/v1/proposals/{bigId}/open", new { closesAt = DateTimeOffset.UtcNow.AddDays(2) });
Console.WriteLine($"opening it (electorate snapshot + {eligible:N0} notifications and e-mails): {openClock.Elapsed.TotalSeconds:N2} s");
await using (var connection = await dataSource.OpenConnectionAsync())
{
    await connection.ExecuteAsync("""
        insert into ballots (proposal_id, voter_id, option_ids)
        select e.proposal_id, e.user_id, array[(select o.id from proposal_options o where o.proposal_id = e.proposal_id and o.sort = 1 + (abs(hashtext(e.user_id::text)) % 3))]
        from proposal_electorate e where e.proposal_id = @bigId and random() < 0.7;
        update proposals set opens_at = now() - interval '2 seconds', closes_at = now() - interval '1 second' where id = @bigId;
        """, new { bigId }, commandTimeout: 600);
}
var closing = new ProposalClosing(dataSource, new CoopSettings(dataSource, TimeProvider.System), NullLogger<ProposalClosing>.Instance);
var closeClock = Stopwatch.StartNew();
var closed = await closing.CloseAsync(bigId, CancellationToken.None);
var closeSeconds = closeClock.Elapsed.TotalSeconds;
await using (var connection = await dataSource.OpenConnectionAsync())
{
    var result = await connection.ExecuteScalarAsync<string>("select result::text from proposals where id = @bigId", new { bigId });
    var anonymous = await connection.ExecuteScalarAsync<int>("select count(*) from anonymous_ballots where proposal_id = @bigId", new { bigId });
    Console.WriteLine($"closing a vote with {eligible:N0} eligible members: {closeSeconds:N2} s (closed: {closed}; {anonymous:N0} secret choices separated; notifications to all)");
    Console.WriteLine($"result: {result}");
}
Console.WriteLine($"load at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
