"""The receipt carries its invoice: number, issuer, tax per rate and a Verifactu QR that zbar decodes back to
the AEAT's check URL with the invoice's NIF, number, date and amount; a void's receipt shows the rectificativa."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from boxoffice.core import fiscal
from boxoffice.printing.escpos_output import receipt_bytes
from boxoffice.printing.pdf import write_receipt_pdf
from boxoffice.services.printouts import receipt_for_sale
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Invoice
from tests.unit.fiscal.test_invoices import FISCAL
from tests.unit.printing.printing_helpers import decode, pdf_text, render_gray
from tests.unit.services.services_helpers import GENERAL, P_GEN, P_VIP, PRICES, VIP, cash, request, seats, ticket_id


def test_the_receipt_pdf_prints_the_invoice_and_its_qr_decodes_to_the_check_url(qapp: object, store: Store,
                                                                                tmp_path: Path) -> None:
    lines = (seats(ticket_id(GENERAL, 1), ticket_id(GENERAL, 2)), seats(ticket_id(VIP, 1), product=P_VIP))
    total = 2 * PRICES[P_GEN] + PRICES[P_VIP]
    sale = sell(store.session_factory, FISCAL, request(*lines, payments=[cash(total)]))
    receipt = receipt_for_sale(store.read_session_factory, sale.purchase_code, "Taquilla Centro")
    [invoice] = receipt.invoices
    assert (invoice.number, invoice.kind, invoice.issuer_nif) == (sale.invoice_number, "F2", "B12345674")
    assert [(t.rate_bp, t.base_cents + t.quota_cents) for t in invoice.taxes] == [(1000, 6000), (2100, 5000)]
    pdf = tmp_path / "receipt.pdf"
    write_receipt_pdf(receipt, pdf)
    words = pdf_text(pdf).replace("\ufb01", "fi").replace("\u00a0", " ")  # the "fi" ligature, no-break spaces
    assert f"Factura simplificada {sale.invoice_number}" in words and "NIF B12345674" in words
    assert "IVA 21 % s/ 41,32 €" in words and "IVA 10 % s/ 54,55 €" in words
    [url] = decode(*render_gray(pdf, 1, tmp_path))["QRCODE"]
    with store.read_session_factory() as session:
        record = json.loads(session.scalars(select(Invoice.record)).one())
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == fiscal.TEST_CHECK_URL
    assert parse_qs(parts.query) == {"nif": ["B12345674"], "numserie": [sale.invoice_number],
                                     "fecha": [record["IDFactura"]["FechaExpedicionFactura"]],
                                     "importe": [fiscal.amount(total)]}


def test_a_voided_sale_s_receipt_shows_the_rectificativa(qapp: object, store: Store, tmp_path: Path) -> None:
    sale = sell(store.session_factory, FISCAL, request(seats(ticket_id(GENERAL, 1)), payments=[cash(2500)]))
    void_sale(store.session_factory, FISCAL, sale.purchase_code, "error", actor="Sonia")
    receipt = receipt_for_sale(store.read_session_factory, sale.purchase_code, "Taquilla Centro", reprint=True)
    original, rectification = receipt.invoices
    assert (rectification.kind, rectification.rectifies, rectification.total_cents) == ("R5", original.number,
                                                                                        -2500)
    assert "importe=-25.00" in rectification.qr
    text = receipt_bytes(receipt).decode("cp437", errors="replace")
    assert f"Factura rectificativa {rectification.number}" in text and f"Rectifica la factura {original.number}" in text
    pdf = tmp_path / "void.pdf"
    write_receipt_pdf(receipt, pdf)
    assert len(decode(*render_gray(pdf, 1, tmp_path))["QRCODE"]) == 2


def test_no_invoice_no_block(store: Store) -> None:
    sale = sell(store.session_factory, dataclasses.replace(FISCAL, fiscal=None),
                request(seats(ticket_id(GENERAL, 1)), payments=[cash(2500)]))
    assert receipt_for_sale(store.read_session_factory, sale.purchase_code, "T").invoices == ()
