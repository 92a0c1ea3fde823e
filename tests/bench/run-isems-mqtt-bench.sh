#!/usr/bin/env bash
# Runs bench_isems_mqtt (which starts its own loopback mosquitto through tests/servers/mosquitto.sh)
# for a short and a long run, so the start-up cost and the steady rate can be told apart. Each run
# prints the MQTT path alone and the path into the store, each beside mosquitto_sub.
# Usage: tests/bench/run-isems-mqtt-bench.sh BUILD_DIR
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
for n in ${SIZES:-2000 20000}; do
  echo "== $n messages"
  "$build/tests/bench/bench_isems_mqtt" --messages "$n" --nodes "${NODES:-50}" 2>&1 | grep -v '^fs\.'
done
