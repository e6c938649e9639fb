using Dapper;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// "Similar photos" without scanning the catalogue: candidates come from the GIN index (photos sharing the
/// asset's rarest few words, which match few rows by definition) and from the dHash btree (the numerically
/// nearest hashes on either side, which share the high bits); only those are scored, by shared keywords and
/// dHash Hamming distance.
/// </summary>
internal static class SimilarPhotos
{
    private const int WordCandidates = 200;
    private const int HashNeighbours = 40;
    /// <summary>dHash distances up to here look alike (near-duplicates are within ~5 of 64 bits).</summary>
    private const int LooksAlike = 12;

    private sealed record Target
    {
        public Guid OwnerId { get; init; }
        public long? Dhash { get; init; }
        public string[] Keywords { get; init; } = [];
        public string[] RareWords { get; init; } = [];
    }

    public static async Task<SimilarAssets?> FindAsync(NpgsqlConnection connection, Guid id, int limit, CancellationToken ct)
    {
        // catalog_words counts every published title/keyword word; the asset itself is one of a word's documents.
        const string targetSql = """
            select c.owner_id, c.dhash, array(select lower(k) from unnest(c.keywords) k) as keywords,
                   array(select cw.word from catalog_words_of(c.title, c.keywords) w join catalog_words cw on cw.word = w
                         where cw.documents > 1 order by cw.documents, cw.word limit 3) as rare_words
            from catalog c where c.asset_id = @id
            """;
        var target = await connection.QuerySingleOrDefaultAsync<Target>(new CommandDefinition(targetSql, new { id }, cancellationToken: ct));
        if (target is null) return null;

        var branches = new List<string>();
        var parameters = new DynamicParameters(new { id, limit, owner = target.OwnerId, keywords = target.Keywords, dhash = target.Dhash });
        if (target.RareWords.Length > 0)
        {
            branches.Add($"(select c.asset_id from catalog c where c.document @@ websearch_to_tsquery('mc_english', @words) and c.asset_id <> @id limit {WordCandidates})");
            parameters.Add("words", string.Join(" or ", target.RareWords));
        }
        if (target.Dhash is not null)
        {
            branches.Add($"(select c.asset_id from catalog c where c.dhash >= @dhash and c.asset_id <> @id order by c.dhash limit {HashNeighbours})");
            branches.Add($"(select c.asset_id from catalog c where c.dhash < @dhash order by c.dhash desc limit {HashNeighbours})");
        }
        var similarSql = branches.Count == 0 ? "" : $"""
            with candidates as ({string.Join(" union ", branches)}),
            scored as (
                select {CatalogSearch.Columns},
                       (select count(*) from unnest(c.keywords) k where lower(k) = any(@keywords))::int as shared,
                       case when c.dhash is null or @dhash::bigint is null then 64 else bit_count((c.dhash # @dhash::bigint)::bit(64))::int end as distance
                from candidates x join catalog c on c.asset_id = x.asset_id),
            page as (
                select s.asset_id, s.title, s.width, s.height, s.orientation, s.owner_id, s.editorial_only, s.published_at, s.popularity,
                       (s.shared + greatest(0, {LooksAlike + 1} - s.distance) / 2.0)::real as rank
                from scored s
                where s.shared > 0 or s.distance <= {LooksAlike}
                order by rank desc, s.popularity desc, s.asset_id desc
                limit @limit)
            {CatalogSearch.Hydrate}
            order by p.rank desc, p.popularity desc, p.asset_id desc;
            """;
        var moreSql = $"""
            with page as (
                select {CatalogSearch.Columns}, 0::real as rank from catalog c
                where c.owner_id = @owner and c.asset_id <> @id
                order by c.published_at desc, c.asset_id desc
                limit @limit)
            {CatalogSearch.Hydrate}
            order by p.published_at desc, p.asset_id desc
            """;
        using var batch = await connection.QueryMultipleAsync(new CommandDefinition(similarSql + moreSql, parameters, cancellationToken: ct));
        var similar = branches.Count == 0 ? [] : (await batch.ReadAsync<ItemRow>()).AsList();
        var more = (await batch.ReadAsync<ItemRow>()).AsList();
        return new SimilarAssets(Shown(similar), Shown(more));
    }

    private static List<CatalogItem> Shown(List<ItemRow> rows) =>
        rows.Where(r => r.ThumbKey is not null && r.PreviewKey is not null).Select(r => r.ToItem()).ToList();
}
