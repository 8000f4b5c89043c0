#!/usr/bin/env bash
# Conformance checks on the samples' output, independent of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/lwkdconv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in samples/*; do
  base=$(basename "${f%.*}")
  "$BIN" "$f" --to markdown -o "$tmp/$base.md" --quiet
  "$BIN" "$tmp/$base.md" --to markdown -o "$tmp/$base.2.md" --quiet
  cmp -s "$tmp/$base.md" "$tmp/$base.2.md" || { echo "markdown not a fixpoint: $f"; fail=1; }
done
echo "validate: markdown fixpoint checked on $(ls samples | wc -l) samples"
exit $fail
