"""Who is selling: the office and terminal facts every sale carries to the central platform.

``training`` marks a terminal selling from a scratch copy of its store: its sales are flagged so everything
printed says TRAINING, and nothing from that copy is ever delivered.
"""

from __future__ import annotations

from dataclasses import dataclass

from boxoffice.core.discounts import DEFAULT_CLERK_MAX_DISCOUNT_PERCENT
from boxoffice.core.fiscal import Issuer


@dataclass(frozen=True)
class Terminal:
    office_id: str
    office_name: str
    terminal_id: str
    training: bool = False
    #: ``[permissions] clerk_max_discount_percent``: the sale service enforces it (boxoffice/core/discounts.py)
    clerk_max_discount_percent: int = DEFAULT_CLERK_MAX_DISCOUNT_PERCENT
    #: ``[fiscal]``: who issues this terminal's simplified invoices; None (no NIF configured): none are issued
    fiscal: Issuer | None = None
