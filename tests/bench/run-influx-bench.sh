#!/usr/bin/env bash
# Runs bench_influx for 100 k and 1 M points (each starts its own influxd on loopback), so the peak
# RSS of the sink's pass can be compared across the two. Usage: tests/bench/run-influx-bench.sh BUILD_DIR
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
for n in ${SIZES:-100000 1000000}; do
  echo "== $n points"
  "$build/tests/bench/bench_influx" --points "$n" --batch "${BATCH:-5000}" 2>&1 | grep -v '^fs\.'
done
