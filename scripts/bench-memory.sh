#!/usr/bin/env bash
# Usage: scripts/bench-memory.sh [RELEASE_BINARY]   (default .build/release/lwkdconv)
# Issue 15 item 8: peak memory must stay within 30 MB + 20 bytes per input byte, for every
# output format, and the cost must grow linearly. Generates two hostile-but-legal inputs into a
# temporary folder:
#   big.md        a ${SIZE_MB:-50} MB post: the sample posts' bodies (realistic LWKD Markdown:
#                 headings, links, lists, code, tables, images, raw HTML) repeated;
#   autolinks.md  ${AUTOLINKS:-200000} bare e-mail autolinks (about 1.2 MB);
# and a half-size big post, so the time of the full one can be compared with twice the half's
# (linear when the ratio is near 1). Prints one line per input and format: peak RSS (from
# /usr/bin/time %M), wall time and "met"/"not met" against the bound. Exits 1 when any bound is
# not met.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/.build/release/lwkdconv}
size_mb=${SIZE_MB:-50}
autolinks=${AUTOLINKS:-200000}
limit_s=${LIMIT_S:-600}
if [ ! -x "$bin" ]; then echo "bench-memory: $bin not found (make release)"; exit 2; fi
if [ ! -x /usr/bin/time ]; then echo "bench-memory: /usr/bin/time missing (apt-get install time); skipped"; exit 0; fi
export LWKD_THEMES=$here/themes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sample posts' bodies (front matter removed), one after the other: one "block".
block() {
  for f in "$here"/samples/*.md; do
    awk 'NR == 1 && /^---$/ {fm = 1; next} fm && /^---$/ {fm = 0; next} !fm' "$f"
    printf '\n'
  done
}
# Writes a post of at least $2 bytes to $1: front matter, then the block repeated (awk holds
# the block once; no process per copy).
make_big() {
  local out=$1 want=$2
  {
    printf -- '---\nlayout: post\ntitle: Week Ending August 16, 2026\ndate: 2026-08-20 22:00:00 -0000\nslug: 2026-08-16-update\n---\n\n'
    block | awk -v want="$want" '{ b = b $0 "\n" } END { for (n = 0; n < want; n += length(b)) printf "%s", b }'
  } >"$out"
}
make_big "$tmp/big.md" $((size_mb * 1024 * 1024))
make_big "$tmp/half.md" $((size_mb * 1024 * 1024 / 2))
{
  printf -- '---\ntitle: Autolinks\ndate: 2026-08-20\n---\n\n'
  # "a@b.c " is six bytes: ten autolinks a line.
  awk -v n="$autolinks" 'BEGIN { for (i = 1; i <= n; i++) printf "a@b.c%s", (i % 10 ? " " : "\n") }'
} >"$tmp/autolinks.md"

formats=$("$bin" --list-formats | awk '/^Output/{o=1;next} o{print $1}')
failed=0
# run INPUT FORMAT: prints "peak-kB wall-seconds exit-status".
run() {
  /usr/bin/time -f '%M %e' -o "$tmp/time.txt" timeout "$limit_s" \
    "$bin" "$1" --to "$2" -o "$tmp/out" --resource-path "$here/samples" --quiet 2>"$tmp/err"
  local rc=$?
  rm -f "$tmp/out"
  echo "$(tail -1 "$tmp/time.txt") $rc"
}
for input in big autolinks; do
  bytes=$(stat -c %s "$tmp/$input.md")
  bound_kb=$(((30 * 1024 * 1024 + 20 * bytes) / 1024))
  printf 'bench-memory: %s.md, %.1f MB; bound 30 MB + 20 B/byte = %.0f MB\n' "$input" \
    "$(echo "$bytes/1048576" | bc -l)" "$(echo "$bound_kb/1024" | bc -l)"
  worst_kb=0; worst_f=""; row=met
  for f in $formats; do
    read -r kb wall rc < <(run "$tmp/$input.md" "$f")
    verdict=met
    if [ "$rc" != 0 ] || [ "$kb" -gt "$bound_kb" ]; then verdict="not met"; failed=1; row="not met"; fi
    if [ "$kb" -gt "$worst_kb" ]; then worst_kb=$kb; worst_f=$f; fi
    extra=""
    [ "$rc" != 0 ] && extra=" (exit $rc: $(head -c 200 "$tmp/err" | head -1))"
    if [ "$input" = big ]; then
      read -r _ hwall _ < <(run "$tmp/half.md" "$f")
      extra="$extra; half-size $hwall s, ratio $(echo "scale=2; $wall / (2 * ($hwall + 0.005))" | bc -l)"
    fi
    printf '  %-10s peak %7.1f MB  %7.2f s  bound %5.0f MB  %s%s\n' "$f" \
      "$(echo "$kb/1024" | bc -l)" "$wall" "$(echo "$bound_kb/1024" | bc -l)" "$verdict" "$extra"
  done
  # A row of lwkdbench's targets table.
  printf 'ROW|peak RSS, %s.md (%.1f MB), every format|worst %s %.0f MB of %.0f MB|≤ 30 MB + 20 B per input byte|%s\n' \
    "$input" "$(echo "$bytes/1048576" | bc -l)" "$worst_f" "$(echo "$worst_kb/1024" | bc -l)" \
    "$(echo "$bound_kb/1024" | bc -l)" "$row"
done
exit $failed
