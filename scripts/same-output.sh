#!/usr/bin/env bash
# Usage: scripts/same-output.sh REF_BINARY NEW_BINARY [POSTS_DIR]
# Converts every post in POSTS_DIR (default ../shared/corpus/_posts, else samples/) into every
# format with both binaries, one process per post (the common INPUT --to F -o OUT path), and
# reports any output or exit status that differs. Issue 14's commits must change no output.
set -uo pipefail
ref=$1 new=$2
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${3:-$here/../shared/corpus/_posts}
[ -d "$dir" ] || dir=$here/samples
export LWKD_THEMES=$here/themes
formats=$("$new" --list-formats | awk '/^Output/{o=1;next} o{print $1}')
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
posts=0 runs=0 diffs=0
for post in "$dir"/*; do
  [ -f "$post" ] || continue
  posts=$((posts + 1))
  for f in $formats; do
    runs=$((runs + 1))
    "$ref" "$post" --to "$f" -o "$work/a" --quiet 2>"$work/ae"; ra=$?
    "$new" "$post" --to "$f" -o "$work/b" --quiet 2>"$work/be"; rb=$?
    if [ $ra != $rb ] || ! cmp -s "$work/a" "$work/b" || ! cmp -s "$work/ae" "$work/be"; then
      diffs=$((diffs + 1)); echo "DIFFERS: $post --to $f (exit $ra vs $rb)"
    fi
    rm -f "$work/a" "$work/b"
  done
done
echo "same-output: $posts posts × $(echo $formats | wc -w) formats = $runs runs, $diffs differ"
[ $diffs = 0 ]
