#!/usr/bin/env python3
"""A hostile SMTP server on 127.0.0.1 for lwkdconv's send tests: it breaks RFC 5321 on purpose.

  --mode endless-greeting   "220-" greeting lines, forever
  --mode endless-ehlo       a proper greeting, then "250-" lines to EHLO, forever
  --mode endless-line       a greeting line that never ends (no newline, forever)

When ready it prints one JSON line {"port": N} to stdout. It stops by itself when standard input
closes (its parent went away) or after --max-seconds. It writes as fast as the client reads.
"""
import argparse
import json
import socket
import sys
import threading
import time


def serve(conn, mode):
    chunk_line = b"250-" + b"x" * 1000 + b"\r\n"
    try:
        if mode == "endless-greeting":
            chunk = (b"220-" + b"y" * 1000 + b"\r\n") * 64
            while True:
                conn.sendall(chunk)
        conn.sendall(b"220 hostile ESMTP\r\n") if mode != "endless-line" else None
        if mode == "endless-line":
            conn.sendall(b"220 ")
            chunk = b"z" * 65536
            while True:
                conn.sendall(chunk)
        # endless-ehlo: wait for the EHLO line, then never end the reply.
        data = b""
        while b"\n" not in data:
            more = conn.recv(4096)
            if not more:
                return
            data += more
        chunk = chunk_line * 64
        while True:
            conn.sendall(chunk)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", required=True,
                   choices=["endless-greeting", "endless-ehlo", "endless-line"])
    p.add_argument("--max-seconds", type=float, default=60)
    args = p.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(json.dumps({"port": listener.getsockname()[1]}), flush=True)
    deadline = time.time() + args.max_seconds

    def stop_when_stdin_closes():
        sys.stdin.read()
        listener.close()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    listener.settimeout(0.5)
    while time.time() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        except OSError:
            break
        conn.settimeout(None)
        threading.Thread(target=serve, args=(conn, args.mode), daemon=True).start()


if __name__ == "__main__":
    main()
