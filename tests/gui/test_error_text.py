"""Domain errors reach the clerk as text in the window's language, with money shown as money."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.core.errors import InvalidSale, PaymentShort, SeatNotAvailable
from boxoffice.core.money import money_format
from boxoffice.core.payments import PaymentRequest, settle
from boxoffice.ui.application import install_translations
from boxoffice.ui.error_text import describe, known_codes
from boxoffice.ui.qt import QApplication


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    install_translations(qapp, "es")
    yield


def test_a_coded_error_is_shown_in_spanish(spanish: None) -> None:
    assert describe(InvalidSale("the cart is empty", code="cart_empty")) == "El carrito está vacío."


def test_money_parameters_are_shown_as_money(spanish: None) -> None:
    with pytest.raises(PaymentShort) as caught:
        settle(2500, (PaymentRequest("cash", tendered_cents=1000),))
    text = describe(caught.value, money_format("es"))
    assert "15,00" in text and "€" in text and "cents" not in text


def test_english_text_without_a_translator(qapp: QApplication) -> None:
    error = SeatNotAvailable("seat not available: another sale just took it", ["T1"], code="seat_just_taken")
    assert describe(error) == "Another sale just took one of these seats; nothing was sold."


def test_an_uncoded_error_falls_back_to_its_message_and_a_crash_is_never_shown_raw(qapp: QApplication) -> None:
    assert describe(InvalidSale("something specific", code="not_a_known_code")) == "something specific"
    assert "KeyError" not in describe(KeyError("secret internals"))
    assert "nothing was recorded" in describe(KeyError("x"))


def test_every_code_has_spanish_text(qapp: QApplication) -> None:
    english = {code: describe(InvalidSale("x", code=code)) for code in known_codes()}
    install_translations(qapp, "es")
    untranslated = [code for code in sorted(known_codes()) if describe(InvalidSale("x", code=code)) == english[code]]
    assert not untranslated


def test_a_refused_permission_names_the_action_in_spanish(spanish: None) -> None:
    from boxoffice.core.permissions import Action, PermissionRefused

    assert describe(PermissionRefused("door", Action.void)) == \
        "Su perfil no le permite anular ventas; pida ayuda a un supervisor."


def test_a_moment_parameter_is_shown_in_local_time_not_as_iso_text(spanish: None) -> None:
    from boxoffice.ui.qt import QDateTime, QLocale, Qt

    closed = "2026-09-11T22:00:00+00:00"
    text = describe(InvalidSale("closed", code="ticket_type_sale_closed",
                                params={"product": "Preventa", "closed_at": closed}))
    local = QLocale().toString(QDateTime.fromString(closed, Qt.DateFormat.ISODate).toLocalTime(),
                               QLocale.FormatType.ShortFormat)
    assert text == f"Preventa ya no está a la venta: su venta cerró el {local}."
    assert "T22:00" not in text and "+00:00" not in text
