"""Ticket, receipt and report layouts drawn on any QPainter (PDF writer, system printer, image).

Coordinates are device units; :class:`Page` converts millimetres with the device resolution, so one layout serves
a 300 dpi PDF and a 203 dpi thermal printer alike. Strings come from :func:`text` in Spanish or English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from boxoffice.core.money import money_format
from boxoffice.core.printout import ReceiptInvoice, ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint, format_when
from boxoffice.core.seats import place_parts
from boxoffice.printing.barcodes import draw_code128, draw_qr

FONT_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class Stock:
    """A paper stock: page size and the margins the printer can really print to, in millimetres."""

    name: str
    width_mm: float
    height_mm: float
    margin_mm: float


STOCKS: dict[str, Stock] = {
    # 80 mm roll: the head prints 72 mm; one ticket is cut every 150 mm.
    "thermal-80mm": Stock("thermal-80mm", 80.0, 150.0, 4.0),
    # 2" x 5.5" fanfold ticket stock, printed portrait (the short side across the head).
    "fanfold-2x5.5": Stock("fanfold-2x5.5", 50.8, 139.7, 2.5),
    # 3.25" x 8" fanfold (Boca's large ticket), also portrait.
    "fanfold-3.25x8": Stock("fanfold-3.25x8", 82.55, 203.2, 3.0),
}
RECEIPT_STOCK = "thermal-80mm"


def stock(name: str) -> Stock:
    try:
        return STOCKS[name]
    except KeyError:
        raise ValueError(f"unknown ticket stock {name!r}; choose one of {', '.join(sorted(STOCKS))}") from None


_TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "general": "General",
        "row": "Fila",
        "seat": "Butaca",
        "zone": "Zona",
        "reprint": "DUPLICADO",
        "training": "TRAINING / FORMACIÓN",
        "comp": "CORTESÍA",
        "purchase": "Compra",
        "office": "Taquilla",
        "clerk": "Vendedor",
        "receipt": "Recibo",
        "subtotal": "Subtotal",
        "total": "Total",
        "paid": "Pagado",
        "change": "Cambio",
        "discount": "Descuento",
        "date_tbd": "Fecha por confirmar",
        "thanks": "Gracias por su compra",
        "cash": "Efectivo",
        "card": "Tarjeta",
        "printed": "Impreso",
        "terminal": "Terminal",
        "pass_ticket": "Entrada {n} de {of}",
        "pass_price": "Pase completo: {price}",
        "invoice_F2": "Factura simplificada {number}",
        "invoice_R5": "Factura rectificativa {number}",
        "rectifies": "Rectifica la factura {number}",
        "tax_line": "IVA {rate} % s/ {base}",
        "vat_included": "IVA incluido",
        "qr_note": "QR tributario: factura verificable en la sede electrónica de la AEAT",
    },
    "en": {
        "general": "General admission",
        "row": "Row",
        "seat": "Seat",
        "zone": "Zone",
        "reprint": "REPRINT",
        "training": "TRAINING / FORMACIÓN",
        "comp": "COMP",
        "purchase": "Purchase",
        "office": "Box office",
        "clerk": "Clerk",
        "receipt": "Receipt",
        "subtotal": "Subtotal",
        "total": "Total",
        "paid": "Paid",
        "change": "Change",
        "discount": "Discount",
        "date_tbd": "Date to be announced",
        "thanks": "Thank you",
        "cash": "Cash",
        "card": "Card",
        "printed": "Printed",
        "terminal": "Terminal",
        "pass_ticket": "Ticket {n} of {of}",
        "pass_price": "Whole pass: {price}",
        "invoice_F2": "Simplified invoice {number}",
        "invoice_R5": "Corrective invoice {number}",
        "rectifies": "Corrects invoice {number}",
        "tax_line": "VAT {rate} % on {base}",
        "vat_included": "VAT included",
        "qr_note": "Tax QR: the invoice can be checked at the AEAT's website",
    },
}

_MONTHS = {
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WEEKDAYS = {
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def _lang(language: str) -> str:
    key = language.split("_")[0].split("-")[0].lower()
    if key not in _TEXTS:
        raise ValueError(f"no printed texts for language {language!r}; use one of {', '.join(sorted(_TEXTS))}")
    return key


def text(key: str, language: str) -> str:
    """A printed string in ``language`` ("es" or "en")."""
    return _TEXTS[_lang(language)][key]


def place_words(ticket: TicketPrint, language: str, with_zone: bool = False) -> list[str]:
    """``["Fila D", "Butaca 101"]`` (the zone first with ``with_zone``): the seat as a person reads it, never
    the platform's seat code; ``["General"]`` for general admission."""
    lang = _lang(language)
    return place_parts(ticket.place, {key: text(key, lang) for key in ("general", "row", "seat")}, with_zone)


