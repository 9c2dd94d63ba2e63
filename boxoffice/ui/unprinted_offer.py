"""Offering a reprint of just the tickets a printer did not confirm (issue #19).

Two moments: right after a printer stopped part way (out of paper on ticket 3 of 5: tickets 3-5), and at start
for the tickets of a sale that were never confirmed (the printer or the program stopped). Both read the pending
tickets from the store (``services/print_jobs.py`` through the printing facade, on the read pool), so the numbers
shown are the tickets' places in their sale. The reprint runs on the device lane; if it stops again, the offer
comes again. The sale itself stays sold throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from boxoffice.ui.error_text import describe, message_parent
from boxoffice.ui.qt import QCoreApplication, QMessageBox, Qt, QWidget


def places(positions: Sequence[int]) -> str:
    """3, 4, 5 -> "3–5"; 2, 4 -> "2, 4"; runs joined by commas."""
    parts: list[str] = []
    run: list[int] = []
    for place in sorted(positions):
        if run and place == run[-1] + 1:
            run.append(place)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
        run = [place]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    return ", ".join(parts)


class UnprintedOffer:
    """Asks about one sale's unconfirmed tickets, reprints them on request; ``done(text)`` reports the end."""

    def __init__(self, parent: QWidget, ctx: Any, done: Callable[[str], None] | None = None) -> None:
        self.parent = parent
        self.ctx = ctx
        self.done = done or (lambda _text: None)
        self.box: QMessageBox | None = None

    # -- when ----------------------------------------------------------------------------------------------

    def after_failure(self, code: str, exc: BaseException) -> bool:
        """A print of sale ``code`` stopped part way: offer its tickets still pending. False when ``exc`` is not
        a printer that stopped part way (the caller shows its own message)."""
        printing = self.ctx.facades.printing
        if not getattr(exc, "not_printed", None) or printing.unconfirmed is None:
            return False
        why = describe(exc, self.ctx.money)
        maybe = getattr(exc, "code", "") == "fgl_no_confirmation"
        self.ctx.runner.read(self.parent, printing.unconfirmed,
                             success=lambda sales: self._offer(sales, code, why, reprint=maybe))
        return True

    def at_start(self) -> None:
        """Offer every sale whose tickets were not all confirmed printed (one after the other)."""
        printing = self.ctx.facades.printing
        if not printing.ready or printing.unconfirmed is None:
            return
        self.ctx.runner.read(self.parent, printing.unconfirmed, success=self._offer_all)

    def _offer_all(self, sales: list[Any]) -> None:
        if sales:
            why = QCoreApplication.translate("UnprintedOffer", "These tickets were sent to the printer but it never "
                                             "confirmed them (the printer or the program stopped). The sale "
                                             "is kept.")
            self._offer(sales, sales[0].purchase_code, why, reprint=True, at_start=True,
                        then=lambda: self._offer_all(sales[1:]))

    # -- the question ---------------------------------------------------------------------------------------

    def _offer(self, sales: list[Any], code: str, why: str, *, reprint: bool, at_start: bool = False,
               then: Callable[[], None] | None = None) -> None:
        sale = next((s for s in sales if s.purchase_code == code), None)
        if sale is None or not sale.barcodes:
            self.done(why)
            return
        which = places(sale.positions)
        if len(sale.positions) == 1:
            lost = QCoreApplication.translate("UnprintedOffer",
                                              "Ticket {places} of {count} of sale {code} did not print.")
            label = QCoreApplication.translate("UnprintedOffer", "Reprint ticket {places}")
        else:
            lost = QCoreApplication.translate("UnprintedOffer",
                                              "Tickets {places} of {count} of sale {code} did not print.")
            label = QCoreApplication.translate("UnprintedOffer", "Reprint tickets {places}")
        kept = QCoreApplication.translate("UnprintedOffer",
                                          "Reprint them once the printer is ready.")
        why = why[:1].upper() + why[1:]  # "{printer} is out of …" starts with "the ticket printer …"
        text = f"{why}\n\n{lost.format(places=which, count=sale.count, code=code)} {kept}"
        title = QCoreApplication.translate("UnprintedOffer", "Tickets not printed")
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.NoButton, message_parent(self.parent))
        box.setObjectName("unprintedOffer")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        again = box.addButton(label.format(places=which), QMessageBox.ButtonRole.AcceptRole)
        again.setObjectName("reprintUnprinted")
        printed = None
        if at_start:
            printed = box.addButton(QCoreApplication.translate("UnprintedOffer", "They printed"),
                                    QMessageBox.ButtonRole.DestructiveRole)
            printed.setObjectName("unprintedPrinted")
        later = box.addButton(QCoreApplication.translate("UnprintedOffer", "Later"),
                              QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("unprintedLater")

        def answered(button: object) -> None:
            if button is again:
                self.reprint(code, sale.barcodes, reprint, then)
            elif printed is not None and button is printed:
                dismiss = self.ctx.facades.printing.dismiss_unconfirmed
                self.ctx.runner.write(self.parent, lambda: dismiss(code), success=lambda _r: then and then())
            elif then is not None:
                then()

        box.buttonClicked.connect(answered)
        self.box = box
        box.open()

    def reprint(self, code: str, barcodes: Sequence[str], reprint: bool,
                then: Callable[[], None] | None = None) -> None:
        print_sale = self.ctx.facades.printing.print_sale
        if print_sale is None:
            return
        wanted = tuple(barcodes)

        def printed(_result: object) -> None:
            self.done("")
            if then is not None:
                then()

        def failed(exc: Exception) -> None:
            if not self.after_failure(code, exc):
                self.done(describe(exc, self.ctx.money))

        self.ctx.runner.device(self.parent, lambda: print_sale(code, reprint=reprint, only=wanted),
                               success=printed, failure=failed)
