#!/usr/bin/env bash
# Rewrites api/openapi.json from the running code, then regenerates web-client/src/api/schema.d.ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
pg_dir=
trap '[[ -n $pg_dir ]] && bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1' EXIT
if [[ -z ${MEDIACOOP_TEST_DB:-} ]]; then
    pg_dir=$root/.data/openapi-pg-$$
    MEDIACOOP_TEST_DB=$(PG_FAST=1 bash infra/dev/pg.sh start "$pg_dir" "$(bash infra/dev/pg.sh free-port)")
fi
export MEDIACOOP_TEST_DB
dotnet build tests/MediaCoop.Tests -nologo -v quiet -clp:ErrorsOnly
UPDATE_OPENAPI=1 dotnet test tests/MediaCoop.Tests --no-build --filter "FullyQualifiedName~OpenApiContractTests" -v quiet
npm --prefix web-client run --silent gen:api
npm --prefix web-client run --silent lint:api
echo "api/openapi.json and web-client/src/api/schema.d.ts regenerated" >&2
