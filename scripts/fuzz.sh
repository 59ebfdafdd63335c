#!/usr/bin/env bash
# Runs every Go fuzz target briefly (the seed corpus also runs in `go test`).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
found=false
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    found=true
    echo "fuzz $pkg $target ($duration)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$duration" "$pkg"
  done
done
$found || echo "no fuzz targets"
