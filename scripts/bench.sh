#!/usr/bin/env bash
# `make bench`: the Go benchmarks of internal/synth, then cmd/tmbench, which
# loads BENCH_VOLUNTEERS synthetic volunteers (default 1,000,000) and 1,000
# recruiting trials into a private PostgreSQL under .data/bench (or the
# database of TRIALMATCH_DATABASE_URL) and measures the matching paths.
# Output goes to docs/bench-latest.txt (git-ignored); docs/benchmarks.md holds
# the recorded figures. Extra tmbench flags: BENCH_FLAGS="-iterations 100".
set -euo pipefail
cd "$(dirname "$0")/.."
volunteers=${BENCH_VOLUNTEERS:-1000000}
out=docs/bench-latest.txt
mkdir -p bin docs
go build -o bin/tmbench ./cmd/tmbench
{
  echo "# scripts/startup.sh 3 (cold and warm start with the embedded database)"
  make -s build >/dev/null && scripts/startup.sh 3
  echo "# scripts/bench.sh $(date -u +%Y-%m-%dT%H:%M:%SZ): $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "# go test -bench (internal/synth)"
  go test -run '^$' -bench . -benchmem -benchtime 2000x ./internal/synth
  echo "# go test -bench EnrollmentReport (services: 100,000 referrals across 20 sites)"
  go test -run '^$' -bench EnrollmentReport -benchtime 300x ./services
  echo "# bin/tmbench -volunteers $volunteers ${BENCH_FLAGS:-}"
  # shellcheck disable=SC2086
  bin/tmbench -volunteers "$volunteers" ${BENCH_FLAGS:-}
} 2>&1 | tee "$out"
echo
echo "Figures (ms; full output with EXPLAIN ANALYZE in $out):"
grep -E '^(run [0-9]|LOAD|Benchmark|BenchmarkEnrollmentReport|candidates|feasibility|matches|primary-key|  (load|decode|evaluate)|page 1 SQL|announce|rebuild|index in|ranked)' "$out" || true
