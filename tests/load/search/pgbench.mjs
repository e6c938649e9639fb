// The database's share: the statements the search API runs per query kind, run by pgbench directly against
// PostgreSQL with the same concurrency and the same query lists, and the API/pgbench throughput ratio.
//   node tests/load/search/pgbench.mjs --db postgresql://… [--duration 15] [--clients 32] [--api api-results.json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { COLOUR_FAMILIES, KINDS, LICENSES, ORIENTATIONS, loadLists } from './queries.mjs';
import { WALK_THRESHOLD, correctionSql, estimatedMatches, filterPageSql, relevancePageSql, singleLexeme } from './search-sql.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB },
    duration: { type: 'string', default: '15' },
    clients: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
    kinds: { type: 'string', default: [...KINDS, 'mixed'].join(',') },
    lists: { type: 'string', default: '/tmp/mediacoop-search-bench-lists.json' },
    work: { type: 'string', default: '/tmp/mediacoop-search-bench-pgbench' },
    api: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});
if (!args.db) {
  console.error('usage: pgbench.mjs --db postgresql://user:pass@host:port/db [--api api-results.json] [options]');
  process.exit(2);
}

const lists = loadLists(args.db, args.lists, Number(args.seed));
rmSync(args.work, { recursive: true, force: true });
mkdirSync(args.work, { recursive: true });
const write = (name, text) => {
  const file = join(args.work, `${name}.sql`);
  writeFileSync(file, text.endsWith(';\n') ? text : `${text};\n`);
  return file;
};
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const array = (items) => `(array[${items.map(quote).join(',')}]::text[])`;

// The API picks a query shape per search from ANALYZE's lexeme frequencies; the lists are split the same way (with
// the API's estimate, the same statistics and the same parsed tsquery) so every pgbench script runs one shape,
// weighted by how many queries of its list take it.
const psqlRows = (sql) => execFileSync('psql', [args.db, '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql],
  { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
const [[elements, frequencies, rows]] = psqlRows(`
  select s.most_common_elems::text, s.most_common_elem_freqs::text,
         (select greatest(c.reltuples, 0) from pg_class c where c.oid = 'catalog'::regclass)
  from pg_stats s where s.schemaname = current_schema() and s.tablename = 'catalog' and s.attname = 'document'`);
const lexemeList = [...elements.slice(1, -1).matchAll(/(?:"((?:[^"\\]|\\.)*)"|([^,{}"]+))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]));
const frequencyList = frequencies.slice(1, -1).split(',').map(Number);
const lexemes = new Map(lexemeList.map((l, i) => [l, frequencyList[i]]).filter(([, f]) => Number.isFinite(f)));
const stats = { lexemes, unlisted: Math.min(...lexemes.values()) / 2, rows: Number(rows) };
const queries = [...new Set([...lists.words.oneWord, ...lists.words.rare, ...lists.words.common, ...lists.threeWords,
  ...lists.words.typo.flatMap((t) => [t.typed, t.intended])])];
const tsqueries = new Map(psqlRows(`select q, websearch_to_tsquery('mc_english', q)::text from unnest(array[${queries.map(quote).join(',')}]::text[]) q`));
const walks = (q) => estimatedMatches(tsqueries.get(q) ?? '', stats) >= WALK_THRESHOLD.relevance;
// The API's shape for a relevance search without filters: one word from its postings, walk, or collect.
const shapeOf = (q) => (singleLexeme(tsqueries.get(q)) !== null ? 'postings' : walks(q) ? 'walk' : 'collect');
const SHAPES = ['walk', 'postings', 'collect'];
const lexemesOf = (words) => array(words.map((w) => singleLexeme(tsqueries.get(w)) ?? ''));

// One pgbench script per query shape: a random index picks the query, exactly as the API run draws from the list.
function wordScripts(kind, words) {
  return SHAPES.map((shape) => [shape, words.filter((w) => shapeOf(w) === shape)]).filter(([, subset]) => subset.length > 0)
    .map(([shape, subset]) => `${write(`${kind}-${shape}`,
      `\\set i random(1, ${subset.length})\n${relevancePageSql(`${array(subset)}[:i]`, shape, `${lexemesOf(subset)}[:i]`)};\n`)}@${subset.length}`);
}

function typoScripts(typos) {
  // What the API does for a typo: the page finds (almost) nothing, so it looks up corrections and searches again.
  return SHAPES.map((shape) => [shape, typos.filter((t) => shapeOf(t.intended) === shape)]).filter(([, subset]) => subset.length > 0)
    .map(([shape, subset]) => {
      const typed = `${array(subset.map((t) => t.typed))}[:i]`;
      const intended = `${array(subset.map((t) => t.intended))}[:i]`;
      const typedShape = shapeOf(subset[0].typed);
      return `${write(`typo-${shape}`, `\\set i random(1, ${subset.length})\n`
        + `${relevancePageSql(typed, typedShape, `${lexemesOf(subset.map((t) => t.typed))}[:i]`)};\n`
        + `${correctionSql(`array[${typed}]`)};\n${relevancePageSql(intended, shape, `${lexemesOf(subset.map((t) => t.intended))}[:i]`)};\n`)}@${subset.length}`;
    });
}

