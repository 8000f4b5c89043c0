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
if [ ! -x /usr/bin/time ]; then echo "bench-digest: /usr/bin/time missing (apt-get install time); skipped"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/only/_posts"
cp "$corpus"/_posts/"$YEAR"-*.md "$tmp/only/_posts/"

# "median-wall-seconds median-cpu-seconds" of $RUNS runs (CPU time: user + system, which a
# machine shared with other jobs disturbs less than wall time).
median() {
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %U %S" -o "$tmp/time.txt" "$@" >/dev/null 2>&1
    read -r wall user sys < "$tmp/time.txt"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc -l)")
  done
  local w c
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$w $c"
}

all=$(ls "$corpus"/_posts/*.md | wc -l)
only=$(ls "$tmp"/only/_posts/*.md | wc -l)
read -r whole whole_cpu < <(median "$BIN" digest "$corpus" --year "$YEAR" -o "$tmp/a.epub" --resource-path "$corpus" --quiet)
read -r alone alone_cpu < <(median "$BIN" digest "$tmp/only" --year "$YEAR" -o "$tmp/b.epub" --resource-path "$corpus" --quiet)
cmp -s "$tmp/a.epub" "$tmp/b.epub" && same="identical books" || same="BOOKS DIFFER"
ratio=$(echo "$whole / $alone" | bc -l)
cpu_ratio=$(echo "$whole_cpu / $alone_cpu" | bc -l)
verdict=$(echo "$ratio <= 1.3" | bc -l)
printf 'bench-digest: digest %s from the whole corpus (%s posts): %.3f s wall, %.3f s CPU; from a folder of only %s (%s posts): %.3f s wall, %.3f s CPU; ratio %.2fx wall (%s, limit 1.3x), %.2fx CPU; %s; median of %s\n' \
  "$YEAR" "$all" "$whole" "$whole_cpu" "$YEAR" "$only" "$alone" "$alone_cpu" "$ratio" "$([ "$verdict" = 1 ] && echo within || echo OVER)" "$cpu_ratio" "$same" "$RUNS"
