#!/usr/bin/env bash
# Storefront speed: Lighthouse's performance score (goal ≥ 90) and LCP / TBT / CLS on the search page, and the
# gzip size of the SPA's initial JavaScript (goal < 200 KB): the entry script plus the modulepreloads in
# web-client/dist/index.html.
#
#   BENCH_DB=postgresql://… bash tests/load/lighthouse.sh          builds the SPA and the API, serves both
#                                                                 against that database, audits, stops
#   BASE_URL=http://127.0.0.1:8080 bash tests/load/lighthouse.sh  audits a server that is already running
#
# WORD (the search, default: the most used non-stop-word of the catalogue, else "beach"), RUNS (Lighthouse
# runs, median reported, default 3), REPORT_DIR (keep the Lighthouse JSON reports there), SKIP_BUILD=1 (use the existing build), SPA_DIST (a built SPA elsewhere,
# e.g. another branch's exported tree; default web-client/dist, implies SKIP_BUILD).
set -euo pipefail
# A local run, as make run is: the API refuses its demo checkout in the (default) Production environment.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Local}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
work=$(mktemp -d /tmp/mediacoop-lighthouse.XXXXXX)
api_pid=
cleanup() {
    if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

chrome=${CHROME_PATH:-/usr/bin/chromium}
[[ -x $chrome ]] || { echo "lighthouse.sh: needs Chromium at $chrome (apt-get install chromium) or CHROME_PATH" >&2; exit 1; }
[[ -x tests/load/node_modules/.bin/lighthouse ]] || npm ci --prefix tests/load --no-audit --no-fund >&2

dist=${SPA_DIST:-$root/web-client/dist}
if [[ ${SKIP_BUILD:-} != 1 && -z ${SPA_DIST:-} ]]; then
    echo "== building the SPA (web-client/dist)" >&2
    [[ -d web-client/node_modules ]] || npm ci --prefix web-client --no-audit --no-fund >&2
    npm run --prefix web-client build >&2
fi
[[ -f $dist/index.html ]] || { echo "lighthouse.sh: $dist/index.html missing (build the SPA)" >&2; exit 1; }

echo "== initial JavaScript (entry + modulepreload, gzip -9)"
node --input-type=module - "$dist" <<'EOF'
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
const dist = process.argv[2];
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const urls = new Set();
for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]);
let raw = 0, gzip = 0;
for (const url of urls) {
  const bytes = readFileSync(join(dist, url.replace(/^\//, '')));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gzip += zipped;
  console.log(`  ${url.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(zipped / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log(`  total: ${urls.size} files, ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (goal < 200 KB) → ${gzip < 200 * 1024 ? 'met' : 'NOT met'}`);
EOF

base=${BASE_URL:-}
if [[ -z $base ]]; then
    [[ -n ${BENCH_DB:-} ]] || { echo "lighthouse.sh: set BENCH_DB (a seeded database) or BASE_URL (a running server)" >&2; exit 1; }
    npgsql=$(node -e 'const u = new URL(process.argv[1]);
        console.log(`Host=${u.hostname};Port=${u.port || 5432};Username=${decodeURIComponent(u.username)};Password=${decodeURIComponent(u.password)};Database=${u.pathname.slice(1)}`)' "$BENCH_DB")
    echo "== building the API (Release)" >&2
    dotnet build api -c Release -nologo -v quiet -clp:ErrorsOnly >&2
    port=$(bash infra/dev/pg.sh free-port)
    base=http://127.0.0.1:$port
    ConnectionStrings__Default=$npgsql Storage__Root=${BENCH_STORAGE:-/work/bench-storage} Spa__Root=$dist \
        Jobs__RunWorkers=false ASPNETCORE_URLS=$base Logging__LogLevel__Default=Warning RateLimits__AnonymousPerAddressPerMinute=0 \
        dotnet api/bin/Release/net10.0/MediaCoop.Api.dll >"$work/api.log" 2>&1 &
    api_pid=$!
    for _ in $(seq 600); do
        curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
        kill -0 "$api_pid" 2>/dev/null || { tail -n 40 "$work/api.log" >&2; exit 1; }
        sleep 0.5
    done
fi

word=${WORD:-}
if [[ -z $word && -n ${BENCH_DB:-} ]]; then
    word=$(psql "$BENCH_DB" -XAtc "select word from catalog_words where length(word) > 3 order by documents desc limit 1" 2>/dev/null || true)
fi
word=${word:-beach}
url="$base/search?q=$word"
# One unmeasured load: the API's first requests JIT-compile and fill PostgreSQL's cache.
curl -fsS "$base/api/v1/assets?q=$word&limit=40" >/dev/null || true
curl -fsS "$url" >/dev/null

runs=${RUNS:-3}
echo "== Lighthouse 12.2.3, performance, $url ($runs runs, median by score)"
for i in $(seq "$runs"); do
    CHROME_PATH=$chrome tests/load/node_modules/.bin/lighthouse "$url" --quiet --only-categories=performance \
        --output=json --output-path="$work/run-$i.json" \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
        >/dev/null 2>"$work/lighthouse-$i.log" || { tail -n 20 "$work/lighthouse-$i.log" >&2; exit 1; }
done
if [[ -n ${REPORT_DIR:-} ]]; then mkdir -p "$REPORT_DIR" && cp "$work"/run-*.json "$REPORT_DIR"/; fi
node --input-type=module - "$work" "$runs" <<'EOF'
import { readFileSync } from 'node:fs';
const [dir, runs] = process.argv.slice(2);
const results = [];
for (let i = 1; i <= Number(runs); i++) {
  const r = JSON.parse(readFileSync(`${dir}/run-${i}.json`, 'utf8'));
  const a = (id) => r.audits[id]?.numericValue;
  results.push({ run: i, score: Math.round(r.categories.performance.score * 100), fcp: a('first-contentful-paint'),
    lcp: a('largest-contentful-paint'), tbt: a('total-blocking-time'), cls: a('cumulative-layout-shift'), si: a('speed-index'),
    warnings: r.runWarnings ?? [] });
  const x = results.at(-1);
  console.log(`  run ${i}: score ${x.score}  FCP ${x.fcp?.toFixed(0)} ms  LCP ${x.lcp?.toFixed(0)} ms  TBT ${x.tbt?.toFixed(0)} ms  CLS ${x.cls?.toFixed(3)}  SI ${x.si?.toFixed(0)} ms`);
  for (const w of x.warnings) console.log(`         warning: ${w}`);
}
results.sort((p, q) => p.score - q.score);
const m = results[Math.floor(results.length / 2)];
// Where the median run lost time: Lighthouse's opportunities and the LCP element.
const report = JSON.parse(readFileSync(`${dir}/run-${m.run}.json`, 'utf8'));
const lcpElement = report.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet;
if (lcpElement) console.log(`  LCP element: ${lcpElement.slice(0, 140)}`);
const opportunities = Object.values(report.audits)
  .filter((a) => a.details?.type === 'opportunity' && (a.details.overallSavingsMs ?? 0) > 0)
  .sort((p, q) => q.details.overallSavingsMs - p.details.overallSavingsMs);
for (const a of opportunities.slice(0, 5)) console.log(`  opportunity: ${a.title} (~${Math.round(a.details.overallSavingsMs)} ms)`);
console.log(`  median: performance ${m.score} (goal ≥ 90) → ${m.score >= 90 ? 'met' : 'NOT met'}; LCP ${m.lcp?.toFixed(0)} ms, TBT ${m.tbt?.toFixed(0)} ms, CLS ${m.cls?.toFixed(3)}`);
console.log('  (Lighthouse throttles to a simulated slow 4G phone with a 4x slower CPU: its LCP is not the desktop LCP)');
EOF
