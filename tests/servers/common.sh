# common.sh: what every server script here needs, sourced by them (not run on its own).

# A free TCP port on loopback, chosen by the kernel.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits up to 10 s for something to listen on loopback PORT; else prints LOG and fails.
# Usage: wait_listening PORT WHAT LOG
wait_listening() {
  local port=$1 what=$2 log=$3
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$what did not listen on $port; its log:" >&2
  cat "$log" >&2 || true
  return 1
}