def product_words(ticket: TicketPrint, language: str) -> tuple[str, str, str | None]:
    """What the ticket is and its price: ``("Pase Familiar — General", "", "Entrada 2 de 5 · Pase completo:
    80,00 €")`` for a ticket of a pass (the pass's whole price, never a made-up share of it on each ticket),
    ``("Adulto", "25,00 €", None)`` otherwise."""
    lang = _lang(language)
    money = money_format(lang)
    share = ticket.pass_of
    if share is None:
        return ticket.product, money.format(ticket.price_cents), None
    detail = " · ".join((text("pass_ticket", lang).format(n=share.number, of=share.of),
                         text("pass_price", lang).format(price=money.format(share.price_cents))))
    return f"{share.name} — {ticket.product}", "", detail


def payment_label(method: str, language: str) -> str:
    """ "cash" -> "Efectivo" / "Cash"; a label that is not a known method code is printed as given."""
    return _TEXTS[_lang(language)].get(method, method) if method in ("cash", "card") else method


def format_event_date(when: datetime | None, language: str) -> str:
    """``sáb 5 dic 2026 · 20:30`` / ``Sat Dec 5, 2026 · 8:30 PM`` in the event's own time zone."""
    lang = _lang(language)
    if when is None:
        return text("date_tbd", lang)
    day = _WEEKDAYS[lang][when.weekday()]
    month = _MONTHS[lang][when.month - 1]
    if lang == "es":
        return f"{day} {when.day} {month} {when.year} · {when:%H:%M}"
    hour = when.hour % 12 or 12
    return f"{day} {month} {when.day}, {when.year} · {hour}:{when:%M} {'AM' if when.hour < 12 else 'PM'}"


def format_receipt_date(when: datetime, language: str) -> str:
    lang = _lang(language)
    if lang == "es":
        return f"{when:%d/%m/%Y %H:%M}"
    return f"{when:%Y-%m-%d %H:%M}"


