// The search mix both load generators draw from (autocannon against the API, pgbench against PostgreSQL), built
// once from the seeded catalogue's own vocabulary and cached in a JSON file so both sides use identical lists.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const KINDS = ['one-word', 'three-words', 'filters-only', 'rare-word', 'common-word', 'typo'];

// Words websearch_to_tsquery('mc_english', …) drops: titles put them in catalog_words, searches ignore them.
const STOPWORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or that the their there these they this to was with'.split(' '),
);

export const ORIENTATIONS = ['landscape', 'portrait', 'square', 'panorama'];
export const COLOUR_FAMILIES = ['red', 'orange', 'yellow', 'lime', 'green', 'teal', 'blue', 'navy', 'purple', 'pink', 'brown', 'beige', 'black', 'grey', 'white'];
export const LICENSES = ['commercial', 'editorial'];

/** Filters-only shapes: each a fixed set of parameters (so pgbench can mirror each shape with one script). */
export const FILTER_SHAPES = ['newest', 'orientation-newest', 'color-newest', 'license-orientation-popular'];

/** Deterministic PRNG (mulberry32): the same seed gives the same query sequence on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function psql(db, sql) {
  return execFileSync('psql', [db, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\n')
    .filter((line) => line.length > 0);
}

const literal = (s) => `'${s.replaceAll("'", "''")}'`;

/** One edit (delete, substitute, transpose or insert a letter) that a hurried typist makes. */
function typo(word, random) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const at = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0: return word.slice(0, at) + word.slice(at + 1);
    case 1: return word.slice(0, at) + letters[Math.floor(random() * 26)] + word.slice(at + 1);
    case 2: return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    default: return word.slice(0, at) + letters[Math.floor(random() * 26)] + word.slice(at);
  }
}

/**
 * Reads the vocabulary and a sample of titles from the database and returns
 * { words: { common, oneWord, rare, typo: [{ typed, intended }] }, threeWords: [string], counts }.
 */
export function buildLists(db, seed = 42) {
  const random = prng(seed);
  const ranked = psql(db, 'select word from catalog_words where documents > 0 order by documents desc, word limit 3000')
    .filter((w) => !STOPWORDS.has(w) && w.length >= 3);
  const common = ranked.slice(0, 30);
  // At most 500 entries per list: pgbench carries each list as an array literal in its statements.
  const oneWord = ranked.slice(30, 530);
  const rare = psql(db, 'select word from catalog_words where documents between 1 and 5 order by md5(word) limit 500');
  // Three words a buyer would type together: the first keywords of real titles (the subject, action, place),
  // from a sample of ~1,500 rows whatever the catalogue's size.
  const rows = Number(psql(db, "select greatest(reltuples, 1) from pg_class where relname = 'catalog'")[0]);
  const percent = Math.min(100, (1500 * 100) / rows).toFixed(4);
  const threeWords = psql(db, `
    select array_to_string(kw[1:3], ' ') from (
      select array(select k from unnest(c.keywords) k where length(k) >= 3
                   and k not in (${[...STOPWORDS].map(literal).join(',')})) as kw
      from catalog c tablesample bernoulli (${percent}) repeatable (${seed})) s
    where array_length(kw, 1) >= 3
    limit 500`);
  const candidates = ranked.slice(0, 300).filter((w) => /^[a-z]{5,}$/.test(w))
    .map((intended) => ({ intended, typed: typo(intended, random) }));
  // A typo that happens to be another real word is not a typo for the search.
  const known = new Set(psql(db, `select word from catalog_words where documents > 0 and word in (${candidates.map((c) => literal(c.typed)).join(',')})`));
  const typos = candidates.filter((c) => !known.has(c.typed) && c.typed !== c.intended);
  return { words: { common, oneWord, rare, typo: typos }, threeWords, seed };
}

export function loadLists(db, cacheFile, seed = 42) {
  if (cacheFile && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (cached.seed === seed && cached.db === db) return cached;
  }
  const lists = { ...buildLists(db, seed), db };
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(lists, null, 1));
  return lists;
}

/** The n-th filters-only request of a shape, as query parameters; pgbench draws the same values by index. */
export function filterParams(shape, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  switch (shape) {
    case 'newest': return { sort: 'newest' };
    case 'orientation-newest': return { orientation: pick(ORIENTATIONS), sort: 'newest' };
    case 'color-newest': return { color: pick(COLOUR_FAMILIES), sort: 'newest' };
    default: return { license: pick(LICENSES), orientation: pick(ORIENTATIONS), sort: 'popular' };
  }
}

/** A path generator per kind: () => '/api/v1/assets?…'. */
export function pathGenerator(kind, lists, seed = 42) {
  const random = prng(seed ^ 0x5bd1e995);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const path = (params) => `/api/v1/assets?${new URLSearchParams({ ...params, limit: '40' })}`;
  switch (kind) {
    case 'one-word': return () => path({ q: pick(lists.words.oneWord) });
    case 'three-words': return () => path({ q: pick(lists.threeWords) });
    case 'rare-word': return () => path({ q: pick(lists.words.rare) });
    case 'common-word': return () => path({ q: pick(lists.words.common) });
    case 'typo': return () => path({ q: pick(lists.words.typo).typed });
    case 'filters-only': return () => path(filterParams(pick(FILTER_SHAPES), random));
    case 'mixed': {
      const generators = KINDS.map((k) => pathGenerator(k, lists, seed + KINDS.indexOf(k) + 1));
      return () => pick(generators)();
    }
    default: throw new Error(`unknown kind ${kind}`);
  }
}
