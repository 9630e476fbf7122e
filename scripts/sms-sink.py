#!/usr/bin/python3
"""The development SMS gateway (scripts/run, scripts/test): takes the
signed JSON POST beian-worker sends (lib/signed-post.h), checks the
signature with SECRET, and keeps each message as one file
DIR/<time>-<n>.json {to, text}.

    sms-sink.py DIR PORT CONF        (CONF: the beian.conf with sms_secret)

A bad signature or body is refused (401, 400) and nothing is kept."""

import hashlib
import hmac
import itertools
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SKEW = 300


def main():
    folder, port, conf = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    secret = b""
    with open(conf) as f:
        for line in f:
            key, _, value = line.partition("=")
            if key.strip() == "sms_secret":
                secret = value.strip().encode()
    if len(secret) < 32:
        sys.exit("sms-sink: no sms_secret of 32 bytes in " + conf)
    os.makedirs(folder, exist_ok=True)
    seq = itertools.count()

    class Handler(BaseHTTPRequestHandler):
        def answer(self, code):
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(n, 65536))
            ts = self.headers.get("X-Beian-Timestamp") or ""
            sig = self.headers.get("X-Beian-Signature") or ""
            want = "sha256=" + hmac.new(secret, ts.encode() + b"." + body,
                                        hashlib.sha256).hexdigest()
            if (not ts.isdigit() or abs(int(ts) - time.time()) > SKEW or
                    not hmac.compare_digest(want, sig)):
                return self.answer(401)
            try:
                msg = json.loads(body)
                to, text = msg["to"], msg["text"]
                assert isinstance(to, str) and isinstance(text, str)
            except (ValueError, KeyError, AssertionError):
                return self.answer(400)
            name = "%d-%d.json" % (time.time_ns(), next(seq))
            tmp = os.path.join(folder, "." + name)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"to": to, "text": text}, f, ensure_ascii=False)
            os.rename(tmp, os.path.join(folder, name))
            self.answer(200)

        def log_message(self, fmt, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
