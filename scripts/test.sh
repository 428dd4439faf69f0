#!/usr/bin/env bash
# npm test: install what is missing, build, and run every test layer, fastest first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

SECONDS=0
stage() { printf '\n\033[1;34m== %s\033[0m (t=%ss)\n' "$*" "$SECONDS"; }

stage "setup";                 bash scripts/setup.sh
stage "build";                 bash scripts/build.sh
stage "biome (TS/JS lint, format)"; npx biome ci .
stage "cargo fmt --check";     cargo fmt --all --check
stage "cargo clippy (native)"; cargo clippy --quiet --workspace --all-targets -- -D warnings
stage "cargo clippy (wasm32)"; cargo clippy --quiet --workspace --lib --target wasm32-unknown-unknown -- -D warnings
# The lean module alone builds the core without its `full` feature (a workspace run unifies it on).
stage "cargo clippy (wasm32, lean)"; cargo clippy --quiet -p certkit-inspect-wasm --lib --target wasm32-unknown-unknown -- -D warnings
stage "cargo test";            cargo test --quiet --workspace
stage "tsc (web app)";         npx tsc -p www/tsconfig.json
stage "vite build (web app)";  npx vite build --config www/vite.config.ts --logLevel warn
stage "node tests";            node --test --test-concurrency=2 tests/js/
stage "browser tests";         node --test --test-concurrency=1 tests/e2e/
stage "all tests passed in ${SECONDS}s"
