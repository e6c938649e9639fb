#!/usr/bin/env bash
# The S3-compatible test server (s3rver behind the proxy in server.mjs), in the foreground:
#
#   tests/s3/start.sh PORT DIR     objects under DIR; prints `ready PORT` once it answers
#   tests/s3/stop.sh DIR           stops the server started with that DIR
#
# The process replaces this script (exec), so `start.sh ... &` gives the server's own pid in $!.
# Bucket and keys come from MEDIACOOP_TEST_S3_BUCKET / _ACCESS_KEY / _SECRET_KEY, with the same
# defaults as the GitHub workflow's MinIO. Dependencies: `npm ci --no-audit --no-fund` in tests/s3.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 PORT DIR" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -d $here/node_modules/s3rver ]] || { echo "$0: run 'npm ci --no-audit --no-fund' in $here first" >&2; exit 1; }
mkdir -p "$2"
echo $$ >"$2/server.pid"
# s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider.
exec node --openssl-legacy-provider "$here/server.mjs" --port "$1" --dir "$2/data"
