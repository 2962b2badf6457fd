#!/usr/bin/env bash
# Re-imports the vendored reference pages into docs-input/ from a checkout of the docs
# repository (or a copy holding its api-reference/ folder), and rewrites docs-input/SOURCE.md.
#
#   scripts/import-docs.sh DOCS_ROOT COMMIT DATE [PAGE...]
#
# DOCS_ROOT holds api-reference/{v1.0,beta}/{api,resources} and LICENSE. Each PAGE is
# VERSION/FOLDER/FILE=PATH: a newer revision of one page laid over the import
# (v1.0/api/chat-post-messages.md=../shared/seed/chat-post-messages.md).
# Other folders of docs-input/ (the older revision v1.0-2021-01) are kept as they are, with
# their sections of SOURCE.md (from its first `## ` heading on).
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
docs_root=$1 commit=$2 date=$3
shift 3
cd "$(dirname "$0")/.."
out=docs-input
for version in v1.0 beta; do
    for folder in api resources; do
        source_folder="$docs_root/api-reference/$version/$folder"
        [ -d "$source_folder" ] || { echo "missing $source_folder" >&2; exit 1; }
    done
done
[ -f "$docs_root/LICENSE" ] || { echo "missing $docs_root/LICENSE" >&2; exit 1; }
staging=$(mktemp -d "$out.staging.XXXXXX")
trap 'rm -rf "$staging"' EXIT
for version in v1.0 beta; do
    for folder in api resources; do
        mkdir -p "$staging/$version/$folder"
        cp "$docs_root/api-reference/$version/$folder"/*.md "$staging/$version/$folder/"
    done
done
cp "$docs_root/LICENSE" "$staging/LICENSE"
overlays=""
for page in "$@"; do
    target=${page%%=*} path=${page#*=}
    cp "$path" "$staging/$target"
    overlays="$overlays
- \`$target\`: a newer revision of the page, from \`$(basename "$path")\`."
done
count() { find "$staging/$1/$2" -name '*.md' | wc -l | tr -d ' '; }
cat > "$staging/SOURCE.md" <<SOURCE
# Source of these pages

The Microsoft Graph REST API reference: the public repository
\`microsoftgraph/microsoft-graph-docs\`, commit \`$commit\` ($date).
Only \`api-reference/{v1.0,beta}/{api,resources}\` are kept, files unchanged; the SDK snippet
includes are left out, so \`[!INCLUDE ...]\` lines pointing at \`../includes/...\` resolve to nothing.

| folder | pages |
|---|---|
| \`v1.0/api\` | $(count v1.0 api) |
| \`v1.0/resources\` | $(count v1.0 resources) |
| \`beta/api\` | $(count beta api) |
| \`beta/resources\` | $(count beta resources) |

Laid over the import:${overlays:- none.}

© Microsoft Corporation. Licensed under the Creative Commons Attribution 4.0 International
licence (CC BY 4.0), in \`LICENSE\` beside this file. The generated clients derive their
documentation text from these pages and carry the same attribution.

Re-import with \`scripts/import-docs.sh DOCS_ROOT COMMIT DATE [PAGE...]\`.
SOURCE
if [ -d "$out" ]; then
    for kept in "$out"/*/; do
        name=$(basename "$kept")
        case $name in v1.0|beta) continue ;; esac
        cp -r "$kept" "$staging/$name"
    done
    if [ -f "$out/SOURCE.md" ] && grep -q '^## ' "$out/SOURCE.md"; then
        echo >> "$staging/SOURCE.md"
        sed -n '/^## /,$p' "$out/SOURCE.md" >> "$staging/SOURCE.md"
    fi
fi
rm -rf "$out.old"
[ -d "$out" ] && mv "$out" "$out.old"
mv "$staging" "$out"
trap - EXIT
rm -rf "$out.old"
echo "imported into $out/:"
grep '^| `' "$out/SOURCE.md"
