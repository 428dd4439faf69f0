#!/usr/bin/env bash
# Runs one fuzz target for a while: npm run fuzz -- <target> <seconds> [libFuzzer flags...]
# Seeds fuzz/corpus/<target>/ first when it is empty; installs cargo-fuzz when missing (the
# nightly toolchain is needed). Debug assertions are on, so an overflow is a crash as in `cargo
# test`. Crashes land in fuzz/artifacts/<target>/: copy the input to
# fuzz/regressions/<target>/ so fuzz/entry/tests/replay.rs keeps covering it. libFuzzer's own
# timeout is 20 minutes: pass -timeout=10 to report slow inputs sooner. Before committing the
# corpus, shrink it: cargo +nightly fuzz cmin --debug-assertions <target>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if (($# < 2)); then
  echo "usage: npm run fuzz -- <target> <seconds> [libFuzzer flags]   (targets: ls fuzz/fuzz_targets)" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
if [[ ! -f $root/fuzz/fuzz_targets/$target.rs ]]; then
  echo "no fuzz target '$target'; there are: $(cd "$root/fuzz/fuzz_targets" && ls | sed 's/\.rs$//' | tr '\n' ' ')" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz # not --locked: that fails against this registry
fi
corpus=$root/fuzz/corpus/$target
if [[ -z $(ls -A "$corpus" 2>/dev/null) ]]; then
  bash "$root/scripts/fuzz-seeds.sh" "$target"
fi
cd "$root"
exec cargo +nightly fuzz run --debug-assertions "$target" "fuzz/corpus/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 "$@"
