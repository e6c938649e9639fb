#!/usr/bin/env bash
# Installs the machine-level tools MediaCoop's build and tests need, only when missing.
#
#   ensure-deps.sh              PostgreSQL server binaries; checks dotnet 10 and node >= 20
#   ensure-deps.sh --chromium   also Debian's Chromium for the Playwright end-to-end tests
#
# Safe to run on every `make test`: when everything is present it makes no network call.
set -euo pipefail

want_chromium=false
for arg in "$@"; do
    case $arg in
        --chromium) want_chromium=true ;;
        *) printf 'usage: %s [--chromium]\n' "$0" >&2; exit 2 ;;
    esac
done

log() { printf 'ensure-deps: %s\n' "$*" >&2; }

is_root() { [[ $(id -u) -eq 0 ]]; }

apt_updated=false
apt_install() {
    # The package lists are refreshed only when something is actually missing.
    if ! $apt_updated; then
        apt-get update -o DPkg::Lock::Timeout=300 >&2
        apt_updated=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --no-upgrade \
        -o DPkg::Lock::Timeout=300 "$@" >&2
}

failed=false

# --- PostgreSQL server --------------------------------------------------------------------
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    :
elif is_root; then
    log "installing PostgreSQL server (postgresql postgresql-contrib)"
    # pg.sh can still fall back to the npm-packaged server, so a failed install is not fatal.
    apt_install postgresql postgresql-contrib \
        || log "warning: apt could not install PostgreSQL; infra/dev/pg.sh will use the npm-packaged server"
else
    log "note: no system PostgreSQL server; infra/dev/pg.sh will use the npm-packaged one"
    log "      (to use Debian's instead: sudo apt-get install -y postgresql postgresql-contrib)"
fi

# --- Chromium for Playwright -----------------------------------------------------------------
if $want_chromium && [[ ! -x /usr/lib/chromium/chromium ]]; then
    if [[ -n ${CHROMIUM_PATH:-} && -x ${CHROMIUM_PATH} ]]; then
        # CI points this at a browser it already has (e.g. google-chrome on GitHub runners).
        log "using CHROMIUM_PATH=$CHROMIUM_PATH"
    elif is_root; then
        log "installing Chromium (chromium fonts-liberation)"
        apt_install chromium fonts-liberation || { log "error: could not install Chromium"; failed=true; }
    else
        log "error: Chromium is missing; install it with:"
        log "    sudo apt-get install -y chromium fonts-liberation"
        failed=true
    fi
fi

# --- toolchains (not installed here: they come from the machine image or setup actions) --
if ! command -v dotnet >/dev/null 2>&1; then
    log "error: dotnet not found; install the .NET 10 SDK (https://dot.net)"
    failed=true
elif ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    log "error: .NET 10 SDK not found; dotnet has: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')"
    failed=true
fi

if ! command -v node >/dev/null 2>&1; then
    log "error: node not found; install Node.js 20 or newer"
    failed=true
else
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    if ((node_major < 20)); then
        log "error: Node.js $(node --version) is too old; 20 or newer is needed"
        failed=true
    fi
fi

if $failed; then
    exit 1
fi
log "all dependencies present"
