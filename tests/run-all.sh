#!/usr/bin/env bash
# Installs every package the build and tests need, builds everything, and runs every test.
# This is the README's test command and what .ci/run calls.
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build-tests -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFIELDSTATION_BUILD_TESTS=ON -DFIELDSTATION_BUILD_BENCH=ON
cmake --build build-tests -j"$(nproc)"
ctest --test-dir build-tests --output-on-failure -j2 --timeout 600 "$@"
