#!/usr/bin/env bash
# Licensing under load: a Stripe webhook storm (1,000 signed events, 10% duplicates, 5% reordered; events/s, p95 and
# the exactly-once check licences = paid order lines) and order creation with 32 concurrent buyers (orders/s, p95).
#
#   bash tests/load/licensing-bench.sh
#
# Knobs: EVENTS (1000), STORM_CONCURRENCY (16 webhook deliveries in flight), CONNECTIONS (32 buyers), DURATION
# (20 s of order creation), SKIP_STORM=1, SKIP_ORDERS=1, BENCH_DB=postgresql://... (an existing database instead of
# a private cluster). Builds the API in Release, starts a private PostgreSQL (stopped at the end unless KEEP_DB=1) and
# the API on free ports (job workers off, Stripe as the provider with a local secret), and stops what it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d /tmp/mediacoop-licensing-bench.XXXXXX)
api_pid=
started_pg=
cleanup() {
    if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; fi
    if [[ -n $started_pg && ${KEEP_DB:-} != 1 ]]; then bash infra/dev/pg.sh destroy "$started_pg" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
for tool in node psql curl dotnet; do
    command -v "$tool" >/dev/null || { echo "licensing-bench: needs $tool" >&2; exit 1; }
done

echo "== building the API (Release)" >&2
dotnet build api -c Release -nologo -v quiet -clp:ErrorsOnly >&2

if [[ -z ${BENCH_DB:-} ]]; then
    pg_dir=$work/pg
    port=$(bash infra/dev/pg.sh free-port)
    npgsql=$(PG_FAST=1 bash infra/dev/pg.sh start "$pg_dir" "$port")
    started_pg=$pg_dir
    BENCH_DB="postgresql://mediacoop:mediacoop@127.0.0.1:$port/mediacoop"
else
    npgsql=$(node -e 'const u = new URL(process.argv[1]);
        console.log(`Host=${u.hostname};Port=${u.port || 5432};Username=${decodeURIComponent(u.username)};Password=${decodeURIComponent(u.password)};Database=${u.pathname.slice(1)}`)' "$BENCH_DB")
fi

secret="whsec_bench_$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
port=$(bash infra/dev/pg.sh free-port)
url=http://127.0.0.1:$port
echo "== starting the API on $url" >&2
# No Stripe here: the one call the storm would make (the fee lookup after a checkout completes, api/Royalties) goes to
# a closed local port and fails at once, as the API allows, instead of waiting on a network that is not there.
stripe_port=$(bash infra/dev/pg.sh free-port)
ConnectionStrings__Default=$npgsql Storage__Root=$work/blobs Jobs__RunWorkers=false ASPNETCORE_URLS=$url \
    Payments__Provider=stripe Payments__PublicOrigin=$url Payments__Stripe__SecretKey=sk_test_bench_unused \
    Payments__Stripe__WebhookSecret=$secret Payments__Stripe__ApiBase=http://127.0.0.1:$stripe_port Payments__Stripe__MaxNetworkRetries=0 \
    Auth__AttemptsPerAddressPerMinute=100000 RateLimits__AnonymousPerAddressPerMinute=0 RateLimits__PerKeyPerMinute=0 \
    RateLimits__DownloadLinksPerKeyPerMinute=0 \
    Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \
    dotnet api/bin/Release/net10.0/MediaCoop.Api.dll >"$work/api.log" 2>&1 &
api_pid=$!
ready=
for _ in $(seq 240); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
done
if [[ -z $ready ]]; then
    echo "licensing-bench: the API did not become ready; its log:" >&2
    tail -n 40 "$work/api.log" >&2
    exit 1
fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the cores skew every figure)"
status=0
if [[ ${SKIP_STORM:-} != 1 ]]; then
    node tests/load/licensing/storm.mjs --url "$url" --db "$BENCH_DB" --secret "$secret" \
        --events "${EVENTS:-1000}" --concurrency "${STORM_CONCURRENCY:-16}" || status=1
fi
if [[ ${SKIP_ORDERS:-} != 1 ]]; then
    echo
    node tests/load/licensing/orders.mjs --url "$url" --db "$BENCH_DB" --connections "${CONNECTIONS:-32}" --duration "${DURATION:-20}" || status=1
fi
grep -E ' (fail|crit|error)' "$work/api.log" | head -5 || true
exit $status
