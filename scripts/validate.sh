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
# EPUB: each sample as a one-post EPUB, and a digest of each year the samples cover, through
# EPUBCheck (Debian's epubcheck; `make validate` installs it). Warnings count as failures.
EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
if command -v java >/dev/null && [ -f "$EPUBCHECK_JAR" ]; then
  epubs=()
  for f in samples/*; do
    [ -f "$f" ] || continue
    base=$(basename "${f%.*}")
    "$BIN" "$f" --to epub -o "$tmp/$base.epub" --resource-path samples --quiet
    epubs+=("$tmp/$base.epub")
  done
  for year in $(ls samples | grep -o '^[0-9]\{4\}-' | tr -d - | sort -u); do
    "$BIN" digest samples --year "$year" --to epub -o "$tmp/digest-$year.epub" --resource-path samples --quiet
    epubs+=("$tmp/digest-$year.epub")
  done
  for e in "${epubs[@]}"; do
    java -jar "$EPUBCHECK_JAR" --quiet --failonwarnings "$e" || { echo "epubcheck failed: $e"; fail=1; }
  done
  echo "validate: epubcheck run on ${#epubs[@]} EPUBs"
else
  echo "validate: epubcheck not installed; EPUB checks skipped (apt-get install epubcheck)"
fi

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
