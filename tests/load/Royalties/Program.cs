using System.Diagnostics;
using System.Globalization;
using Dapper;
using MediaCoop.Api.Royalties;
using Npgsql;

// Royalties at scale: SALES order lines across CONTRIBUTORS contributors, each posted by RoyaltyPosting.PostSaleAsync
// (the code Fulfilment runs) in transactions of BATCH sales on WORKERS connections; then every contributor's monthly
// statements and balances, both as the API computes them (per contributor) and as one set-based month-end query.
var options = Args.Parse(args);
var connectionString = options.Get("--connection") ?? throw new ArgumentException("--connection is required");
var sales = int.Parse(options.Get("--sales") ?? "1000000", CultureInfo.InvariantCulture);
var contributors = int.Parse(options.Get("--contributors") ?? "10000", CultureInfo.InvariantCulture);
var batch = int.Parse(options.Get("--batch") ?? "500", CultureInfo.InvariantCulture);
var workers = int.Parse(options.Get("--workers") ?? "2", CultureInfo.InvariantCulture);
var sample = int.Parse(options.Get("--sample") ?? "500", CultureInfo.InvariantCulture);
const int Months = 12;
var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
DefaultTypeMap.MatchNamesWithUnderscores = true;

await using var dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = workers + 4 } }.Build();
static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

// 1. Seed with set-based inserts: contributors, one photo each (every tenth credited to two people 6000/4000), a buyer,
//    and one paid order line per sale (a tenth with an extended part).
var clock = Stopwatch.StartNew();
await using (var connection = await dataSource.OpenConnectionAsync())
{
    connection.Execute("set synchronous_commit = off");
    const string seedSql = """
        insert into users (id, email, display_name, password_hash)
        select ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'bench-' || n || '@royalties.test', 'Bench ' || n, 'x'
        from generate_series(0, @contributors) n;
        insert into user_roles (user_id, role)
        select ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'contributor' from generate_series(1, @contributors) n;
        insert into assets (id, owner_id, status, original_key, original_filename, content_type, byte_size, sha256, width, height, title)
        select ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
               'ready', 'bench/' || n, 'b.jpg', 'image/jpeg', 1, sha256(n::text::bytea), 6000, 4000, 'Bench photo ' || n
        from generate_series(1, @contributors) n;
        insert into asset_contributors (asset_id, user_id, share_bp)
        select ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
               case when n % 10 = 0 then 6000 else 10000 end
        from generate_series(1, @contributors) n;
        insert into asset_contributors (asset_id, user_id, share_bp)
        select ('00000000-0000-7000-9000-' || lpad(to_hex(n), 12, '0'))::uuid,
               ('00000000-0000-7000-8000-' || lpad(to_hex(n % @contributors + 1), 12, '0'))::uuid, 4000
        from generate_series(10, @contributors, 10) n;
        insert into orders (id, buyer_id, status, currency, total, idempotency_key, request_hash, expires_at, provider, paid_at, amount_paid)
        select ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000000', 'paid', 'USD',
               0, 'bench-' || n, '\x00', now(), 'demo', now(), 0
        from generate_series(1, @sales) n;
        insert into order_lines (id, order_id, line_no, asset_id, size, width, height, editorial_only, amount, amount_extended)
        select ('00000000-0000-7000-b000-' || lpad(to_hex(n), 12, '0'))::uuid, ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, 1,
               ('00000000-0000-7000-9000-' || lpad(to_hex((n::bigint * 7919) % @contributors + 1), 12, '0'))::uuid, 'large', 4000, 2667, false,
               case when n % 10 = 0 then 40000 else (array[1500, 5000, 10000, 15000])[n % 4 + 1] end,
               case when n % 10 = 0 then 25000 else 0 end
        from generate_series(1, @sales) n;
        analyze;
        """;
    await connection.ExecuteAsync(new CommandDefinition(seedSql, new { contributors, sales }, commandTimeout: 0));
}
Console.WriteLine($"seeded {F(contributors)} contributors, {F(sales)} order lines in {clock.Elapsed.TotalSeconds:F1} s");

// 2. Post every sale through RoyaltyPosting.PostSaleAsync, BATCH per transaction, spread over 12 months.
var next = 0;
clock.Restart();
await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
{
    await using var connection = await dataSource.OpenConnectionAsync();
    while (true)
    {
        var first = Interlocked.Add(ref next, batch) - batch + 1;
        if (first > sales) return;
        await using var tx = await connection.BeginTransactionAsync();
        for (var n = first; n < first + batch && n <= sales; n++)
        {
            var lineId = Guid.Parse($"00000000-0000-7000-b000-{n:x12}");
            var at = start.AddSeconds((double)n / sales * Months * 30 * 86400);
            await RoyaltyPosting.PostSaleAsync(connection, tx, lineId, at);
        }
        await tx.CommitAsync();
    }
})));
var postSeconds = clock.Elapsed.TotalSeconds;
long postings;
await using (var connection = await dataSource.OpenConnectionAsync())
{
    postings = await connection.ExecuteScalarAsync<long>("select count(*) from ledger_postings");
    await connection.ExecuteAsync(new CommandDefinition("analyze ledger_postings, ledger_journals, ledger_accounts", commandTimeout: 0));
}
Console.WriteLine($"posted {F(sales)} sales ({F(postings)} postings) in {postSeconds:F1} s: {F(sales / postSeconds)} sales/s, {F(postings / postSeconds)} postings/s");

