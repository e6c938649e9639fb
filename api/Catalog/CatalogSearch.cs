using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using MediaCoop.Api.Uploads;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaCoop.Api.Catalog;

/// <summary>
/// Catalogue search, shaped so every query walks an index and touches a bounded number of rows at 1M assets:
/// <list type="bullet">
/// <item>newest / popular: <c>order by key desc, asset_id desc limit n</c> with the filters and the text match as
/// conditions; PostgreSQL either walks catalog_newest / catalog_popular until n rows pass (common words, broad
/// filters) or takes the few GIN matches and sorts them (rare words). Keyset paging on (key, asset_id).</item>
/// <item>relevance: ranks a bounded candidate set, never every match (see <see cref="RelevanceCandidates"/>).</item>
/// <item>total and facets: counted over at most <see cref="CountSample"/> matches, cached briefly.</item>
/// </list>
/// Commands are parameterised but deliberately not prepared: an unnamed statement is planned with its values, so
/// the planner sees the actual tsquery (its words' frequencies decide GIN versus index walk); a generic plan of a
/// prepared statement cannot tell a rare word from a common one.
/// </summary>
internal sealed partial class CatalogSearch(NpgsqlDataSource dataSource, CatalogChanges changes, IOptions<CatalogSearchOptions> options) : IDisposable
{
    /// <summary>
    /// Relevance ranks only the <c>RelevanceCandidates</c> most popular matches. A word in 30 % of a million
    /// photos matches 300,000 rows, and ts_rank over all of them costs hundreds of milliseconds (1,000 candidates
    /// of a 27 % word still read ~3,900 rows on the 1M benchmark, 200 read ~800); the most popular
    /// matches are the ones buyers look at, so the best-ranked of them make the first pages. The trade-off: a
    /// very relevant but unpopular photo among more than this many matches is found through more words or a
    /// filter, not by paging relevance; relevance paging ends after this many results (newest and popular page
    /// through everything).
    /// </summary>
    public const int RelevanceCandidates = 200;

    /// <summary>Totals and facets count at most this many matches; above it they are "at least" / sampled.</summary>
    public const int CountSample = 500;

    private const int UnrolledColours = 5;

    /// <summary>A colour-distance search checks every candidate's colours exactly, so it counts a smaller sample.</summary>
    public const int HexCountSample = 100;

    /// <summary>Fewer results than this make the search try correcting unknown words.</summary>
    public const int FewResults = 5;

    // Both caches are keyed by this node's catalogue generation, so a publish through this node shows at once;
    // a publish through another node shows here when the entries expire (seconds, see CatalogSearchOptions).
    private readonly MemoryCache counts = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    // Whole first pages, sized by item count: ~100,000 items is ~50 MB at most.
    private readonly MemoryCache firstPages = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    // Parsed queries for choosing a query shape; an estimate, so minutes of staleness do not matter.
    private readonly MemoryCache wordCounts = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    private sealed record Counts(ResultTotal Total, SearchFacets Facets);

