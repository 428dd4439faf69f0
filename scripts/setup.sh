#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing more; quick when all is present.
#   scripts/setup.sh          everything the tests need
#   scripts/setup.sh --start  only what `npm start` needs (no apt packages)
set -euo pipefail
cd "$(dirname "$0")/.."
for_tests=1
if [[ ${1:-} == --start ]]; then for_tests=0; fi

step() { printf '\033[1;34msetup:\033[0m %s\n' "$*"; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# Rust toolchain with the wasm target.
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli at exactly the version the bindings crate is locked to (its exact pin in
# bindings/Cargo.toml when there is no lockfile yet).
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
[[ -n $bindgen_version ]] || bindgen_version=$(sed -nE 's/^wasm-bindgen = "=([0-9.]+)"/\1/p' bindings/Cargo.toml)
installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ $installed != "$bindgen_version" ]]; then
  step "cargo install wasm-bindgen-cli@$bindgen_version (had: ${installed:-none}; takes a few minutes once)"
  # No --locked: its lockfile names a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --force
fi

# Debian packages: openssl for cross-checks, chromium (and a font) for browser tests.
missing=()
if [[ $for_tests == 1 ]]; then
  command -v openssl >/dev/null || missing+=(openssl)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -d /usr/share/fonts/truetype/liberation ]] || missing+=(fonts-liberation)
  command -v python3 >/dev/null || missing+=(python3)
  command -v python3 >/dev/null && ! python3 -c 'import ensurepip, venv' 2>/dev/null && missing+=(python3-venv)
fi
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, reinstalled only when package-lock.json changed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.certkit-lock-sha256
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_hash" ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi

# pkilint and pyca/cryptography for the lint test, in a project-local virtualenv (.venv,
# git-ignored), reinstalled only when scripts/lint-requirements.txt changed.
if [[ $for_tests == 1 ]]; then
  req_hash=$(sha256sum scripts/lint-requirements.txt | cut -d' ' -f1)
  venv_stamp=.venv/.certkit-requirements-sha256
  if [[ ! -x .venv/bin/python || ! -f $venv_stamp || $(cat "$venv_stamp") != "$req_hash" ]]; then
    step "python3 -m venv .venv && pip install -r scripts/lint-requirements.txt"
    python3 -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r scripts/lint-requirements.txt
    echo "$req_hash" >"$venv_stamp"
  fi
fi
