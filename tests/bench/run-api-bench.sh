#!/usr/bin/env bash
# Runs bench_api on 1 M readings: as the schema is, then with a covering (channel_id, time_ms, value)
# index for comparison, then with all readings in one channel. Usage: tests/bench/run-api-bench.sh BUILD_DIR
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
export QT_LOGGING_RULES="fs.*.info=false"
"$build/tests/bench/bench_api" --readings 1000000 --channels 4
"$build/tests/bench/bench_api" --readings 1000000 --channels 4 --covering-index
"$build/tests/bench/bench_api" --readings 1000000 --channels 1 --requests 50
