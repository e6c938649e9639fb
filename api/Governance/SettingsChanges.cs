using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using MediaCoop.Api.Licensing;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Royalties;
using Npgsql;

namespace MediaCoop.Api.Governance;

/// <summary>
/// A change to the co-op's settings, as a binding proposal carries it or an admin makes it. Only the fields given
/// change. Rates and shares are basis points (10000 = 100 %); money is minor units.
/// </summary>
public sealed record SettingsChange
{
    public int? RoyaltyRateStandardBp { get; init; }
    public int? RoyaltyRateExtendedBp { get; init; }
    public long? PayoutThresholdMinor { get; init; }
    /// <summary>Member class → its share of the patronage pool in basis points; the classes given must sum to 10000.</summary>
    public IReadOnlyDictionary<string, int>? PatronageClassShares { get; init; }
    public int? PatronageCashBp { get; init; }
    /// <summary>The patronage pool the members set for a closed year.</summary>
    public PatronagePoolChange? PatronagePool { get; init; }
    /// <summary>Licence option code (GET /license-types) → its new price in minor units of the catalogue's currency.</summary>
    public IReadOnlyDictionary<string, long>? LicensePrices { get; init; }
}

public sealed record PatronagePoolChange(int Year, Money Pool);

/// <summary>Who authorised a settings change: a carried proposal, or an admin with a reason every member can read.</summary>
public sealed record SettingsAuthority(Guid? ProposalId, Guid? AdminUserId, string? Reason)
{
    public static SettingsAuthority Proposal(Guid proposalId) => new(proposalId, null, null);
    public static SettingsAuthority Admin(Guid adminUserId, string reason) => new(null, adminUserId, reason);
}

/// <summary>One setting's move in a recorded change: names are stable ("royaltyRateStandardBp", "licensePrice:small", "patronagePool:2026").</summary>
public sealed record SettingsChangeItem(string Setting, JsonNode? From, JsonNode? To);

/// <summary>Checks and applies settings changes; the only code that writes coop_settings, licence prices and patronage pools.</summary>
public static class SettingsChanges
{
    /// <summary>Member classes that share the patronage pool (buyer members buy, they do not earn patronage).</summary>
    public static readonly IReadOnlyList<string> PatronageClasses = ["contributor", "worker", "founder"];

    /// <summary>A payout threshold above this is a typo, not a policy (one million in minor units of the currency).</summary>
    public const long MaxPayoutThresholdMinor = 100_000_000;

    /// <summary>A price above this is a typo (one hundred thousand in the currency's minor units ×100).</summary>
    public const long MaxLicensePriceMinor = 10_000_000;

    public const long MaxPatronagePoolMinor = 1_000_000_000_000_00;

    private static long generation;

    /// <summary>
    /// Bumped by every applied change; <see cref="CoopSettings"/> and <see cref="LicenseCatalog"/> reload when it moved.
    /// Other API nodes keep their cached settings up to their cache time (30 s).
    /// </summary>
    public static long Generation => Interlocked.Read(ref generation);

    /// <summary>
    /// Makes this process's caches reload the settings. <see cref="ApplyAsync"/> calls it, but before the caller commits;
    /// call it again after the commit so a read racing the commit cannot keep the old values cached.
    /// </summary>
    public static void ForgetCachedSettings() => Interlocked.Increment(ref generation);

