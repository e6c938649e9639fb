using Dapper;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// The catalogue's popularity score: every sign of interest adds a weight that doubles every 30 days,
/// 2^((t − 2026-01-01) / 30 days). Sorting by the sum ranks recent interest above old interest exactly as
/// an exponential decay with a 30-day half-life would, yet no stored score is ever rewritten: old interest
/// shrinks only relative to new. Doubles hold it until about 2110 (2^1023); before then, divide every score
/// by the same power of two and move the epoch, which keeps the order. Nothing is ever subtracted: removing
/// a photo from a lightbox does not take back the interest it showed (people clear lightboxes once they have
/// chosen or licensed), and subtracting today's larger weight would rank it below where it stood before the add.
/// </summary>
public static class Popularity
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan DoublingPeriod = TimeSpan.FromDays(30);

    /// <summary>One photo added to a lightbox for the first time.</summary>
    public const double LightboxAdd = 1;

    /// <summary>A licence shows more intent than a lightbox add: it counts as five.</summary>
    public const double Licence = 5;

    /// <summary>What one unit of interest shown at <paramref name="at"/> adds to the score.</summary>
    public static double WeightAt(DateTimeOffset at) => Math.Pow(2, (at - Epoch) / DoublingPeriod);

    /// <summary>
    /// Adds interest to a published asset's score. Run it in the transaction that records the interest
    /// (the lightbox add, the licence), so a rolled-back action leaves no trace. An asset that is not in the
    /// catalogue (no longer published) is left alone.
    /// </summary>
    public const string AddSql = "update catalog set popularity = popularity + @weight where asset_id = @assetId";

    public static Task AddInterestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid assetId, double units, DateTimeOffset at) =>
        connection.ExecuteAsync(AddSql, new { assetId, weight = units * WeightAt(at) }, transaction);
}
