#!/usr/bin/env bash
# Governance under load: VOTERS (64) members voting at once over HTTP, ROUNDS (3) times, p50/p95 per vote; then a
# vote with ELIGIBLE (10,000) members opened over HTTP and closed by the close job's own code, timed.
#
#   bash tests/load/governance-bench.sh
#
# Starts a private cluster and the API (Release, environment Local, job workers off so the bench runs the close itself).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
pg_dir=${BENCH_PG_DIR:-/tmp/mediacoop-voting-bench-pg}
api_pid=
cleanup() {
    if [[ -n $api_pid ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
    bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== building the API and the bench tool (Release)" >&2
dotnet build tests/load/Voting -c Release -nologo -v quiet -clp:ErrorsOnly >&2

bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true
port=$(bash infra/dev/pg.sh free-port)
npgsql=$(PG_FAST=1 bash infra/dev/pg.sh start "$pg_dir" "$port")
api_port=$(bash infra/dev/pg.sh free-port)
ConnectionStrings__Default=$npgsql dotnet api/bin/Release/net10.0/MediaCoop.Api.dll --migrate-only >/dev/null
ConnectionStrings__Default=$npgsql ASPNETCORE_ENVIRONMENT=Local ASPNETCORE_URLS=http://127.0.0.1:$api_port Jobs__RunWorkers=false \
    Auth__AttemptsPerAddressPerMinute=100000 RateLimits__AnonymousPerAddressPerMinute=1000000 Logging__LogLevel__Default=Warning \
    Storage__Root=$pg_dir-storage dotnet api/bin/Release/net10.0/MediaCoop.Api.dll >/tmp/voting-bench-api.log 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$api_port/health/live" >/dev/null 2>&1 && break; sleep 1; done

dotnet tests/load/Voting/bin/Release/net10.0/MediaCoop.Load.Voting.dll --url "http://127.0.0.1:$api_port" --connection "$npgsql" \
    --voters "${VOTERS:-64}" --rounds "${ROUNDS:-3}" --eligible "${ELIGIBLE:-10000}"
