#!/usr/bin/env bash
# Conformance checks on the samples' output, independent of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/lwkdconv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in samples/*; do
  [ -f "$f" ] || continue
  base=$(basename "${f%.*}")
  "$BIN" "$f" --to markdown -o "$tmp/$base.md" --quiet
  "$BIN" "$tmp/$base.md" --to markdown -o "$tmp/$base.2.md" --quiet
  cmp -s "$tmp/$base.md" "$tmp/$base.2.md" || { echo "markdown not a fixpoint: $f"; fail=1; }
done
echo "validate: markdown fixpoint checked on $(ls samples | wc -l) samples"
# Atom: each sample as a one-entry feed, and the feed of all samples, must be well-formed.
for f in samples/*; do
  [ -f "$f" ] || continue
  base=$(basename "${f%.*}")
  "$BIN" "$f" --to atom -o "$tmp/$base.atom.xml" --quiet
  xmllint --noout --nonet "$tmp/$base.atom.xml" || { echo "atom not well-formed: $f"; fail=1; }
done
"$BIN" feed samples --limit 0 -o "$tmp/feed.xml" --quiet
xmllint --noout --nonet "$tmp/feed.xml" || { echo "atom feed of samples/ not well-formed"; fail=1; }
echo "validate: atom well-formedness (xmllint) checked on samples and their feed"
exit $fail
