#!/usr/bin/env bash
# `make run`: the whole product on the embedded defaults — API + SPA + demo data at
# http://localhost:${PORT:-8080}. A private PostgreSQL cluster under .data/pg is started unless
# DATABASE_URL (or ConnectionStrings__Default) points at one. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)

bash infra/dev/ensure-deps.sh
bash infra/dev/build.sh Release

started_pg=false
cleanup() {
    trap - EXIT INT TERM
    if $started_pg; then bash infra/dev/pg.sh stop "$root/.data/pg" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z ${DATABASE_URL:-} && -z ${ConnectionStrings__Default:-} ]]; then
    echo "== starting PostgreSQL under .data/pg" >&2
    pg_port=$(bash infra/dev/pg.sh free-port)
    ConnectionStrings__Default=$(bash infra/dev/pg.sh start "$root/.data/pg" "$pg_port")
    export ConnectionStrings__Default
    started_pg=true
fi

port=${PORT:-8080}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:$port}
export Spa__Root=$root/web-client/dist
export Storage__Root=${Storage__Root:-$root/.data/blobs}
export Demo__CredentialsFile=$root/.data/demo-accounts.txt
# Not Production: the demo checkout (Payments:Provider=demo) is refused in Production.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Local}

echo "== MediaCoop at http://localhost:$port  (Ctrl-C stops it)" >&2
# In the foreground, so Ctrl-C reaches the API (background jobs of a script ignore SIGINT);
# once it has shut down, the EXIT trap stops the database.
dotnet api/bin/Release/net10.0/MediaCoop.Api.dll --seed-demo
