using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

// Closed-loop load on GET /api/v1/assets: N clients, each sends its next request as soon as the last one
// answers. The query mix covers every query shape (see Shapes); words are drawn from the catalogue's own
// vocabulary so common, medium and rare words really are common, medium and rare.
//
//   dotnet run -c Release --project tests/load/Search -- <api base url> <database connection string> [clients=32] [seconds=60] [warmup=10]

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <api base url> <Npgsql connection string of the API's database> [clients=32] [seconds=60] [warmup seconds=10]");
    return 2;
}
var baseUrl = args[0].TrimEnd('/');
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60;
var warmup = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10;

string[] common, medium, rare;
await using (var connection = new NpgsqlConnection(args[1]))
{
    common = (await connection.QueryAsync<string>("select word from catalog_words order by documents desc limit 20")).ToArray();
    medium = (await connection.QueryAsync<string>(
        "select word from catalog_words where documents between 500 and 20000 order by md5(word) limit 2000")).ToArray();
    rare = (await connection.QueryAsync<string>(
        "select word from catalog_words where documents between 2 and 50 order by md5(word) limit 2000")).ToArray();
    var total = await connection.ExecuteScalarAsync<long>("select count(*) from catalog");
    Console.WriteLine($"catalogue: {total:N0} assets; vocabulary samples: {common.Length} common ({string.Join(", ", common.Take(5))}…), {medium.Length} medium, {rare.Length} rare");
}

string Pick(string[] words) => words[Random.Shared.Next(words.Length)];
string Typo(string word)
{
    var i = Random.Shared.Next(1, word.Length);
    return word[..i] + (char)('a' + Random.Shared.Next(26)) + word[(i + 1)..];
}
string[] orientations = ["landscape", "portrait", "square", "panorama"];
string[] families = ["red", "orange", "yellow", "green", "blue", "navy", "purple", "brown", "black", "grey", "white"];

// Shape name, weight, and the query string it sends.
var shapes = new (string Name, int Weight, Func<string> Query)[]
{
    ("one common word", 15, () => $"q={Pick(common)}"),
    ("three words", 15, () => $"q={Pick(medium)}+{Pick(common)}+{Pick(medium)}"),
    ("medium word", 10, () => $"q={Pick(medium)}"),
    ("rare word", 10, () => $"q={Pick(rare)}"),
    ("filters only, newest", 10, () => $"orientation={orientations[Random.Shared.Next(4)]}&license=commercial"),
    ("colour family", 5, () => $"color={families[Random.Shared.Next(families.Length)]}&sort=popular"),
    ("colour hex", 5, () => $"color={Random.Shared.Next(0x1000000):x6}&colorDistance=10"),
    ("typo", 5, () => $"q={Typo(Pick(medium))}"),
    ("common word, popular", 10, () => $"q={Pick(common)}&sort=popular"),
    ("medium word, newest", 5, () => $"q={Pick(medium)}&sort=newest&orientation=landscape"),
    ("page 2", 10, () => ""),
};
var weights = shapes.Sum(s => s.Weight);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(baseUrl),
    Timeout = TimeSpan.FromSeconds(30),
};

var latencies = shapes.ToDictionary(s => s.Name, _ => new List<double>());
var errors = 0;
var measuring = false;
var stopAt = DateTime.UtcNow.AddSeconds(warmup + seconds);
var startMeasuring = DateTime.UtcNow.AddSeconds(warmup);

async Task<(double Ms, string? Next)> Send(string query)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync("/api/v1/assets?" + query);
    var body = await response.Content.ReadAsStringAsync();
    var ms = clock.Elapsed.TotalMilliseconds;
    if (!response.IsSuccessStatusCode)
    {
        Interlocked.Increment(ref errors);
        if (errors < 5) Console.Error.WriteLine($"{(int)response.StatusCode} for {query}: {body[..Math.Min(body.Length, 300)]}");
        return (ms, null);
    }
    return (ms, JsonNode.Parse(body)?["nextCursor"]?.GetValue<string>());
}

async Task Client()
{
    while (DateTime.UtcNow < stopAt)
    {
        measuring = DateTime.UtcNow >= startMeasuring;
        var roll = Random.Shared.Next(weights);
        var shape = shapes.First(s => (roll -= s.Weight) < 0);
        double ms;
        if (shape.Name == "page 2")
        {
            // The first page is a common word by newest (the cursor needs one); only the second page is measured here.
            var query = $"q={Pick(common)}&sort=newest";
            var (_, next) = await Send(query);
            if (next is null) continue;
            (ms, _) = await Send(query + "&cursor=" + Uri.EscapeDataString(next));
        }
        else
        {
            (ms, _) = await Send(shape.Query());
        }
        if (measuring)
        {
            var list = latencies[shape.Name];
            lock (list) list.Add(ms);
        }
    }
}

Console.WriteLine($"{clients} closed-loop clients, {warmup} s warm-up, {seconds} s measured, against {baseUrl}");
var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : "?";
Console.WriteLine($"load average before: {load}");
await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client)));

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
var all = latencies.Values.SelectMany(l => l).Order().ToList();
Console.WriteLine();
Console.WriteLine($"{"shape",-24} {"n",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
foreach (var (name, list) in latencies)
{
    list.Sort();
    Console.WriteLine($"{name,-24} {list.Count,7} {Percentile(list, 0.5),8:F1} {Percentile(list, 0.95),8:F1} {Percentile(list, 0.99),8:F1}");
}
Console.WriteLine($"{"ALL",-24} {all.Count,7} {Percentile(all, 0.5),8:F1} {Percentile(all, 0.95),8:F1} {Percentile(all, 0.99),8:F1}");
Console.WriteLine($"throughput: {all.Count / (double)seconds:F0} measured requests/s (page-2 first pages not counted); errors: {errors}");
return 0;
