#!/usr/bin/env bash
# Installs what the build needs, builds FieldStation, and starts it in --demo.
# Extra arguments go to fieldstation, e.g. packaging/demo.sh --kiosk
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh --build-only
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIELDSTATION_BUILD_TESTS=OFF
cmake --build build -j"$(nproc)" --target fieldstation
args=("$@")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [[ " ${args[*]} " != *" --headless "* ]]; then
  echo "demo.sh: no display here, so FieldStation runs --headless (Ctrl-C stops it)." >&2
  echo "         On a desktop, run this from a terminal in the graphical session." >&2
  args+=(--headless)
fi
exec ./build/app/fieldstation --demo "${args[@]}"
