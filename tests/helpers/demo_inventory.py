"""A local store with a demo event merged in (no network): for GUI tests, screenshots and benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from boxoffice.core.money import money_format
from boxoffice.services.context import Terminal
from boxoffice.services.inventory import RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.services.sync_status import read_status
from boxoffice.store.engine import Store, open_store
from boxoffice.store.types import utcnow
from boxoffice.ui.backend import Backend
from tests.helpers.shifts import open_test_shift

EVENT_ID = "EVDEMO"
ZONES = (("General", "#4A90D9", "GEN", 6, 14, 2500), ("Preferente", "#E67E22", "PRE", 3, 12, 4000),
         ("VIP", "#8E44AD", "VIP", 2, 8, 9000))
TERMINAL = Terminal("office_taquilla_norte", "Taquilla Norte", "test-1")


def event_start() -> datetime:
    """Ten days from today at 20:00 UTC: always upcoming, so no window test meets the past-event question."""
    day = utcnow().date() + timedelta(days=10)
    return datetime.combine(day, time(20, 0), tzinfo=UTC)


def seed_store(path: Path, *, shift: bool = True) -> Store:
    """The demo event in a new store at ``path``, with a shift open (tests/helpers/shifts.py) unless ``shift`` is
    False (tests of opening shifts, and of the window asking for one)."""
    store = open_store(path)
    tickets = []
    for zone, color, prefix, rows, per_row, _price in ZONES:
        n = 0
        for r in range(rows):
            row = chr(ord("A") + r)
            for _ in range(per_row):
                n += 1
                tickets.append(RemoteTicket(f"{EVENT_ID}-{prefix}{n}", f"{prefix}{n}", zone, color, True, row))
    products = [RemoteProduct(f"tt-{p.lower()}", zone, price, zone, "ticket", None)
                for zone, _c, p, _r, _n, price in ZONES]
    products.append(RemoteProduct("tt-nino", "Niño", 1200, "General", "child", None))
    products.append(RemoteProduct("tt-familia", "Pase Familiar", 8000, "General", "family_pass",
                                  (("tt-gen", 2), ("tt-nino", 3))))
    merge_inventory(store.session_factory, EVENT_ID, "Festival de Verano", event_start(), tickets, products)
    if shift:
        open_test_shift(store.session_factory)
    return store


def backend_for(store: Store, language: str = "es", **overrides) -> Backend:
    fields = dict(terminal=TERMINAL, money=money_format(language), language=language,
                  session_factory=store.session_factory,
                  read_session_factory=store.read_session_factory,
                  sync_status=lambda: read_status(store.read_session_factory, 20, "offline"))
    fields.update(overrides)
    return Backend(**fields)
