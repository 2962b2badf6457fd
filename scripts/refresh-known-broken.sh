#!/usr/bin/env bash
# Rebuilds a registry of known-broken examples (by default tests/known-broken-examples.json,
# for docs-input/v1.0; give docs-input/beta and tests/known-broken-examples-beta.json for the
# beta client): generates the client with an empty registry, runs its documented-example tests, and keeps the entry of every failing
# example (category and defect as the test reports them), sorted by example id.
# Review the diff: each entry must name a defect of the docs.
#
#   scripts/refresh-known-broken.sh [DOCS_DIR [REGISTRY]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
docs=${1:-$root/docs-input/v1.0}
registry=${2:-$root/tests/known-broken-examples.json}
work=$root/target/registry-refresh
client=$work/client
export CARGO_TARGET_DIR=$root/target/emit-check

cargo build --release -q -p graphgen --manifest-path "$root/Cargo.toml"
rm -rf "$client"
"$CARGO_TARGET_DIR/release/graphgen" generate --docs "$docs" --out "$client" 2>/dev/null
sed -i "s|^graphgen-runtime = .*|graphgen-runtime = { path = \"$root/runtime\" }|" "$client/Cargo.toml"
cp "$root/Cargo.lock" "$client/Cargo.lock"
(cd "$client" && cargo test -q --offline --test examples 2>/dev/null || true) >"$work/examples.out"
python3 - "$work/examples.out" "$registry" <<'PY'
import json, sys
entries = [json.loads(line.split("entry: ", 1)[1].rstrip().rstrip(",")) for line in open(sys.argv[1]) if line.startswith("  entry: ")]
entries.sort(key=lambda e: e["example"])
with open(sys.argv[2], "w") as out:
    json.dump({"entries": entries}, out, indent=2, ensure_ascii=False)
    out.write("\n")
print(f"{len(entries)} entries written to {sys.argv[2]}")
PY
