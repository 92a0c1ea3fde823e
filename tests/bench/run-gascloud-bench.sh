#!/usr/bin/env bash
# Runs bench_gascloud with a loopback sshd (needs root, like the tests). Usage:
#   tests/bench/run-gascloud-bench.sh BUILD_DIR [--rows N]
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail
build=${1:?build dir}; shift
here=$(cd "$(dirname "$0")" && pwd)
user=c3d4e5f60718293a4b5c
dir=$(mktemp -d /tmp/fs-bench-sshd-XXXXXX)
trap '"$here/../servers/sshd.sh" stop "$dir"; rm -rf "$dir"' EXIT
port=$("$here/../servers/sshd.sh" start "$dir" "$user" | tail -n 1)
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$user:$password" | chpasswd
ssh-keygen -q -t ed25519 -N "" -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/authorized_keys/$user"
"$build/tests/bench/bench_gascloud" "$@" --scp-port "$port" --scp-user "$user" --scp-password "$password" \
  --scp-dir "$dir/inbox/$user/inbox/" --client-key "$dir/client_key"
