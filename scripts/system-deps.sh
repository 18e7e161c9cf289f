#!/usr/bin/env bash
# Installs the Debian packages that some tests drive, where they are missing and we are root.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
# Korean glyphs for the screenshots the browser tests take.
[ -e /usr/share/fonts/truetype/nanum ] || need+=(fonts-nanum)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: missing ${need[*]}; their tests will skip (install the Debian packages to run them)"
  exit 0
fi
echo "installing ${need[*]} (Debian packages) for the browser and remote-store tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "note: could not install ${need[*]}; their tests will skip"
exit 0
