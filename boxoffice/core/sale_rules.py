"""The ticket types' own sale rules, as the window applies them (issue #16 point 3).

A ticket type may be on sale only between ``saleStart`` and ``saleEnd``, and only to the public when its
visibility is ``public`` (``private`` and ``invite-only`` types are issued by staff: comps). The window refuses a
sale past a rule and says which one; the platform, which must accept every offline sale, flags one that got
through anyway (a terminal with an older inventory). Capacity is not judged here: a seated type is bounded by
the seats assigned to the office, a general-admission one by the quantity assigned to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from boxoffice.core.errors import InvalidSale


@dataclass(frozen=True)
class TypeRules:
    name: str
    sale_start: datetime | None
    sale_end: datetime | None
    visibility: str


def check(rules: TypeRules, now: datetime, *, comp: bool = False) -> None:
    """Raise :class:`InvalidSale` (with a code the window translates) when ``rules`` forbid selling now."""
    if rules.sale_start is not None and now < rules.sale_start:
        raise InvalidSale(f"{rules.name} is not on sale yet: its sale opens at {rules.sale_start.isoformat()}",
                          code="ticket_type_not_yet_on_sale",
                          params={"product": rules.name, "opens_at": rules.sale_start.isoformat()})
    if rules.sale_end is not None and now > rules.sale_end:
        raise InvalidSale(f"{rules.name} is no longer on sale: its sale closed at {rules.sale_end.isoformat()}",
                          code="ticket_type_sale_closed",
                          params={"product": rules.name, "closed_at": rules.sale_end.isoformat()})
    if rules.visibility != "public" and not comp:
        raise InvalidSale(f"{rules.name} is not for public sale ({rules.visibility}): issue it as a comp",
                          code="ticket_type_not_public", params={"product": rules.name})
