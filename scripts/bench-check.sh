#!/usr/bin/env bash
# `make bench` hook: `lwkdconv check`'s cost against line length (the corpus-wide check against
# cmark-gfm is a row of lwkdbench's targets table).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/lwkdconv
echo "== check: one long line of links, 10,000 and 100,000 of them =="
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -c "print('[a](b) ' * 10000)" > "$tmp/small.md"
python3 -c "print('[a](b) ' * 100000)" > "$tmp/large.md"
one() { local s e; s=$(date +%s%N); "$BIN" check "$1" --now 2026-01-01T00:00:00Z > /dev/null || true; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
small=$(one "$tmp/small.md")
large=$(one "$tmp/large.md")
awk -v a="$small" -v b="$large" 'BEGIN { printf "10,000 links on a line     %8.1f ms\n100,000 links on a line    %8.1f ms   (per-link cost ratio %.2f×; 1.0 = linear)\n", a / 1000, b / 1000, (b / 100000) / (a / 10000) }'
