"""Seat map figures for ``scripts/bench``: build + first paint, select + repaint, update after a sale, pan/zoom.

Runs the window's own ``boxoffice.ui.seat_map.SeatMap`` (offscreen Qt) on the seats a terminal really holds.
Every figure is the time until Qt has painted what the call asked for: the call, then ``processEvents()``
(which delivers the paint events the widget requested) or, for a first paint, a synchronous ``repaint()``.
A widget without ``update_seats`` yet (the map before incremental updates) is measured doing what the window
did instead: ``show_seats`` with the new states, keeping the selection.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from collections.abc import Callable
from typing import Any

WIDTH, HEIGHT = 960, 640
BUILDS = 3
SELECTS = 20
UPDATES = 20
FRAMES = 24


@dataclasses.dataclass(frozen=True)
class SeatMapFigures:
    build_ms: float
    select_ms: float
    update_ms: float
    pan_zoom_frame_ms: float
    pan_zoom_frame_max_ms: float
    incremental_update: bool


def _ms(action: Callable[[], Any], settle: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    settle()
    return (time.perf_counter() - started) * 1000


def measure(seats: list, app: Any) -> SeatMapFigures:
    """All four figures on ``seats`` (``SeatInfo`` rows); ``app`` is the running QApplication."""
    from boxoffice.ui.seat_map import SeatMap

    def settle() -> None:
        app.processEvents()

    builds = []
    for _ in range(BUILDS):  # a fresh widget each time: the window builds one per event
        widget = SeatMap()
        widget.resize(WIDTH, HEIGHT)
        widget.show()
        settle()
        builds.append(_ms(lambda w=widget: w.show_seats(seats), lambda w=widget: (w.viewport().repaint(), settle())))
        widget.close()
        widget.deleteLater()
        settle()
    widget = SeatMap()
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    widget.show_seats(seats)
    widget.viewport().repaint()
    settle()

    free = [s.ticket_id for s in seats if s.state == "available"]
    step = max(1, len(free) // (SELECTS + UPDATES + 1))
    picks = free[::step]
    selects = [_ms(lambda t=tid: widget.set_selected({t}), settle) for tid in picks[:SELECTS]]
    widget.set_selected(set())
    settle()

    incremental = hasattr(widget, "update_seats")
    states = {s.ticket_id: s for s in seats}
    updates = []
    for tid in picks[SELECTS:SELECTS + UPDATES]:
        if incremental:
            updates.append(_ms(lambda t=tid: widget.update_seats({t: "sold"}), settle))
        else:  # what the window did after a sale before update_seats: show every seat again
            states[tid] = dataclasses.replace(states[tid], state="sold")
            fresh = list(states.values())
            updates.append(_ms(lambda f=fresh: widget.show_seats(f, keep_selected=set()), settle))

    frames = []
    for i in range(FRAMES):  # zoom in towards seat level, pan about, zoom back out
        frames.append(_ms(lambda i=i: _frame(widget, i), settle))
    widget.close()
    widget.deleteLater()
    settle()
    return SeatMapFigures(statistics.median(builds), statistics.median(selects), statistics.median(updates),
                          statistics.median(frames), max(frames), incremental)


def _frame(widget: Any, i: int) -> None:
    """Frame ``i`` of the pan/zoom run: a third zooming in, a third panning, a third zooming out."""
    if i < FRAMES // 3:
        widget.zoom_by(1.25)
    elif i < 2 * FRAMES // 3:
        _pan(widget, 40 if i % 2 else -25, 30)
    else:
        widget.zoom_by(0.8)


def _pan(widget: Any, dx: int, dy: int) -> None:
    if hasattr(widget, "scroll_by"):
        widget.scroll_by(dx, dy)
        return
    for bar, delta in ((widget.horizontalScrollBar(), dx), (widget.verticalScrollBar(), dy)):
        bar.setValue(bar.value() + delta)
