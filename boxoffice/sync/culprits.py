"""Telling one bad entry from an outage (issue #12, point 2): which failures split a batch, and when an entry
that keeps failing on its own is parked.

A synchronisation request can fail because of what it carries (a customer name the platform's database cannot
store gives a 500 every time; an answer a proxy mangles for one sale) or because the way to the platform is
down. Only the first kind may park anything:

* **Outage** (never split, never parked): no connection, a timeout, an answer cut off, 401/403, and the
  statuses that mean "come back later" (429, 502, 503, 504). The round stops and backs off.
* **Maybe the content** (split): any other 5xx, the platform's own 4xx refusal, and an answer that is not the
  platform's (an HTML page, a 200 without the envelope or with ``valido`` false, results that do not match).
  The worker splits the batch in halves, depth first, down to single entries.
* An entry sent alone that the platform **refuses** with its own 4xx is parked at once, with its message.
* Any other failure of an entry sent alone is a **strike**. After :data:`STRIKES_TO_PARK` straight strikes of
  the same kind the entry is parked, but only if the platform answered some other synchronisation request in
  a round since the first strike: a server that answers nobody is down, not refusing this entry, so a real
  outage never parks anything (it only backs off).
"""

from __future__ import annotations

from dataclasses import dataclass

from boxoffice.sync.errors import (
    AnswerCutOff,
    CentralAuthError,
    CentralError,
    CentralRejected,
    CentralServerError,
    ForeignAnswer,
    ProtocolError,
)

#: Statuses that say "not now" about the server, never about what was sent.
OUTAGE_STATUSES = frozenset({429, 502, 503, 504})
STRIKES_TO_PARK = 3


def may_be_the_entries(exc: CentralError) -> bool:
    """Whether a failed synchronisation may be caused by what it carried (then the batch is split)."""
    if isinstance(exc, CentralAuthError | AnswerCutOff):
        return False
    if isinstance(exc, CentralServerError):
        return exc.status not in OUTAGE_STATUSES
    return isinstance(exc, CentralRejected | ProtocolError)


def is_refusal(exc: CentralError) -> bool:
    """The platform's own business refusal (its envelope, a 4xx): final for an entry sent alone."""
    return isinstance(exc, CentralRejected) and not isinstance(exc, ForeignAnswer)


@dataclass
class _Strike:
    signature: str
    count: int
    first_round: int


class Strikes:
    """Straight failures of entries sent alone (by outbox id) and the last round the platform answered in.

    In memory: a restart starts counting again, which only delays a park, never causes one.
    """

    def __init__(self, to_park: int = STRIKES_TO_PARK) -> None:
        self.to_park = to_park
        self._round = 0
        self._answered_round = -1
        self._strikes: dict[int, _Strike] = {}

    def new_round(self) -> None:
        self._round += 1

    def answered(self) -> None:
        """The platform answered a synchronisation request of this round."""
        self._answered_round = self._round

    def strike(self, item_id: int, exc: CentralError) -> int | None:
        """Count one more failure of ``item_id`` sent alone; the strike count when it should now be parked."""
        signature = f"{type(exc).__name__}/{getattr(exc, 'status', '')}"
        strike = self._strikes.get(item_id)
        if strike is None or strike.signature != signature:
            strike = self._strikes[item_id] = _Strike(signature, 0, self._round)
        strike.count += 1
        if strike.count >= self.to_park and self._answered_round >= strike.first_round:
            return strike.count
        return None

    def forget(self, item_id: int) -> None:
        self._strikes.pop(item_id, None)
