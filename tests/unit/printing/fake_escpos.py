"""A fake port-9100 ESC/POS printer: a TCP listener on 127.0.0.1 that keeps every byte it receives."""

from __future__ import annotations

import socket
import threading

from boxoffice.printing.escpos_output import PAPER_STATUS_REQUEST

PAPER_OK = b"\x12"
PAPER_GONE = b"\x72"  # bits 5/6 set: roll end


class FakePrinter:
    """Accepts connections, keeps every byte, answers the paper status request with ``status`` (or stays silent)."""

    def __init__(self, status: bytes | None = PAPER_OK) -> None:
        self.status = status
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self._done = threading.Event()
        self._received = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self.server.settimeout(0.2)
        while not self._done.is_set():
            try:
                client, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            with client:
                data = b""
                answered = False
                while True:
                    chunk = client.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                    if not answered and PAPER_STATUS_REQUEST in data and self.status is not None:
                        client.sendall(self.status)
                        answered = True
                self.jobs.append(data)
                self._received.set()

    def wait(self) -> bytes:
        assert self._received.wait(5), "the fake printer received nothing"
        self._received.clear()
        return self.jobs[-1]

    def close(self) -> None:
        self._done.set()
        self._thread.join(2)
        self.server.close()