class Page:
    """Millimetre helpers and text drawing for one painter page of a given width."""

    def __init__(self, painter: QPainter, dpi: float, width_mm: float, margin_mm: float) -> None:
        self.painter = painter
        self.dpi = dpi
        self.left = self.mm(margin_mm)
        self.width = self.mm(width_mm - 2 * margin_mm)
        self.y = self.mm(margin_mm)

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def font(self, size_pt: float, bold: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        # Pixel size from points at the device resolution: independent of the painter's logical dpi.
        font.setPixelSize(max(1, round(size_pt * self.dpi / 72)))
        font.setBold(bold)
        return font

    def text(
        self,
        value: str,
        size_pt: float,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        colour: QColor | None = None,
        gap_mm: float = 0.8,
    ) -> None:
        """Draw wrapped text across the page width at the current y, then move y below it."""
        font = self.font(size_pt, bold)
        self.painter.setFont(font)
        self.painter.setPen(QPen(colour or QColor(0, 0, 0)))
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        box = QRectF(self.left, self.y, self.width, self.mm(200))
        used = self.painter.boundingRect(box, flags, value)
        self.painter.drawText(box, flags, value)
        self.y += used.height() + self.mm(gap_mm)

    def fits(self, value: str, size_pt: float, bold: bool = False) -> bool:
        return QFontMetricsF(self.font(size_pt, bold)).horizontalAdvance(value) <= self.width

    def line(self, value: str, size_pt: float, min_pt: float, bold: bool = False,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter, gap_mm: float = 0.8) -> None:
        """One line that never wraps: the largest size from ``size_pt`` down to ``min_pt`` at which it fits,
        elided at the end ("…") only when even ``min_pt`` is too wide."""
        size = size_pt
        while size > min_pt and not self.fits(value, size, bold):
            size = max(min_pt, size - 0.5)
        font = self.font(size, bold)
        metrics = QFontMetricsF(font)
        shown = metrics.elidedText(value, Qt.TextElideMode.ElideRight, self.width)
        self.painter.setFont(font)
        self.painter.setPen(QPen(QColor(0, 0, 0)))
        box = QRectF(self.left, self.y, self.width, metrics.height())
        self.painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine), shown)
        self.y += metrics.height() + self.mm(gap_mm)

    def parts(self, parts: list[str], size_pt: float, min_pt: float, bold: bool = False, gap_mm: float = 0.8) -> None:
        """``Fila D · Butaca 101`` on one line when it fits at ``min_pt`` or more, else one part per line (each
        fitted): a seat is never split mid-word."""
        joined = " · ".join(parts)
        if len(parts) == 1 or self.fits(joined, min_pt, bold):
            self.line(joined, size_pt, min_pt, bold, gap_mm=gap_mm)
            return
        for i, part in enumerate(parts):
            self.line(part, size_pt, min_pt, bold, gap_mm=gap_mm if i == len(parts) - 1 else 0.2)

    def pair(self, left: str, right: str, size_pt: float, bold: bool = False, gap_mm: float = 0.4) -> None:
        """Left text and right-aligned text on one line (receipt rows); long left text wraps."""
        font = self.font(size_pt, bold)
        self.painter.setFont(font)
        self.painter.setPen(QPen(QColor(0, 0, 0)))
        metrics = QFontMetricsF(font)
        right_width = metrics.horizontalAdvance(right) + self.mm(2)
        top = Qt.AlignmentFlag.AlignTop
        left_flags = int(Qt.AlignmentFlag.AlignLeft | top | Qt.TextFlag.TextWordWrap)
        left_box = QRectF(self.left, self.y, self.width - right_width, self.mm(100))
        used = self.painter.boundingRect(left_box, left_flags, left)
        self.painter.drawText(left_box, left_flags, left)
        right_box = QRectF(self.left, self.y, self.width, metrics.height())
        self.painter.drawText(right_box, int(Qt.AlignmentFlag.AlignRight | top), right)
        self.y += max(used.height(), metrics.height()) + self.mm(gap_mm)

    def rule(self, gap_mm: float = 1.5, dashed: bool = False) -> None:
        pen = QPen(QColor(0, 0, 0))
        pen.setWidthF(self.mm(0.25))
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.painter.setPen(pen)
        self.y += self.mm(gap_mm / 2)
        self.painter.drawLine(round(self.left), round(self.y), round(self.left + self.width), round(self.y))
        self.y += self.mm(gap_mm / 2)

    def banner(self, value: str, size_pt: float) -> None:
        """White text on a black band: REPRINT / TRAINING / COMP, impossible to miss at the door."""
        font = self.font(size_pt, bold=True)
        height = QFontMetricsF(font).height() + self.mm(1.5)
        self.painter.fillRect(QRectF(self.left, self.y, self.width, height), QColor(0, 0, 0))
        self.painter.setFont(font)
        self.painter.setPen(QPen(QColor(255, 255, 255)))
        self.painter.drawText(QRectF(self.left, self.y, self.width, height), int(Qt.AlignmentFlag.AlignCenter), value)
        self.y += height + self.mm(1.2)


def _readable_on(colour: QColor) -> QColor:
    """Black or white text, whichever reads better on ``colour``."""
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor(0, 0, 0) if luminance > 150 else QColor(255, 255, 255)


