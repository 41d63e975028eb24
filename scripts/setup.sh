#!/usr/bin/env bash
# Installs what the build (and, with `test`, the tests) need on a Debian
# machine, each step only when it is missing, saying what it does.
#   scripts/setup.sh build   wasm32 target, wasm-bindgen CLI
#   scripts/setup.sh test    the above, plus Chromium and the npm test tools
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
mode=${1:-build}

say() { printf '==> %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed ($2)" >&2; exit 1; }; }

# Root installs system packages directly; others go through sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need cargo "install Rust with rustup: https://rustup.rs"
need rustup "install Rust with rustup: https://rustup.rs"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

found=$(wasm-bindgen --version 2>/dev/null || true)
if [ "$found" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  # No --locked: the registry lacks one locked dependency version.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${found:-none}; takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

[ "$mode" = test ] || exit 0

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  say "installing chromium and chromium-driver with apt"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

need node "install Node.js 20"
need npm "install Node.js 20 with npm"
# npm ci wipes node_modules, so run it only when package-lock.json changed
# since the last install (its hash is kept next to the modules).
stamp=node_modules/.tactful-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "npm test tools: up to date"
else
  say "npm ci (test tools; no browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
