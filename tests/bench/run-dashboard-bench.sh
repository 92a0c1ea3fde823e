#!/usr/bin/env bash
# The dashboard under load: a demo store holding 7 days × 1 Hz × 6 channels, then `fieldstation
# --demo --kiosk` under Xvfb (800×480): frame times on a live chart page (QSG_RENDER_TIMING), CPU % of
# one core at rest on the dashboard over 60 s after warm-up, peak RSS (VmHWM). Beside them, measured in
# the same run: the headless demo (no GUI at all) and the chart page with the software renderer
# (QT_QUICK_BACKEND=software, no llvmpipe). Targets: CPU < 5 %, RSS < 200 MB.
# Usage: tests/bench/run-dashboard-bench.sh BUILD_DIR [SECONDS]   (SECONDS: the window, default 60)
# Env (for the ctest smoke): BENCH_WARM_S (warm-up, default 15), BENCH_DAYS (days filled, default 7).
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
window=${2:-60}
warm=${BENCH_WARM_S:-15}
days=${BENCH_DAYS:-7}
bin=$build/app/fieldstation
tck=$(getconf CLK_TCK)
work=$(mktemp -d)
data=$work/data
mkdir -p "$data"
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export QT_LOGGING_RULES="fs.*.info=false;qt.scenegraph.time.renderloop=true" XDG_CONFIG_HOME="$work/config"

# 1. The store: the demo registers its own nodes once, then a week is filled in before its readings
# (and the sinks' cursors past it), and the chart's range switch is timed over that very store.
timeout -s TERM 10 "$bin" --demo --headless --data-dir "$data" >"$work/first.log" 2>&1 || true
"$build/tests/bench/bench_chart_range" --fill "$data" --days "$days"
# (without the render-loop timing the app's runs below log: it would flood this output)
QT_LOGGING_RULES="fs.*.info=false" "$build/tests/bench/bench_chart_range" --dir "$data" --days "$days"

n=99
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 800x480x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
export DISPLAY=":$n"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# measure NAME ENV... -- ARGS...: starts the app, warms up, measures CPU over the window, prints
# "NAME cpu% rssMB" and keeps the log as $work/NAME.log.
measure() {
  local name=$1
  shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$bin" --demo --data-dir "$data" "$@" >"$work/$name.log" 2>&1 &
  app_pid=$!
  sleep "$warm"
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "$name: the app ended early:" >&2
    tail -20 "$work/$name.log" >&2
    exit 1
  fi
  local lines0 t0 t1
  lines0=$(wc -l <"$work/$name.log")
  t0=$(ticks "$app_pid")
  sleep "$window"
  t1=$(ticks "$app_pid")
  local rss
  rss=$(hwm_mb "$app_pid")
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  tail -n +"$((lines0 + 1))" "$work/$name.log" >"$work/$name.window.log"
  awk -v a="$t0" -v b="$t1" -v t="$tck" -v s="$window" -v n="$name" -v r="$rss" \
    'BEGIN {printf "%-28s CPU %5.1f %% of one core   peak RSS %4d MB\n", n, (b - a) * 100 / (t * s), r}'
}

# frames NAME: p50/p95/max of the frame render times logged during the window.
frames() {
  grep -oE 'rendered.* in [0-9]+ ?ms' "$work/$1.window.log" | grep -oE '[0-9]+ ?ms$' | tr -d ' ms' | sort -n >"$work/$1.ms" || true
  local count
  count=$(wc -l <"$work/$1.ms")
  if [ "$count" -eq 0 ]; then
    echo "$1: no frame times logged"
    return
  fi
  awk -v n="$count" -v name="$1" '{v[NR] = $1} END {
      p50 = v[int((n - 1) * 0.50) + 1]; p95 = v[int((n - 1) * 0.95) + 1];
      printf "%-28s frames %d in the window (%.1f/s): p50 %d ms  p95 %d ms  max %d ms\n", name, n, n / '"$window"', p50, p95, v[n] }' "$work/$1.ms"
}

echo "--- ${window} s windows after ${warm} s warm-up, Xvfb 800x480, $(nproc) cores"
measure "headless (baseline)" -- --headless
measure "kiosk dashboard" QSG_RENDER_TIMING=1 -- --kiosk --page home
frames "kiosk dashboard"
measure "kiosk particles chart" QSG_RENDER_TIMING=1 -- --kiosk --page particles
frames "kiosk particles chart"
measure "software particles chart" QSG_RENDER_TIMING=1 QT_QUICK_BACKEND=software -- --kiosk --page particles
frames "software particles chart"
grep -h -m3 -iE 'warning|incomplete|error' "$work/kiosk particles chart.log" || true
echo "targets: CPU at rest on the dashboard < 5 % of one core; peak RSS < 200 MB"
