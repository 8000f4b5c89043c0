#!/usr/bin/env bash
# `lwkdconv preview`: the re-render time after an edit (target: under 50 ms; the server prints
# each rendering's time) and the CPU an idle server uses (target: none) over IDLE seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/lwkdconv}
IDLE=${IDLE:-10}
tmp=$(mktemp -d)
cp samples/2026-08-20-update.md "$tmp/2026-08-20-update.md"
"$BIN" preview "$tmp/2026-08-20-update.md" 2>"$tmp/log" &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do grep -q 'at http://127.0.0.1:' "$tmp/log" && break; sleep 0.1; done
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sleep 1
before=$(ticks)
sleep "$IDLE"
after=$(ticks)
echo "preview: idle CPU over ${IDLE} s: $(( after - before )) clock ticks ($(getconf CLK_TCK)/s)"
for i in $(seq 10); do
  sed -i "s/^title: .*/title: Week Ending August 16, 2026 (edit $i)/" "$tmp/2026-08-20-update.md"
  sleep 0.3
done
sleep 0.5
grep -o 'rendered in [0-9.]* ms, [0-9.]* ms of processor' "$tmp/log" | tail -n 10 | awk '{ms=$3; cpu=$5; s+=ms; c+=cpu; if (ms>m) m=ms} END {printf "preview: re-render after an edit: mean %.1f ms (worst %.1f ms), %.1f ms of processor time, over %d edits\n", s/NR, m, c/NR, NR}'
