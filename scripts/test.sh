#!/usr/bin/env bash
# The project's test command: formatting and lints of the hand-written packages, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
hand_written=(-p graphgen -p graphgen-runtime -p graphgen-suite -p graph-build-step-example)
cargo fmt --check "${hand_written[@]}"
cargo clippy --locked "${hand_written[@]}" --all-targets -- -D warnings
cargo test --workspace --locked
# The runtime's optional features (certificate credentials, rich notifications) and their tests.
cargo clippy --locked -p graphgen-runtime --all-targets --all-features -- -D warnings
cargo test --locked -p graphgen-runtime --all-features
