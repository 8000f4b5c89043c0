#!/usr/bin/env python3
"""A local stand-in for Buttondown's email API on 127.0.0.1, for `lwkdconv send --buttondown`.

It checks every request against the documented shape and answers as Buttondown's reference
says (https://docs.buttondown.com; the OpenAPI spec at https://github.com/buttondown/openapi):
  Authorization: Token KEY               api-authentication; else 401 with an ErrorMessage
  GET   /v1/emails?status=..&subject=..   list_emails: an EmailPage {count, next, previous,
                                          results}; `subject` matches substrings; `page`
  POST  /v1/emails                        create_email: EmailInput JSON -> 201 Email
  PATCH /v1/emails/{id}                   update_email: EmailUpdateInput JSON -> 200 Email
  errors                                  {"code", "detail", "metadata"} (api-error-codes);
                                          scheduled without publish_date -> 400
                                          publish_date_missing (api-emails-create); unknown
                                          fields -> 422 with a detail list (api-error-codes)
Faults: --rate-limit N answers the first N requests 429 with Retry-After: --retry-after S
(api-rate-limits); --fail N answers the first N requests 503; --refuse-body answers every
create and update 400 body_invalid (api-emails-create's error codes). --page-size splits lists.

Every request (and whether it matched the documented shape) is appended as one JSON line to
DIR/requests.jsonl; the stored emails persist in DIR/emails.json across runs. When ready it
prints {"port": N}. It stops when standard input closes, or after --max-seconds.
"""
import argparse
import datetime
import json
import os
import sys
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# EmailInput / EmailUpdateInput fields lwkdconv may send (all documented; more exist).
DOCUMENTED_FIELDS = {"subject", "body", "status", "publish_date", "metadata", "description",
                     "slug", "email_type", "canonical_url", "image", "secondary_id"}
STATUSES = {"draft", "about_to_send", "scheduled", "sent", "imported", "deleted",
            "managed_by_rss", "paused", "errored", "throttled", "in_flight", "transactional",
            "suppressed"}
