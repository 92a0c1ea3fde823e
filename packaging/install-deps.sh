#!/usr/bin/env bash
# Installs every Debian package FieldStation needs to build, run and test (idempotent).
# Usage: packaging/install-deps.sh [--build-only]
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail

build_pkgs=(
  cmake g++ make pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-charts-dev qt6-serialbus-dev
  qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libquazip1-qt6-dev libssh-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-mysql
  libyaml-cpp-dev libmosquitto-dev libgl-dev libsqlite3-dev libsystemd-dev libexpat1-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtcharts
  qml6-module-qtquick-templates qml6-module-qttest qml6-module-qtquick-dialogs
  qml6-module-qtqml-models qml6-module-qtquick-virtualkeyboard qml6-module-qtqml
  qml6-module-qt-labs-folderlistmodel libxcb1-dev libxss-dev
  qt6-virtualkeyboard-plugin qml6-module-qtquick-shapes
  qt6-qpa-plugins fonts-dejavu-core
)
test_pkgs=(
  mariadb-server openssh-server mosquitto mosquitto-clients influxdb xvfb imagemagick
  sqlite3 zip unzip procps python3 passwd openssh-client systemd openssl
  curl python3-requests python3-httpx
)

pkgs=("${build_pkgs[@]}")
[ "${1:-}" = "--build-only" ] || pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -q
# Services installed here must not start on their own: tests start their own instances.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
