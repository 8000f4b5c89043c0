#!/usr/bin/env bash
# Times the 2022 digest EPUB (45 posts) against pandoc's EPUB of the same posts, with peak
# memory from /usr/bin/time -v. Needs ../shared (the corpus); pandoc is optional.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
BIN=.build/release/lwkdconv
RUNS=${RUNS:-5}
corpus="$SHARED/corpus"
if [ ! -d "$corpus/_posts" ]; then echo "bench-epub: $corpus/_posts not found; skipped"; exit 0; fi
if [ ! -x /usr/bin/time ]; then echo "bench-epub: /usr/bin/time missing (apt-get install time); skipped"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Prints "median-wall-seconds max-peak-kB median-cpu-seconds" over $RUNS runs of the command.
measure() {
  local times=() cpus=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v "$@" 2>"$tmp/time.txt" >/dev/null
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tmp/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
    times+=("$wall")
    cpus+=("$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$tmp/time.txt")")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local cpu
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s\n' "${times[@]}" | sort -n | awk -v peak="$peak" -v cpu="$cpu" '{a[NR]=$1} END {print a[int((NR+1)/2)], peak, cpu}'
}

read -r ours ours_kb ours_cpu < <(measure "$BIN" digest "$corpus/_posts" --year 2022 -o "$tmp/lwkd.epub" --resource-path "$corpus" --quiet)
posts=$(unzip -l "$tmp/lwkd.epub" | grep -c 'chapter-.*\.xhtml')
printf 'bench-epub: lwkdconv digest 2022 (%s posts): %.3f s wall (%.3f s CPU) median of %s, peak RSS %.1f MB, %s bytes\n' \
  "$posts" "$ours" "$ours_cpu" "$RUNS" "$(echo "$ours_kb/1024" | bc -l)" "$(stat -c %s "$tmp/lwkd.epub")"
if command -v pandoc >/dev/null; then
  files=$(ls "$corpus"/_posts/2022-*.md)
  # shellcheck disable=SC2086
  read -r theirs theirs_kb theirs_cpu < <(measure pandoc -f markdown -t epub3 --resource-path "$corpus" --metadata title="LWKD 2022" -o "$tmp/pandoc.epub" $files)
  printf 'bench-epub: pandoc %s (same posts): %.3f s wall (%.3f s CPU) median of %s, peak RSS %.1f MB\n' \
    "$(pandoc --version | head -1 | cut -d' ' -f2)" "$theirs" "$theirs_cpu" "$RUNS" "$(echo "$theirs_kb/1024" | bc -l)"
  printf 'bench-epub: lwkdconv is %.1fx faster than pandoc (wall), %.1fx (CPU)\n' \
    "$(echo "$theirs/$ours" | bc -l)" "$(echo "$theirs_cpu/$ours_cpu" | bc -l)"
else
  echo "bench-epub: pandoc not installed; comparison skipped"
fi
