"""Shifts, Z reports and sales reports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.changes import Changes
from boxoffice.facades.results import Changed
from boxoffice.services import reports, shifts
from boxoffice.services.shifts import ShiftInfo


class ShiftsFacade:
    def __init__(self, session_factory: sessionmaker[Session], read_session_factory: sessionmaker[Session]) -> None:
        self._write = session_factory
        self._read = read_session_factory

    def current(self) -> ShiftInfo | None:
        return shifts.current_shift(self._read)

    def closed(self, limit: int = 30) -> list[ShiftInfo]:
        return shifts.closed_shifts(self._read, limit)

    def clerk_names(self) -> dict[int, str]:
        return shifts.clerk_names(self._read)

    def preview(self, shift_id: int) -> dict[str, Any]:
        return shifts.shift_preview(self._read, shift_id)

    def open(self, clerk_id: int, float_cents: int, actor: str | None = None) -> Changed[ShiftInfo]:
        return Changed(shifts.open_shift(self._write, clerk_id, float_cents, actor=actor), Changes(shift=True))

    def close(self, shift_id: int, counted: Mapping[int, int], actor: str | None, *,
              sale_in_progress: bool = False) -> Changed[ShiftInfo]:
        closed = shifts.close_shift(self._write, shift_id, counted, actor, sale_in_progress=sale_in_progress)
        return Changed(closed, Changes(shift=True))

    def record_report_print(self, shift_id: int, actor: str | None) -> int:
        return shifts.record_report_print(self._write, shift_id, actor)

    def sales_report(self, event_id: str | None = None, since: datetime | None = None,
                     until: datetime | None = None, *, tz: tzinfo = UTC) -> reports.SalesReport:
        return reports.sales_report(self._read, event_id, since, until, tz=tz)

    def export_sales_csv(self, report: reports.SalesReport, path: Path,
                         style: reports.CsvFormat | None = None) -> Path:
        """Write a sales report as CSV in ``style`` (a file write: run it on the writer thread)."""
        reports.to_csv(report, path, style)
        return path
