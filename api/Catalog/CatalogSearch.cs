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
    /// photos matches 300,000 rows, and ts_rank over all of them costs hundreds of milliseconds; the most popular
    /// matches are the ones buyers look at, so the best-ranked of them make the first pages. The trade-off: a
    /// very relevant but unpopular photo among more than this many matches is found through more words or a
    /// filter, not by paging relevance; relevance paging ends after this many results (newest and popular page
    /// through everything).
    /// </summary>
    public const int RelevanceCandidates = 300;

    /// <summary>Totals and facets count at most this many matches; above it they are "at least" / sampled.</summary>
    public const int CountSample = 1000;

    private const int UnrolledColours = 5;

    /// <summary>A colour-distance search checks every candidate's colours exactly, so it counts a smaller sample.</summary>
    public const int HexCountSample = 200;

    /// <summary>Fewer results than this make the search try correcting unknown words.</summary>
    public const int FewResults = 5;

    // Both caches are keyed by this node's catalogue generation, so a publish through this node shows at once;
    // a publish through another node shows here when the entries expire (seconds, see CatalogSearchOptions).
    private readonly MemoryCache counts = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    // Whole first pages, sized by item count: ~100,000 items is ~50 MB at most.
    private readonly MemoryCache firstPages = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    // Vocabulary counts for choosing a query shape; an estimate, so minutes of staleness do not matter.
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
        var where = Filters(request, text, parameters);
        var take = request.Limit + 1;
        parameters.Add("take", take);
        var walk = text is null || await EstimatedMatchesAsync(connection, text, ct) >= WalkThreshold(request.Sort);
        var sql = PageSql(request, where, walk, parameters);

        var countKey = $"{changes.Generation}\u001e{request.Canonical}\u001e{text}";
        var countLifetime = options.Value.CountCacheSeconds;
        var cached = countLifetime > 0 ? counts.Get<Counts>(countKey) : null;
        List<ItemRow> rows;
        if (cached is null)
        {
            var sample = request.ColorRgb is null ? CountSample : HexCountSample;
            parameters.Add("sample", sample + 1);
            using var batch = await connection.QueryMultipleAsync(new CommandDefinition(sql + ";\n" + CountSql(where, ordered: walk), parameters, cancellationToken: ct));
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
    private static string Filters(SearchRequest r, string? text, DynamicParameters p)
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
            where.Append(" and c.colour_cells && @cells and (");
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

    internal const string Hydrate = """
        select p.asset_id, p.title, p.width, p.height, p.orientation, p.editorial_only, p.published_at, p.popularity, p.rank,
               u.handle, u.display_name, a.blur_placeholder,
               t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
               v.blob_key as preview_key, v.width as preview_width, v.height as preview_height
        from page p
        join users u on u.id = p.owner_id
        join assets a on a.id = p.asset_id
        left join asset_renditions t on t.asset_id = p.asset_id and t.kind = 'thumbnail'
        left join asset_renditions v on v.asset_id = p.asset_id and v.kind = 'preview'
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
    private static string PageSql(SearchRequest r, string where, bool walk, DynamicParameters p)
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
                return RelevanceSql(r, where, walk, p);
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
                    where {where}{keyset}),
                page as (
                    select * from matches m order by {Order("m")} limit @take)
                """;
        return $"""
            {page}
            {Hydrate}
            order by {Order("p")}
            """;
    }

    private static string RelevanceSql(SearchRequest r, string where, bool walk, DynamicParameters p)
    {
        var after = r.Cursor;
        if (after is not null) p.Add("afterRank", after.Rank);
        p.Add("candidates", RelevanceCandidates);
        var candidates = walk
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
                    where {where}),
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
    private static int WalkThreshold(SearchSort sort) => sort == SearchSort.Relevance ? 17_000 : 6_400;

    /// <summary>
    /// How many photos the text matches, estimated from catalog_words (title and keyword words; descriptions
    /// add some): all words must match, so the rarest word bounds the count; with "or" the counts add up.
    /// Counts change slowly, so they are kept in memory for minutes.
    /// </summary>
    private async Task<long> EstimatedMatchesAsync(NpgsqlConnection connection, string text, CancellationToken ct)
    {
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        var anyOr = tokens.Any(t => t.Equals("or", StringComparison.OrdinalIgnoreCase));
        var words = tokens.Where(t => !t.StartsWith('-') && !t.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Select(t => t.TrimStart('-').ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Take(16).ToArray();
        if (words.Length == 0) return 0;
        var known = new Dictionary<string, long>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var word in words)
        {
            if (wordCounts.TryGetValue(word, out long count)) known[word] = count;
            else missing.Add(word);
        }
        if (missing.Count > 0)
        {
            const string sql = """
                select x as word, coalesce((select cw.documents from catalog_words cw where cw.word = lower(unaccent(x))), 0)::bigint as documents
                from unnest(@missing) x
                """;
            foreach (var row in await connection.QueryAsync<WordCount>(new CommandDefinition(sql, new { missing }, cancellationToken: ct)))
            {
                known[row.Word] = row.Documents;
                wordCounts.Set(row.Word, row.Documents, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
            }
        }
        // Words the vocabulary does not hold (stop words, description-only words) do not narrow an "and" estimate.
        var counts = words.Select(w => known.GetValueOrDefault(w)).ToList();
        return anyOr ? counts.Sum() : counts.Where(c => c > 0).DefaultIfEmpty(0).Min();
    }

    [GeneratedRegex(@"-?\p{L}+")]
    private static partial Regex Token();

    private sealed record WordCount
    {
        public string Word { get; init; } = "";
        public long Documents { get; init; }
    }

    // For broad searches (no text, or a common word) the sample follows catalog_newest, which they walk briefly; a
    // GIN bitmap would first gather every matching row id: ~150,000 for a wide colour distance, 274,000 for a word
    // in 27 % of the catalogue (tens of ms on the 1M benchmark) before the first count. Narrow text searches take
    // the GIN bitmap and stop reading the table after the sample.
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

    /// <summary>Whole first pages of a search (the same query string within this time gets the same answer).</summary>
    public int FirstPageCacheSeconds { get; set; } = 5;

    /// <summary>Totals and facets, which later pages of the same search reuse.</summary>
    public int CountCacheSeconds { get; set; } = 15;
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