var users = Enumerable.Range(1, contributors).Select(n => Guid.Parse($"00000000-0000-7000-8000-{n:x12}")).ToArray();
var sampled = users.Where((_, i) => i % Math.Max(1, contributors / sample) == 0).Take(sample).ToArray();

// 3a. Statements as the API makes them (GET /me/statements/{month}): a sample of contributors × 12 months, extrapolated.
clock.Restart();
await using (var connection = await dataSource.OpenConnectionAsync())
    foreach (var user in sampled)
        for (var m = 0; m < Months; m++)
            await EarningsEndpoints.StatementAsync(connection, user, "USD", start.AddMonths(m), start.AddMonths(m + 1), CancellationToken.None);
var perStatement = clock.Elapsed.TotalSeconds / (sampled.Length * Months);
Console.WriteLine($"statements, API path: {sampled.Length * Months} in {clock.Elapsed.TotalSeconds:F1} s ({perStatement * 1000:F2} ms each) → all {F(contributors * Months)} ≈ {perStatement * contributors * Months / workers:F0} s on {workers} connections");

// 3b. All monthly statements at once (a month-end run): opening, movements and closing per contributor and month in
//     one query, plus every statement line streamed.
clock.Restart();
long statementRows = 0, lineRows = 0;
await using (var connection = await dataSource.OpenConnectionAsync())
{
    const string totalsSql = """
        with moves as (
            select a.user_id, date_trunc('month', j.occurred_at at time zone 'UTC') as month,
                   -sum(p.amount) filter (where j.kind = 'sale') as sales,
                   -sum(p.amount) filter (where j.kind = 'refund') as refunds,
                   -sum(p.amount) filter (where j.kind in ('payout', 'payout_failed')) as payouts,
                   -sum(p.amount) as net
            from ledger_accounts a join ledger_postings p on p.account_id = a.id join ledger_journals j on j.id = p.journal_id
            where a.kind in ('royalties_payable', 'receivable') and a.currency = 'USD'
            group by 1, 2)
        select user_id, month, sales, refunds, payouts,
               coalesce(sum(net) over (partition by user_id order by month rows between unbounded preceding and 1 preceding), 0) as opening,
               sum(net) over (partition by user_id order by month) as closing
        from moves
        """;
    await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(totalsSql, commandTimeout: 0)))
        while (await reader.ReadAsync()) statementRows++;
    const string linesSql = """
        select a.user_id, j.id, j.occurred_at, j.kind, j.asset_id, p.amount, p.share_bp, p.rate_bp
        from ledger_accounts a join ledger_postings p on p.account_id = a.id join ledger_journals j on j.id = p.journal_id
        where a.kind in ('royalties_payable', 'receivable') and a.currency = 'USD'
        order by a.user_id, j.occurred_at
        """;
    await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(linesSql, commandTimeout: 0)))
        while (await reader.ReadAsync()) lineRows++;
}
Console.WriteLine($"statements, month-end batch: {F(statementRows)} contributor-months and {F(lineRows)} lines in {clock.Elapsed.TotalSeconds:F1} s");

// 4a. Balances as the API computes them (available/pending/receivable per contributor), sample extrapolated.
var asOf = start.AddMonths(Months);
clock.Restart();
await using (var connection = await dataSource.OpenConnectionAsync())
    foreach (var user in sampled)
        await EarningsEndpoints.BalanceAsync(connection, user, "USD", asOf, 30);
var perBalance = clock.Elapsed.TotalSeconds / sampled.Length;
Console.WriteLine($"balances, API path: {sampled.Length} in {clock.Elapsed.TotalSeconds:F1} s ({perBalance * 1000:F2} ms each) → all {F(contributors)} ≈ {perBalance * contributors / workers:F1} s on {workers} connections");

// 4b. Everyone's balance in one query (what a payout run reads).
clock.Restart();
await using (var connection = await dataSource.OpenConnectionAsync())
{
    const string sql = """
        select a.user_id, -sum(p.amount) filter (where a.kind = 'royalties_payable') as owed,
               sum(p.amount) filter (where a.kind = 'receivable') as receivable,
               -sum(p.amount) filter (where j.kind = 'sale' and j.occurred_at > @holdFrom) as held
        from ledger_accounts a join ledger_postings p on p.account_id = a.id join ledger_journals j on j.id = p.journal_id
        where a.kind in ('royalties_payable', 'receivable') and a.currency = 'USD' and j.occurred_at <= @asOf
        group by a.user_id
        """;
    var rows = (await connection.QueryAsync(new CommandDefinition(sql, new { asOf, holdFrom = asOf.AddDays(-30) }, commandTimeout: 0))).Count();
    Console.WriteLine($"balances, one query: {F(rows)} contributors in {clock.Elapsed.TotalSeconds:F1} s");
}

internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        return new Args(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);
}