def draw_ticket(painter: QPainter, ticket: TicketPrint, paper: Stock, dpi: float, language: str = "es") -> None:
    """Draw one ticket on the current page: top to bottom, what a door checker and a customer look for."""
    lang = _lang(language)
    page = Page(painter, dpi, paper.width_mm, paper.margin_mm)
    narrow = paper.width_mm < 60
    scale = 0.8 if narrow else 1.0

    flags = [
        text(k, lang)
        for k, on in (("training", ticket.training), ("reprint", ticket.reprint), ("comp", ticket.comp))
        if on
    ]
    for flag in flags:
        page.banner(flag, 9 * scale)

    page.text(ticket.event_name, 15 * scale, bold=True, gap_mm=0.6)
    page.text(format_event_date(ticket.event_start, lang), 10 * scale, gap_mm=1.5)

    # Zone band in the zone's colour, name readable on it; a thin frame so a pale colour still shows on white.
    zone_colour = QColor(ticket.zone_colour)
    band_font = page.font(11 * scale, bold=True)
    band_height = QFontMetricsF(band_font).height() + page.mm(2)
    band = QRectF(page.left, page.y, page.width, band_height)
    painter.fillRect(band, zone_colour)
    frame = QPen(QColor(0, 0, 0))
    frame.setWidthF(page.mm(0.2))
    painter.setPen(frame)
    painter.drawRect(band)
    zone_text = f"{text('zone', lang)} {ticket.zone}"
    band_pt = 11 * scale
    while band_pt > 7 * scale and not page.fits(zone_text, band_pt, bold=True):
        band_pt -= 0.5  # a long zone name shrinks inside its band (the band keeps its height)
    band_font = page.font(band_pt, bold=True)
    painter.setFont(band_font)
    painter.setPen(QPen(_readable_on(zone_colour)))
    shown = QFontMetricsF(band_font).elidedText(zone_text, Qt.TextElideMode.ElideRight, page.width - page.mm(1))
    painter.drawText(band, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine), shown)
    page.y += band_height + page.mm(1.5)

    # "Fila D · Butaca 101", as large as fits the stock, never wrapped mid-word (the zone is in the band).
    page.parts(place_words(ticket, lang), 16 * scale, 10 * scale, bold=True, gap_mm=1.2)

    product, price, detail = product_words(ticket, lang)
    page.pair(product, price, 11 * scale, bold=True, gap_mm=0.4 if detail else 1.0)
    if detail:
        page.text(detail, 8.5 * scale, gap_mm=1.0)
    page.rule(gap_mm=2.0, dashed=True)

    # QR: square, as wide as the page allows up to 32 mm (scans from a phone-held distance at the door).
    qr_side = min(page.width, page.mm(32 if not narrow else 28))
    qr_box = draw_qr(painter, ticket.barcode, QRectF(page.left, page.y, page.width, qr_side))
    page.y = qr_box.bottom() + page.mm(1)

    # Code128 with its human-readable text underneath; bars of one dot where two do not fit (2" stock at 200 dpi).
    bars = draw_code128(painter, ticket.barcode, QRectF(page.left, page.y, page.width, page.mm(12)), min_module=1)
    page.y = bars.bottom() + page.mm(0.8)
    mono = QFont("DejaVu Sans Mono")
    mono.setPixelSize(round(9 * scale * dpi / 72))
    painter.setFont(mono)
    painter.setPen(QPen(QColor(0, 0, 0)))
    mono_height = QFontMetricsF(mono).height()
    painter.drawText(
        QRectF(page.left, page.y, page.width, mono_height), int(Qt.AlignmentFlag.AlignHCenter), ticket.barcode
    )
    page.y += mono_height + page.mm(1.5)

    page.rule(gap_mm=1.5, dashed=True)
    small = 7.5 * scale
    page.text(f"{text('purchase', lang)} {ticket.purchase_code}", small, bold=True, gap_mm=0.3)
    page.text(f"{text('office', lang)}: {ticket.office} · {text('clerk', lang)}: {ticket.clerk}", small)


