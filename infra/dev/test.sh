#!/usr/bin/env bash
# `make test`: starts the throwaway services the tests need, runs every suite (.NET, web unit,
# browser end-to-end, script self-tests), stops the services, and ends with one line
# `N passed, N failed` summing every suite. Exits non-zero on any failure or when no test ran.
#
# MEDIACOOP_TEST_DB (an Npgsql connection string to a server whose role may create databases)
# skips starting a private PostgreSQL; MEDIACOOP_TEST_S3_URL (with _ACCESS_KEY, _SECRET_KEY, _BUCKET)
# skips starting the S3-compatible test server (tests/s3); CHROMIUM_PATH picks the browser.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
results=$root/.data/test-results
rm -rf "$results" && mkdir -p "$results"

bash infra/dev/ensure-deps.sh --chromium || exit 1
bash infra/dev/build.sh Debug || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

pg_dir=
api_pid=
s3_dir=
cleanup() {
    if [[ -n $s3_dir ]]; then bash tests/s3/stop.sh "$s3_dir" >/dev/null 2>&1 || true; fi
    if [[ -n $api_pid ]] && kill -0 "$api_pid" 2>/dev/null; then kill -TERM "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; fi
    if [[ -n $pg_dir ]]; then bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z ${MEDIACOOP_TEST_DB:-} ]]; then
    pg_dir=$root/.data/test-pg-$$
    MEDIACOOP_TEST_DB=$(PG_FAST=1 bash infra/dev/pg.sh start "$pg_dir" "$(bash infra/dev/pg.sh free-port)") || { echo "0 passed, 1 failed"; exit 1; }
fi
export MEDIACOOP_TEST_DB

if [[ -z ${MEDIACOOP_TEST_S3_URL:-} ]]; then
    # npm ci only when the lockfile changed since the last install (a copy of it marks the install).
    if ! cmp -s tests/s3/package-lock.json tests/s3/node_modules/.installed-lock.json 2>/dev/null; then
        npm --prefix tests/s3 ci --no-audit --no-fund >&2 || { echo "0 passed, 1 failed"; exit 1; }
        cp tests/s3/package-lock.json tests/s3/node_modules/.installed-lock.json
    fi
    s3_dir=$results/s3
    s3_port=$(bash infra/dev/pg.sh free-port)
    bash tests/s3/start.sh "$s3_port" "$s3_dir" >"$results/s3.log" 2>&1 &
    for _ in $(seq 60); do grep -q '^ready ' "$results/s3.log" 2>/dev/null && break; sleep 0.25; done
    grep -q '^ready ' "$results/s3.log" || { cat "$results/s3.log" >&2; echo "0 passed, 1 failed"; exit 1; }
    export MEDIACOOP_TEST_S3_URL=http://127.0.0.1:$s3_port MEDIACOOP_TEST_S3_ACCESS_KEY=mediacoop \
        MEDIACOOP_TEST_S3_SECRET_KEY=mediacoop-secret MEDIACOOP_TEST_S3_BUCKET=mediacoop-test
fi

echo "== contract checks" >&2
# The SPA's generated types must match api/openapi.json (the .NET suite checks the document itself).
if npm --prefix web-client run --silent check:api; then
    echo '<testsuites><testcase name="schema.d.ts matches api/openapi.json"/></testsuites>' >"$results/contract.xml"
else
    echo '<testsuites><testcase name="schema.d.ts matches api/openapi.json"><failure message="stale: npm --prefix web-client run gen:api"/></testcase></testsuites>' >"$results/contract.xml"
fi
# The contract itself must lint clean (Redocly's recommended rules, redocly.yaml): errors and warnings both fail.
if npm --prefix web-client run --silent lint:api -- --max-problems 50 >"$results/redocly.txt" 2>&1 \
    && grep -q 'Your API description is valid' "$results/redocly.txt" && ! grep -q 'You have [0-9]* warning' "$results/redocly.txt"; then
    echo '<testsuites><testcase name="api/openapi.json lints clean (redocly recommended)"/></testsuites>' >"$results/lint.xml"
else
    grep -v '[║╔╚]' "$results/redocly.txt" >&2
    echo '<testsuites><testcase name="api/openapi.json lints clean (redocly recommended)"><failure message="lint: npm --prefix web-client run lint:api"/></testcase></testsuites>' >"$results/lint.xml"
fi

echo "== .NET tests" >&2
dotnet test MediaCoop.sln -c Debug --no-build --logger "trx" --results-directory "$results/dotnet" -- NUnit.NumberOfTestWorkers=2

echo "== web unit tests" >&2
(cd web-client && npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json")

echo "== script self-tests" >&2
# Its own summary stays in a file (shown on failure): the run's closing line is the one below.
node --test --test-reporter=spec --test-reporter-destination="$results/node.txt" \
    --test-reporter=junit --test-reporter-destination="$results/node.xml" tests/summarize.test.mjs \
    || cat "$results/node.txt" >&2

echo "== browser end-to-end tests" >&2
# The API serves the built SPA, as in production, on a database of its own.
e2e_db=${MEDIACOOP_TEST_DB/Database=postgres/Database=mediacoop}
api_port=$(bash infra/dev/pg.sh free-port)
# Demo accounts are seeded so browser tests can sign in with roles (a contributor, an editor). In Local, votes may
# close seconds after they open (GovernanceOptions), so the governance spec sees a result.
export MEDIACOOP_DEMO_ACCOUNTS=$results/e2e-demo-accounts.txt
ConnectionStrings__Default=$e2e_db Spa__Root=$root/web-client/dist Storage__Root=$results/e2e-blobs \
    Demo__CredentialsFile=$MEDIACOOP_DEMO_ACCOUNTS \
    ASPNETCORE_URLS=http://127.0.0.1:$api_port Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Local \
    RateLimits__AnonymousPerAddressPerMinute=0 \
    dotnet api/bin/Debug/net10.0/MediaCoop.Api.dll --seed-demo >"$results/e2e-api.log" 2>&1 &
api_pid=$!
for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
done
(cd web-client && E2E_BASE_URL=http://127.0.0.1:$api_port PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test) \
    || tail -n 40 "$results/e2e-api.log" >&2

echo "== summary" >&2
node tests/summarize.mjs --trx "$results/dotnet" --vitest "$results/vitest.json" --playwright "$results/playwright.json" \
    --junit "$results/node.xml" --junit "$results/contract.xml" --junit "$results/lint.xml"
