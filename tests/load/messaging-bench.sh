#!/usr/bin/env bash
# Messaging under load (issue 9): the inbox of a contributor with 1,000 private threads (first page, 200, a page by
# cursor, unread counts; p50/p95) and posting messages at 16 and 64 parallel clients (messages/s, p50/p95), with a
# check that every message answered 201 is stored and that each thread's burst of unread messages mailed once.
#
#   bash tests/load/messaging-bench.sh
#
# Knobs: THREADS (1000), CLIENTS (16,64), DURATION (15 s per client count), SAMPLES (200 timed reads each),
# BENCH_DB=postgresql://... (an existing, migrated-or-empty database instead of a private cluster). Builds the API in
# Release, starts a private PostgreSQL (stopped at the end unless KEEP_DB=1) and the API on a free port (job workers
# off, messaging limits off), and stops what it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d /tmp/mediacoop-messaging-bench.XXXXXX)
api_pid=
started_pg=
cleanup() {
    if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true; fi
    if [[ -n $started_pg && ${KEEP_DB:-} != 1 ]]; then bash infra/dev/pg.sh destroy "$started_pg" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
for tool in node psql curl dotnet; do
    command -v "$tool" >/dev/null || { echo "messaging-bench: needs $tool" >&2; exit 1; }
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

port=$(bash infra/dev/pg.sh free-port)
url=http://127.0.0.1:$port
echo "== starting the API on $url" >&2
ConnectionStrings__Default=$npgsql Storage__Root=$work/blobs Jobs__RunWorkers=false ASPNETCORE_URLS=$url \
    Auth__AttemptsPerAddressPerMinute=100000 RateLimits__AnonymousPerAddressPerMinute=0 RateLimits__PerKeyPerMinute=0 \
    Messaging__NewThreadsPerHour=0 Messaging__MessagesPerTenMinutes=0 Messaging__BoardTopicsPerHour=0 \
    Email__DispatchCron= ASPNETCORE_ENVIRONMENT=Local Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \
    dotnet api/bin/Release/net10.0/MediaCoop.Api.dll >"$work/api.log" 2>&1 &
api_pid=$!
ready=
for _ in $(seq 240); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
done
if [[ -z $ready ]]; then
    echo "messaging-bench: the API did not become ready; its log:" >&2
    tail -n 40 "$work/api.log" >&2
    exit 1
fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the cores skew every figure)"
status=0
node tests/load/messaging/bench.mjs --url "$url" --db "$BENCH_DB" --threads "${THREADS:-1000}" --clients "${CLIENTS:-16,64}" \
    --duration "${DURATION:-15}" --samples "${SAMPLES:-200}" || status=1
grep -E ' (fail|crit|error)' "$work/api.log" | head -5 || true
exit $status
