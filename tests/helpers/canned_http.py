"""A tiny HTTP server on 127.0.0.1 that answers each request with the next canned raw response.

For client tests that need answers a correct server never gives: HTML error pages, truncated bodies, wrong
types. Raw bytes are written to the socket so the body can lie about its length. ``TCP_NODELAY`` is set
(PLATFORM.md: otherwise keep-alive requests stall 44 ms each).
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Canned:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    content_length: int | None = None  # lie about the length to simulate a cut body
    close_after: bool = False


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    peer: tuple[str, int] = ("", 0)  # the client's address and port: one per connection


class CannedServer:
    def __init__(self, tls_context: ssl.SSLContext | None = None) -> None:
        self.queue: deque[Canned] = deque()
        self.seen: list[Seen] = []
        self._arrived = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with outer._arrived:
                    outer.seen.append(Seen(self.command, self.path, dict(self.headers), body,
                                            tuple(self.client_address)))
                    outer._arrived.notify_all()
                canned = outer.queue.popleft() if outer.queue else Canned(status=599, body=b"no canned answer")
                lines = [f"HTTP/1.1 {canned.status} X"]
                for key, value in canned.headers.items():
                    lines.append(f"{key}: {value}")
                length_header = canned.content_length if canned.content_length is not None else len(canned.body)
                lines.append(f"Content-Length: {length_header}")
                if canned.close_after or canned.content_length is not None:
                    lines.append("Connection: close")
                    self.close_connection = True
                self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + canned.body)
                self.wfile.flush()
                if canned.content_length is not None:
                    self.connection.shutdown(socket.SHUT_RDWR)

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls_context is not None:
            self.server.socket = tls_context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CannedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, *responses: Canned) -> None:
        self.queue.extend(responses)

    def wait_seen(self, count: int, timeout: float = 10.0) -> bool:
        """True once ``count`` requests have arrived; False if fewer did within ``timeout`` seconds."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.seen) >= count, timeout)
