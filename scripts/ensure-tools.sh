#!/usr/bin/env bash
# Installs what a script can install for `make run` and `make test`, and
# otherwise stops with one line naming the command to run.
# Usage: scripts/ensure-tools.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

is_root() { [ "$(id -u)" = 0 ]; }
apt_updated=false
apt_install() {
  if ! is_root || ! command -v apt-get >/dev/null; then
    echo "missing: $1 — install it with: sudo apt-get install -y $2" >&2
    exit 1
  fi
  if ! $apt_updated; then apt-get update -qq >/dev/null; apt_updated=true; fi
  echo "installing $2 (Debian package) ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

command -v go >/dev/null || { echo "missing: Go — install it from https://go.dev/dl/ (1.26 or newer)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "missing: Node.js 20+ and npm — install them with: sudo apt-get install -y nodejs npm" >&2; exit 1; }

# PostgreSQL server binaries for the private database (unless a URL is given).
if [ -z "${TRIALMATCH_DATABASE_URL:-}" ] || [ -z "${TRIALMATCH_TEST_DATABASE_URL:-}" ]; then
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install "PostgreSQL server (initdb, pg_ctl)" postgresql
  fi
fi

if $want_browser && [ ! -x /usr/bin/chromium ]; then
  apt_install "Chromium for the browser tests" chromium
fi

# Frontend packages: install when missing or when the lock file changed.
stamp=frontend/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ frontend/package-lock.json -nt "$stamp" ]; then
  echo "installing frontend packages (npm ci) ..." >&2
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
