#!/usr/bin/env bash
# A real InfluxDB 1.x for tests, on a free loopback port, all state in DIR, stopped by its own pid.
#
#   influxd.sh start DIR [USER PASSWORD]   write a config, start influxd; with USER, turn on
#                                          authentication and create USER as admin; print the port
#   influxd.sh stop DIR
#   influxd.sh pid DIR                     the server's pid (tests freeze it with SIGSTOP)
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cmd=${1:?start|stop|pid}
dir=${2:?DIR}

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

case "$cmd" in
start)
  user=${3:-}
  password=${4:-}
  mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
  port=$(free_port)
  rpc=$(free_port)
  auth=false
  [ -n "$user" ] && auth=true
  cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:$port"
  auth-enabled = $auth
  log-enabled = false
  max-body-size = 0
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
CONF
  echo "$port" > "$dir/port"
  influxd -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 &
  echo $! > "$dir/influxd.pid"
  up=0
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping" 2>/dev/null | grep -q 204; then
      up=1
      break
    fi
    sleep 0.1
  done
  if [ "$up" != 1 ]; then
    echo "influxd.sh: influxd did not answer on port $port; log:" >&2
    tail -20 "$dir/influxd.log" >&2
    exit 1
  fi
  if [ -n "$user" ]; then
    # With auth on and no user yet, the first admin may be created without credentials.
    curl -s -f -o /dev/null -XPOST "http://127.0.0.1:$port/query" \
      --data-urlencode "q=CREATE USER \"$user\" WITH PASSWORD '$password' WITH ALL PRIVILEGES"
  fi
  echo "$port"
  ;;
stop)
  if [ -f "$dir/influxd.pid" ]; then
    pid=$(cat "$dir/influxd.pid")
    kill -CONT "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  ;;
pid)
  cat "$dir/influxd.pid"
  ;;
*)
  echo "influxd.sh: unknown command $cmd" >&2
  exit 2
  ;;
esac
