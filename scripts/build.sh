#!/usr/bin/env bash
# Builds the npm package into pkg/: Rust → wasm32 → wasm-bindgen (web target) → tsc of ts/.
# Every step is incremental, so a build with nothing changed takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=target/wasm32-unknown-unknown/release/certkit.wasm
cargo build --quiet --release --target wasm32-unknown-unknown --lib

# wasm-bindgen only when the wasm changed (it rewrites its output even when identical).
if [[ ! -f pkg/wasm/certkit_bg.wasm || $wasm -nt pkg/wasm/certkit_bg.wasm ]]; then
  rm -rf pkg/wasm
  wasm-bindgen --target web --remove-name-section --out-dir pkg/wasm "$wasm"
  touch pkg/wasm/certkit_bg.wasm
fi

npx tsc -p ts/tsconfig.json
chmod +x pkg/cli.js
