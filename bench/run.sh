#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- section ...]`: installs the bench's own packages when its lock
# changed, builds pkg/ and the native example from the current sources, then runs bench/run.mjs.
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

# The measured package, rebuilt from the current sources (incremental: seconds when unchanged).
step "bash scripts/build.sh"
bash scripts/build.sh

# The native limit: the same core built for this machine (target/release, apart from the wasm).
if command -v cargo >/dev/null; then
  step "cargo build --release --example native_bench"
  cargo build --quiet --release --example native_bench
else
  step "cargo not found: the native rows will be missing"
fi

exec node bench/run.mjs "$@"
