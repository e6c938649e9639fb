#!/usr/bin/env bash
# Search at a million assets: API latency per query kind (autocannon) and the same SQL straight through pgbench.
#
#   BENCH_DB=postgresql://mediacoop:mediacoop@127.0.0.1:PORT/mediacoop bash tests/load/search-bench.sh
#       benchmarks an already seeded database (see /work/bench-db.txt on the shared bench machine);
#   bash tests/load/search-bench.sh
#       seeds a fresh one first: a private cluster (PG_PROFILE=bench) in $BENCH_PG_DIR, ASSETS assets
#       (default 1,000,000; ~10 minutes on 2 cores), renditions in $BENCH_STORAGE; stopped again at the end
#       unless KEEP_DB=1.
#
# Other knobs: DURATION (s per kind, 15), CONNECTIONS (32), KINDS (comma list), SKIP_PGBENCH=1, NO_CACHE=1 (the
# API's in-process first-page and count caches off: every request takes the database path).
# Builds the API in Release, starts it on a free port (job workers off, storage = the bench storage), waits
# for /health/ready, warms up, runs tests/load/search/api-bench.mjs then tests/load/search/pgbench.mjs, and
# stops everything it started.
set -euo pipefail
# A local run, as make run is: the API refuses its demo checkout in the (default) Production environment.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Local}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
kinds=${KINDS:-one-word,three-words,filters-only,rare-word,common-word,typo,mixed}
work=$(mktemp -d /tmp/mediacoop-search-bench.XXXXXX)
api_pid=
started_pg=
cleanup() {
    if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; fi
    if [[ -n $started_pg && ${KEEP_DB:-} != 1 ]]; then bash infra/dev/pg.sh stop "$started_pg" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

for tool in node psql pgbench curl dotnet; do
    command -v "$tool" >/dev/null || { echo "search-bench: needs $tool" >&2; exit 1; }
done
[[ -d tests/load/node_modules/autocannon ]] || npm ci --prefix tests/load --no-audit --no-fund >&2

# libpq URI <-> Npgsql connection string (Npgsql takes no URIs).
to_npgsql() {
    node -e 'const u = new URL(process.argv[1]);
        console.log(`Host=${u.hostname};Port=${u.port || 5432};Username=${decodeURIComponent(u.username)};Password=${decodeURIComponent(u.password)};Database=${u.pathname.slice(1)}`)' "$1"
}

echo "== building the API (Release)" >&2
dotnet build api -c Release -nologo -v quiet -clp:ErrorsOnly >&2

storage=${BENCH_STORAGE:-}
if [[ -z ${BENCH_DB:-} ]]; then
    pg_dir=${BENCH_PG_DIR:-/tmp/mediacoop-bench-pg}
    port=$(bash infra/dev/pg.sh free-port)
    npgsql=$(PG_FAST=1 PG_PROFILE=bench bash infra/dev/pg.sh start "$pg_dir" "$port")
    started_pg=$pg_dir
    BENCH_DB="postgresql://mediacoop:mediacoop@127.0.0.1:$port/mediacoop"
    storage=${storage:-$pg_dir-storage}
    echo "== seeding ${ASSETS:-1000000} assets into $pg_dir (port $port)" >&2
    dotnet build tests/load/CatalogSeed -c Release -nologo -v quiet -clp:ErrorsOnly >&2
    ConnectionStrings__Default=$npgsql dotnet api/bin/Release/net10.0/MediaCoop.Api.dll --migrate-only >/dev/null
    dotnet tests/load/CatalogSeed/bin/Release/net10.0/MediaCoop.Load.CatalogSeed.dll --connection "$npgsql" \
        --assets "${ASSETS:-1000000}" --contributors "${CONTRIBUTORS:-5000}" --storage "$storage" --seed 42
else
    npgsql=$(to_npgsql "$BENCH_DB")
    storage=${storage:-/work/bench-storage}
fi
mkdir -p "$storage"

expected=$(sed -n "s/^export const MIRRORS = '\(.*\)';/\1/p" tests/load/search/search-sql.mjs)
actual=$(sha256sum api/Catalog/CatalogSearch.cs 2>/dev/null | cut -c1-64 || true)
if [[ -z $actual ]]; then
    echo "search-bench: api/Catalog/CatalogSearch.cs is missing: this branch has no search endpoint to measure" >&2
    exit 1
elif [[ $actual != "$expected" ]]; then
    echo "WARNING: api/Catalog/CatalogSearch.cs changed since tests/load/search/search-sql.mjs mirrored it; the pgbench" >&2
    echo "         figures may not run the API's current SQL (update search-sql.mjs and its MIRRORS hash)." >&2
fi

port=$(bash infra/dev/pg.sh free-port)
url=http://127.0.0.1:$port
echo "== starting the API on $url" >&2
cache=()
if [[ ${NO_CACHE:-} == 1 ]]; then cache=(Catalog__Search__FirstPageCacheSeconds=0 Catalog__Search__CountCacheSeconds=0); fi
# The app applies pending migrations at start, as in production.
env "${cache[@]}" ConnectionStrings__Default=$npgsql Storage__Root=$storage Jobs__RunWorkers=false ASPNETCORE_URLS=$url \
    Logging__LogLevel__Default=Warning DOTNET_gcServer=0 RateLimits__AnonymousPerAddressPerMinute=0 RateLimits__PerKeyPerMinute=0 \
    dotnet api/bin/Release/net10.0/MediaCoop.Api.dll >"$work/api.log" 2>&1 &
api_pid=$!
ready=
for _ in $(seq 600); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
done
if [[ -z $ready ]]; then
    echo "search-bench: the API did not become ready; its log:" >&2
    tail -n 40 "$work/api.log" >&2
    exit 1
fi
curl -fsS "$url/api/v1/assets?limit=1" >/dev/null || { echo "search-bench: GET /api/v1/assets fails" >&2; tail -n 40 "$work/api.log" >&2; exit 1; }

echo "== API caches: $([[ ${NO_CACHE:-} == 1 ]] && echo 'off (NO_CACHE=1)' || echo 'as configured')"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the cores skew every figure)"
node tests/load/search/api-bench.mjs --url "$url" --db "$BENCH_DB" --duration "$duration" --connections "$connections" \
    --kinds "$kinds" --out "$work/api.json"
if [[ ${SKIP_PGBENCH:-} != 1 ]]; then
    # The API's process sits idle meanwhile; pgbench gets the cores the API had.
    echo
    node tests/load/search/pgbench.mjs --db "$BENCH_DB" --duration "$duration" --clients "$connections" \
        --kinds "$kinds" --api "$work/api.json"
fi
grep -E ' (fail|crit|error)' "$work/api.log" | head -5 || true
