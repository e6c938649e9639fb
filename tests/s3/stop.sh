#!/usr/bin/env bash
# Stops the test S3 server that `tests/s3/start.sh PORT DIR` started; succeeds when none is running.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
pid_file=$1/server.pid
[[ -f $pid_file ]] || exit 0
pid=$(<"$pid_file")
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
rm -f "$pid_file"
