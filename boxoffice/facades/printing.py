"""What the window may print: tickets and receipt of a sale, the Z report, the cash drawer.

Built by the composition root from the configured printer (``app.make_printer``); every call is device I/O and
runs on the operation runner's writer thread, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PrintingFacade:
    ready: bool
    print_sale: Callable[..., None] | None = None  # (purchase code, reprint=False, cash=False, only=None)
    no_sale: Callable[[str | None], None] | None = None  # open the drawer without a sale (actor), journaled
    print_report: Callable[[Any], None] | None = None  # a boxoffice.core.report_print.ReportPrint
    #: () -> [boxoffice.services.print_jobs.Unconfirmed]: sales with tickets no printer confirmed (a read)
    unconfirmed: Callable[[], list[Any]] | None = None
    dismiss_unconfirmed: Callable[[str], None] | None = None  # (purchase code): a person saw them on paper

    @classmethod
    def not_set_up(cls) -> PrintingFacade:
        return cls(False)

    def without_drawer(self) -> PrintingFacade:
        """For training: the real cash drawer stays shut (no No sale, no kick on practice cash sales)."""
        print_sale = self.print_sale

        def print_no_kick(code: str, reprint: bool = False, cash: bool = False, only: Any = None) -> None:
            assert print_sale is not None
            if only is None:  # a print_sale of before #19 (training's) takes no ``only``
                print_sale(code, reprint=reprint, cash=False)
            else:
                print_sale(code, reprint=reprint, cash=False, only=only)

        return PrintingFacade(self.ready, print_no_kick if print_sale else None, None, self.print_report)
