using Dapper;
using MediaCoop.Api.Platform;
using MediaCoop.Api.Governance;
using Npgsql;

namespace MediaCoop.Api.Licensing;

/// <summary>One row of license_options: a standard size (by long edge) or an extended add-on.</summary>
public sealed record LicenseOption
{
    public string Code { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Label { get; init; } = "";
    /// <summary>Sizes only; null = the original's own size.</summary>
    public int? LongEdge { get; init; }
    /// <summary>null = quote only (market freeze): never in a cart or an order.</summary>
    public long? Amount { get; init; }
    public string Currency { get; init; } = "";
    public int Sort { get; init; }
    public string Description { get; init; } = "";
}

public sealed record LicenseTermsRow
{
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTime PublishedAt { get; init; }
}

/// <summary>A size as offered for one photo: the pixels the buyer gets and the price.</summary>
public sealed record OfferedSize(LicenseOption Option, int Width, int Height);

/// <summary>The licence options and the terms in force, read at one moment.</summary>
public sealed class LicenseCatalogSnapshot(IReadOnlyList<LicenseOption> options, LicenseTermsRow terms)
{
    public IReadOnlyList<LicenseOption> Sizes { get; } = options.Where(o => o.Kind == "size").OrderBy(o => o.Sort).ToList();
    public IReadOnlyList<LicenseOption> Extended { get; } = options.Where(o => o.Kind == "extended").OrderBy(o => o.Sort).ToList();
    public LicenseTermsRow Terms { get; } = terms;

    /// <summary>One currency for the whole catalogue: orders add prices up, so mixing currencies is a settings error.</summary>
    public string Currency { get; } = options.Select(o => o.Currency).Distinct().ToList() switch
    {
        [var only] => only,
        [] => throw new InvalidOperationException("license_options is empty: the licence catalogue needs at least one size."),
        var many => throw new InvalidOperationException($"license_options mixes currencies ({string.Join(", ", many)}): every price must be in one currency."),
    };

    public LicenseOption? Size(string code) => Sizes.FirstOrDefault(s => s.Code == code);

    public LicenseOption? ExtendedOption(string code) => Extended.FirstOrDefault(e => e.Code == code);

    public Money Price(long amount) => new(amount, Currency);

    /// <summary>
    /// Sizes with a long edge are offered only below the original's long edge (a "large" no bigger than the
    /// original would sell the same pixels twice); sizes without one (the original) are always offered.
    /// </summary>
    public IReadOnlyList<OfferedSize> SizesFor(int width, int height)
    {
        var longEdge = Math.Max(width, height);
        var offered = new List<OfferedSize>(Sizes.Count);
        foreach (var size in Sizes)
        {
            if (size.LongEdge is not { } edge)
            {
                offered.Add(new OfferedSize(size, width, height));
                continue;
            }
            if (edge >= longEdge) continue;
            var scale = (double)edge / longEdge;
            offered.Add(new OfferedSize(size, Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale))));
        }
        return offered;
    }

    /// <summary>Editorial-only photos are licensed for editorial use only: no extended add-on applies.</summary>
    public IReadOnlyList<LicenseOption> ExtendedFor(bool editorialOnly) => editorialOnly ? [] : Extended;

    public string SizeLabel(string code) => Size(code)?.Label ?? code;
}

/// <summary>
/// The licence options and terms from the database, kept in memory for a short while: they are read on every asset
/// page and cart, and change only by a co-op decision (a new price applies to new orders within the cache time).
/// </summary>
public sealed class LicenseCatalog(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    private sealed record Cached(LicenseCatalogSnapshot Snapshot, DateTimeOffset At, long Generation);

    // Two requests refreshing at once both read the same rows; the last write wins, which is harmless.
    private volatile Cached? cached;

    public async Task<LicenseCatalogSnapshot> GetAsync(CancellationToken ct)
    {
        // A settings change applied in this process (SettingsChanges) moves the generation: reload at once.
        if (cached is { } hit && time.GetUtcNow() - hit.At < CacheTime && hit.Generation == SettingsChanges.Generation) return hit.Snapshot;
        var generation = SettingsChanges.Generation;
        var snapshot = await LoadAsync(ct);
        cached = new Cached(snapshot, time.GetUtcNow(), generation);
        return snapshot;
    }

    /// <summary>Forgets the cached options (after a price change in this process).</summary>
    public void Invalidate() => cached = null;

    private async Task<LicenseCatalogSnapshot> LoadAsync(CancellationToken ct)
    {
        const string optionsSql = """
            select code, kind, label, long_edge, amount, currency, sort, description
            from license_options order by sort, code
            """;
        const string termsSql = """
            select version, title, body, published_at from license_terms order by version desc limit 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var options = (await connection.QueryAsync<LicenseOption>(new CommandDefinition(optionsSql, cancellationToken: ct))).AsList();
        var terms = await connection.QuerySingleOrDefaultAsync<LicenseTermsRow>(new CommandDefinition(termsSql, cancellationToken: ct))
            ?? throw new InvalidOperationException("license_terms is empty: publish version 1 of the licence terms.");
        return new LicenseCatalogSnapshot(options, terms);
    }
}
