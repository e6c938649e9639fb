#!/usr/bin/env bash
# Restores and builds everything the product and its tests need: the .NET solution and the SPA.
#   build.sh [Debug|Release]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
configuration=${1:-Release}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "== building the API and tests ($configuration)" >&2
dotnet build MediaCoop.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

echo "== installing and building the SPA" >&2
# npm ci is skipped when node_modules already matches the lock (a warm run stays fast).
if [[ ! -f web-client/node_modules/.package-lock.json ]] || ! cmp -s web-client/package-lock.json web-client/node_modules/.mediacoop-lock; then
    npm --prefix web-client ci --no-audit --no-fund --loglevel=error
    cp web-client/package-lock.json web-client/node_modules/.mediacoop-lock
fi
npm --prefix web-client run --silent build >&2
