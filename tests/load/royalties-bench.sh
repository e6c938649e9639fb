#!/usr/bin/env bash
# Royalties at scale: SALES sales (default 1,000,000) across CONTRIBUTORS contributors (default 10,000), each posted by
# the API's own RoyaltyPosting.PostSaleAsync (the code Fulfilment runs in the licence's transaction), BATCH sales per
# transaction on WORKERS connections. Prints sales/s and postings/s, the time to produce every contributor's monthly
# statements (the API's per-contributor path, sampled and extrapolated, and a set-based month-end query) and the time
# to compute everyone's balance (the same two ways).
#
#   bash tests/load/royalties-bench.sh                 # a private cluster in $BENCH_PG_DIR, stopped again at the end
#   SALES=100000 bash tests/load/royalties-bench.sh    # smaller run; figures scale about linearly
#
# Other knobs: BATCH (500), WORKERS (2), SAMPLE (500 contributors for the API-path timings), KEEP_DB=1.
# The cluster is created fresh each run (the seed uses fixed ids).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
pg_dir=${BENCH_PG_DIR:-/tmp/mediacoop-royalties-bench-pg}
started_pg=
cleanup() {
    if [[ -n $started_pg && ${KEEP_DB:-} != 1 ]]; then bash infra/dev/pg.sh destroy "$started_pg" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "== building the API and the bench tool (Release)" >&2
dotnet build tests/load/Royalties -c Release -nologo -v quiet -clp:ErrorsOnly >&2

bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true
port=$(bash infra/dev/pg.sh free-port)
npgsql=$(PG_FAST=1 PG_PROFILE=bench bash infra/dev/pg.sh start "$pg_dir" "$port")
started_pg=$pg_dir
ConnectionStrings__Default=$npgsql dotnet api/bin/Release/net10.0/MediaCoop.Api.dll --migrate-only >/dev/null

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet tests/load/Royalties/bin/Release/net10.0/MediaCoop.Load.Royalties.dll --connection "$npgsql" \
    --sales "${SALES:-1000000}" --contributors "${CONTRIBUTORS:-10000}" --batch "${BATCH:-500}" --workers "${WORKERS:-2}" \
    --sample "${SAMPLE:-500}"
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
