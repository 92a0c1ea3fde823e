#!/usr/bin/env bash
# A real mosquitto broker for tests, on a free loopback port, all state in DIR, stopped by its own pid.
#
#   mosquitto.sh start DIR [--user USER PASSWORD] [--tls]
#        write the config (anonymous, or only USER with a password_file; TLS with a CA and a
#        server certificate for 127.0.0.1/localhost made in DIR, the CA at DIR/ca.crt),
#        start the broker, print the port
#   mosquitto.sh restart DIR    stop and start again on the same port (sessions are not kept)
#   mosquitto.sh stop DIR       stop it (by DIR/mosquitto.pid)
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cmd=${1:?start|restart|stop}
dir=${2:?DIR}

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

make_certificates() {
  # A throw-away CA and a server certificate valid for both loopback names.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=FieldStation test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
}

run() {
  rm -f "$dir/mosquitto.pid"
  # Its warning about running as root goes to the side, not into the test's output.
  mosquitto -c "$dir/mosquitto.conf" -d 2>>"$dir/mosquitto.out"
  wait_listening "$(cat "$dir/port")" "mosquitto.sh: mosquitto" "$dir/mosquitto.log"
}

# True while the process runs; a zombie (exited, not yet reaped by whoever adopted the daemon) is
# gone for our purpose: its port is free.
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

stop() {
  if [ -f "$dir/mosquitto.pid" ]; then
    local pid
    pid=$(cat "$dir/mosquitto.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.05; done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$dir/mosquitto.pid"
  fi
}

case "$cmd" in
start)
  shift 2
  user="" password="" tls=0
  while [ $# -gt 0 ]; do
    case "$1" in
    --user) user=${2:?USER}; password=${3:?PASSWORD}; shift 3 ;;
    --tls) tls=1; shift ;;
    *) echo "mosquitto.sh: unknown option $1" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$dir"
  port=$(free_port)
  echo "$port" > "$dir/port"
  {
    echo "pid_file $dir/mosquitto.pid"
    echo "log_dest file $dir/mosquitto.log"
    echo "log_type error"
    echo "log_type warning"
    echo "log_type notice"
    echo "persistence false"
    # As root, mosquitto would drop to the user 'mosquitto', which cannot read the temp dir.
    echo "user root"
    # Nodes publish QoS 1 in bursts; a slow subscriber must not lose queued messages in tests.
    echo "max_queued_messages 0"
    echo "listener $port 127.0.0.1"
    if [ -n "$user" ]; then
      echo "allow_anonymous false"
      echo "password_file $dir/passwords"
    else
      echo "allow_anonymous true"
    fi
    if [ "$tls" -eq 1 ]; then
      echo "cafile $dir/ca.crt"
      echo "certfile $dir/server.crt"
      echo "keyfile $dir/server.key"
    fi
  } > "$dir/mosquitto.conf"
  if [ -n "$user" ]; then
    rm -f "$dir/passwords"
    mosquitto_passwd -b -c "$dir/passwords" "$user" "$password"
    chmod 600 "$dir/passwords"
  fi
  if [ "$tls" -eq 1 ]; then make_certificates; fi
  run
  echo "$port"
  ;;
restart)
  stop
  run
  ;;
stop)
  stop
  ;;
*)
  echo "mosquitto.sh: unknown command $cmd" >&2
  exit 2
  ;;
esac
