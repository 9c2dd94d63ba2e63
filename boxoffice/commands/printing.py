"""``boxoffice print``: a sale's tickets (or its receipt) as a PDF, for headless use and reprints."""

from __future__ import annotations

import argparse
from pathlib import Path

from boxoffice.commands._common import add_json, emit, open_all


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    printing = sub.add_parser("print", parents=[common], help="print a sale's tickets or receipt (PDF)")
    printing.add_argument("--sale", required=True, metavar="CODE", help="purchase code (or any of its barcodes)")
    printing.add_argument("--receipt", action="store_true", help="the receipt instead of the tickets")
    printing.add_argument("--pdf", type=Path, metavar="FILE", help="write this PDF (default: <CODE>.pdf here)")
    printing.add_argument("--reprint", action="store_true", help="mark the printout as a reprint")
    add_json(printing)
    printing.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from boxoffice.core.codes import parse_code
    from boxoffice.facades.ticket_places import printable_tickets
    from boxoffice.printing.pdf import write_receipt_pdf, write_tickets_pdf
    from boxoffice.services.printouts import receipt_for_sale

    code = parse_code(args.sale).purchase
    context, store = open_all(args)
    office = context.config.central.office_name or context.config.central.office_id or context.config.terminal.id
    language = context.config.terminal.language
    path = args.pdf or Path(f"{code}{'-receipt' if args.receipt else ''}.pdf")
    try:
        if args.receipt:
            write_receipt_pdf(receipt_for_sale(store.read_session_factory, code, office, reprint=args.reprint,
                                               check_url=context.config.fiscal.check_url),
                              path, language=language)
            pages = 1
        else:
            pages = write_tickets_pdf(printable_tickets(store.read_session_factory, code, office,
                                                        reprint=args.reprint),
                                      path, context.config.printer.stock, language=language)
        if args.reprint:
            from boxoffice.services.reprints import record_reprint

            record_reprint(store.session_factory, code, "receipt" if args.receipt else "tickets", None)
    finally:
        store.close()
    emit(args, {"purchase_code": code, "pdf": str(path), "pages": pages},
         f"wrote {path} ({pages} page{'s' if pages != 1 else ''})")
    return 0
