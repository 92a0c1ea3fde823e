#!/usr/bin/env bash
# Pictures of every page for people to look at (not committed): runs `fieldstation --demo` under Xvfb
# at the kiosk's 800×480 (--kiosk) and a desktop's 1280×800 (--desktop) with the hidden
# --screenshot-tour option, which opens each page, waits until it has settled and saves
# OUTDIR/<W>x<H>-<page>.png. Installs what it needs and builds if needed; the pictures then take
# about a minute (at most FS_SCREENSHOT_BUDGET_S, 170 s).
# Usage: tests/screenshots.sh OUTDIR [SIZES]   (SIZES e.g. "800x480:kiosk 1280x800:desktop")
# Env: FS_BUILD_DIR (default ./build), FS_BINARY (a built fieldstation; skips install and build).
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
out=${1:?usage: tests/screenshots.sh OUTDIR}
sizes=${2:-"800x480:kiosk 1280x800:desktop"}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FS_BUILD_DIR:-$root/build}
bin=${FS_BINARY:-}
only=${FS_SCREENSHOT_PAGES:-}

if [ -z "$bin" ]; then
  bash "$root/packaging/install-deps.sh"
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIELDSTATION_BUILD_TESTS=OFF
  fi
  cmake --build "$build" -j"$(nproc)" --target fieldstation
  bin=$build/app/fieldstation
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A free display number: no lock file and no socket.
free_display() {
  local n
  for n in $(seq 90 140); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
      echo "$n"
      return
    fi
  done
  echo "screenshots.sh: no free X display between :90 and :140" >&2
  exit 1
}

status=0
# The pictures take at most FS_SCREENSHOT_BUDGET_S (default 170 s) once built: each size gets an even
# share of what is left (a tour usually needs about 25 s; its own waits are bounded too).
budget=${FS_SCREENSHOT_BUDGET_S:-170}
started=$SECONDS
left_sizes=$(echo $sizes | wc -w)
for entry in $sizes; do
  size=${entry%%:*}
  mode=${entry##*:}
  n=$(free_display)
  Xvfb ":$n" -screen 0 "${size}x24" -nolisten tcp >"$work/xvfb-$n.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 1 50); do # up to 5 s for the server's socket
    [ -e "/tmp/.X11-unix/X$n" ] && break
    sleep 0.1
  done
  rm -f "$out/$size"-*.png # a picture left from an earlier run must not count
  data=$(mktemp -d "$work/data.XXXX")
  share=$(((budget - (SECONDS - started)) / left_sizes))
  left_sizes=$((left_sizes - 1))
  [ "$share" -ge 10 ] || share=10 # (timeout 0 would mean no limit at all)
  echo "screenshots.sh: $size --$mode (at most ${share} s)"
  # The settings file is empty, so the demo's own sources and sinks are used; the data stays apart.
  if ! DISPLAY=":$n" QT_QPA_PLATFORM=xcb XDG_CONFIG_HOME="$work/config" QT_LOGGING_RULES="fs.*.info=false" \
      timeout "$share" "$bin" --demo "--$mode" --data-dir "$data" --screenshot-tour "$out" \
      >"$work/run-$size.log" 2>&1; then
    echo "screenshots.sh: the $size tour failed:" >&2
    tail -20 "$work/run-$size.log" >&2
    status=1
  fi
  grep 'screenshot' "$work/run-$size.log" || true
  # A limited tour (FS_SCREENSHOT_PAGES, the ctest smoke) must have saved exactly those pages.
  for page in ${only//,/ }; do
    if [ ! -s "$out/$size-$page.png" ]; then
      echo "screenshots.sh: $out/$size-$page.png is missing" >&2
      status=1
    fi
  done
  kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  xvfb_pid=""
done
ls -1 "$out"/*.png 2>/dev/null | wc -l | xargs echo "screenshots.sh: pictures in $out:"
exit $status