    public void Dispose()
    {
        counts.Dispose();
        firstPages.Dispose();
        wordCounts.Dispose();
    }

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var pageLifetime = options.Value.FirstPageCacheSeconds;
        var pageKey = request.Cursor is null && pageLifetime > 0 ? $"{changes.Generation}\u001e{request.Canonical}\u001e{request.Sort}\u001e{request.Limit}" : null;
        if (pageKey is not null && firstPages.Get<SearchResult>(pageKey) is { } hit) return hit;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var text = request.Cursor?.CorrectedText ?? request.Text;
        var page = await PageAsync(connection, request, text, request.Cursor?.CorrectedText, ct);
        var result = page;
        if (request.Cursor is null && request.Text is not null && page.Total.Value < FewResults
            && await CorrectAsync(connection, request.Text, ct) is { } corrected)
        {
            var retry = await PageAsync(connection, request, corrected, corrected, ct);
            if (retry.Total.Value > page.Total.Value) result = retry with { CorrectedQuery = corrected };
        }
        if (pageKey is not null)
            firstPages.Set(pageKey, result, new MemoryCacheEntryOptions { Size = result.Items.Count + 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(pageLifetime) });
        return result;
    }

    private async Task<SearchResult> PageAsync(NpgsqlConnection connection, SearchRequest request, string? text, string? corrected, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var estimate = text is null && request.ColorRgb is null ? null : await EstimateAsync(connection, text, request, ct);
        // The colour-cell GIN index helps only when the colour is narrower than the text.
        var where = Filters(request, text, parameters, useCells: estimate is null || text is null || estimate.ColourShare < estimate.TextShare);
        var take = request.Limit + 1;
        parameters.Add("take", take);
        var walk = options.Value.AlwaysWalk || estimate is null || estimate.Matches >= WalkThreshold(request.Sort);
        // One word and nothing else: its most popular matches come straight from catalog_postings, whatever its
        // frequency. (Walking the popularity index instead reads ~200 / frequency rows, 2–180 ms on the 1M benchmark
        // depending on how the word's photos fall in popularity order; the postings read 200 index entries.)
        var postings = request.Sort == SearchSort.Relevance && !request.HasFilters ? estimate?.SingleLexeme : null;
        var sql = PageSql(request, where, walk, parameters, postings);

        var countKey = $"{changes.Generation}\u001e{request.Canonical}\u001e{text}";
        var countLifetime = options.Value.CountCacheSeconds;
        var cached = countLifetime > 0 ? counts.Get<Counts>(countKey) : null;
        List<ItemRow> rows;
        if (cached is null)
        {
            var sample = request.ColorRgb is null ? CountSample : HexCountSample;
            parameters.Add("sample", sample + 1);
            // One word without filters: every sort counts the same matches, and the postings carry their facets.
            var countSql = !request.HasFilters && estimate?.SingleLexeme is { } word
                ? PostingsCountSql(parameters, word)
                : CountSql(where, ordered: request.ColorRgb is not null && walk);
            using var batch = await connection.QueryMultipleAsync(new CommandDefinition(sql + ";\n" + countSql, parameters, cancellationToken: ct));
            rows = (await batch.ReadAsync<ItemRow>()).AsList();
            cached = ToCounts(await batch.ReadSingleAsync<CountRow>(), sample);
            if (countLifetime > 0)
                counts.Set(countKey, cached, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(countLifetime) });
        }
        else
        {
            rows = (await connection.QueryAsync<ItemRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        }

        string? next = null;
        if (rows.Count == take)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            var fingerprint = request.Fingerprint;
            next = (request.Sort switch
            {
                SearchSort.Newest => SearchCursor.ForNewest(fingerprint, last.PublishedAt, last.AssetId, corrected),
                SearchSort.Popular => SearchCursor.ForPopular(fingerprint, last.Popularity, last.AssetId, corrected),
                _ => SearchCursor.ForRelevance(fingerprint, last.Rank, last.AssetId, corrected),
            }).Encode();
        }
        // A published asset whose renditions are missing cannot be shown; it still moved the cursor.
        var items = rows.Where(r => r.ThumbKey is not null && r.PreviewKey is not null).Select(r => r.ToItem()).ToList();
        return new SearchResult(items, next, cached.Total, request.Cursor is null ? cached.Facets : null, null);
    }

    /// <summary>The WHERE conditions on catalog c; fixed fragments only, every value a parameter.</summary>
    private static string Filters(SearchRequest r, string? text, DynamicParameters p, bool useCells)
    {
        var where = new StringBuilder("true");
        if (text is not null)
        {
            // websearch_to_tsquery never raises on user text (quotes, or, -word, stray operators) and, with the
            // configuration spelled out, is immutable: a planned-with-values statement folds it to a constant.
            where.Append(" and c.document @@ websearch_to_tsquery('mc_english', @q)");
            p.Add("q", text);
        }
        if (r.Orientation is not null) { where.Append(" and c.orientation = @orientation"); p.Add("orientation", r.Orientation); }
        if (r.MinWidth is not null) { where.Append(" and c.width >= @minWidth"); p.Add("minWidth", r.MinWidth); }
        if (r.MinHeight is not null) { where.Append(" and c.height >= @minHeight"); p.Add("minHeight", r.MinHeight); }
        if (r.ColorFamily is { } family) { where.Append(" and c.colour_families & @familyMask <> 0"); p.Add("familyMask", 1 << family); }
        if (r.ColorRgb is { } rgb)
        {
            var maxDistance = ColourFamilies.MaxSquaredDistance(r.ColorDistance);
            // The analysis keeps at most 5 dominant colours (Uploads/Imaging/DominantColours), so the exact check is
            // unrolled over the first slots: a subquery over unnest(colours) per candidate row cost ~10 times more.
            // Longer arrays (none today) still get the general check.
            // The cells are for finding candidates through their GIN index. When the text is rarer than the colour its
            // GIN index finds them better: a wide colour distance spans dozens of cells whose bitmap costs more than
            // checking the colours of the text's matches, so the planner is not offered it.
            where.Append(useCells ? " and c.colour_cells && @cells and (" : " and (");
            for (var i = 1; i <= UnrolledColours; i++)
            {
                where.Append(i == 1 ? "" : " or ").Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"(((c.colours[{i}] >> 16) & 255) - @red) * (((c.colours[{i}] >> 16) & 255) - @red) + (((c.colours[{i}] >> 8) & 255) - @green) * (((c.colours[{i}] >> 8) & 255) - @green) + ((c.colours[{i}] & 255) - @blue) * ((c.colours[{i}] & 255) - @blue) <= @maxDistance");
            }
            where.Append($"""
                 or cardinality(c.colours) > {UnrolledColours} and exists (select 1 from unnest(c.colours) x
                     where (((x >> 16) & 255) - @red) * (((x >> 16) & 255) - @red) + (((x >> 8) & 255) - @green) * (((x >> 8) & 255) - @green)
                         + ((x & 255) - @blue) * ((x & 255) - @blue) <= @maxDistance))
                """);
            p.Add("cells", ColourFamilies.CellsNear(rgb, maxDistance));
            p.Add("red", (rgb >> 16) & 255);
            p.Add("green", (rgb >> 8) & 255);
            p.Add("blue", rgb & 255);
            p.Add("maxDistance", maxDistance);
        }
        if (r.EditorialOnly is { } editorial) { where.Append(" and c.editorial_only = @editorial"); p.Add("editorial", editorial); }
        if (r.People == "released") where.Append(" and c.people_released");
        if (r.People == "none") where.Append(" and not c.shows_people");
        if (r.Contributor is not null)
        {
            where.Append(" and c.owner_id = (select u.id from users u where u.handle = @contributor::citext)");
            p.Add("contributor", r.Contributor);
        }
        if (r.Collection is not null)
        {
            where.Append("""
                 and c.asset_id in (select ca.asset_id from collection_assets ca join collections co on co.id = ca.collection_id
                                    where co.id = @collection and co.published_at is not null)
                """);
            p.Add("collection", r.Collection);
        }
        if (r.PublishedFrom is not null) { where.Append(" and c.published_at >= @publishedFrom"); p.Add("publishedFrom", r.PublishedFrom); }
        if (r.PublishedUntil is not null) { where.Append(" and c.published_at < @publishedUntil"); p.Add("publishedUntil", r.PublishedUntil); }
        return where.ToString();
    }

    // Each lookup is a lateral subquery with "offset 0" so it stays a per-row index probe: joined plainly, the planner
    // hash-joined every user and memoised renditions, 0.85 ms for a page of 41 on the 1M benchmark against 0.27 ms
    // this way (finding the page itself took 0.05 ms).
    internal const string Hydrate = """
        select p.asset_id, p.title, p.width, p.height, p.orientation, p.editorial_only, p.published_at, p.popularity, p.rank,
               u.handle, u.display_name, a.blur_placeholder,
               t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
               v.blob_key as preview_key, v.width as preview_width, v.height as preview_height
        from page p
        cross join lateral (select u.handle, u.display_name from users u where u.id = p.owner_id offset 0) u
        cross join lateral (select a.blur_placeholder from assets a where a.id = p.asset_id offset 0) a
        left join lateral (select r.blob_key, r.width, r.height from asset_renditions r
                           where r.asset_id = p.asset_id and r.kind = 'thumbnail' offset 0) t on true
        left join lateral (select r.blob_key, r.width, r.height from asset_renditions r
                           where r.asset_id = p.asset_id and r.kind = 'preview' offset 0) v on true
        """;

    internal const string Columns = "c.asset_id, c.title, c.width, c.height, c.orientation, c.owner_id, c.editorial_only, c.published_at, c.popularity";

    /// <summary>
    /// Two shapes. <paramref name="walk"/>: <c>order by key limit n</c> over catalog_newest / catalog_popular with the
    /// text as a filter, for common words and no text, where n matches come within the first few hundred rows.
    /// Otherwise the matches are collected through the GIN index first (a materialised CTE, so the planner cannot
    /// choose a walk) and sorted: for a word in 0.5 % of the catalogue that is ~5,000 rows, where a walk of
    /// catalog_popular for 300 candidates read 38,000 rows on the 1M benchmark. The choice is ours, not the
    /// planner's: its LIMIT costing assumes matches spread evenly along the index, which word frequencies break.
    /// </summary>
    private static string PageSql(SearchRequest r, string where, bool walk, DynamicParameters p, string? postings)
    {
        var after = r.Cursor;
        if (after is not null) p.Add("afterId", after.AfterId);
        string keyset = "", order;
        switch (r.Sort)
        {
            case SearchSort.Newest:
                if (after is not null)
                {
                    p.Add("afterPublished", after.PublishedAt);
                    keyset = " and (c.published_at, c.asset_id) < (@afterPublished, @afterId)";
                }
                order = "published_at desc, {0}.asset_id desc";
                break;
            case SearchSort.Popular:
                if (after is not null)
                {
                    p.Add("afterPopularity", after.Popularity);
                    keyset = " and (c.popularity, c.asset_id) < (@afterPopularity, @afterId)";
                }
                order = "popularity desc, {0}.asset_id desc";
                break;
            default:
                return RelevanceSql(r, where, walk, p, postings);
        }
        string Order(string alias) => alias + "." + string.Format(System.Globalization.CultureInfo.InvariantCulture, order, alias);
        var page = walk
            ? $"""
                with page as (
                    select {Columns}, 0::real as rank from catalog c
                    where {where}{keyset}
                    order by {Order("c")}
                    limit @take)
                """
            : $"""
                with matches as materialized (
                    select {Columns}, 0::real as rank from catalog c
                    where {where}{keyset}
                    limit {CollectCap}),
                page as (
                    select * from matches m order by {Order("m")} limit @take)
                """;
        return $"""
            {page}
            {Hydrate}
            order by {Order("p")}
            """;
    }

    private static string RelevanceSql(SearchRequest r, string where, bool walk, DynamicParameters p, string? postings)
    {
        var after = r.Cursor;
        if (after is not null) p.Add("afterRank", after.Rank);
        p.Add("candidates", RelevanceCandidates);
        if (postings is not null) p.Add("lexeme", postings);
        var candidates = postings is not null
            ? $"""
                with candidates as (
                    select {Columns}, c.document
                    from (select k.asset_id from catalog_postings k where k.lexeme = @lexeme
                          order by k.popularity desc, k.asset_id desc limit @candidates) k
                    join catalog c on c.asset_id = k.asset_id),
                """
            : walk
            ? $"""
                with candidates as (
                    select {Columns}, c.document from catalog c
                    where {where}
                    order by c.popularity desc, c.asset_id desc
                    limit @candidates),
                """
            : $"""
                with matches as materialized (
                    select {Columns} from catalog c
                    where {where}
                    limit {CollectCap}),
                candidates as (
                    select m.*, d.document from (select * from matches m order by m.popularity desc, m.asset_id desc limit @candidates) m
                    join catalog d on d.asset_id = m.asset_id),
                """;
        // ts_rank's default weights give title (A) 1.0, keywords (B) 0.4, description (C) 0.2; normalisation 1
        // divides by 1 + log(length) so a long description does not outrank a short, exact title.
        return $"""
            {candidates}
            ranked as (
                select s.*, ts_rank(s.document, websearch_to_tsquery('mc_english', @q), 1) as rank from candidates s),
            page as (
                select * from ranked s
                {(after is null ? "" : "where (s.rank, s.asset_id) < (@afterRank, @afterId)")}
                order by s.rank desc, s.asset_id desc
                limit @take)
            {Hydrate}
            order by p.rank desc, p.asset_id desc
            """;
    }

    /// <summary>
    /// Matches above which walking the sort index beats collecting every match: a walk reads about n / f rows
    /// for n results at match frequency f, collecting reads f × catalogue size, equal at f = √(n / size). With
    /// 41 rows a page and 300 relevance candidates at 1M photos that is ~6,400 and ~17,000 matches.
    /// </summary>
    /// <summary>
    /// The most matches a collecting query reads: when the estimate was far too low (words that nearly always occur
    /// together look rarer than they are), the page is the best of these rather than an unbounded read.
    /// </summary>
    private const int CollectCap = 30_000;

    private static int WalkThreshold(SearchSort sort) => sort == SearchSort.Relevance ? 17_000 : 6_400;

    /// <summary>
    /// How many photos the text and the hex colour match, estimated the way the planner does (ANALYZE's most common
    /// lexemes of catalog.document, descriptions included, and colour cells, with their frequencies; what is not
    /// listed is rarer than the rarest listed), but with the query's real structure: "and" multiplies, "or" adds,
    /// "-word" is left out. A hex colour near few photos must be collected: walking catalog_newest for it read the
    /// whole index (1.6M buffers, 4 s) on the benchmark.
    /// The tsquery comes from PostgreSQL so stemming and stop words match the search exactly; both the parsed
    /// query and the statistics are kept in memory for minutes.
    /// </summary>
    private sealed record Estimate(double Matches, double TextShare, double ColourShare, string? SingleLexeme);

    private async Task<Estimate> EstimateAsync(NpgsqlConnection connection, string? text, SearchRequest request, CancellationToken ct)
    {
        var stats = await StatsAsync(connection, ct);
        double textShare = 1, colourShare = 1;
        string? single = null;
        if (text is not null)
        {
            if (wordCounts.Get<string>(text) is not { } tsquery)
            {
                tsquery = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                    "select websearch_to_tsquery('mc_english', @text)::text", new { text }, cancellationToken: ct)) ?? "";
                wordCounts.Set(text, tsquery, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
            }
            double matching = 0;
            // websearch_to_tsquery output: 'a' & !'b' & 'c' <-> 'd' | 'e' ("and" binds tighter than "or").
            foreach (var branch in tsquery.Split(" | "))
            {
                double branchShare = 1;
                foreach (Match lexeme in Lexeme().Matches(branch))
                {
                    if (lexeme.Groups[1].Value == "!") continue;
                    branchShare *= stats.Lexemes.TryGetValue(lexeme.Groups[2].Value.Replace("''", "'", StringComparison.Ordinal), out var f) ? f : stats.UnlistedLexeme;
                }
                matching += branchShare;
            }
            textShare = Math.Min(1, matching);
            if (SingleLexeme().Match(tsquery) is { Success: true } one) single = one.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
        }
        if (request.ColorRgb is { } rgb)
        {
            // Photos with a colour in one of the cells, summed (an upper bound: a photo has several colours); about
            // half of those are within the exact distance.
            var cells = ColourFamilies.CellsNear(rgb, ColourFamilies.MaxSquaredDistance(request.ColorDistance));
            colourShare = Math.Min(1, cells.Sum(c => stats.Cells.TryGetValue(c, out var f) ? f : stats.UnlistedCell) / 2);
        }
        return new Estimate(textShare * colourShare * stats.Rows, textShare, colourShare, single);
    }

    private sealed record CatalogStats(Dictionary<string, float> Lexemes, float UnlistedLexeme, Dictionary<int, float> Cells, float UnlistedCell,
        double Rows, DateTime LoadedAt);

    private CatalogStats? catalogStats;

    /// <summary>ANALYZE's most common lexemes of catalog.document and colour cells of catalog.colour_cells, with their frequencies.</summary>
    private async Task<CatalogStats> StatsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var current = catalogStats;
        if (current is not null && DateTime.UtcNow - current.LoadedAt < TimeSpan.FromMinutes(10)) return current;
        const string sql = """
            select s.attname::text as column_name, s.most_common_elems::text as elements, s.most_common_elem_freqs as frequencies,
                   (select greatest(c.reltuples, 0) from pg_class c where c.oid = 'catalog'::regclass)::float8 as rows
            from pg_stats s
            where s.schemaname = current_schema() and s.tablename = 'catalog' and s.attname in ('document', 'colour_cells')
            """;
        var rows = (await connection.QueryAsync<StatsRow>(new CommandDefinition(sql, cancellationToken: ct))).AsList();
        var lexemes = new Dictionary<string, float>(StringComparer.Ordinal);
        var cells = new Dictionary<int, float>();
        foreach (var row in rows)
        {
            if (row.Elements is null || row.Frequencies is null) continue;
            // anyarray prints as an array literal: {a,b,"c d"} for lexemes, {1,2} for cells.
            var elements = PgArrayElement().Matches(row.Elements)
                .Select(m => m.Groups[1].Success ? Regex.Unescape(m.Groups[1].Value) : m.Groups[2].Value).ToList();
            for (var i = 0; i < elements.Count && i < row.Frequencies.Length; i++)
            {
                if (row.ColumnName == "document") lexemes[elements[i]] = row.Frequencies[i];
                else if (int.TryParse(elements[i], System.Globalization.CultureInfo.InvariantCulture, out var cell)) cells[cell] = row.Frequencies[i];
            }
        }
        // Before the first ANALYZE there are no statistics: everything looks rare and is collected through the GIN
        // indexes, which is right for a young catalogue.
        return catalogStats = new CatalogStats(lexemes, lexemes.Count == 0 ? 0 : lexemes.Values.Min() / 2,
            cells, cells.Count == 0 ? 0 : cells.Values.Min() / 2, rows.FirstOrDefault()?.Rows ?? 0, DateTime.UtcNow);
    }

    [GeneratedRegex("""(?:"((?:[^"\\]|\\.)*)"|([^,{}"]+))""")]
    private static partial Regex PgArrayElement();

    [GeneratedRegex(@"(!?)'((?:[^']|'')*)'")]
    private static partial Regex Lexeme();

    [GeneratedRegex(@"^'((?:[^']|'')*)'$")]
    private static partial Regex SingleLexeme();

    private sealed record StatsRow
    {
        public string ColumnName { get; init; } = "";
        public string? Elements { get; init; }
        public float[]? Frequencies { get; init; }
        public double Rows { get; init; }
    }

    // A colour-distance sample without narrowing text follows catalog_newest: through the colour-cell GIN index a
    // wide distance first gathers ~150,000 row ids (120 ms on the 1M benchmark) before the first count. Otherwise
    // the planner's unordered LIMIT is right: a sequential scan for broad filters and common words, the GIN bitmap
    // for narrow text, each stopping after the sample.
    private static string CountSql(string where, bool ordered)
    {
        var families = string.Concat(Enumerable.Range(0, ColourFamilies.Names.Length)
            .Select(i => $", count(*) filter (where s.colour_families & {1 << i} <> 0)::int as f{i}"));
        return $"""
            select count(*)::int as total,
                   count(*) filter (where s.orientation = 'landscape')::int as landscape,
                   count(*) filter (where s.orientation = 'portrait')::int as portrait,
                   count(*) filter (where s.orientation = 'square')::int as square,
                   count(*) filter (where s.orientation = 'panorama')::int as panorama,
                   count(*) filter (where s.editorial_only)::int as editorial{families}
            from (select c.orientation, c.colour_families, c.editorial_only from catalog c where {where}
                  {(ordered ? "order by c.published_at desc, c.asset_id desc" : "")} limit @sample) s
            """;
    }

    // The same counts from the posting index alone (migration 20 packs each photo's facets into its postings):
    // an index-only scan of one lexeme's first entries, instead of a visit to ~500 scattered catalogue pages.
    private static string PostingsCountSql(DynamicParameters parameters, string lexeme)
    {
        parameters.Add("countLexeme", lexeme);
        var families = string.Concat(Enumerable.Range(0, ColourFamilies.Names.Length)
            .Select(i => $", count(*) filter (where s.facets & {1 << i} <> 0)::int as f{i}"));
        return $"""
            select count(*)::int as total,
                   count(*) filter (where (s.facets >> 16) & 3 = 0)::int as landscape,
                   count(*) filter (where (s.facets >> 16) & 3 = 1)::int as portrait,
                   count(*) filter (where (s.facets >> 16) & 3 = 2)::int as square,
                   count(*) filter (where (s.facets >> 16) & 3 = 3)::int as panorama,
                   count(*) filter (where s.facets & {1 << 20} <> 0)::int as editorial{families}
            from (select k.facets from catalog_postings k where k.lexeme = @countLexeme limit @sample) s
            """;
    }

    private static Counts ToCounts(CountRow row, int sample)
    {
        var capped = row.Total > sample;
        var sampled = Math.Min(row.Total, sample);
        var orientation = new FacetCount[]
        {
            new("landscape", row.Landscape), new("portrait", row.Portrait), new("square", row.Square), new("panorama", row.Panorama),
        };
        int[] families = [row.F0, row.F1, row.F2, row.F3, row.F4, row.F5, row.F6, row.F7, row.F8, row.F9, row.F10, row.F11, row.F12, row.F13, row.F14];
        var colors = families.Select((count, i) => new FacetCount(ColourFamilies.Names[i], count)).Where(f => f.Count > 0).ToList();
        var license = new FacetCount[] { new("commercial", row.Total - row.Editorial), new("editorial", row.Editorial) };
        // The sample query reads one row more than the sample only to learn that there are more.
        if (capped)
        {
            orientation = [.. orientation.Select(f => f with { Count = Math.Min(f.Count, sampled) })];
            license = [.. license.Select(f => f with { Count = Math.Min(f.Count, sampled) })];
        }
        return new Counts(new ResultTotal(sampled, !capped),
            new SearchFacets([.. orientation.Where(f => f.Count > 0)], colors, [.. license.Where(f => f.Count > 0)], capped));
    }

    /// <summary>
    /// The query with each word the catalogue does not know replaced by its nearest known word (trigram
    /// similarity, then the most used), or null when nothing can be corrected.
    /// </summary>
    private static async Task<string?> CorrectAsync(NpgsqlConnection connection, string text, CancellationToken ct)
    {
        var words = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length is >= 3 and <= 40).Distinct().Take(8).ToArray();
        if (words.Length == 0) return null;
        const string sql = """
            select w.typed, (select cw.word from catalog_words cw
                             where cw.word % w.folded and cw.documents > 0
                             order by cw.word <-> w.folded, cw.documents desc limit 1) as replacement
            from (select x as typed, lower(unaccent(x)) as folded from unnest(@words) x) w
            where not exists (select 1 from catalog_words k where k.word = w.folded and k.documents > 0)
            """;
        var replacements = (await connection.QueryAsync<Correction>(new CommandDefinition(sql, new { words }, cancellationToken: ct)))
            .Where(c => c.Replacement is not null)
            .ToDictionary(c => c.Typed, c => c.Replacement!, StringComparer.Ordinal);
        if (replacements.Count == 0) return null;
        return Word().Replace(text, m => replacements.TryGetValue(m.Value.ToLowerInvariant(), out var replacement) ? replacement : m.Value);
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    private sealed record Correction
    {
        public string Typed { get; init; } = "";
        public string? Replacement { get; init; }
    }

    private sealed record CountRow
    {
        public int Total { get; init; }
        public int Landscape { get; init; }
        public int Portrait { get; init; }
        public int Square { get; init; }
        public int Panorama { get; init; }
        public int Editorial { get; init; }
        public int F0 { get; init; }
        public int F1 { get; init; }
        public int F2 { get; init; }
        public int F3 { get; init; }
        public int F4 { get; init; }
        public int F5 { get; init; }
        public int F6 { get; init; }
        public int F7 { get; init; }
        public int F8 { get; init; }
        public int F9 { get; init; }
        public int F10 { get; init; }
        public int F11 { get; init; }
        public int F12 { get; init; }
        public int F13 { get; init; }
        public int F14 { get; init; }
    }
}

