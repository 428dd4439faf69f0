#!/usr/bin/env bash
# Builds the npm package into pkg/: Rust → wasm32 → wasm-bindgen (web target) → tsc of ts/.
# Every step is incremental, so a build with nothing changed takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

# The bindings crate (bindings/, package certkit-wasm) is the cdylib; the core comes in as its
# dependency with the `ts` feature, which adds the TypeScript declarations.
wasm=target/wasm32-unknown-unknown/release/certkit_wasm.wasm
# Panic locations name source files: keep this machine's paths out of the shipped wasm.
remap="--remap-path-prefix=$PWD=certkit"
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do remap+=" --remap-path-prefix=$registry="; done
# WebAssembly SIMD (every engine since 2023: Chrome 91, Firefox 89, Safari 16.4, Node 16.4):
# sha2's simd128 SHA-256 for the fingerprints, and vector code LLVM writes shorter; measured
# -12.5 kB gzip for the whole module, -9 kB for the lean one, and a slightly faster parse.
flags="$remap -C target-feature=+simd128"
RUSTFLAGS="$flags" cargo build --quiet --release --target wasm32-unknown-unknown -p certkit-wasm
# The lean module of `certkit/inspect` (bindings/inspect/): the reading exports only. Built in its
# own cargo run so that its features are its own; the core and its dependencies are shared.
lean=target/wasm32-unknown-unknown/release/certkit_inspect_wasm.wasm
RUSTFLAGS="$flags" cargo build --quiet --release --target wasm32-unknown-unknown -p certkit-inspect-wasm

# wasm-bindgen only when the wasm changed (it rewrites its output even when identical).
if [[ ! -f pkg/wasm/certkit_bg.wasm || $wasm -nt pkg/wasm/certkit_bg.wasm ]]; then
  rm -rf pkg/wasm
  wasm-bindgen --target web --remove-name-section --out-dir pkg/wasm --out-name certkit "$wasm"
  # The raw exports' signatures (InitOutput) say `any`; `unknown` keeps the shipped types free
  # of `any` without loosening anything users call.
  sed -i -E 's/([(,] *[a-z_]+: )any\b/\1unknown/g; s/: any;/: unknown;/g; s/=> any;/=> unknown;/g' pkg/wasm/certkit.d.ts
  # `[Symbol.dispose]` needs TypeScript's esnext lib; the method stays at run time, only the
  # declaration goes, so consumers on es2022 type-check without skipLibCheck.
  sed -i '/\[Symbol\.dispose\]/d' pkg/wasm/certkit.d.ts
  rm -f pkg/wasm/certkit_bg.wasm.d.ts # the raw module's exports, which no public type refers to
  touch pkg/wasm/certkit_bg.wasm
fi

if [[ ! -f pkg/inspect/certkit_inspect_bg.wasm || $lean -nt pkg/inspect/certkit_inspect_bg.wasm ]]; then
  rm -rf pkg/inspect
  wasm-bindgen --target web --remove-name-section --out-dir pkg/inspect --out-name certkit_inspect "$lean"
  # Its types are the whole package's (ts/read.ts is typed against pkg/wasm/certkit.d.ts).
  rm -f pkg/inspect/*.d.ts
  touch pkg/inspect/certkit_inspect_bg.wasm
fi

npx tsc -p ts/tsconfig.json

# Each entry as one file (see the script): fewer modules to load one by one.
node scripts/bundle-entries.mjs
chmod +x pkg/cli.js
