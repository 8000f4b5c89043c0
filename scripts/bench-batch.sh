#!/usr/bin/env bash
# `make bench` hook: every post to HTML e-mail in one run (-o DIR/) against a shell loop of one
# process per post (target: at least 5× faster on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/lwkdconv
shared=${LWKD_SHARED:-../shared}
posts="$shared/corpus/_posts"
[ -d "$posts" ] || posts=samples
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
files=("$posts"/*.md)
ms() { echo $(( ($2 - $1) / 1000000 )); }
s=$(date +%s%N)
for f in "${files[@]}"; do "$BIN" "$f" --to html-email -o "$out/$(basename "${f%.*}").email.html" --quiet; done
e=$(date +%s%N); loop=$(ms "$s" "$e")
best=999999
for _ in 1 2 3; do
  rm -rf "$out/batch"
  s=$(date +%s%N); "$BIN" "${files[@]}" --to html-email -o "$out/batch/" --quiet; e=$(date +%s%N)
  t=$(ms "$s" "$e"); (( t < best )) && best=$t
done
same=$(for f in "$out"/*.email.html; do cmp -s "$f" "$out/batch/$(basename "$f")" && echo same; done | wc -l)
echo "== ${#files[@]} posts to html-email: one run (-o DIR/) against one process each (target ≥ 5×) =="
echo "shell loop, one process per post   ${loop} ms"
echo "one run, -o DIR/ (best of 3)       ${best} ms"
awk -v a="$loop" -v b="$best" 'BEGIN { printf "ratio                              %.1f×\n", a / (b > 0 ? b : 1) }'
echo "identical outputs                  $same of ${#files[@]}"
