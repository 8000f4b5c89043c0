#!/usr/bin/env bash
# The web page (--to html) of every corpus post through the Nu HTML checker (vnu, from
# ../shared/validate): 0 errors is the bar. Needs ../shared; prints the checker's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/lwkdconv}
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo ../../shared )}
[ -x "$SHARED/validate/validate-html" ] || { echo "validate-web: $SHARED/validate is absent; skipped" >&2; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" "$SHARED"/corpus/_posts --to html -o "$tmp/" --resource-path "$SHARED/corpus" --quiet --keep-going
echo "validate-web: $(ls "$tmp" | wc -l) web pages"
"$SHARED/validate/validate-html" -q "$tmp"/*.html