    /// <summary>Null when <paramref name="change"/> could be applied now; otherwise a message a person can act on.</summary>
    public static async Task<string?> CheckAsync(NpgsqlConnection connection, SettingsChange change, CancellationToken ct = default)
    {
        if (change.RoyaltyRateStandardBp is null && change.RoyaltyRateExtendedBp is null && change.PayoutThresholdMinor is null
            && change.PatronageClassShares is null && change.PatronageCashBp is null && change.PatronagePool is null
            && (change.LicensePrices is null || change.LicensePrices.Count == 0))
            return "The change names no setting: give at least one new value (a royalty rate, a licence price, the payout threshold, the patronage shares or a year's patronage pool).";

        if (BasisPoints(change.RoyaltyRateStandardBp, "The royalty rate on standard licences") is { } standard) return standard;
        if (BasisPoints(change.RoyaltyRateExtendedBp, "The royalty rate on extended licences") is { } extended) return extended;
        if (BasisPoints(change.PatronageCashBp, "The cash part of patronage dividends") is { } cash) return cash;
        if (change.PayoutThresholdMinor is { } threshold and (< 0 or > MaxPayoutThresholdMinor))
            return $"The payout threshold is in minor units (cents) and must be between 0 and {MaxPayoutThresholdMinor:N0}; {threshold:N0} is outside.";

        if (change.PatronageClassShares is { } shares)
        {
            var unknown = shares.Keys.Where(k => !PatronageClasses.Contains(k)).ToList();
            if (unknown.Count > 0)
                return $"Patronage shares are given for the classes {string.Join(", ", PatronageClasses)}; \"{string.Join("\", \"", unknown)}\" is not one of them.";
            if (shares.Values.Any(v => v is < 0 or > 10000))
                return "Each class's patronage share is in basis points between 0 and 10000 (100 %).";
            if (shares.Values.Sum() != 10000)
                return $"The classes' patronage shares must add up to 10000 basis points (100 %); these add up to {shares.Values.Sum()}.";
        }

        if (change.LicensePrices is { Count: > 0 } prices)
        {
            const string sql = "select code, amount, currency from license_options";
            var options = (await connection.QueryAsync<(string Code, long? Amount, string Currency)>(new CommandDefinition(sql, cancellationToken: ct))).ToList();
            foreach (var (code, price) in prices)
            {
                if (options.All(o => o.Code != code))
                    return $"There is no licence option \"{code}\". The options are: {string.Join(", ", options.Select(o => o.Code))}.";
                if (options.First(o => o.Code == code).Amount is null)
                    return $"\"{code}\" is priced by quote; it has no price to change.";
                if (price is <= 0 or > MaxLicensePriceMinor)
                    return $"The price of \"{code}\" must be a positive amount in minor units (cents) up to {MaxLicensePriceMinor:N0}.";
            }
        }

        if (change.PatronagePool is { } decision)
        {
            var (year, pool) = (decision.Year, decision.Pool);
            var thisYear = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select extract(year from now())::int", cancellationToken: ct));
            if (year < 1900 || year >= thisYear)
                return $"The patronage pool is set for a closed fiscal year: {year} is not closed (the last closed year is {thisYear - 1}).";
            if (pool is null || pool.Amount <= 0 || pool.Amount > MaxPatronagePoolMinor)
                return "The patronage pool must be a positive amount in minor units (cents).";
            var currency = await CoopMembers.CurrencyAsync(connection);
            if (pool.Currency != currency)
                return $"The patronage pool is in the co-op's currency, {currency}, not {pool.Currency}.";
            const string allocatedSql = "select exists (select 1 from patronage_years where year = @year)";
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(allocatedSql, new { year }, cancellationToken: ct)))
                return $"Patronage for {year} has already been allocated; its pool can no longer change.";
        }
        return null;
    }

    private static string? BasisPoints(int? value, string what) => value is { } bp and (< 0 or > 10000)
        ? $"{what} is in basis points between 0 and 10000 (100 %); {bp} is outside."
        : null;

    private sealed record SettingRow
    {
        public string Key { get; init; } = "";
        public string Json { get; init; } = "";
    }

    private sealed record PriceRow
    {
        public string Code { get; init; } = "";
        public long? Amount { get; init; }
        public string Currency { get; init; } = "";
    }

    /// <summary>
    /// Applies <paramref name="change"/> in the caller's transaction and records it with its authority; returns the change's id.
    /// Throws <see cref="InvalidOperationException"/> when the change is invalid (call <see cref="CheckAsync"/> first for the message)
    /// and <see cref="PostgresException"/> (unique violation) when the proposal's change was already applied.
    /// </summary>
    public static async Task<Guid> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SettingsChange change, SettingsAuthority authority, CancellationToken ct = default)
    {
        if ((authority.ProposalId is null) == (authority.AdminUserId is null) || (authority.AdminUserId is not null && string.IsNullOrWhiteSpace(authority.Reason)))
            throw new ArgumentException("A settings change has exactly one authority: a proposal, or an admin with a reason.", nameof(authority));
        if (await CheckAsync(connection, change, ct) is { } problem) throw new InvalidOperationException(problem);

        // Locked in key order so two changes at once queue instead of deadlocking, and "from" is what the change replaces.
        const string settingsSql = "select key, value::text as json from coop_settings order by key for update";
        var current = (await connection.QueryAsync<SettingRow>(new CommandDefinition(settingsSql, transaction: tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, r => JsonNode.Parse(r.Json));
        var defaults = new CoopSettingsSnapshot();
        var items = new List<SettingsChangeItem>();
        var writes = new List<(string Key, JsonNode Value)>();

        void Setting<T>(string key, string name, T? to, T fallback) where T : struct
        {
            if (to is not { } value) return;
            var from = current.TryGetValue(key, out var stored) ? stored : JsonSerializer.SerializeToNode(fallback);
            var next = JsonSerializer.SerializeToNode(value)!;
            items.Add(new SettingsChangeItem(name, from, next));
            writes.Add((key, next));
        }
        Setting(CoopSettingKeys.RoyaltyRateStandardBp, "royaltyRateStandardBp", change.RoyaltyRateStandardBp, defaults.RoyaltyRateStandardBp);
        Setting(CoopSettingKeys.RoyaltyRateExtendedBp, "royaltyRateExtendedBp", change.RoyaltyRateExtendedBp, defaults.RoyaltyRateExtendedBp);
        Setting(CoopSettingKeys.PayoutThresholdMinor, "payoutThresholdMinor", change.PayoutThresholdMinor, defaults.PayoutThresholdMinor);
        Setting(CoopSettingKeys.PatronageCashBp, "patronageCashBp", change.PatronageCashBp, defaults.PatronageCashBp);
        if (change.PatronageClassShares is { } shares)
        {
            var from = current.TryGetValue(CoopSettingKeys.PatronageClassShares, out var stored) ? stored : JsonSerializer.SerializeToNode(defaults.PatronageClassShares);
            var next = JsonSerializer.SerializeToNode(PatronageClasses.Where(shares.ContainsKey).ToDictionary(k => k, k => shares[k]))!;
            items.Add(new SettingsChangeItem("patronageClassShares", from, next));
            writes.Add((CoopSettingKeys.PatronageClassShares, next));
        }

        var prices = new List<(string Code, long Amount)>();
        if (change.LicensePrices is { Count: > 0 } newPrices)
        {
            const string pricesSql = "select code, amount, currency from license_options where code = any(@codes) order by code for update";
            var rows = (await connection.QueryAsync<PriceRow>(new CommandDefinition(pricesSql, new { codes = newPrices.Keys.ToArray() }, tx, cancellationToken: ct)))
                .ToDictionary(r => r.Code);
            foreach (var (code, amount) in newPrices.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var row = rows[code];
                items.Add(new SettingsChangeItem($"licensePrice:{code}", MoneyNode(row.Amount, row.Currency), MoneyNode(amount, row.Currency)));
                prices.Add((code, amount));
            }
        }

        if (change.PatronagePool is { } decision)
        {
            const string poolSql = "select amount, currency from patronage_pool_decisions where year = @year for update";
            var before = await connection.QuerySingleOrDefaultAsync<(long Amount, string Currency)?>(
                new CommandDefinition(poolSql, new { year = decision.Year }, tx, cancellationToken: ct));
            items.Add(new SettingsChangeItem($"patronagePool:{decision.Year}",
                before is { } b ? MoneyNode(b.Amount, b.Currency) : null, MoneyNode(decision.Pool.Amount, decision.Pool.Currency)));
        }

        var id = Guid.CreateVersion7();
        const string recordSql = """
            insert into settings_changes (id, at, proposal_id, admin_user_id, reason, changes)
            values (@id, now(), @proposalId, @adminUserId, @reason, @changes::jsonb)
            """;
        await connection.ExecuteAsync(new CommandDefinition(recordSql, new
        {
            id, proposalId = authority.ProposalId, adminUserId = authority.AdminUserId, reason = authority.Reason?.Trim(),
            changes = JsonSerializer.Serialize(items.Select(i => new JsonObject { ["setting"] = i.Setting, ["from"] = i.From?.DeepClone(), ["to"] = i.To?.DeepClone() }).ToList()),
        }, tx, cancellationToken: ct));

        // The database guard (migration 32) lets writes through only under a recorded change's id.
        await connection.ExecuteAsync(new CommandDefinition("select set_config('mediacoop.settings_change', @id, true)", new { id = id.ToString() }, tx, cancellationToken: ct));

        const string upsertSql = """
            insert into coop_settings (key, value, updated_at) values (@key, @value::jsonb, now())
            on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
            """;
        foreach (var (key, value) in writes)
            await connection.ExecuteAsync(new CommandDefinition(upsertSql, new { key, value = value.ToJsonString() }, tx, cancellationToken: ct));
        foreach (var (code, amount) in prices)
            await connection.ExecuteAsync(new CommandDefinition("update license_options set amount = @amount where code = @code", new { code, amount }, tx, cancellationToken: ct));
        if (change.PatronagePool is { } pool)
        {
            const string poolSql = """
                insert into patronage_pool_decisions (year, amount, currency, change_id) values (@year, @amount, @currency, @id)
                on conflict (year) do update set amount = excluded.amount, currency = excluded.currency, change_id = excluded.change_id
                """;
            await connection.ExecuteAsync(new CommandDefinition(poolSql, new { year = pool.Year, amount = pool.Pool.Amount, currency = pool.Pool.Currency, id }, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition("select set_config('mediacoop.settings_change', '', true)", transaction: tx, cancellationToken: ct));

        ForgetCachedSettings();
        return id;
    }

    private static JsonObject? MoneyNode(long? amount, string currency) =>
        amount is { } a ? new JsonObject { ["amount"] = a, ["currency"] = currency } : null;
}
