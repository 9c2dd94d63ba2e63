# Shared set-up for scripts/demo, scripts/test and friends (sourced, not run).
# Idempotent: a second run checks and returns in about a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Debian packages Qt needs to open a real window (PLATFORM.md), plus what the tests use.
QT_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
             libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 fonts-dejavu-core
             libcups2 libdbus-1-3)

log() { printf '[setup] %s\n' "$*" >&2; }

ensure_debian_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        log "not Debian/Ubuntu: install these (or their equivalents) yourself: ${missing[*]}"
        return 0
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            log "need root to install: ${missing[*]} (run: apt-get install -y ${missing[*]})"; return 1; fi
    fi
    log "installing Debian packages: ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
           "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    log "Python 3.11 or newer is required (apt-get install python3 python3-venv)"; return 1
}

# ensure_venv EXTRAS: create .venv if missing and (re)install the project when pyproject.toml changed.
ensure_venv() {
    local extras="$1"
    if [ ! -x "$VENV/bin/python" ]; then
        local py; py="$(find_python)"
        log "creating $VENV with $py"
        "$py" -m venv "$VENV" || { ensure_debian_packages python3-venv && "$py" -m venv "$VENV"; }
    fi
    local stamp="$VENV/.installed-$(cat "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-${extras//,/_}"
    if [ ! -f "$stamp" ]; then
        log "installing boxoffice[$extras] into $VENV"
        "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
        "$VENV/bin/python" -m pip install -q -e "$ROOT[$extras]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
    # the project is installed editable, so pip compiled none of its modules; with PYTHONDONTWRITEBYTECODE set
    # (as on this machine) every command would compile them again from source, 50-70 ms of each start (measured
    # on `boxoffice sync --once`). Up-to-date files are skipped; a module edited later is read from its source
    # until the next run here, as Python always does.
    "$VENV/bin/python" -m compileall -q -j 0 "$ROOT/boxoffice" >/dev/null
}
