// The statements api/Catalog/CatalogSearch.cs sends for the benchmark's query kinds, written out for pgbench
// (values as SQL expressions instead of parameters). They mirror that file; MIRRORS holds the SHA-256 of the
// version they were copied from, and search-bench.sh warns when the API's file no longer matches it.
import { existsSync, readFileSync } from 'node:fs';

export const MIRRORS = 'e952931a6c666638234d381a4d594d17eaef559660db36cf3cbf2839607b3cea';

const COLUMNS = 'c.asset_id, c.title, c.width, c.height, c.orientation, c.owner_id, c.editorial_only, c.published_at, c.popularity';

const HYDRATE = `select p.asset_id, p.title, p.width, p.height, p.orientation, p.editorial_only, p.published_at, p.popularity, p.rank,
       u.handle, u.display_name, a.blur_placeholder,
       t.blob_key as thumb_key, t.width as thumb_width, t.height as thumb_height,
       v.blob_key as preview_key, v.width as preview_width, v.height as preview_height
from page p
join users u on u.id = p.owner_id
join assets a on a.id = p.asset_id
left join asset_renditions t on t.asset_id = p.asset_id and t.kind = 'thumbnail'
left join asset_renditions v on v.asset_id = p.asset_id and v.kind = 'preview'`;

const TAKE = 41; // limit 40 + 1 to learn whether there is a next page
// The tuning constants are read from the API's source, so retuning them needs no edit here.
const source = new URL('../../../api/Catalog/CatalogSearch.cs', import.meta.url);
const code = existsSync(source) ? readFileSync(source, 'utf8') : '';
const RELEVANCE_CANDIDATES = Number(/public const int RelevanceCandidates = (\d+);/.exec(code)?.[1] ?? 300);
const thresholds = /WalkThreshold\(SearchSort sort\) => sort == SearchSort\.Relevance \? ([\d_]+) : ([\d_]+);/.exec(code);

/**
 * The API's choice of query shape: walk the sort index with the text as a filter when the text matches at least
 * this many photos (see estimatedMatches), otherwise collect the GIN matches first (at most COLLECT_CAP) and sort.
 */
export const WALK_THRESHOLD = {
  relevance: Number((thresholds?.[1] ?? '17000').replaceAll('_', '')),
  sorted: Number((thresholds?.[2] ?? '6400').replaceAll('_', '')),
};

const COLLECT_CAP = Number((/private const int CollectCap = ([\d_]+);/.exec(code)?.[1] ?? '30000').replaceAll('_', ''));

/**
 * EstimateAsync: the query's share of the catalogue from ANALYZE's most common lexemes of catalog.document (a
 * lexeme not listed counts as half the rarest listed), "and" multiplying and "or" adding, "!" left out; times the
 * catalogue's rows. `tsquery` is websearch_to_tsquery('mc_english', q)::text, `stats` { lexemes: Map, unlisted, rows }.
 */
export function estimatedMatches(tsquery, stats) {
  let matching = 0;
  for (const branch of tsquery.split(' | ')) {
    let share = 1;
    for (const [, not, lexeme] of branch.matchAll(/(!?)'((?:[^']|'')*)'/g)) {
      if (not === '!') continue;
      share *= stats.lexemes.get(lexeme.replaceAll("''", "'")) ?? stats.unlisted;
    }
    matching += share;
  }
  return Math.min(1, matching) * stats.rows;
}

/** The lexeme of a query that parses to exactly one (websearch_to_tsquery's text form 'word'), else null. */
export function singleLexeme(tsquery) {
  const one = /^'((?:[^']|'')*)'$/.exec(tsquery ?? '');
  return one ? one[1].replaceAll("''", "'") : null;
}

/**
 * First page, sort=relevance, q only; `q` is an SQL text expression; `shape` 'walk' or 'collect' (see WALK_THRESHOLD),
 * or 'postings' for one word (its most popular matches from catalog_postings, migration 14), which
 * then needs `lexeme`, an SQL text expression.
 */
export function relevancePageSql(q, shape, lexeme) {
  const candidates = shape === 'postings'
    ? `with candidates as (
    select ${COLUMNS}, c.document
    from (select k.asset_id from catalog_postings k where k.lexeme = ${lexeme}
          order by k.popularity desc, k.asset_id desc limit ${RELEVANCE_CANDIDATES}) k
    join catalog c on c.asset_id = k.asset_id),`
    : shape === 'walk'
    ? `with candidates as (
    select ${COLUMNS}, c.document from catalog c
    where true and c.document @@ websearch_to_tsquery('mc_english', ${q})
    order by c.popularity desc, c.asset_id desc
    limit ${RELEVANCE_CANDIDATES}),`
    : `with matches as materialized (
    select ${COLUMNS} from catalog c
    where true and c.document @@ websearch_to_tsquery('mc_english', ${q})
    limit ${COLLECT_CAP}),
candidates as (
    select m.*, d.document from (select * from matches m order by m.popularity desc, m.asset_id desc limit ${RELEVANCE_CANDIDATES}) m
    join catalog d on d.asset_id = m.asset_id),`;
  return `${candidates}
ranked as (
    select s.*, ts_rank(s.document, websearch_to_tsquery('mc_english', ${q}), 1) as rank from candidates s),
page as (
    select * from ranked s
    order by s.rank desc, s.asset_id desc
    limit ${TAKE})
${HYDRATE}
order by p.rank desc, p.asset_id desc`;
}

/** First page without q (always the walking shape): newest or popular with the given filters (SQL expressions), in the API's filter order. */
export function filterPageSql({ orientation, familyMask, editorial, sort }) {
  let where = 'true';
  if (orientation) where += ` and c.orientation = ${orientation}`;
  if (familyMask) where += ` and c.colour_families & ${familyMask} <> 0`;
  if (editorial) where += ` and c.editorial_only = ${editorial}`;
  const key = sort === 'popular' ? 'popularity' : 'published_at';
  return `with page as (
    select ${COLUMNS}, 0::real as rank from catalog c
    where ${where}
    order by c.${key} desc, c.asset_id desc
    limit ${TAKE})
${HYDRATE}
order by p.${key} desc, p.asset_id desc`;
}

/** The typo correction lookup; `words` is an SQL text[] expression. */
export function correctionSql(words) {
  return `select w.typed, (select cw.word from catalog_words cw
                 where cw.word % w.folded and cw.documents > 0
                 order by cw.word <-> w.folded, cw.documents desc limit 1) as replacement
from (select x as typed, lower(unaccent(x)) as folded from unnest(${words}::text[]) x) w
where not exists (select 1 from catalog_words k where k.word = w.folded and k.documents > 0)`;
}