/// <summary>A row of catalog with what a results grid shows; shared by search and similar-photo lists.</summary>
internal sealed record ItemRow
{
    public Guid AssetId { get; init; }
    public string? Title { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string Orientation { get; init; } = "";
    public bool EditorialOnly { get; init; }
    public DateTime PublishedAt { get; init; }
    public double Popularity { get; init; }
    public float Rank { get; init; }
    public string Handle { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? BlurPlaceholder { get; init; }
    public string? ThumbKey { get; init; }
    public int ThumbWidth { get; init; }
    public int ThumbHeight { get; init; }
    public string? PreviewKey { get; init; }
    public int PreviewWidth { get; init; }
    public int PreviewHeight { get; init; }

    public CatalogItem ToItem() => new(AssetId, Title, Width, Height, Orientation, new ContributorRef(Handle, DisplayName),
        new RenditionLink(MediaEndpoints.UrlFor(ThumbKey!), ThumbWidth, ThumbHeight),
        new RenditionLink(MediaEndpoints.UrlFor(PreviewKey!), PreviewWidth, PreviewHeight),
        BlurPlaceholder, EditorialOnly, new DateTimeOffset(DateTime.SpecifyKind(PublishedAt, DateTimeKind.Utc)));
}

/// <summary>How long this node may answer from memory. Zero turns a cache off.</summary>
public sealed class CatalogSearchOptions
{
    public const string Section = "Catalog:Search";

    /// <summary>
    /// Whole first pages of a search (the same query string within this time gets the same answer). As long as the
    /// public max-age the search answers carry (30 s): browsers and CDNs keep them that long anyway, and a publish on
    /// this node clears the cache at once. At 5 s, about a fifth of a 32-client mixed load missed it.
    /// </summary>
    public int FirstPageCacheSeconds { get; set; } = 30;

    /// <summary>Totals and facets, which later pages of the same search reuse.</summary>
    public int CountCacheSeconds { get; set; } = 60;

    /// <summary>
    /// Always walk the sort index, as for common words, whatever the estimate says: lets tests run both query
    /// shapes on a small catalogue, and helps compare plans when diagnosing.
    /// </summary>
    public bool AlwaysWalk { get; set; }
}

/// <summary>
/// This node's catalogue generation: bumped after a publishing decision commits, so briefly cached pages and
/// counts never hide a photo published through this node; whatever else lists or withdraws a photo calls
/// <see cref="Changed"/> after its commit too. Other nodes catch up when their entries expire.
/// </summary>
public sealed class CatalogChanges
{
    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public void Changed() => Interlocked.Increment(ref generation);
}
