"""Invoices through the sale and void services: F2 per sale, R5 per void, none for comps or training; the chain
check finds an edited record by its number; records reach a submission endpoint once each."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from boxoffice.core import fiscal
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.core.fiscal import Issuer, TaxLine
from boxoffice.services import invoices
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, Invoice
from tests.helpers.raw_sqlite import connected
from tests.unit.services.services_helpers import (
    GENERAL,
    P_GEN,
    P_VIP,
    PRICES,
    TERMINAL,
    VIP,
    cash,
    request,
    seats,
    ticket_id,
)

ISSUER = Issuer(name="Teatro Ejemplo SL", nif="B12345674", address="Calle Mayor 1, Madrid", series="T1",
                default_rate_bp=2100, rates_bp={P_VIP: 1000})
FISCAL = dataclasses.replace(TERMINAL, fiscal=ISSUER)


def sell_for_cash(store: Store, *ids: str, product: str = P_GEN, terminal=FISCAL):
    total = PRICES[product] * len(ids)
    return sell(store.session_factory, terminal, request(seats(*ids, product=product), payments=[cash(total)]))


def rows(store: Store) -> list[Invoice]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(Invoice).order_by(Invoice.id)))


def test_each_sale_gets_the_next_number_of_the_window_series_with_its_tax(store: Store) -> None:
    first = sell_for_cash(store, ticket_id(GENERAL, 1), ticket_id(GENERAL, 2))
    second = sell_for_cash(store, ticket_id(VIP, 1), product=P_VIP)
    year = rows(store)[0].year
    assert (first.invoice_number, second.invoice_number) == (f"T1-{year}-1", f"T1-{year}-2")
    one, two = rows(store)
    assert (one.kind, one.total_cents, one.purchase_code) == ("F2", 5000, first.purchase_code)
    record = json.loads(two.record)
    assert record["Desglose"][0]["TipoImpositivo"] == "10.00"  # the ticket type's own rate
    assert invoices.breakdown_of(record) == (TaxLine(1000, 5455, 545),)
    assert json.loads(one.record)["Encadenamiento"] == {"PrimerRegistro": "S"}
    assert record["Encadenamiento"]["RegistroAnterior"]["Huella"] == one.huella
    with store.read_session_factory() as session:
        assert invoices.verify(session) == invoices.ChainCheck(True, 2)


def test_a_refused_sale_takes_no_number(store: Store) -> None:
    sell_for_cash(store, ticket_id(GENERAL, 1))
    with pytest.raises(SeatNotAvailable):
        sell_for_cash(store, ticket_id(GENERAL, 1))
    third = sell_for_cash(store, ticket_id(GENERAL, 2))
    assert [r.seq for r in rows(store)] == [1, 2]
    assert third.invoice_number is not None and third.invoice_number.endswith("-2")


def test_training_and_unconfigured_terminals_issue_no_invoice(store: Store) -> None:
    assert sell_for_cash(store, ticket_id(GENERAL, 1), terminal=TERMINAL).invoice_number is None
    training = dataclasses.replace(FISCAL, training=True)
    assert sell_for_cash(store, ticket_id(GENERAL, 2), terminal=training).invoice_number is None
    assert rows(store) == []


def test_comps_issue_no_invoice(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=2, name="Bea", role="supervisor", pin_hash="scrypt$x"))
    comp = request(seats(ticket_id(VIP, 1), product=P_VIP), clerk_id=2, comp_reason="Prensa", customer_name="Pat")
    assert sell(store.session_factory, FISCAL, comp).invoice_number is None
    assert rows(store) == []


def test_a_void_issues_a_rectificativa_naming_the_original_which_stays_as_it_was(store: Store) -> None:
    sale = sell_for_cash(store, ticket_id(GENERAL, 1), ticket_id(GENERAL, 2))
    [original] = rows(store)
    void_sale(store.session_factory, FISCAL, sale.purchase_code, "cliente se equivocó", actor="Sonia")
    first, rectification = rows(store)
    assert (first.record, first.huella) == (original.record, original.huella)  # never an edit
    assert (rectification.kind, rectification.rectifies_id, rectification.total_cents) == ("R5", first.id, -5000)
    assert rectification.number == f"T1-R-{first.year}-1"
    record = json.loads(rectification.record)
    assert record["FacturasRectificadas"][0]["NumSerieFactura"] == first.number
    assert record["ImporteTotal"] == "-50.00" and record["CuotaTotal"] == "-8.68"
    with store.read_session_factory() as session:
        printed = invoices.invoices_of_sale(session, sale.purchase_code, fiscal.TEST_CHECK_URL)
        assert [(i.kind, i.rectifies) for i in printed] == [("F2", None), ("R5", first.number)]
        assert invoices.verify(session).ok


def test_a_comp_void_issues_no_rectificativa(store: Store) -> None:
    sale = sell_for_cash(store, ticket_id(GENERAL, 1), terminal=TERMINAL)  # sold before invoicing was set up
    void_sale(store.session_factory, FISCAL, sale.purchase_code, "error", actor="Sonia")
    assert rows(store) == []


@pytest.mark.parametrize(("column", "edit"), [
    ("record", lambda text: text.replace('"ImporteTotal":"25.00"', '"ImporteTotal":"2.50"')),
    ("total_cents", lambda value: 250),
])
def test_an_edited_record_is_found_at_its_number(store: Store, column: str, edit) -> None:
    for n in range(1, 4):
        sell_for_cash(store, ticket_id(GENERAL, n))
    victim = rows(store)[1]
    with connected(store.path) as db:
        db.execute(f"UPDATE invoices SET {column} = ? WHERE id = ?", (edit(getattr(victim, column)), victim.id))
    with store.read_session_factory() as session:
        check = invoices.verify(session)
    assert (check.ok, check.broken, check.records) == (False, victim.number, 2)
    assert "edited" in (check.problem or "")


def test_a_deleted_record_breaks_the_chain_at_the_next(store: Store) -> None:
    for n in range(1, 4):
        sell_for_cash(store, ticket_id(GENERAL, n))
    second, third = rows(store)[1:]
    with connected(store.path) as db:
        db.execute("DELETE FROM invoices WHERE id = ?", (second.id,))
    with store.read_session_factory() as session:
        check = invoices.verify(session)
    assert (check.ok, check.broken) == (False, third.number)


class _Endpoint(BaseHTTPRequestHandler):
    received: list[tuple[str, dict]] = []
    fail_after: int | None = None

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if _Endpoint.fail_after is not None and len(_Endpoint.received) >= _Endpoint.fail_after:
            self.send_response(503)
        else:
            _Endpoint.received.append((self.headers["Idempotency-Key"], body))
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    server.disable_nagle_algorithm = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/records"
    server.shutdown()
    server.server_close()


def test_records_reach_the_submission_endpoint_exactly_once_in_order(store: Store, endpoint: str) -> None:
    _Endpoint.received, _Endpoint.fail_after = [], 1
    submitting = dataclasses.replace(FISCAL, fiscal=dataclasses.replace(ISSUER, submit=True))
    sale = sell_for_cash(store, ticket_id(GENERAL, 1), terminal=submitting)
    sell_for_cash(store, ticket_id(GENERAL, 2), terminal=submitting)
    void_sale(store.session_factory, submitting, sale.purchase_code, "error", actor="Sonia")
    outage = invoices.submit_pending(store.session_factory, endpoint)
    assert (outage.sent, outage.pending) == (1, 2) and "503" in (outage.error or "")
    _Endpoint.fail_after = None
    assert invoices.submit_pending(store.session_factory, endpoint) == invoices.Submission(2, 0)
    assert invoices.submit_pending(store.session_factory, endpoint) == invoices.Submission(0, 0)
    huellas = [r.huella for r in rows(store)]
    assert [key for key, _ in _Endpoint.received] == huellas  # each once, in chain order
    assert [body["RegistroAlta"]["Huella"] for _, body in _Endpoint.received] == huellas
    assert {r.submission for r in rows(store)} == {"sent"}


def test_submission_disabled_by_default_queues_nothing(store: Store) -> None:
    sell_for_cash(store, ticket_id(GENERAL, 1))
    assert [r.submission for r in rows(store)] == ["off"]
    assert invoices.submit_pending(store.session_factory, "http://127.0.0.1:9/") == invoices.Submission(0, 0)


def test_the_z_report_lists_the_shift_s_invoice_range(store: Store) -> None:
    from boxoffice.core.report_print import z_report_print
    from boxoffice.services.shifts import close_shift, current_shift

    sales = [sell_for_cash(store, ticket_id(GENERAL, n)) for n in range(1, 4)]
    void_sale(store.session_factory, FISCAL, sales[0].purchase_code, "error", actor="Sonia")
    shift = current_shift(store.session_factory)
    assert shift is not None
    closed = close_shift(store.session_factory, shift.id, 0, "Sonia")
    report = closed.report
    assert report is not None
    year = rows(store)[0].year
    assert report["invoices"] == [
        {"series": "T1", "first": f"T1-{year}-1", "last": f"T1-{year}-3", "count": 3, "total_cents": 7500},
        {"series": "T1-R", "first": f"T1-R-{year}-1", "last": f"T1-R-{year}-1", "count": 1, "total_cents": -2500}]
    printed = z_report_print(report, "Taquilla", "T1")
    assert printed.value("Facturas", f"T1-{year}-1 a T1-{year}-3") == "3 · 75,00\u00a0€"


def test_refunds_issue_rectificativas_for_what_came_back_and_the_sum_undoes_the_sale(store: Store) -> None:
    """A partial refund's R5 states only the refunded tickets (negative), naming the F2, which is never edited;
    the rest refunded later gets its own; together they undo the sale."""
    from boxoffice.services.refunds import refund

    sale = sell_for_cash(store, ticket_id(VIP, 1), ticket_id(VIP, 2), product=P_VIP)  # two VIP tickets at 10 %
    [original] = rows(store)
    part = refund(store.session_factory, FISCAL, sale.purchase_code, [sale.tickets[0].ticket_id], method="cash",
                  reason="no puede venir", actor="Sonia")
    assert not part.whole_sale
    first, partial = rows(store)
    assert (first.record, first.huella) == (original.record, original.huella)
    assert (partial.kind, partial.rectifies_id, partial.total_cents) == ("R5", first.id, -PRICES[P_VIP])
    record = json.loads(partial.record)
    assert record["FacturasRectificadas"][0]["NumSerieFactura"] == first.number
    assert record["DescripcionOperacion"] == "Devolución de entradas"
    assert [line["TipoImpositivo"] for line in record["Desglose"]] == ["10.00"]
    refund(store.session_factory, FISCAL, sale.purchase_code, None, method="cash", reason="tampoco", actor="Sonia")
    *_, rest = rows(store)
    assert rest.number == f"T1-R-{first.year}-2" and partial.total_cents + rest.total_cents == -first.total_cents
    with store.read_session_factory() as session:
        assert invoices.verify(session).ok
