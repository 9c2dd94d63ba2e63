"""Spanish simplified invoices and their Verifactu registration records: pure rules, no database.

A sale is sold at tax-inclusive prices; its *factura simplificada* (type F2) states the tax base and quota per
rate, and a void issues a *rectificativa* (R5, by differences: negative amounts) that names the original —
an invoice is never edited. Each invoice gets a registration record (*registro de alta*) with the fields of
the AEAT's Verifactu specification, chained to the previous record of this installation by its *huella*:
SHA-256, uppercase hex, of the text the AEAT document "Detalle de las especificaciones técnicas para
generación de la huella o hash de los registros de facturación" defines (:func:`huella`).

Amounts are integer cents everywhere; they become ``"12.35"`` text only in a record, the huella and the QR.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

#: Invoice types of the AEAT's L2 list that a box office issues.
SIMPLIFIED = "F2"
RECTIFYING_SIMPLIFIED = "R5"
#: The AEAT's check addresses for the receipt's QR (Verifactu): test (pre-production) and production.
TEST_CHECK_URL = "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR"
PRODUCTION_CHECK_URL = "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR"
#: What identifies this program in every record (``SistemaInformatico``).
SYSTEM_NAME = "Box office"
SYSTEM_ID = "BO"
SYSTEM_VERSION = "1.0"
RECORD_VERSION = "1.0"

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI = re.compile(r"(\d{8})([A-Z])")
_NIE = re.compile(r"([XYZ])(\d{7})([A-Z])")
_CIF = re.compile(r"([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])")
_CIF_LETTER_CONTROL = set("NPQRSW")  # entities whose control character is always a letter
_CIF_DIGIT_CONTROL = set("ABEH")  # ... always a digit


def normalise_nif(text: str) -> str:
    """Upper case without spaces, dots or dashes (``b-12.345.674`` -> ``B12345674``)."""
    return re.sub(r"[\s.\-]", "", text).upper()


def nif_problem(text: str) -> str | None:
    """Why ``text`` is not a valid Spanish NIF (DNI, NIE or a company's CIF), or None when its check
    character is right."""
    nif = normalise_nif(text)
    if match := _DNI.fullmatch(nif):
        expected = _DNI_LETTERS[int(match[1]) % 23]
        return None if match[2] == expected else f"the check letter of {nif} should be {expected}"
    if match := _NIE.fullmatch(nif):
        expected = _DNI_LETTERS[int(str("XYZ".index(match[1])) + match[2]) % 23]
        return None if match[3] == expected else f"the check letter of {nif} should be {expected}"
    if match := _CIF.fullmatch(nif):
        digit = _cif_control_digit(match[2])
        letter = "JABCDEFGHI"[digit]
        allowed = {letter} if match[1] in _CIF_LETTER_CONTROL else \
            {str(digit)} if match[1] in _CIF_DIGIT_CONTROL else {letter, str(digit)}
        if match[3] in allowed:
            return None
        return f"the check character of {nif} should be {' or '.join(sorted(allowed))}"
    return (f"{nif or text!r} is not a NIF: 8 digits and a letter (DNI), X/Y/Z, 7 digits and a letter (NIE), "
            "or a letter, 7 digits and a check character (company)")


def _cif_control_digit(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char)
        if position % 2 == 0:  # 1st, 3rd, 5th, 7th: doubled, its digits added
            value = sum(divmod(value * 2, 10))
        total += value
    return (10 - total % 10) % 10


def parse_rate(text: str) -> int:
    """A tax rate in percent (``"21"``, ``"10"``, ``"5.5"``) as basis points (2100); ValueError if it is not one."""
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a percentage") from None
    points = value * 100
    if not value.is_finite() or points != points.to_integral_value() or not 0 <= points <= 10000:
        raise ValueError(f"{text!r} is not a percentage between 0 and 100 with at most two decimals")
    return int(points)


@dataclass(frozen=True)
class Issuer:
    """Who issues the invoices (``[fiscal]`` in the config) and how this terminal's records are made."""

    name: str
    nif: str
    address: str
    series: str  # this window's series: the terminal id
    default_rate_bp: int = 2100
    rates_bp: Mapping[str, int] = field(default_factory=dict)  # product (ticket type) id -> basis points
    regime: str = "01"  # ClaveRegimen (L8A): 01 general
    timezone: str = "Europe/Madrid"
    check_url: str = TEST_CHECK_URL
    submit: bool = False  # records are queued toward a submission endpoint

    def rate_of(self, product_id: str, platform_bp: int | None = None) -> int:
        """The rate of a ticket type: this terminal's ``[fiscal] tax_rates`` for it, else the platform's
        (``platform_bp``, from its ticket types), else the default."""
        if product_id in self.rates_bp:
            return self.rates_bp[product_id]
        return self.default_rate_bp if platform_bp is None else platform_bp


@dataclass(frozen=True)
class TaxLine:
    """One rate's share of an invoice: base + quota == total, exactly."""

    rate_bp: int
    base_cents: int
    quota_cents: int

    @property
    def total_cents(self) -> int:
        return self.base_cents + self.quota_cents


def tax_breakdown(lines: Iterable[tuple[int, int]]) -> tuple[TaxLine, ...]:
    """Group tax-inclusive ``(rate_bp, total_cents)`` lines per rate and split each group's total into base and
    quota: the base rounded half away from zero to the cent, the quota what is left, so the invoice adds up
    to what was charged (rounding per rate, not per line, as a simplified invoice states it)."""
    totals: dict[int, int] = {}
    for rate, cents in lines:
        totals[rate] = totals.get(rate, 0) + cents
    out = []
    for rate in sorted(totals):
        total = totals[rate]
        base = _round_div(total * 10000, 10000 + rate)
        out.append(TaxLine(rate, base, total - base))
    return tuple(out)


def negate(lines: Iterable[TaxLine]) -> tuple[TaxLine, ...]:
    """The breakdown a rectificativa by differences states: the same lines, negative."""
    return tuple(TaxLine(t.rate_bp, -t.base_cents, -t.quota_cents) for t in lines)


def _round_div(numerator: int, denominator: int) -> int:
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def amount(cents: int) -> str:
    """Cents as the record's decimal text: ``1235`` -> ``"12.35"``, ``-5`` -> ``"-0.05"``."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def rate_text(rate_bp: int) -> str:
    return amount(rate_bp)


def invoice_number(series: str, year: int, number: int) -> str:
    """``<series>-<year>-<n>``: the NumSerieFactura (series + number) of an invoice."""
    return f"{series}-{year}-{number}"


def rectifying_series(series: str) -> str:
    """Rectificativas go in a series of their own (RD 1619/2012 art. 15): ``T1`` -> ``T1-R``."""
    return f"{series}-R"


def local_time(moment: datetime, timezone: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an invoice's time must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone)).replace(microsecond=0)


def record_date(local: datetime) -> str:
    """FechaExpedicionFactura: ``dd-mm-yyyy``."""
    return local.strftime("%d-%m-%Y")


def record_timestamp(local: datetime) -> str:
    """FechaHoraHusoGenRegistro: ISO 8601 with the offset (``2024-01-01T19:20:30+01:00``)."""
    return local.isoformat(timespec="seconds")


def huella(*, nif: str, number: str, date: str, kind: str, quota: str, total: str, previous: str,
           generated: str) -> str:
    """The *huella* of a registration record (registro de alta), as the AEAT's specification defines it."""
    text = (f"IDEmisorFactura={nif.strip()}&NumSerieFactura={number.strip()}&FechaExpedicionFactura={date.strip()}"
            f"&TipoFactura={kind.strip()}&CuotaTotal={quota.strip()}&ImporteTotal={total.strip()}"
            f"&Huella={previous.strip()}&FechaHoraHusoGenRegistro={generated.strip()}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest().upper()


def record_huella(record: Mapping[str, Any]) -> str:
    """The huella of a stored record, recomputed from its own fields (what ``fiscal verify`` checks)."""
    previous = record.get("Encadenamiento", {}).get("RegistroAnterior", {}).get("Huella", "")
    ident = record["IDFactura"]
    return huella(nif=ident["IDEmisorFactura"], number=ident["NumSerieFactura"],
                  date=ident["FechaExpedicionFactura"], kind=record["TipoFactura"], quota=record["CuotaTotal"],
                  total=record["ImporteTotal"], previous=previous, generated=record["FechaHoraHusoGenRegistro"])


@dataclass(frozen=True)
class PreviousRecord:
    """What a record carries of the one before it (``Encadenamiento.RegistroAnterior``)."""

    nif: str
    number: str
    date: str
    huella: str


@dataclass(frozen=True)
class InvoiceFacts:
    """One invoice as issued: what the receipt prints and the record states."""

    number: str
    kind: str
    issued_at: datetime  # local time of the issuer
    breakdown: tuple[TaxLine, ...]
    rectifies: PreviousRecord | None = None  # the original invoice (number, date) of a rectificativa
    #: what the record says was done (DescripcionOperacion); None: a sale, or the whole sale undone
    description: str | None = None

    @property
    def total_cents(self) -> int:
        return sum(t.total_cents for t in self.breakdown)

    @property
    def quota_cents(self) -> int:
        return sum(t.quota_cents for t in self.breakdown)


def registration_record(issuer: Issuer, facts: InvoiceFacts, previous: PreviousRecord | None) -> dict[str, Any]:
    """The registro de alta (field names of the AEAT's SuministroInformacion schema), its Huella included."""
    date = record_date(facts.issued_at)
    generated = record_timestamp(facts.issued_at)
    record: dict[str, Any] = {
        "IDVersion": RECORD_VERSION,
        "IDFactura": {"IDEmisorFactura": issuer.nif, "NumSerieFactura": facts.number,
                      "FechaExpedicionFactura": date},
        "NombreRazonEmisor": issuer.name,
        "TipoFactura": facts.kind,
    }
    if facts.rectifies is not None:
        record["TipoRectificativa"] = "I"  # por diferencias: the amounts below are the (negative) difference
        record["FacturasRectificadas"] = [{"IDEmisorFactura": facts.rectifies.nif,
                                           "NumSerieFactura": facts.rectifies.number,
                                           "FechaExpedicionFactura": facts.rectifies.date}]
    record |= {
        "DescripcionOperacion": facts.description or (
            "Venta de entradas" if facts.rectifies is None else "Anulación de la venta"),
        "Desglose": [{"Impuesto": "01", "ClaveRegimen": issuer.regime, "CalificacionOperacion": "S1",
                      "TipoImpositivo": rate_text(t.rate_bp), "BaseImponibleOimporteNoSujeto": amount(t.base_cents),
                      "CuotaRepercutida": amount(t.quota_cents)} for t in facts.breakdown],
        "CuotaTotal": amount(facts.quota_cents),
        "ImporteTotal": amount(facts.total_cents),
        "Encadenamiento": {"PrimerRegistro": "S"} if previous is None else {"RegistroAnterior": {
            "IDEmisorFactura": previous.nif, "NumSerieFactura": previous.number,
            "FechaExpedicionFactura": previous.date, "Huella": previous.huella}},
        "SistemaInformatico": {"NombreRazon": issuer.name, "NIF": issuer.nif,
                               "NombreSistemaInformatico": SYSTEM_NAME, "IdSistemaInformatico": SYSTEM_ID,
                               "Version": SYSTEM_VERSION, "NumeroInstalacion": issuer.series,
                               "TipoUsoPosibleSoloVerifactu": "N", "TipoUsoPosibleMultiOT": "N",
                               "IndicadorMultiplesOT": "N"},
        "FechaHoraHusoGenRegistro": generated,
        "TipoHuella": "01",  # SHA-256
    }
    record["Huella"] = record_huella(record)
    return record


def previous_of(record: Mapping[str, Any]) -> PreviousRecord:
    """The chaining reference the next record carries of ``record``."""
    ident = record["IDFactura"]
    return PreviousRecord(ident["IDEmisorFactura"], ident["NumSerieFactura"], ident["FechaExpedicionFactura"],
                          record["Huella"])


def check_url(base: str, nif: str, number: str, date: str, total_cents: int) -> str:
    """What the receipt's QR encodes: the AEAT's check address with the invoice's NIF, number, date, amount."""
    query = urlencode({"nif": nif, "numserie": number, "fecha": date, "importe": amount(total_cents)})
    return f"{base}?{query}"
