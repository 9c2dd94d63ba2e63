"""Driving the scan detector deterministically: synthetic key events at explicit times on an injected clock.

``qtbot.keyClick`` delivers at once; the detector reads the time from :class:`ManualClock`, which moves only
when a test says so. So a "30 ms a key" burst is 30 ms a key by construction, however slow the machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import cycle
from pathlib import Path
from typing import Any

from boxoffice.core import codes
from boxoffice.store.engine import Store
from boxoffice.ui.qt import QApplication, Qt, QTimer
from boxoffice.ui.scanner import ScanDetector
from tests.helpers.demo_inventory import seed_store

#: A person typing fast: about 30 ms a key on average, but never evenly.
PERSON_GAPS = (18, 44, 25, 39, 21, 36, 28, 47, 19, 33)
#: A wedge scanner: 8 ms a key, within a millisecond.
SCANNER_GAPS = (8, 8, 9, 8, 7, 8)


class ManualClock:
    """Milliseconds that move only when :meth:`advance` is called."""

    def __init__(self, start: float = 10_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, ms: float) -> None:
        self.now += ms


def detector(clock: ManualClock, **rules: Any) -> ScanDetector:
    found = ScanDetector(clock=clock, **rules)
    found.install()
    return found


def gaps_of(gaps: float | Iterable[float]) -> Iterator[float]:
    return cycle([gaps]) if isinstance(gaps, int | float) else cycle(gaps)


def type_keys(qtbot: Any, widget: Any, text: str, clock: ManualClock, gaps: float | Iterable[float] = 30,
              *, first_gap: float = 1000) -> None:
    """Type ``text`` into ``widget``, one key per gap (the first key ``first_gap`` after anything before)."""
    steps = gaps_of(gaps)
    for index, char in enumerate(text):
        clock.advance(first_gap if index == 0 else next(steps))
        qtbot.keyClick(widget, char)


def press(qtbot: Any, widget: Any, key: Qt.Key, clock: ManualClock, gap: float = 8) -> None:
    clock.advance(gap)
    qtbot.keyClick(widget, key)


def scan(qtbot: Any, widget: Any, code: str, clock: ManualClock, *, suffix: Qt.Key | None = Qt.Key.Key_Return,
         prefix: str = "", gaps: float | Iterable[float] = SCANNER_GAPS) -> None:
    """What a wedge scanner sends: prefix, code and suffix, short even gaps."""
    type_keys(qtbot, widget, prefix + code, clock, gaps)
    if suffix is not None:
        press(qtbot, widget, suffix, clock)


def end_burst(detector: ScanDetector, clock: ManualClock) -> None:
    """The keys stopped long ago: what the detector's timer does then."""
    clock.advance(1000)
    detector.flush()


def ticket_code(number: int = 1) -> str:
    """A valid ticket barcode (the spec's example is not one of ours: its check character differs)."""
    return codes.ticket_barcode(PURCHASE, number)


PURCHASE = "BE4WHLHGVB1ZG"


def when_modal(kind: type, act: Callable[[Any], None]) -> None:
    """Run ``act`` on the modal ``kind`` dialog once it is up (queued before the code that opens it runs)."""
    def look() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)


def new_clock() -> ManualClock:
    """A fixture: ``clock = pytest.fixture(new_clock)``."""
    return ManualClock()


def demo_store(tmp_path: Path) -> Iterator[Store]:
    """The demo inventory, as the screens' own tests use it (a fixture: ``store = pytest.fixture(demo_store)``)."""
    opened = seed_store(tmp_path / "t.sqlite3")
    yield opened
    opened.close()