def draw_receipt(painter: QPainter, receipt: ReceiptPrint, dpi: float, language: str = "es") -> float:
    """Draw the receipt on an 80 mm page; returns the height used in millimetres."""
    lang = _lang(language)
    money = money_format(lang)
    paper = STOCKS[RECEIPT_STOCK]
    page = Page(painter, dpi, paper.width_mm, paper.margin_mm)
    if receipt.training:
        page.banner(text("training", lang), 9)
    if receipt.reprint:
        page.banner(text("reprint", lang), 9)
    page.text(receipt.office, 13, bold=True, align=Qt.AlignmentFlag.AlignHCenter, gap_mm=0.4)
    page.text(text("receipt", lang), 10, align=Qt.AlignmentFlag.AlignHCenter, gap_mm=1.5)
    page.pair(f"{text('purchase', lang)} {receipt.purchase_code}", "", 8.5, bold=True)
    page.pair(format_receipt_date(receipt.date, lang), f"{text('clerk', lang)}: {receipt.clerk}", 8.5)
    page.rule()
    for line in receipt.lines:
        label = (
            line.description
            if line.quantity == 1
            else (f"{line.quantity} × {line.description} ({money.format(line.unit_cents)})")
        )
        page.pair(label, money.format(line.total_cents), 9)
    page.rule()
    page.pair(text("subtotal", lang), money.format(receipt.subtotal_cents), 9)
    for discount in receipt.discounts:
        page.pair(discount.description or text("discount", lang), money.format(-discount.amount_cents), 9)
    page.pair(text("total", lang), money.format(receipt.total_cents), 12, bold=True, gap_mm=1.0)
    for invoice in receipt.invoices:
        _draw_invoice(page, invoice, lang)
    page.rule(dashed=True)
    for payment in receipt.payments:
        page.pair(payment_label(payment.method, lang), money.format(payment.amount_cents), 9)
        if payment.change_cents:
            page.pair(f"  {text('change', lang)}", money.format(payment.change_cents), 9)
    page.rule(dashed=True)
    page.text(text("thanks", lang), 9, align=Qt.AlignmentFlag.AlignHCenter)
    return page.y * 25.4 / dpi + paper.margin_mm


def invoice_lines(invoice: ReceiptInvoice, lang: str) -> tuple[str, list[tuple[str, str]]]:
    """An invoice's heading lines and its (label, amount) tax rows, for every output alike."""
    money = money_format(lang)
    head = [text(f"invoice_{invoice.kind}", lang).format(number=invoice.number),
            f"{invoice.issuer_name} · NIF {invoice.issuer_nif} · {invoice.date}"]
    if invoice.rectifies:
        head.append(text("rectifies", lang).format(number=invoice.rectifies))
    rows = [(text("tax_line", lang).format(rate=_percent(t.rate_bp, lang), base=money.format(t.base_cents)),
             money.format(t.quota_cents)) for t in invoice.taxes]
    rows.append((text("vat_included", lang), money.format(invoice.total_cents)))
    return "\n".join(head), rows


def _percent(rate_bp: int, lang: str) -> str:
    whole, rest = divmod(rate_bp, 100)
    if not rest:
        return str(whole)
    return f"{whole}{',' if lang == 'es' else '.'}{rest:02d}".rstrip("0")


def _draw_invoice(page: Page, invoice: ReceiptInvoice, lang: str) -> None:
    """The invoice block under the total: number, issuer, tax per rate, and the Verifactu QR."""
    page.rule(dashed=True)
    head, rows = invoice_lines(invoice, lang)
    first, *rest = head.split("\n")
    page.text(first, 9, bold=True, gap_mm=0.4)
    for line in rest:
        page.text(line, 7.5, gap_mm=0.3)
    for label, value in rows:
        page.pair(label, value, 8)
    side = page.mm(30)
    box = draw_qr(page.painter, invoice.qr, QRectF(page.left, page.y, page.width, side))
    page.y = box.bottom() + page.mm(0.5)
    page.text(text("qr_note", lang), 6.5, align=Qt.AlignmentFlag.AlignHCenter, gap_mm=0.5)


def draw_report(painter: QPainter, report: ReportPrint, dpi: float, language: str = "es") -> float:
    """Draw a report (Z report) on an 80 mm page; returns the height used in millimetres."""
    lang = _lang(language)
    paper = STOCKS[RECEIPT_STOCK]
    page = Page(painter, dpi, paper.width_mm, paper.margin_mm)
    if report.training:
        page.banner(text("training", lang), 9)
    page.text(report.title, 14, bold=True, align=Qt.AlignmentFlag.AlignHCenter, gap_mm=0.4)
    page.text(report.office, 10, bold=True, align=Qt.AlignmentFlag.AlignHCenter, gap_mm=0.4)
    page.pair(f"{text('terminal', lang)} {report.terminal}", "", 8.5)
    page.pair(text("printed", lang), format_when(report.printed_at, lang), 8.5)
    for section in report.sections:
        page.rule(gap_mm=2.0, dashed=not section.title)
        if section.title:
            page.text(section.title, 10.5, bold=True, gap_mm=0.6)
        for label, value in section.rows:
            page.pair(label, value, 9)
    page.rule(gap_mm=2.0)
    return page.y * 25.4 / dpi + paper.margin_mm
