"""A webhook receiver for the tests, on 127.0.0.1: checks each POST's Portal-Signature header the way
Docs/Webhooks.md tells receivers to (HMAC-SHA256 of "<t>.<raw body>" with the signing secret, t within 300 s), checks
its Standard Webhooks headers with the `standardwebhooks` library from PyPI, and writes what arrived to
OUT_DIR/NNN.json (a GET too, so a followed redirect shows). With --redirect-to it answers with --status and that
Location. Prints "READY <port>" once it listens, and stops on SIGTERM or when its standard input closes."""
import argparse
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def verify(header, body, secret, now):
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > 300:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


def verify_standard(headers, body, secret):
    try:
        Webhook(secret).verify(body, {name.lower(): value for name, value in headers.items()})
        return True
    except (WebhookVerificationError, ValueError) as error:
        print("standard webhooks check failed: %s" % error, file=sys.stderr, flush=True)
        return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--status", type=int, default=200, help="the HTTP status every POST is answered with")
    parser.add_argument("--redirect-to", help="send this Location with the --status answer (a 3xx)")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            record = {
                "event": self.headers.get("Portal-Event"),
                "eventId": self.headers.get("Portal-Event-Id"),
                "signature": self.headers.get("Portal-Signature", ""),
                "valid": verify(self.headers.get("Portal-Signature", ""), body, args.secret, time.time()),
                "standardValid": verify_standard(self.headers, body, args.secret),
                "body": body.decode(),
            }
            with lock:
                count = len([name for name in os.listdir(args.out_dir) if name.endswith(".json")])
                with open(os.path.join(args.out_dir, "%03d.json" % count), "w") as out:
                    json.dump(record, out)
            self.send_response(args.status)
            if args.redirect_to:
                self.send_header("Location", args.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("READY %d" % server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
