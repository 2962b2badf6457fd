#!/usr/bin/env bash
# Rebuilds tests/known-broken-examples.json: generates the v1.0 client with an empty
# registry, runs its documented-example tests, and keeps the entry of every failing
# example (category and defect as the test reports them), sorted by example id.
# Review the diff: each entry must name a defect of the docs.
#
#   scripts/refresh-known-broken.sh [DOCS_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs=${1:-$root/docs-input/v1.0}
work=$root/target/registry-refresh
client=$work/client
export CARGO_TARGET_DIR=$root/target/emit-check

cargo build --release -q -p graphgen --manifest-path "$root/Cargo.toml"
rm -rf "$client"
"$CARGO_TARGET_DIR/release/graphgen" generate --docs "$docs" --out "$client" 2>/dev/null
sed -i "s|^graphgen-runtime = .*|graphgen-runtime = { path = \"$root/runtime\" }|" "$client/Cargo.toml"
cp "$root/Cargo.lock" "$client/Cargo.lock"
(cd "$client" && cargo test -q --offline --test examples 2>/dev/null || true) >"$work/examples.out"
python3 - "$work/examples.out" "$root/tests/known-broken-examples.json" <<'PY'
import json, sys
entries = [json.loads(line.split("entry: ", 1)[1].rstrip().rstrip(",")) for line in open(sys.argv[1]) if line.startswith("  entry: ")]
entries.sort(key=lambda e: e["example"])
with open(sys.argv[2], "w") as out:
    json.dump({"entries": entries}, out, indent=2, ensure_ascii=False)
    out.write("\n")
print(f"{len(entries)} entries written to {sys.argv[2]}")
PY
