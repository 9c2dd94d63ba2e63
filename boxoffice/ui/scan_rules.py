"""When a burst of keys is a keyboard-wedge scan and when it is a person typing (no Qt here: the filter in
:mod:`boxoffice.ui.scanner` asks these rules; tests call them directly).

Speed alone cannot tell them apart: a person types a 6-digit card authorisation at 60 ms a key, some at 30. A
burst is a scan only when all of these hold:

* it starts with the configured ``prefix`` (none by default), which is not part of the code;
* the code has at least ``min_length`` characters;
* it ends with the configured ``suffix`` key (Enter by default; ``"none"``: the burst ends when the keys stop);
* its timing is a machine's: every gap at most ``max_key_interval_ms`` AND the gaps even (the longest and the
  shortest differ by at most ``max_jitter_ms``); a person's gaps vary. Gaps under :data:`QUEUED_MS` carry no
  timing (keys queued while the GUI thread was busy arrive together) and are left out of the evenness;
* when a text field that would accept the text has the focus: a configured prefix was there (a person does not
  type it), or the code is a valid Satellite Tag code (:func:`boxoffice.core.codes.is_valid`), or the field is
  a scan field (a badge field, made to receive scans). Otherwise the keys are the person's, for that field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise

from boxoffice.config import SCANNER_SUFFIXES as SUFFIXES
from boxoffice.config import ScannerConfig
from boxoffice.core import codes

#: Gaps shorter than this are keys that waited in the queue together: they say nothing about who typed them.
QUEUED_MS = 2.0

_DEFAULT = ScannerConfig()

#: Whether the focused field would take ``text`` (None: no text field has the focus).
Accepts = Callable[[str], bool] | None


@dataclass(frozen=True)
class ScanRules:
    """The scanner's signature (the ``[scanner]`` section of the config: :meth:`from_config`)."""

    prefix: str = _DEFAULT.prefix
    suffix: str = _DEFAULT.suffix
    max_key_interval_ms: int = _DEFAULT.max_key_interval_ms
    max_jitter_ms: int = _DEFAULT.max_jitter_ms
    min_length: int = _DEFAULT.min_length

    def __post_init__(self) -> None:
        if self.suffix not in SUFFIXES:
            raise ValueError(f"suffix must be one of {', '.join(SUFFIXES)}, got {self.suffix!r}")
        if self.max_key_interval_ms <= 0 or self.max_jitter_ms < 0 or self.min_length < 2:
            raise ValueError("max_key_interval_ms must be positive, max_jitter_ms not negative and min_length "
                             "at least 2")

    @classmethod
    def from_config(cls, config: ScannerConfig) -> ScanRules:
        return cls(**asdict(config))

    @property
    def needs_suffix(self) -> bool:
        return self.suffix != "none"

    def code_of(self, text: str) -> str | None:
        """The code inside a burst's text: without the prefix; None when a configured prefix is missing."""
        if not self.prefix:
            return text
        return text[len(self.prefix):] if text.startswith(self.prefix) else None

    def even(self, times: Sequence[float]) -> bool:
        """True when the key times (ms, one per character) are a machine's: short, even gaps."""
        gaps = [later - earlier for earlier, later in pairwise(times)]
        if any(gap > self.max_key_interval_ms for gap in gaps):
            return False
        timed = [gap for gap in gaps if gap >= QUEUED_MS]
        return not timed or max(timed) - min(timed) <= self.max_jitter_ms

    def scan_code(self, text: str, times: Sequence[float], *, suffixed: bool, accepts: Accepts = None,
                  scan_field: bool = False) -> str | None:
        """The scanned code when the finished burst is a scan, None when it is a person's typing."""
        code = self.code_of(text)
        if code is None or len(code) < self.min_length or (self.needs_suffix and not suffixed):
            return None
        if not self.even(times):
            return None
        if self.prefix or scan_field or accepts is None or not accepts(text) or codes.is_valid(code):
            return code
        return None

    def may_become_scan(self, text: str, times: Sequence[float], *, accepts: Accepts = None,
                        scan_field: bool = False) -> bool:
        """False once the burst so far can no longer end as a scan, whatever follows: its keys can go to the
        field at once instead of waiting for the burst to end."""
        if self.prefix and not (text.startswith(self.prefix) or self.prefix.startswith(text)):
            return False
        if not self.even(times):
            return False
        if self.prefix or scan_field or accepts is None or not accepts(text):
            return True
        return _may_become_code(text)


def _may_become_code(text: str) -> bool:
    """Could more characters make ``text`` a purchase, item or ticket code?"""
    return len(text) <= codes.TICKET_LENGTH and all(ch in codes.ALPHABET for ch in text.upper())
