"""A sales system's webhook on 127.0.0.1 for hand-off tests: a real HTTP server that records
each hand-off once per Idempotency-Key, and can fail, drop or delay on request."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """A sales system's webhook: records each hand-off once per Idempotency-Key."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.posts: list[str] = []  # the Idempotency-Key of every POST, duplicates included
        self.authorizations: list[str | None] = []  # the Authorization header of every POST
        self.recorded: dict[str, dict] = {}  # key -> body, once per key
        self.fail_next = 0  # answer the next N POSTs with `fail_status`
        self.fail_status = 500
        self.drop_next = 0  # close the connection without an answer on the next N POSTs
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = self.headers.get("Idempotency-Key", "")
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver.lock:
                    receiver.posts.append(key)
                    receiver.authorizations.append(self.headers.get("Authorization"))
                    if receiver.drop_next:
                        receiver.drop_next -= 1
                        self.close_connection = True
                        return
                    if receiver.fail_next:
                        receiver.fail_next -= 1
                        status = receiver.fail_status
                    elif key in receiver.recorded:
                        status = 200  # already recorded: acknowledged, not recorded again
                    else:
                        receiver.recorded[key] = json.loads(body)
                        status = 201
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/handoff"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def count(self, key: str) -> int:
        with self.lock:
            return self.posts.count(key)
