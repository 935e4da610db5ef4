#!/usr/bin/env bash
# Install redis-server, redis-cli and openssl for the Redis connection tests.
# Safe to run again: it installs only what is missing. Debian's redis-server
# package is built with TLS (7.0.15 on Debian 12). The tests start their own
# servers, so the Debian service is left stopped.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "redis-server, redis-cli and openssl are installed."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Installing ${missing[*]} requires root: run this script as root or with sudo." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when apt cannot find a candidate for them.
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Debian starts the packaged service where an init system runs, and the tests do not use it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
  systemctl disable redis-server >/dev/null 2>&1 || true
fi

redis-server --version
