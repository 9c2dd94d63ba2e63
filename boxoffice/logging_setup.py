"""Logging to a rotating file in the log dir and to stderr, with secrets scrubbed from every record.

Tokens, PINs and card references must never reach a log file that ends up in a support bundle. Two nets
catch them: values registered with :func:`register_secret` (the token once loaded, a PIN while it is checked)
are replaced wherever they appear, and patterns (``Bearer …``, ``token=…``, ``"pin": "…"``) are masked even
when nobody registered the value.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path

LOG_FILE = "boxoffice.log"
_REDACTED = "[redacted]"
_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[^\s'\"]+"),
    re.compile(r"(?i)((?:token|pin|password|card_reference|reference|transactionId)[\"']?\s*[:=]\s*[\"']?)"
               r"[^\s'\",}]+"),
]
_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Scrub ``value`` from every log record from now on (short values would mangle logs, so min 4 chars)."""
    value = value.strip()
    if len(value) >= 4:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, _REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + _REDACTED, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then scrubs: covers the message, its arguments and any traceback text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(log_dir: Path | None, level: str = "INFO", stderr: bool = True) -> Path | None:
    """Configure the root logger once per process; returns the log file path (None when not logging to file)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_boxoffice", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level.upper())
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    path = None
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True
        )
        file_handler.setFormatter(formatter)
        file_handler._boxoffice = True  # type: ignore[attr-defined]
        root.addHandler(file_handler)
    if stderr:
        stream = logging.StreamHandler()
        stream.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        stream.setLevel(logging.WARNING)
        stream._boxoffice = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path
