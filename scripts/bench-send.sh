#!/usr/bin/env bash
# Times `lwkdconv send` handing 1,000 messages to a local aiosmtpd server over one connection
# (plain SMTP; with PIPELINING; STARTTLS + AUTH + PIPELINING), with the release binary and the
# fsync'd journal on. Used by `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/lwkdconv
N=${N:-1000}
[ -x "$BIN" ] || swift build -c release --static-swift-stdlib --product lwkdconv
python3 -c 'import aiosmtpd' 2>/dev/null || { echo "bench-send: aiosmtpd missing: python3 -m pip install aiosmtpd==1.4.6 (make deps)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

{ echo "email,name,token"; for i in $(seq 1 "$N"); do echo "reader$i@example.org,Reader $i,t$i"; done; } > "$work/list.csv"

bench() {  # bench LABEL SERVER-FLAGS -- SEND-FLAGS
  local label=$1; shift
  local server_flags=() send_flags=()
  while [ "$1" != "--" ]; do server_flags+=("$1"); shift; done; shift
  send_flags=("$@")
  local dir="$work/$label"
  mkdir -p "$dir"
  # The server stops when its stdin (a fifo this shell holds open) closes, or after 600 s.
  mkfifo "$dir/stdin"
  python3 Tests/LwkdSendTests/Support/smtp_server.py --dir "$dir/server" "${server_flags[@]}" < "$dir/stdin" > "$dir/ready" &
  pids+=($!)
  exec {hold}> "$dir/stdin"
  for _ in $(seq 1 300); do [ -s "$dir/ready" ] && break; sleep 0.1; done
  local port ca
  port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["port"])' "$dir/ready")
  ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca"] or "")' "$dir/ready")
  local args=(send Tests/LwkdSendTests/Support/sample-post.md --list "$work/list.csv" --smtp "smtp://127.0.0.1:$port"
    --from-address "LWKD <news@lwkd.info>" --unsubscribe-url 'https://lwkd.info/unsubscribe/{{token}}'
    --journal "${JOURNAL_DIR:-$dir}/$label.journal" --quiet)
  [ -n "$ca" ] && args+=(--ca-file "$ca")
  local start end
  start=$(date +%s.%N)
  LWKD_BENCH_PASSWORD=bench-pw "$BIN" "${args[@]}" "${send_flags[@]}" > "$dir/summary"
  end=$(date +%s.%N)
  local received peers
  received=$(wc -l < "$dir/server/received.jsonl")
  peers=$(python3 -c 'import json,sys; print(len({json.loads(l)["peer"] for l in open(sys.argv[1])}))' "$dir/server/received.jsonl")
  python3 -c 'import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print("send (%s): %d messages over %s connection(s) in %.2f s (%.0f messages/s, %.2f ms each)" % (sys.argv[4], n, sys.argv[5], s, n/s, 1000*s/n))' \
    "$start" "$end" "$received" "$label" "$peers"
  [ "$received" -eq "$N" ] || { echo "bench-send: the server received $received of $N" >&2; exit 1; }
}

bench plain --
bench plain+pipelining --pipelining --
bench starttls+auth+pipelining --pipelining --starttls --user bench --password bench-pw -- --starttls --user bench --password-env LWKD_BENCH_PASSWORD
# The same without the disk's fsync cost (journal on tmpfs): what the protocol and messages take.
if [ -d /dev/shm ] && [ -z "${JOURNAL_DIR:-}" ]; then
  JOURNAL_DIR=$(mktemp -d /dev/shm/lwkd-bench.XXXXXX)
  bench journal-on-tmpfs+pipelining --pipelining --
  rm -rf "$JOURNAL_DIR"
fi
