#!/usr/bin/env bash
# Runs bench_egauge_parse at the size (40 000 rows x 20 registers) and at a few others, each
# beside the python3 xml.etree baseline in the same run. Usage: tests/bench/run-egauge-bench.sh BUILD_DIR
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
for rows in ${ROWS:-40000 4000 341}; do
  echo "== $rows rows"
  "$build/tests/bench/bench_egauge_parse" --rows "$rows" --registers 20 --repeat "${REPEAT:-3}"
done
