"""The pure fiscal rules: NIF check characters, tax breakdown from tax-inclusive cents, the huella, the QR URL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from boxoffice.core import fiscal
from boxoffice.core.fiscal import InvoiceFacts, Issuer, TaxLine

# The AEAT's "Detalle de las especificaciones técnicas para generación de la huella o hash de los registros de
# facturación" (Verifactu, v0.1.2), section 6.1.1: its two examples of a registro de alta, the first of a chain
# and the one chained to it, with the huella the document gives for each.
SPEC_FIRST = dict(nif="89890001K", number="12345678/G33", date="01-01-2024", kind="F1", quota="12.35",
                  total="123.45", previous="", generated="2024-01-01T19:20:30+01:00")
SPEC_FIRST_HUELLA = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
SPEC_SECOND = dict(nif="89890001K", number="12345679/G34", date="01-01-2024", kind="F1", quota="12.35",
                   total="123.45", previous=SPEC_FIRST_HUELLA, generated="2024-01-01T19:20:35+01:00")
SPEC_SECOND_HUELLA = "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"

ISSUER = Issuer(name="Teatro Ejemplo SL", nif="B12345674", address="Calle Mayor 1, Madrid", series="T1")


def test_huella_of_the_specifications_examples() -> None:
    assert fiscal.huella(**SPEC_FIRST) == SPEC_FIRST_HUELLA
    assert fiscal.huella(**SPEC_SECOND) == SPEC_SECOND_HUELLA


def test_a_record_built_from_the_examples_facts_has_the_examples_huella() -> None:
    """The record's own fields, read back by record_huella, give the spec's hash (field order and names)."""
    record = {"IDFactura": {"IDEmisorFactura": "89890001K", "NumSerieFactura": "12345679/G34",
                            "FechaExpedicionFactura": "01-01-2024"}, "TipoFactura": "F1", "CuotaTotal": "12.35",
              "ImporteTotal": "123.45", "FechaHoraHusoGenRegistro": "2024-01-01T19:20:35+01:00",
              "Encadenamiento": {"RegistroAnterior": {"Huella": SPEC_FIRST_HUELLA}}}
    assert fiscal.record_huella(record) == SPEC_SECOND_HUELLA


@pytest.mark.parametrize("nif", ["12345678Z", "89890001K", "X1234567L", "Y1234567X", "Z1234567R", "B12345674",
                                 "A58818501", "Q2826000H", "b-12.345.674"])
def test_valid_nifs(nif: str) -> None:
    assert fiscal.nif_problem(nif) is None


@pytest.mark.parametrize(("nif", "says"), [("12345678A", "should be Z"), ("X1234567A", "should be L"),
                                           ("B12345675", "should be 4"), ("Q2826000A", "should be H"),
                                           ("1234", "is not a NIF"), ("", "is not a NIF")])
def test_invalid_nifs_say_what_is_wrong(nif: str, says: str) -> None:
    problem = fiscal.nif_problem(nif)
    assert problem is not None and says in problem


def test_breakdown_adds_up_to_what_was_charged() -> None:
    """Tax-inclusive: 25,00 at 21 % is 20,66 + 4,34; three tickets at 10 % rounded once for the rate."""
    assert fiscal.tax_breakdown([(2100, 2500)]) == (TaxLine(2100, 2066, 434),)
    lines = fiscal.tax_breakdown([(1000, 999), (1000, 999), (1000, 999), (2100, 100)])
    assert lines == (TaxLine(1000, 2725, 272), TaxLine(2100, 83, 17))
    for cents in range(1, 2000):
        (line,) = fiscal.tax_breakdown([(2100, cents)])
        assert line.total_cents == cents
        assert abs(line.base_cents * 12100 - cents * 10000) <= 12100 // 2  # the base is the nearest cent


def test_amounts_and_rates_as_record_text() -> None:
    assert [fiscal.amount(c) for c in (0, 5, 1235, -1235, -5)] == ["0.00", "0.05", "12.35", "-12.35", "-0.05"]
    assert fiscal.parse_rate("21") == 2100 and fiscal.parse_rate("5,5") == 550 and fiscal.rate_text(1000) == "10.00"
    for bad in ("x", "101", "-1", "1.234"):
        with pytest.raises(ValueError):
            fiscal.parse_rate(bad)


def test_registration_record_fields_and_chain() -> None:
    issued = fiscal.local_time(datetime(2026, 7, 18, 18, 5, 9, 123, tzinfo=UTC), "Europe/Madrid")
    facts = InvoiceFacts("T1-2026-1", "F2", issued, fiscal.tax_breakdown([(2100, 2500)]))
    first = fiscal.registration_record(ISSUER, facts, None)
    assert first["IDFactura"] == {"IDEmisorFactura": "B12345674", "NumSerieFactura": "T1-2026-1",
                                  "FechaExpedicionFactura": "18-07-2026"}
    assert first["TipoFactura"] == "F2" and first["CuotaTotal"] == "4.34" and first["ImporteTotal"] == "25.00"
    assert first["FechaHoraHusoGenRegistro"] == "2026-07-18T20:05:09+02:00"
    assert first["Encadenamiento"] == {"PrimerRegistro": "S"}
    assert first["SistemaInformatico"]["NombreSistemaInformatico"] == fiscal.SYSTEM_NAME
    assert first["Huella"] == fiscal.huella(nif="B12345674", number="T1-2026-1", date="18-07-2026", kind="F2",
                                            quota="4.34", total="25.00", previous="",
                                            generated="2026-07-18T20:05:09+02:00")
    void = InvoiceFacts("T1-R-2026-1", "R5", issued, fiscal.negate(facts.breakdown), fiscal.previous_of(first))
    second = fiscal.registration_record(ISSUER, void, fiscal.previous_of(first))
    assert second["FacturasRectificadas"] == [{"IDEmisorFactura": "B12345674", "NumSerieFactura": "T1-2026-1",
                                               "FechaExpedicionFactura": "18-07-2026"}]
    assert second["ImporteTotal"] == "-25.00" and second["TipoRectificativa"] == "I"
    assert second["Encadenamiento"]["RegistroAnterior"]["Huella"] == first["Huella"]


def test_check_url_carries_the_invoice() -> None:
    url = fiscal.check_url(fiscal.TEST_CHECK_URL, "B12345674", "T1-2026-7", "18-07-2026", 2500)
    assert url == ("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=T1-2026-7"
                   "&fecha=18-07-2026&importe=25.00")
