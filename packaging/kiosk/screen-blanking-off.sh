#!/usr/bin/env bash
# Turns screen blanking off for the kiosk user's session on Raspberry Pi OS (NOT VERIFIED ON A PI:
# see README.md here). Idempotent; run as the kiosk user, it uses sudo for raspi-config only.
case "${1:-}" in -h | --help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac # the comment above
set -euo pipefail

if command -v raspi-config >/dev/null; then
  sudo raspi-config nonint do_blanking 1 # 1 = blanking off
fi

# wayfire: no idle action at all.
ini="$HOME/.config/wayfire.ini"
if [ -f "$ini" ] || pgrep -u "$USER" -x wayfire >/dev/null 2>&1; then
  mkdir -p "$(dirname "$ini")"
  touch "$ini"
  if ! grep -q '^\[idle\]' "$ini"; then
    printf '\n[idle]\ndpms_timeout = -1\nscreensaver_timeout = -1\n' >>"$ini"
  fi
  echo "wayfire: [idle] timeouts off in $ini (check the section if it existed before)"
fi

# labwc: the idle daemon is started from its autostart file.
auto="$HOME/.config/labwc/autostart"
if [ -f "$auto" ] && grep -q '^[^#]*swayidle' "$auto"; then
  sed -i 's/^\([^#]*swayidle\)/# fieldstation kiosk: no blanking # \1/' "$auto"
  echo "labwc: swayidle commented out in $auto"
fi

# X11: for the running session (the program also resets the screen saver while live pages show).
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null; then
  xset s off -dpms && echo "X11: screen saver and DPMS off for $DISPLAY"
fi