LIST_PARAMETERS = {"status", "-status", "ids", "ordering", "subject", "page", "source",
                   "email_type", "excluded_fields", "creation_date__start", "creation_date__end",
                   "publish_date__start", "publish_date__end"}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--rate-limit", type=int, default=0)
    p.add_argument("--retry-after", type=int, default=1)
    p.add_argument("--fail", type=int, default=0)
    p.add_argument("--page-size", type=int, default=20)
    p.add_argument("--refuse-body", action="store_true")
    p.add_argument("--max-seconds", type=float, default=300)
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    store_path = os.path.join(args.dir, "emails.json")
    log = open(os.path.join(args.dir, "requests.jsonl"), "a", buffering=1)
    lock = threading.Lock()
    faults = {"rate": args.rate_limit, "fail": args.fail}

    def load():
        try:
            with open(store_path) as f:
                return json.load(f)
        except FileNotFoundError:
            return []

    def save(emails):
        with open(store_path + ".tmp", "w") as f:
            json.dump(emails, f)
        os.replace(store_path + ".tmp", store_path)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def answer(self, status, body, headers=()):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def error(self, status, code, detail, problems, headers=()):
            problems.append("%d %s" % (status, code))
            self.answer(status, {"code": code, "detail": detail, "metadata": {}}, headers)

        def handle_any(self, method):
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            entry = {"method": method, "path": url.path, "query": query,
                     "authorization_scheme": (self.headers.get("Authorization") or "").split(" ")[0],
                     "content_type": self.headers.get("Content-Type"), "body": None,
                     "problems": [], "status": None}
            problems = entry["problems"]
            try:
                entry["body"] = json.loads(raw) if raw else None
            except ValueError:
                problems.append("body is not JSON")
            with lock:
                status = self.route(method, url.path, query, entry, problems)
            entry["status"] = status
            log.write(json.dumps(entry) + "\n")

        def route(self, method, path, query, entry, problems):
            if self.headers.get("Authorization") != "Token " + args.token:
                self.error(401, "unauthorized", "Invalid token.", problems)
                return 401
            if faults["rate"] > 0:
                faults["rate"] -= 1
                self.error(429, "rate_limited", "Request was throttled.", [],
                           headers=[("Retry-After", str(args.retry_after))])
                return 429
            if faults["fail"] > 0:
                faults["fail"] -= 1
                self.error(503, "unavailable", "Service unavailable.", [])
                return 503
            emails = load()
            if method == "GET" and path == "/v1/emails":
                unknown = set(query) - LIST_PARAMETERS
                bad = [s for s in query.get("status", []) if s not in STATUSES]
                if unknown or bad:
                    self.error(400, "invalid_filter", "Unknown filter %s" % sorted(unknown | set(bad)), problems)
                    return 400
                found = [e for e in emails
                         if (not query.get("status") or e["status"] in query["status"])
                         and query.get("subject", [""])[0] in e["subject"]]
                page = int(query.get("page", ["1"])[0])
                size = args.page_size
                chunk = found[(page - 1) * size: page * size]
                base = "http://127.0.0.1:%d/v1/emails?" % self.server.server_port
                def link(n):
                    q = dict(query); q["page"] = [str(n)]
                    return base + urllib.parse.urlencode(q, doseq=True)
                self.answer(200, {"count": len(found),
                                  "next": link(page + 1) if page * size < len(found) else None,
                                  "previous": link(page - 1) if page > 1 else None,
                                  "results": chunk})
                return 200
            if method in ("POST", "PATCH"):
                if self.headers.get("Content-Type") != "application/json":
                    problems.append("Content-Type is not application/json")
                body = entry["body"]
                if not isinstance(body, dict):
                    self.error(400, "email_invalid", "The body must be a JSON object.", problems)
                    return 400
                extra = sorted(set(body) - DOCUMENTED_FIELDS)
                if extra:
                    problems.append("undocumented fields %s" % extra)
                    self.answer(422, {"detail": [{"type": "extra_forbidden", "loc": ["body", k],
                                                  "msg": "Extra inputs are not permitted"} for k in extra]})
                    return 422
                if body.get("status", "draft") not in STATUSES:
                    self.error(400, "status_invalid", "The status provided is not valid.", problems)
                    return 400
                if body.get("status") == "scheduled" and not body.get("publish_date"):
                    self.error(400, "publish_date_missing", "A publish date is required but was not provided.", problems)
                    return 400
                if args.refuse_body:
                    self.error(400, "body_invalid", "The email body provided is invalid or cannot be parsed.", [])
                    return 400
                now = datetime.datetime.now(datetime.timezone.utc).isoformat()
                if method == "POST" and path == "/v1/emails":
                    if not isinstance(body.get("subject"), str) or not body["subject"]:
                        self.error(400, "subject_invalid", "The subject provided is invalid or missing.", problems)
                        return 400
                    email = {"id": str(uuid.uuid4()), "creation_date": now, "modification_date": now,
                             "subject": body["subject"], "body": body.get("body", ""),
                             "status": body.get("status", "draft"),
                             "publish_date": body.get("publish_date"), "metadata": {},
                             "email_type": "public", "source": "api"}
                    emails.append(email)
                    save(emails)
                    self.answer(201, email)
                    return 201
                if method == "PATCH" and path.startswith("/v1/emails/"):
                    ident = path[len("/v1/emails/"):]
                    for email in emails:
                        if email["id"] == ident:
                            email.update({k: v for k, v in body.items()})
                            email["modification_date"] = now
                            save(emails)
                            self.answer(200, email)
                            return 200
                    self.error(404, "not_found", "No email with that id.", problems)
                    return 404
            self.error(404, "not_found", "Not found.", problems)
            return 404

        def do_GET(self):
            self.handle_any("GET")

        def do_POST(self):
            self.handle_any("POST")

        def do_PATCH(self):
            self.handle_any("PATCH")

        def do_PUT(self):
            self.handle_any("PUT")

        def do_DELETE(self):
            self.handle_any("DELETE")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(json.dumps({"port": server.server_port}), flush=True)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            os._exit(0)
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
