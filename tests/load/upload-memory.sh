#!/usr/bin/env bash
# How much does a 200 MB upload raise the API's resident memory? (Goal, issue 3: < 64 MB.)
#
#   bash tests/load/upload-memory.sh [PARALLEL]     # PARALLEL uploads at once (default 1)
#
# Starts a private PostgreSQL and the API (Release build, job workers off so only the upload path is
# measured), signs in as the seeded demo contributor, warms up with one small upload, then sends a
# 200,000,000-byte JPEG (a real 24 MP photo followed by padding, which the server accepts because the
# photo decodes) with curl, sampling the server's VmRSS every 20 ms. Prints baseline, peak and the rise.
set -euo pipefail
# A local run, as make run is: the API refuses its demo checkout in the (default) Production environment.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Local}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
parallel=${1:-1}
work=$(mktemp -d /tmp/mediacoop-upload-bench.XXXXXX)
pg_dir=$work/pg
api_pid=
cleanup() {
    [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
    bash infra/dev/pg.sh destroy "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

command -v vips >/dev/null || { echo "needs the vips command (apt-get install libvips-tools) to make the test photo" >&2; exit 1; }
dotnet build api -c Release -nologo -v quiet -clp:ErrorsOnly >&2

echo "== making a 200,000,000-byte JPEG (24 MP photo + padding)" >&2
vips gaussnoise "$work/noise.v" 6000 4000 --mean 128 --sigma 40
vips bandjoin "$work/noise.v $work/noise.v $work/noise.v" "$work/rgb.v"
vips cast "$work/rgb.v" "$work/u8.v" uchar
vips copy "$work/u8.v" "$work/photo.jpg[Q=95]" --interpretation srgb
cp "$work/photo.jpg" "$work/big.jpg"
truncate -s 200000000 "$work/big.jpg"
for i in $(seq "$parallel"); do cp "$work/big.jpg" "$work/big-$i.jpg"; printf '%08d' "$i" | dd of="$work/big-$i.jpg" bs=1 seek=199999990 conv=notrunc status=none; done

MEDIACOOP_TEST_DB=$(PG_FAST=1 bash infra/dev/pg.sh start "$pg_dir" "$(bash infra/dev/pg.sh free-port)" 2>/dev/null)
port=$(bash infra/dev/pg.sh free-port)
ConnectionStrings__Default=$MEDIACOOP_TEST_DB Storage__Root=$work/blobs Uploads__SpoolDirectory=$work/spool \
    Demo__CredentialsFile=$work/demo.txt Jobs__RunWorkers=false ASPNETCORE_URLS=http://127.0.0.1:$port \
    Logging__LogLevel__Default=Warning Auth__AttemptsPerAddressPerMinute=1000 \
    dotnet api/bin/Release/net10.0/MediaCoop.Api.dll --seed-demo >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

base=http://127.0.0.1:$port/api/v1
jar=$work/cookies
token() { curl -fsS -b "$jar" -c "$jar" "$base/auth/antiforgery" | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
password=$(awk '/ana@demo/ {print $3}' "$work/demo.txt")
curl -fsS -b "$jar" -c "$jar" -H "X-XSRF-TOKEN: $(token)" -H 'content-type: application/json' \
    -d "{\"email\":\"ana@demo.mediacoop.test\",\"password\":\"$password\"}" "$base/auth/login" >/dev/null
xsrf=$(token)
upload() { curl -sS -o "$2" -w '%{http_code} %{time_total}s %{speed_upload}B/s\n' -b "$jar" -H "X-XSRF-TOKEN: $xsrf" -F "file=@$1;type=image/jpeg" "$base/uploads"; }

rss() { awk '/VmRSS/ {print $2}' "/proc/$api_pid/status"; }
echo "== warm-up upload (the photo alone)" >&2
upload "$work/photo.jpg" /dev/null >&2
sleep 2
baseline=$(rss)
peak=$baseline
(
    while kill -0 "$api_pid" 2>/dev/null; do rss; sleep 0.02; done
) >"$work/samples" &
sampler=$!
echo "== $parallel x 200 MB upload(s)" >&2
start=$(date +%s.%N)
pids=()
for i in $(seq "$parallel"); do upload "$work/big-$i.jpg" "$work/response-$i.json" & pids+=($!); done
wait "${pids[@]}" || true
end=$(date +%s.%N)
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
peak=$(sort -n "$work/samples" | tail -1)
created=$(grep -l '"id"' "$work"/response-*.json 2>/dev/null | wc -l)
printf 'uploads: %d x 200,000,000 bytes, %d accepted, %.1f s wall\n' "$parallel" "$created" "$(echo "$end - $start" | bc)"
printf 'server RSS: baseline %d MB, peak %d MB, rise %d MB (goal < 64 MB)\n' $((baseline / 1024)) $((peak / 1024)) $(((peak - baseline) / 1024))
