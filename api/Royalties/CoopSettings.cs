using System.Text.Json;
using Dapper;
using MediaCoop.Api.Governance;
using Npgsql;

namespace MediaCoop.Api.Royalties;

/// <summary>The keys of coop_settings (migration 22) and their defaults when a key is missing.</summary>
public static class CoopSettingKeys
{
    public const string RoyaltyRateStandardBp = "royalty_rate_standard_bp";
    public const string RoyaltyRateExtendedBp = "royalty_rate_extended_bp";
    public const string PayoutThresholdMinor = "payout_threshold_minor";
    public const string PayoutHoldDays = "payout_hold_days";
    public const string PatronageClassShares = "patronage_class_shares";
    public const string PatronageCashBp = "patronage_cash_bp";
}

/// <summary>The co-op's settings as read at one moment, with the defaults of the brief for missing keys.</summary>
public sealed record CoopSettingsSnapshot
{
    public int RoyaltyRateStandardBp { get; init; } = 5000;
    public int RoyaltyRateExtendedBp { get; init; } = 7500;
    public long PayoutThresholdMinor { get; init; } = 2500;
    public int PayoutHoldDays { get; init; } = 30;
    public IReadOnlyDictionary<string, int> PatronageClassShares { get; init; } =
        new Dictionary<string, int> { ["contributor"] = 9000, ["worker"] = 500, ["founder"] = 500 };
    public int PatronageCashBp { get; init; } = 2000;

    public TimeSpan PayoutHold => TimeSpan.FromDays(PayoutHoldDays);

    public static CoopSettingsSnapshot From(IEnumerable<(string Key, string Json)> rows)
    {
        var settings = new CoopSettingsSnapshot();
        foreach (var (key, json) in rows)
        {
            using var value = JsonDocument.Parse(json);
            var root = value.RootElement;
            settings = key switch
            {
                CoopSettingKeys.RoyaltyRateStandardBp => settings with { RoyaltyRateStandardBp = root.GetInt32() },
                CoopSettingKeys.RoyaltyRateExtendedBp => settings with { RoyaltyRateExtendedBp = root.GetInt32() },
                CoopSettingKeys.PayoutThresholdMinor => settings with { PayoutThresholdMinor = root.GetInt64() },
                CoopSettingKeys.PayoutHoldDays => settings with { PayoutHoldDays = root.GetInt32() },
                CoopSettingKeys.PatronageCashBp => settings with { PatronageCashBp = root.GetInt32() },
                CoopSettingKeys.PatronageClassShares => settings with
                {
                    PatronageClassShares = root.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
                },
                _ => settings,
            };
        }
        return settings;
    }
}

/// <summary>
/// Reads coop_settings. Pages and jobs use <see cref="GetAsync"/> (cached for a short while: settings change only by
/// a co-op decision); a posting inside a transaction uses <see cref="LoadAsync"/>, so a sale is priced with the rates
/// in force when it commits, not up to <see cref="CacheTime"/> old.
/// </summary>
public sealed class CoopSettings(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    private sealed record Cached(CoopSettingsSnapshot Snapshot, DateTimeOffset At, long Generation);

    // Two requests refreshing at once read the same rows; the last write wins, which is harmless.
    private volatile Cached? cached;

    public async Task<CoopSettingsSnapshot> GetAsync(CancellationToken ct = default)
    {
        // A settings change applied in this process (SettingsChanges) moves the generation: reload at once.
        if (cached is { } hit && time.GetUtcNow() - hit.At < CacheTime && hit.Generation == SettingsChanges.Generation) return hit.Snapshot;
        var generation = SettingsChanges.Generation;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var snapshot = await LoadAsync(connection, null, ct);
        cached = new Cached(snapshot, time.GetUtcNow(), generation);
        return snapshot;
    }

    /// <summary>Forgets the cached settings (after a change in this process).</summary>
    public void Invalidate() => cached = null;

    public static async Task<CoopSettingsSnapshot> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct = default)
    {
        const string sql = "select key, value::text as json from coop_settings";
        var rows = await connection.QueryAsync<(string Key, string Json)>(new CommandDefinition(sql, transaction: transaction, cancellationToken: ct));
        return CoopSettingsSnapshot.From(rows);
    }
}
