#!/usr/bin/env bash
# Runs bench_push against a loopback MariaDB (needs root, like the tests), for 100 k and 1 M readings
# so the peak RSS of the two can be compared. The row-at-a-time baseline runs on all 100 k rows and on
# the first 200 k of the 1 M. Usage: tests/bench/run-push-bench.sh BUILD_DIR
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/fs-bench-mariadb-XXXXXX)
trap '"$here/../servers/mariadb.sh" stop "$dir"; rm -rf "$dir"' EXIT
port=$("$here/../servers/mariadb.sh" start "$dir" bench_push push push-password | tail -n 1)
for n in ${SIZES:-100000 1000000}; do
  for db in bench_push bench_load bench_rows; do
    "$here/../servers/mariadb.sh" sql "$dir" <<SQL
DROP DATABASE IF EXISTS $db; CREATE DATABASE $db; GRANT ALL PRIVILEGES ON $db.* TO 'push'@'127.0.0.1';
SQL
    "$here/../servers/mariadb.sh" sql "$dir" "$db" < "$here/../../resources/cogent_schema.sql"
  done
  echo "== $n readings"
  "$build/tests/bench/bench_push" --port "$port" --readings "$n" --rowwise 200000 2>&1 | grep -v '^fs\.'
done
