#!/usr/bin/env bash
# Measures how long `trialmatch serve` takes to answer /readyz with the
# embedded database: cold (initdb, migrations, demo data) and warm (an
# existing data folder). Usage: scripts/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=bin/trialmatch
[ -x "$bin" ] || { echo "build first: make build" >&2; exit 1; }

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start DIR: starts the server on DIR, waits for /readyz, prints the seconds.
start() {
  local dir=$1 p t0 t1
  p=$(port)
  t0=$(date +%s.%N)
  TRIALMATCH_DATA_DIR=$dir TRIALMATCH_ADDR=127.0.0.1:$p TRIALMATCH_DEMO_DATA=true "$bin" serve >"$dir.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$p/readyz" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "server died, see $dir.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s.%N)
  kill -TERM $pid; wait $pid || true
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

for i in $(seq "$runs"); do
  dir=$(mktemp -d "$PWD/.data/startup-XXXX"); chmod 755 "$dir"
  cold=$(start "$dir")
  warm=$(start "$dir")
  printf 'run %d: cold start %.2f s (initdb, migrations, demo data with 300 volunteers), warm start %.2f s\n' "$i" "$cold" "$warm"
  rm -rf "$dir" "$dir.log"
done
