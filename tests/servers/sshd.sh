#!/usr/bin/env bash
# A real OpenSSH sshd for tests, on a free loopback port, all state in DIR. Needs root (sshd checks
# passwords and switches users). Stopped by its own pid.
#
#   sshd.sh start DIR USER [USER…]   create the accounts (no home, /bin/sh), DIR/inbox/USER/inbox
#                                    writable by each, a host key, the config; start; print the port
#   sshd.sh restart DIR              stop and start again, same port and host key
#   sshd.sh rekey DIR                a new host key, then restart on the same port
#   sshd.sh stop DIR                 stop it (by DIR/sshd.pid)
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
cmd=${1:?start|rekey|stop}
dir=${2:?DIR}
sshd=/usr/sbin/sshd

. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

run() {
  mkdir -p /run/sshd
  "$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log"
  wait_listening "$(cat "$dir/port")" "sshd.sh: sshd" "$dir/sshd.log"
}

stop() {
  if [ -f "$dir/sshd.pid" ]; then
    local pid
    pid=$(cat "$dir/sshd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/sshd.pid"
  fi
}

case "$cmd" in
start)
  shift 2
  [ "$(id -u)" -eq 0 ] || { echo "sshd.sh: needs root (password logins, user switching)" >&2; exit 1; }
  mkdir -p "$dir/inbox" "$dir/authorized_keys"
  chmod 755 "$dir" "$dir/inbox"
  for user in "$@"; do
    if ! id "$user" >/dev/null 2>&1; then
      useradd --badname -M -d /nonexistent -s /bin/sh "$user"
      # New accounts are locked ('!'), and without PAM sshd refuses even key logins to them:
      # '*' means "no password" without "locked".
      usermod -p '*' "$user"
    fi
    mkdir -p "$dir/inbox/$user/inbox"
    chown "$user" "$dir/inbox/$user/inbox"
  done
  rm -f "$dir/host_ed25519" "$dir/host_ed25519.pub"
  ssh-keygen -q -t ed25519 -N "" -f "$dir/host_ed25519"
  port=$(free_port)
  echo "$port" > "$dir/port"
  cat > "$dir/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys/%u
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
PermitRootLogin no
AllowUsers $*
AllowTcpForwarding yes
Subsystem sftp internal-sftp
LogLevel VERBOSE
CFG
  run
  echo "$port"
  ;;
restart)
  stop
  run
  ;;
rekey)
  stop
  rm -f "$dir/host_ed25519" "$dir/host_ed25519.pub"
  ssh-keygen -q -t ed25519 -N "" -f "$dir/host_ed25519"
  run
  ;;
stop)
  stop
  ;;
*)
  echo "sshd.sh: unknown command $cmd" >&2
  exit 2
  ;;
esac
