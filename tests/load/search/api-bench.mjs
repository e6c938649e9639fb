// Search latency through the API: for each query kind a closed-loop autocannon run (32 connections, ~15 s) where
// every request draws a different query, then one mixed run. Prints kind, requests, rps, p50/p95/p99, errors.
//   node tests/load/search/api-bench.mjs --url http://127.0.0.1:8080 --db postgresql://… [--duration 15]
//        [--connections 32] [--warmup 5] [--kinds one-word,typo] [--lists file.json] [--out results.json]
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KINDS, loadLists, pathGenerator } from './queries.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    db: { type: 'string', default: process.env.BENCH_DB },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '5' },
    kinds: { type: 'string', default: [...KINDS, 'mixed'].join(',') },
    lists: { type: 'string', default: '/tmp/mediacoop-search-bench-lists.json' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
  },
});
if (!args.url || !args.db) {
  console.error('usage: api-bench.mjs --url http://127.0.0.1:PORT --db postgresql://user:pass@host:port/db [options]');
  process.exit(2);
}

const seed = Number(args.seed);
const lists = loadLists(args.db, args.lists, seed);
const connections = Number(args.connections);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(kind, duration) {
  const next = pathGenerator(kind, lists, seed);
  const latencies = [];
  let empty = 0;
  let corrected = 0;
  const instance = autocannon({
    url: args.url,
    connections,
    duration,
    // One outstanding request per connection: 32 clients that wait for their answer, like browsers.
    pipelining: 1,
    timeout: 10,
    requests: [{
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: next() }),
      onResponse: (status, body) => {
        if (status === 200 && body.startsWith('{"items":[]')) empty++;
        if (status === 200 && body.includes('"correctedQuery":"')) corrected++;
      },
    }],
  });
  // autocannon reports p97.5 but not p95: keep every response time and take percentiles exactly.
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    kind,
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    empty,
    corrected,
  };
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const pad = (s, n) => String(s).padStart(n);
const kinds = args.kinds.split(',');

console.log(`API search benchmark: ${args.url}, ${connections} connections, ${args.duration} s per kind, queries from the catalogue's vocabulary`);
console.log(`  lists: ${lists.words.common.length} common, ${lists.words.oneWord.length} one-word, ${lists.threeWords.length} three-word, ${lists.words.rare.length} rare, ${lists.words.typo.length} typo queries`);
if (Number(args.warmup) > 0) {
  const warm = await run('mixed', Number(args.warmup));
  console.log(`  warm-up: ${warm.requests} mixed requests in ${args.warmup} s (not reported)`);
}

const results = [];
console.log('');
console.log(`${'kind'.padEnd(13)}${pad('requests', 9)}${pad('rps', 8)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('errors', 8)}${pad('non-2xx', 8)}${pad('empty', 7)}${pad('fixed', 7)}`);
for (const kind of kinds) {
  const r = await run(kind, Number(args.duration));
  results.push(r);
  console.log(`${kind.padEnd(13)}${pad(r.requests, 9)}${pad(f(r.rps), 8)}${pad(f(r.p50), 8)}${pad(f(r.p95), 8)}${pad(f(r.p99), 8)}${pad(f(r.max, 0), 8)}${pad(r.errors + r.timeouts, 8)}${pad(r.non2xx, 8)}${pad(r.empty, 7)}${pad(r.corrected, 7)}`);
}
const worst = results.filter((r) => r.kind !== 'mixed').reduce((a, b) => (b.p95 > a.p95 ? b : a), results[0]);
console.log('');
console.log(`goal p95 < 50 ms: worst kind ${worst.kind} p95 ${f(worst.p95)} ms → ${worst.p95 < 50 ? 'met' : 'NOT met'}`);
console.log('(empty = 200 responses with no items; fixed = responses carrying a correctedQuery)');
if (args.out) writeFileSync(args.out, JSON.stringify({ url: args.url, connections, duration: Number(args.duration), results }, null, 1));
