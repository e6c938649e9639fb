using MediaCoop.Api.Platform;
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

/// <summary>Checks and applies settings changes; the only code that writes coop_settings and licence prices (the gov-settings part implements it).</summary>
public static class SettingsChanges
{
    /// <summary>Null when <paramref name="change"/> could be applied now; otherwise a message a person can act on.</summary>
    public static Task<string?> CheckAsync(NpgsqlConnection connection, SettingsChange change, CancellationToken ct = default) =>
        throw new NotImplementedException("the gov-settings part implements this");

    /// <summary>Applies <paramref name="change"/> in the caller's transaction and records it with its authority; returns the change's id.</summary>
    public static Task<Guid> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SettingsChange change, SettingsAuthority authority, CancellationToken ct = default) =>
        throw new NotImplementedException("the gov-settings part implements this");
}