function filterScripts() {
  const pick = (list, variable) => `${array(list)}[:${variable}]`;
  return {
    newest: filterPageSql({ sort: 'newest' }),
    'orientation-newest': `\\set o random(1, ${ORIENTATIONS.length})\n${filterPageSql({ orientation: pick(ORIENTATIONS, 'o'), sort: 'newest' })}`,
    'color-newest': `\\set f random(0, ${COLOUR_FAMILIES.length - 1})\n${filterPageSql({ familyMask: '(1 << :f)', sort: 'newest' })}`,
    'license-orientation-popular': `\\set o random(1, ${ORIENTATIONS.length})\n\\set l random(1, ${LICENSES.length})\n`
      + filterPageSql({ orientation: pick(ORIENTATIONS, 'o'), editorial: `(:l = 2)`, sort: 'popular' }),
  };
}

const filters = Object.entries(filterScripts()).map(([shape, text]) => `${write(`filters-${shape}`, text)}@1`);
const scripts = {
  'one-word': wordScripts('one-word', lists.words.oneWord),
  'three-words': wordScripts('three-words', lists.threeWords),
  'rare-word': wordScripts('rare-word', lists.words.rare),
  'common-word': wordScripts('common-word', lists.words.common),
  typo: typoScripts(lists.words.typo),
  'filters-only': filters,
};
// Mixed: every kind equally likely (as in api-bench.mjs), each kind's scripts keeping their proportions inside it.
const scale = (list, share) => {
  const total = list.reduce((sum, s) => sum + Number(s.split('@')[1]), 0);
  return list.map((s) => { const [file, weight] = s.split('@'); return `${file}@${Math.max(1, Math.round((Number(weight) * share) / total))}`; });
};
scripts.mixed = Object.values(scripts).flatMap((list) => scale(list, 1000));

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function run(kind) {
  const logDir = join(args.work, `log-${kind}`);
  mkdirSync(logDir, { recursive: true });
  const files = scripts[kind].flatMap((s) => ['-f', s]);
  const shapes = scripts[kind].map((s) => s.replace(/^.*\//, '').replace('.sql', '')).join(' ');
  // Extended protocol with unnamed statements, as Npgsql sends the API's unprepared commands: planned with the values.
  const output = execFileSync('pgbench', [
    '-n', '-M', 'extended', '-c', args.clients, '-j', args.threads, '-T', args.duration,
    '-l', '--log-prefix', join(logDir, 'tx'), ...files, args.db,
  ], { encoding: 'utf8', cwd: logDir, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us.
  const latencies = readdirSync(logDir).flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n'))
    .filter((line) => line.length > 0)
    .map((line) => Number(line.split(' ')[2]) / 1000)
    .sort((a, b) => a - b);
  return { kind, shapes, transactions, tps, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), failed };
}

const api = args.api ? JSON.parse(readFileSync(args.api, 'utf8')) : null;
const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const pad = (s, n) => String(s).padStart(n);
console.log(`pgbench: the API's search statements straight to PostgreSQL, ${args.clients} clients, ${args.threads} threads, ${args.duration} s per kind`);
console.log('');
console.log(`${'kind'.padEnd(13)}${pad('tx', 8)}${pad('tps', 8)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('failed', 8)}${api ? `${pad('API rps', 9)}${pad('API/pgbench', 12)}` : ''}`);
const results = [];
for (const kind of args.kinds.split(',')) {
  const r = run(kind);
  const a = api?.results.find((x) => x.kind === kind);
  r.apiRps = a?.rps;
  r.ratio = a ? a.rps / r.tps : undefined;
  results.push(r);
  console.log(`${kind.padEnd(13)}${pad(r.transactions, 8)}${pad(f(r.tps), 8)}${pad(f(r.p50), 8)}${pad(f(r.p95), 8)}${pad(f(r.p99), 8)}${pad(r.failed, 8)}${api ? `${pad(f(a?.rps), 9)}${pad(f(r.ratio, 2), 12)}` : ''}`);
}
if (api) {
  console.log('');
  console.log('API/pgbench: 1.00 means the API adds nothing over its SQL; below 1 is the cost of HTTP, JSON, Npgsql and the');
  console.log('API process competing with PostgreSQL for the same 2 cores. The API also counts totals/facets on a cache miss');
  console.log('(pgbench runs the page statements only; typo runs page + correction + corrected page, as the API always does).');
}
if (args.out) writeFileSync(args.out, JSON.stringify({ clients: Number(args.clients), duration: Number(args.duration), results }, null, 1));
