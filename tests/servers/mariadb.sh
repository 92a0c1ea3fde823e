#!/usr/bin/env bash
# A real MariaDB for tests, on a free loopback port, all state in DIR, stopped by its own pid.
#
#   mariadb.sh start DIR [DB USER PASSWORD]   install a datadir, start mariadbd, create DB and a
#                                             user for 127.0.0.1 with all rights on it; print the port
#   mariadb.sh stop DIR
#   mariadb.sh sql DIR [DB]                   a client on the socket (as root), SQL on stdin
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cmd=${1:?start|stop|sql}
dir=${2:?DIR}

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

case "$cmd" in
start)
  db=${3:-cogent}
  user=${4:-push}
  password=${5:-push-password}
  # A tmpdir of its own: a starting server (the install's bootstrap too) deletes the '#sql' temp
  # files in its tmpdir, so two tests starting at once in /tmp broke each other's install.
  mkdir -p "$dir/data" "$dir/tmp"
  if ! mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --user=root \
    --auth-root-authentication-method=socket --skip-test-db > "$dir/install.log" 2>&1; then
    echo "mariadb.sh: mariadb-install-db failed; $dir/install.log ends:" >&2
    tail -20 "$dir/install.log" >&2
    exit 1
  fi
  port=$(free_port)
  echo "$port" > "$dir/port"
  mariadbd --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" --user=root --socket="$dir/sock" --port="$port" \
    --bind-address=127.0.0.1 --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" \
    --innodb-buffer-pool-size=128M --innodb-log-file-size=64M --max-allowed-packet=64M --local-infile=1 \
    --skip-name-resolve > "$dir/mariadbd.out" 2>&1 &
  for _ in $(seq 1 300); do
    [ -S "$dir/sock" ] && mariadb --no-defaults -S "$dir/sock" -u root -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb --no-defaults -S "$dir/sock" -u root <<SQL
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'127.0.0.1';
GRANT FILE ON *.* TO '$user'@'127.0.0.1';
SQL
  echo "$port"
  ;;
stop)
  if [ -f "$dir/mariadbd.pid" ]; then
    pid=$(cat "$dir/mariadbd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  ;;
sql)
  mariadb --no-defaults -S "$dir/sock" -u root ${3:+"$3"}
  ;;
*)
  echo "mariadb.sh: unknown command $cmd" >&2
  exit 2
  ;;
esac
