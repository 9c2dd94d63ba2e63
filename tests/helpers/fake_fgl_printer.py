"""A fake FGL ticket printer on 127.0.0.1: parses the command stream, rebuilds each ticket from its raster rows
and answers the status bytes a test chooses.

It understands what :mod:`boxoffice.printing.fgl` sends: ``<RCy,x>`` (position), ``<Gn>`` + n bytes (one row of
graphics, MSB leftmost, 1 = black), ``<p>`` (print and cut), ``<q>`` (print, no cut), ``<S1>`` (status request:
X-ON when ready, nothing when stopped, as a Boca in normal status mode). Anything else between ``<`` and ``>`` is
recorded in ``unknown`` (a test can assert there is none).

``answers[n]`` is what the printer sends after its n-th print command (1-based, over its whole life); the
default is ACK. A fault byte (anything but ACK / informational) stops the printer: it prints nothing more and
stays silent to ``<S1>`` until :meth:`FakeFglPrinter.reload` (a person fixed it). ``silent_after`` makes it
stop answering at all from that print on (a printer that swallowed a ticket).
"""

from __future__ import annotations

import os
import re
import socket
import threading
from dataclasses import dataclass, field

ACK, XON = 0x06, 0x11
INFORMATIONAL = {0x0F, 0x11, 0x12, 0x13, 0x16}
_TOKEN = re.compile(rb"<([^<>]{0,32})>")
_UNPACK = [bytes(255 if (b >> (7 - i)) & 1 else 0 for i in range(8)) for b in range(256)]


@dataclass
class Printout:
    """One print command: its rows by dot row (x in dots, data bytes) and whether it was cut."""

    rows: dict[int, tuple[int, bytes]]
    cut: bool

    def size(self) -> tuple[int, int]:
        width = max((x + 8 * len(data) for x, data in self.rows.values()), default=0)
        height = max(self.rows, default=-1) + 1
        return width, height

    def grey(self, width: int | None = None, height: int | None = None, margin: int = 16) -> tuple[bytes, int, int]:
        """8-bit grey pixels (0 black, 255 white) with a white margin, for zbar: (pixels, width, height)."""
        used_w, used_h = self.size()
        w, h = (width or used_w) + 2 * margin, (height or used_h) + 2 * margin
        canvas = bytearray(b"\xff" * (w * h))
        for y, (x, data) in self.rows.items():
            ink = b"".join(_UNPACK[b] for b in data)
            start = (y + margin) * w + margin + x
            line = canvas[start : start + len(ink)]
            canvas[start : start + len(ink)] = bytes(0 if a else b for a, b in zip(ink, line, strict=True))
        return bytes(canvas), w, h


class _FileLink:
    """A file descriptor with the two socket methods the session uses."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def recv(self, size: int) -> bytes:
        return os.read(self.fd, size)

    def sendall(self, data: bytes) -> None:
        os.write(self.fd, data)


@dataclass
class FakeFglPrinter:
    answers: dict[int, bytes] = field(default_factory=dict)
    silent_after: int | None = None
    printouts: list[Printout] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)
    connections: int = 0
    stopped: bool = False
    prints: int = 0  # print commands received (printed or not)

    def __post_init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True, name="fake-fgl-printer")
        self._thread.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def reload(self) -> None:
        """Paper loaded / jam cleared: the printer prints and answers again."""
        with self._lock:
            self.stopped = False

    def close(self) -> None:
        self._server.close()

    def serve_device(self, fd: int) -> threading.Thread:
        """Answer on a device file instead (the master side of a pty standing for a serial or USB port)."""
        link = _FileLink(fd)
        thread = threading.Thread(target=self._session, args=(link,), daemon=True, name="fake-fgl-device")
        thread.start()
        return thread

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with conn:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.connections += 1
                self._session(conn)

    def _session(self, conn: socket.socket | _FileLink) -> None:
        buffer = b""
        rows: dict[int, tuple[int, bytes]] = {}
        y = x = 0
        while True:
            try:
                chunk = conn.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while True:
                match = _TOKEN.match(buffer)
                if match is None:
                    if buffer and (not buffer.startswith(b"<") or len(buffer) > 34):
                        self.unknown.append(buffer[:1])  # a stray byte outside any command
                        buffer = buffer[1:]
                        continue
                    break  # a command still arriving
                command = match.group(1)
                end = match.end()
                if command.startswith(b"G") and command[1:].isdigit():
                    n = int(command[1:])
                    if len(buffer) < end + n:
                        break  # the row's data has not all arrived yet
                    rows[y] = (x, buffer[end : end + n])
                    end += n
                elif command.startswith(b"RC"):
                    y, x = (int(v) for v in command[2:].split(b","))
                elif command in (b"p", b"q"):
                    self._printed(conn, Printout(rows, cut=command == b"p"))
                    rows = {}
                elif command == b"S1":
                    with self._lock:
                        if not self.stopped:
                            conn.sendall(bytes([XON]))
                else:
                    self.unknown.append(command)
                buffer = buffer[end:]

    def _printed(self, conn: socket.socket | _FileLink, printout: Printout) -> None:
        with self._lock:
            self.prints += 1
            if self.stopped or (self.silent_after is not None and self.prints >= self.silent_after):
                return
            answer = self.answers.get(self.prints, bytes([ACK]))
            if ACK in answer:
                self.printouts.append(printout)
            if any(b != ACK and b not in INFORMATIONAL for b in answer):
                self.stopped = True
        conn.sendall(answer)
