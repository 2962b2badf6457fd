#!/usr/bin/env bash
# Builds the fuzz seed corpus from the generator's own test fixtures (never from the docs):
#   corpus/page_parser/   every fixture page (*.md) under generator/tests
#   corpus/lenient_json/  every JSON body found in those pages' fenced blocks and HTML-comment
#                         annotations, plus every *.json fixture
# Usage: bash generator/fuzz/seed_corpus.sh [FIXTURE_DIR]   (default generator/tests; rewrites
#        corpus/ beside this script)
set -euo pipefail

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="${1:-$fuzz_dir/../tests}"
pages="$fuzz_dir/corpus/page_parser"
bodies="$fuzz_dir/corpus/lenient_json"
rm -rf "$pages" "$bodies"
mkdir -p "$pages" "$bodies"

find "$fixtures" -type f -name '*.md' -print0 | sort -z | while IFS= read -r -d '' page; do
  name="$(printf '%s' "${page#"$fixtures"/}" | tr '/' '_')"
  cp "$page" "$pages/$name"
  # One file per fenced block or annotation whose content starts with `{` or `[`, from that
  # line to the block's end; the header lines of HTTP blocks are left out.
  awk -v out="$bodies/${name%.md}" '
    function flush() { if (body != "") { count++; printf "%s", body > (out "-" count ".json"); close(out "-" count ".json") } body = ""; taking = 0 }
    /^[[:space:]]*```/ { if (in_fence) { flush(); in_fence = 0 } else { in_fence = 1 } next }
    /<!--/ && !in_fence { in_comment = 1; sub(/.*<!--/, "") }
    in_fence || in_comment {
      line = $0
      if (in_comment && line ~ /-->/) { sub(/-->.*/, "", line); in_comment = 0 }
      if (!taking && line ~ /^[[:space:]]*[\[{]/) taking = 1
      if (taking) body = body line "\n"
      if (!in_fence && !in_comment) flush()
    }
    END { flush() }
  ' "$page"
done

find "$fixtures" -type f -name '*.json' -print0 | sort -z | while IFS= read -r -d '' fixture; do
  cp "$fixture" "$bodies/$(printf '%s' "${fixture#"$fixtures"/}" | tr '/' '_')"
done

echo "seeded $(find "$pages" -type f | wc -l) pages and $(find "$bodies" -type f | wc -l) JSON bodies"
