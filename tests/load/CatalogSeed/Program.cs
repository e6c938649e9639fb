using System.Diagnostics;
using System.Globalization;
using MediaCoop.Load.CatalogSeed;
using Npgsql;

// Seeds a large published catalogue for the search benchmarks (tests/load/README.md):
//   dotnet run -c Release --project tests/load/CatalogSeed -- --connection "Host=...;..." \
//       [--assets 1000000] [--contributors 5000] [--storage /work/bench-storage] [--seed 42]

var options = SeedOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("""
        usage: CatalogSeed --connection <npgsql connection string> [--assets 1000000] [--contributors 5000]
                           [--storage <disk blob store root>] [--seed 42] [--keep-catalog-indexes]
        """);
    return 2;
}

var total = Stopwatch.StartNew();
// The server process of the seeding connection: when it runs on this machine each phase also prints the CPU
// time it used, a figure that (unlike wall time) other work sharing the cores hardly changes.
var backend = 0;
Console.WriteLine($"Seeding {options.Assets:N0} published assets from {options.Contributors:N0} contributors (seed {options.Seed}) into {Redacted(options.Connection)}");

var shared = Phase("renditions: shared thumbnails and previews", () => SharedRenditions.Create(options.Storage));
var data = new SyntheticCatalog(options, shared);

await using var dataSource = new NpgsqlDataSourceBuilder(options.Connection + ";Command Timeout=0").Build();
await using (var connection = await dataSource.OpenConnectionAsync())
{
    backend = connection.ProcessID;
    var loader = new Loader(connection, data);
    await loader.RefuseIfSeededAsync();
    await using var tx = await connection.BeginTransactionAsync();
    await PhaseAsync("users, roles and releases (COPY)", loader.CopyPeopleAsync);
    // The per-row catalogue trigger would turn the COPY into a million single-row upserts; the catalogue is
    // filled in one statement below instead. Inside the transaction, so a failed seed never leaves it off.
    await loader.ExecuteAsync("alter table assets disable trigger assets_catalog");
    await PhaseAsync("assets (COPY)", loader.CopyAssetsAsync);
    await PhaseAsync("renditions, credits and asset releases (COPY)", loader.CopyAssetChildrenAsync);
    var dropped = options.KeepCatalogIndexes ? [] : await TimedAsync("catalogue indexes: drop", loader.DropCatalogIndexesAsync);
    // Likewise the postings trigger (migration 14): the fill writes the postings in the same statement.
    await loader.ExecuteAsync("alter table catalog disable trigger catalog_postings_insert");
    await PhaseAsync("catalogue and its postings: one insert … select from assets", loader.FillCatalogAsync);
    await loader.ExecuteAsync("alter table catalog enable trigger catalog_postings_insert");
    foreach (var index in dropped)
        await PhaseAsync($"catalogue index rebuilt: {index.Name}", () => loader.ExecuteAsync(index.Definition));
    await PhaseAsync("catalog_words: one group-by insert", loader.RebuildWordsAsync);
    await loader.ExecuteAsync("alter table assets enable trigger assets_catalog");
    await PhaseAsync("commit", () => tx.CommitAsync());
    await PhaseAsync("vacuum analyze", () => loader.ExecuteAsync("vacuum analyze"));
    await loader.PrintSummaryAsync();
}
Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0.0} s.");
return 0;

static T Phase<T>(string name, Func<T> action)
{
    var watch = Stopwatch.StartNew();
    var result = action();
    Console.WriteLine(FormattableString.Invariant($"  {watch.Elapsed.TotalSeconds,7:0.0} s  {name}"));
    return result;
}

async Task<T> TimedAsync<T>(string name, Func<Task<T>> action)
{
    var watch = Stopwatch.StartNew();
    var cpu = ServerCpuSeconds(backend);
    var result = await action();
    var used = ServerCpuSeconds(backend) - cpu;
    var server = double.IsNaN(used) ? "" : FormattableString.Invariant($"  (server CPU {used,6:0.0} s)");
    Console.WriteLine(FormattableString.Invariant($"  {watch.Elapsed.TotalSeconds,7:0.0} s  {name}{server}"));
    return result;
}

async Task PhaseAsync(string name, Func<Task> action) =>
    await TimedAsync(name, async () => { await action(); return 0; });

// utime + stime of a local process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s).
static double ServerCpuSeconds(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        if (!stat.Contains("(postgres)", StringComparison.Ordinal)) return double.NaN;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException)
    {
        return double.NaN;
    }
    catch (UnauthorizedAccessException)
    {
        return double.NaN;
    }
}

static string Redacted(string connection)
{
    var builder = new NpgsqlConnectionStringBuilder(connection) { Password = null };
    return builder.ConnectionString;
}

internal sealed record SeedOptions(string Connection, int Assets, int Contributors, string Storage, int Seed, bool KeepCatalogIndexes)
{
    public static SeedOptions? Parse(string[] args)
    {
        string? connection = null;
        int assets = 1_000_000, contributors = 5_000, seed = 42;
        var storage = "/work/bench-storage";
        var keepIndexes = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection": connection = Next(); break;
                case "--assets": assets = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--contributors": contributors = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--storage": storage = Next(); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--keep-catalog-indexes": keepIndexes = true; break;
                default: return null;
            }
        }
        if (connection is null || assets < 1 || contributors < 1) return null;
        return new SeedOptions(connection, assets, contributors, storage, seed, keepIndexes);
    }
}
