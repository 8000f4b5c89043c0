#!/usr/bin/env bash
# Usage: scripts/leakcheck.sh BINARY
# valgrind memcheck over every sample in every output format (and the digest and the feed):
# any memory error (invalid read or write, use of an uninitialised value) or definite leak
# fails. scripts/valgrind.supp suppresses only what is proven to be the toolchain's, not ours.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/.build/debug/lwkdconv}
export LWKD_THEMES=$here/themes SWIFT_BACKTRACE=enable=no
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
formats=$("$bin" --list-formats | awk '/^Output/{o=1;next} o{print $1}')
# Debian 12's valgrind (3.19) cannot read the DWARF 5 the toolchain's clang writes for the C
# parts ("unhandled dwarf2 abbrev form code 0x25 ... Possibly corrupted debuginfo file. I can't
# recover."), so it runs a copy without debug sections; reports still name every function.
objcopy --strip-debug "$bin" "$tmp/lwkdconv"
bin=$tmp/lwkdconv
runs=0 failed=0
check() {
  runs=$((runs + 1))
  if ! valgrind -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$here/scripts/valgrind.supp" --error-exitcode=9 --log-file="$tmp/log" \
    "$bin" "$@" -o "$tmp/out" --quiet >/dev/null 2>"$tmp/err"; then
    failed=$((failed + 1))
    echo "leakcheck: FAILED: lwkdconv $*"
    head -40 "$tmp/log"
  fi
}
for post in "$here"/samples/*; do
  [ -f "$post" ] || continue
  for f in $formats; do check "$post" --to "$f" --resource-path "$here/samples"; done
done
check digest "$here/samples" --year 2026 --to epub --resource-path "$here/samples"
check feed "$here/samples" --limit 0
echo "leakcheck: $runs runs under valgrind, $failed with errors or definite leaks"
[ $failed = 0 ]
