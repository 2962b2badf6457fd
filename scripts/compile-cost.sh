#!/usr/bin/env bash
# Measures what the generated client costs to compile: `cargo check` and `cargo build` of
# the full v1.0 crate and of one area feature, the crate alone (dependencies built first).
#
#   scripts/compile-cost.sh [DOCS_DIR] [AREA]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs=${1:-$root/docs-input/v1.0}
area=${2:-microsoft_teams}
work=$root/target/compile-cost
client=$work/client
export CARGO_TARGET_DIR=$work/target

cargo build --release -q -p graphgen --manifest-path "$root/Cargo.toml"
rm -rf "$client"
"$CARGO_TARGET_DIR/release/graphgen" generate --docs "$docs" --out "$client" 2>/dev/null
# The generated crate points at the runtime by path; make it this checkout's.
sed -i "s|^graphgen-runtime = .*|graphgen-runtime = { path = \"$root/runtime\" }|" "$client/Cargo.toml"

echo "crate: $(find "$client/src" -name '*.rs' | wc -l) files, $(cat $(find "$client/src" -name '*.rs') | wc -l) lines"

measure() { # label, cargo args...
  local label=$1; shift
  # Build once so every dependency is ready, then touch the crate and time it alone.
  (cd "$client" && cargo "$@" -q >/dev/null 2>&1 || true)
  find "$client/src" -name '*.rs' -exec touch {} +
  local start end
  start=$(date +%s.%N)
  (cd "$client" && cargo "$@" -q)
  end=$(date +%s.%N)
  printf '%-44s %6.2f s\n' "$label" "$(echo "$end - $start" | bc)"
}

measure "cargo check (all areas)" check
measure "cargo build (all areas)" build
measure "cargo check (--features $area only)" check --no-default-features --features "$area"
measure "cargo build (--features $area only)" build --no-default-features --features "$area"
