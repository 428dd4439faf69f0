#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- section ...]`: installs the bench's own packages when its lock
# changed, makes sure pkg/ and the native example are built, then runs bench/run.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1;34mbench:\033[0m %s\n' "$*" >&2; }

# The peers live in bench/node_modules, reinstalled only when bench/package-lock.json changed.
lock_hash=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
stamp=bench/node_modules/.certkit-bench-lock-sha256
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  step "npm ci in bench/"
  (cd bench && npm ci --no-audit --no-fund)
  echo "$lock_hash" >"$stamp"
fi

# The measured package; built only when it is missing.
if [[ ! -f pkg/node.js || ! -f pkg/index.js || ! -f pkg/wasm/certkit_bg.wasm ]]; then
  step "pkg/ is not built: bash scripts/build.sh"
  bash scripts/build.sh
fi

# The native limit: the same core built for this machine (target/release, apart from the wasm).
if command -v cargo >/dev/null; then
  step "cargo build --release --example native_bench"
  cargo build --quiet --release --example native_bench
else
  step "cargo not found: the native rows will be missing"
fi

exec node bench/run.mjs "$@"
