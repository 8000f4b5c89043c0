#!/usr/bin/env bash
# Times the 2022 digest from a folder holding the whole corpus against the same digest from a
# folder holding only 2022's posts: picking the year by front matter before parsing should make
# the first within 1.3x of the second. Needs ../shared (the corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
BIN=${BIN:-.build/release/lwkdconv}
RUNS=${RUNS:-7}
YEAR=${YEAR:-2022}
corpus="$SHARED/corpus"
if [ ! -d "$corpus/_posts" ]; then echo "bench-digest: $corpus/_posts not found; skipped"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/only/_posts"
cp "$corpus"/_posts/"$YEAR"-*.md "$tmp/only/_posts/"

# Median wall seconds of $RUNS runs.
median() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

all=$(ls "$corpus"/_posts/*.md | wc -l)
only=$(ls "$tmp"/only/_posts/*.md | wc -l)
whole=$(median "$BIN" digest "$corpus" --year "$YEAR" -o "$tmp/a.epub" --resource-path "$corpus" --quiet)
alone=$(median "$BIN" digest "$tmp/only" --year "$YEAR" -o "$tmp/b.epub" --resource-path "$corpus" --quiet)
cmp -s "$tmp/a.epub" "$tmp/b.epub" && same="identical books" || same="BOOKS DIFFER"
ratio=$(echo "$whole / $alone" | bc -l)
verdict=$(echo "$ratio <= 1.3" | bc -l)
printf 'bench-digest: digest %s from the whole corpus (%s posts): %.3f s; from a folder of only %s (%s posts): %.3f s; ratio %.2fx (%s, limit 1.3x); %s; median of %s\n' \
  "$YEAR" "$all" "$whole" "$YEAR" "$only" "$alone" "$ratio" "$([ "$verdict" = 1 ] && echo within || echo OVER)" "$same" "$RUNS"
