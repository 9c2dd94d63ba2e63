"""Terminal configuration: one TOML file, validated into a typed :class:`Config`.

The file holds where the central platform is and who this terminal is; never the API token (that lives in the
OS keyring, see :mod:`boxoffice.credentials`). Every bad value is reported with its key and what is expected,
because the person reading the message is an installer at a kiosk, not a developer.

``central.ca_file`` is saved as an absolute path. A relative one already in a file (hand-written, or saved by an
older version) means relative to the folder of that config file, never to the working directory: a kiosk
autostart runs in some other directory and must find the same file.
"""

from __future__ import annotations

import os
import socket
import tempfile
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from boxoffice.core.discounts import DEFAULT_CLERK_MAX_DISCOUNT_PERCENT
from boxoffice.core.errors import ConfigError
from boxoffice.core.fiscal import TEST_CHECK_URL, nif_problem, parse_rate

LANGUAGES = ("es", "en")
PRINTER_KINDS = ("none", "system", "pdf", "escpos-network", "escpos-usb", "escpos-serial", "fgl-network", "fgl-usb",
                 "fgl-serial")
TICKET_STOCKS = ("fanfold-2x5.5", "fanfold-3.25x8", "thermal-80mm")
FGL_STOCKS = ("fanfold-2x5.5", "fanfold-3.25x8")  # what Boca-style ticket printers take
FGL_DPIS = (200, 300, 600)
SCANNER_SUFFIXES = ("enter", "tab", "none")
SCANNER_PREFIX_MAX = 8


@dataclass(frozen=True)
class CentralConfig:
    url: str = ""
    office_id: str = ""
    office_name: str = ""
    ca_file: str = ""  # CA bundle for a central platform with a private/self-signed certificate
    #: the platform is the office hub (issue #18; found by ``boxoffice pair``): every sale holds its seats there
    #: first, and while it cannot be reached the window sells only its lease
    hub: bool = False


@dataclass(frozen=True)
class TerminalConfig:
    id: str = field(default_factory=lambda: socket.gethostname() or "terminal")
    language: str = "es"
    kiosk: bool = False


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "none"
    name: str = ""  # system printer name (CUPS / Windows spooler)
    address: str = ""  # host[:port] for network ESC/POS, device for serial, vendor:product for USB
    # (FGL: host[:9100], or the device file /dev/usb/lp0, /dev/ttyUSB0@19200, COM3)
    pdf_dir: str = ""  # where PDF "printouts" go
    stock: str = "thermal-80mm"
    dpi: int = 200  # FGL ticket printers: the print head's resolution, 200, 300 or 600


@dataclass(frozen=True)
class SyncConfig:
    batch_size: int = 500
    horizon_hours: int = 20  # warn when a sale waits longer: many platforms forget idempotency keys at 24 h


@dataclass(frozen=True)
class PermissionsConfig:
    #: a clerk may take up to this percentage off a line's list price; above it a supervisor approves
    clerk_max_discount_percent: int = DEFAULT_CLERK_MAX_DISCOUNT_PERCENT


@dataclass(frozen=True)
class ScannerConfig:
    """How a keyboard-wedge scanner is told from a person typing fast (boxoffice/ui/scan_rules.py)."""

    prefix: str = ""  # characters the scanner sends before each code (none by default); a prefixed burst is a scan
    suffix: str = "enter"  # the key it sends after each code: enter | tab | none (the keys simply stop)
    max_key_interval_ms: int = 40  # a scanner's keys come at most this far apart
    max_jitter_ms: int = 15  # ... and evenly: the longest and shortest gap differ by at most this
    min_length: int = 6  # shorter bursts are a person's


@dataclass(frozen=True)
class FiscalConfig:
    """Who issues the simplified invoices (boxoffice/core/fiscal.py). No NIF: no invoices are issued."""

    name: str = ""  # the issuer's business name (razón social)
    nif: str = ""  # its NIF/CIF, check character validated
    address: str = ""
    regime: str = "01"  # ClaveRegimen of the AEAT's list L8A: 01 general
    default_tax_rate: str = "21"  # percent, prices are tax-inclusive; cultural events often "10"
    tax_rates: dict[str, str] = field(default_factory=dict)  # ticket type (product id) -> percent
    timezone: str = "Europe/Madrid"  # the invoices' dates (Canarias: "Atlantic/Canary")
    check_url: str = TEST_CHECK_URL  # the QR's AEAT check address (production: www2.agenciatributaria.gob.es)
    submission_url: str = ""  # where records are sent; empty: disabled


@dataclass(frozen=True)
class DoorConfig:
    """A door terminal (issue #16 point 5): which scan point it is, as the ticket types' acceptedScanPoints say."""

    scan_point: str = ""  # e.g. "main-door"; empty: a ticket limited to some scan points is not accepted here
    sync_seconds: int = 30  # how often the door snapshot is refreshed and entries sent while online


@dataclass(frozen=True)
class Config:
    central: CentralConfig = field(default_factory=CentralConfig)
    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    permissions: PermissionsConfig = field(default_factory=PermissionsConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)
    fiscal: FiscalConfig = field(default_factory=FiscalConfig)
    door: DoorConfig = field(default_factory=DoorConfig)

    @property
    def paired(self) -> bool:
        return bool(self.central.url and self.central.office_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_SECTIONS: dict[str, type] = {
    "central": CentralConfig,
    "terminal": TerminalConfig,
    "printer": PrinterConfig,
    "sync": SyncConfig,
    "permissions": PermissionsConfig,
    "scanner": ScannerConfig,
    "fiscal": FiscalConfig,
    "door": DoorConfig,
}


def load_config(path: Path) -> Config:
    """Read and validate ``path``; a missing file is an unpaired terminal with defaults, not an error."""
    if not path.exists():
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the file is not UTF-8 text; save it as UTF-8", code="config_not_utf8",
                          params={"source": str(path)}) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the line or delete the file to start over",
                          code="config_not_toml", params={"source": str(path), "detail": str(exc)}) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})", code="config_unreadable",
                          params={"source": str(path), "reason": str(exc.strerror or exc)}) from None
    return config_from_dict(raw, source=str(path), base=path.parent)


def config_from_dict(raw: dict[str, Any], source: str = "config", base: Path | None = None) -> Config:
    """Build a :class:`Config` from parsed TOML, rejecting unknown keys (typos) and wrong types.

    ``base`` is the folder relative paths are read against (the config file's); None: the working directory.
    """
    unknown = sorted(set(raw) - set(_SECTIONS))
    if unknown:
        raise ConfigError(f"{source}: unknown section [{unknown[0]}]; expected one of {', '.join(_SECTIONS)}",
                          code="config_unknown_section",
                          params={"source": source, "section": unknown[0], "expected": ", ".join(_SECTIONS)})
    sections: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        values = raw.get(name, {})
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: {name} must be a table ([{name}])", code="config_not_a_table",
                              params={"source": source, "key": name})
        sections[name] = _build_section(name, cls, values, source)
    central = sections["central"]
    if central.ca_file:
        sections["central"] = replace(central, ca_file=absolute_path(central.ca_file, base))
    config = Config(**sections)
    validate(config, source)
    return config


def _build_section(name: str, cls: type, values: dict[str, Any], source: str) -> Any:
    defaults = cls()
    known = {f for f in asdict(defaults)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown key {name}.{key}; expected one of {', '.join(sorted(known))}",
                              code="config_unknown_key",
                              params={"source": source, "key": f"{name}.{key}", "expected": ", ".join(sorted(known))})
        expected = type(getattr(defaults, key))
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"{source}: {name}.{key} must be a whole number, got {value!r}",
                              code="config_not_whole_number",
                              params={"source": source, "key": f"{name}.{key}", "value": repr(value)})
        if expected is not int and not isinstance(value, expected):
            raise ConfigError(f"{source}: {name}.{key} must be {_type_word(expected)}, got {value!r}",
                              code="config_not_true_false" if expected is bool else "config_not_text",
                              params={"source": source, "key": f"{name}.{key}", "value": repr(value)})
    return replace(defaults, **values)


def _type_word(kind: type) -> str:
    return {str: "text in quotes", bool: "true or false"}.get(kind, kind.__name__)


def validate(config: Config, source: str = "config") -> None:
    """Check the values that types alone do not catch."""
    url = config.central.url
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{source}: central.url must be an http:// or https:// address, got {url!r}",
                              code="config_url_invalid", params={"source": source, "value": url})
    if url and not config.central.office_id:
        raise ConfigError(f"{source}: central.office_id is required when central.url is set",
                          code="config_office_missing", params={"source": source})
    if config.central.ca_file and not Path(config.central.ca_file).is_file():
        raise ConfigError(f"{source}: central.ca_file {config.central.ca_file!r} does not exist",
                          code="config_ca_file_missing", params={"source": source, "path": config.central.ca_file})
    if not config.terminal.id.strip():
        raise ConfigError(f"{source}: terminal.id must not be empty", code="config_terminal_id_empty",
                          params={"source": source})
    _one_of(source, "terminal.language", config.terminal.language, LANGUAGES)
    _one_of(source, "printer.kind", config.printer.kind, PRINTER_KINDS)
    _one_of(source, "printer.stock", config.printer.stock, TICKET_STOCKS)
    _validate_fgl(config.printer, source)
    if not 1 <= config.sync.batch_size <= 1000:
        raise ConfigError(f"{source}: sync.batch_size must be between 1 and 1000, got {config.sync.batch_size}",
                          code="config_out_of_range", params=_range(source, "sync.batch_size", 1, 1000,
                                                                    config.sync.batch_size))
    if not 1 <= config.sync.horizon_hours <= 24 * 30:
        raise ConfigError(f"{source}: sync.horizon_hours must be between 1 and 720, got {config.sync.horizon_hours}",
                          code="config_out_of_range", params=_range(source, "sync.horizon_hours", 1, 720,
                                                                    config.sync.horizon_hours))
    percent = config.permissions.clerk_max_discount_percent
    if not 0 <= percent <= 100:
        raise ConfigError(f"{source}: permissions.clerk_max_discount_percent must be between 0 and 100 (percent of "
                          f"a line's list price a clerk may take off without a supervisor), got {percent}",
                          code="config_out_of_range",
                          params=_range(source, "permissions.clerk_max_discount_percent", 0, 100, percent))
    _validate_scanner(config.scanner, source)
    _validate_fiscal(config.fiscal, config.terminal.id, source)


def _validate_fiscal(fiscal: FiscalConfig, terminal_id: str, source: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    def refuse(key: str, why: str) -> ConfigError:
        return ConfigError(f"{source}: fiscal.{key}: {why}", code="config_fiscal_invalid",
                           params={"source": source, "key": f"fiscal.{key}", "reason": why})

    if fiscal.nif:
        if problem := nif_problem(fiscal.nif):
            raise refuse("nif", problem)
        for key in ("name", "address"):
            if not getattr(fiscal, key).strip():
                raise refuse(key, "required on an invoice when fiscal.nif is set")
        series = terminal_id.strip()
        if len(series) > 40 or not all(32 < ord(char) < 127 for char in series):
            raise refuse("nif", f"the invoices' series is the terminal id, {series!r}: with invoicing on it must be "
                                "at most 40 letters, digits or signs (ASCII, no spaces); change terminal.id")
    rates = {"default_tax_rate": fiscal.default_tax_rate} | {
        f"tax_rates.{product}": rate for product, rate in fiscal.tax_rates.items()}
    for key, rate in rates.items():
        try:
            parse_rate(rate)
        except ValueError as error:
            raise refuse(key, f"{error} (a tax rate in percent, in quotes: \"21\", \"10\")") from None
    try:
        ZoneInfo(fiscal.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise refuse("timezone", f"{fiscal.timezone!r} is not a time zone (\"Europe/Madrid\")") from None
    for key in ("check_url", "submission_url"):
        value = getattr(fiscal, key)
        parts = urlsplit(value)
        if (value or key == "check_url") and (parts.scheme not in ("http", "https") or not parts.netloc):
            raise refuse(key, f"must be an http:// or https:// address, got {value!r}")


def _validate_fgl(printer: PrinterConfig, source: str) -> None:
    """An FGL ticket printer prints ticket stock at its head's resolution; other printers ignore both keys."""
    if printer.dpi not in FGL_DPIS:
        _one_of(source, "printer.dpi", str(printer.dpi), tuple(str(dpi) for dpi in FGL_DPIS))
    if printer.kind.startswith("fgl-"):
        _one_of(source, "printer.stock", printer.stock, FGL_STOCKS)


def _validate_scanner(scanner: ScannerConfig, source: str) -> None:
    prefix = scanner.prefix
    if len(prefix) > SCANNER_PREFIX_MAX or not prefix.isprintable() or prefix != prefix.strip():
        raise ConfigError(f"{source}: scanner.prefix must be at most {SCANNER_PREFIX_MAX} printable characters, "
                          f"without spaces at the ends (what the scanner sends before each code), got {prefix!r}",
                          code="config_scanner_prefix_invalid",
                          params={"source": source, "max": SCANNER_PREFIX_MAX, "value": repr(prefix)})
    _one_of(source, "scanner.suffix", scanner.suffix, SCANNER_SUFFIXES)
    interval = scanner.max_key_interval_ms
    if not 5 <= interval <= 200:
        raise ConfigError(f"{source}: scanner.max_key_interval_ms must be between 5 and 200 (milliseconds between "
                          f"a scanner's keys), got {interval}", code="config_out_of_range",
                          params=_range(source, "scanner.max_key_interval_ms", 5, 200, interval))
    if not 0 <= scanner.max_jitter_ms <= interval:
        raise ConfigError(f"{source}: scanner.max_jitter_ms must be between 0 and scanner.max_key_interval_ms "
                          f"({interval}), got {scanner.max_jitter_ms}", code="config_out_of_range",
                          params=_range(source, "scanner.max_jitter_ms", 0, interval, scanner.max_jitter_ms))
    if not 2 <= scanner.min_length <= 64:
        raise ConfigError(f"{source}: scanner.min_length must be between 2 and 64 (characters in the shortest "
                          f"code or badge), got {scanner.min_length}", code="config_out_of_range",
                          params=_range(source, "scanner.min_length", 2, 64, scanner.min_length))


def _one_of(source: str, key: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{source}: {key} must be one of {', '.join(allowed)}; got {value!r}",
                          code="config_not_one_of",
                          params={"source": source, "key": key, "allowed": ", ".join(allowed), "value": repr(value)})


def _range(source: str, key: str, low: int, high: int, value: int) -> dict[str, object]:
    """``config_out_of_range``'s params (the window says which key of which file, and the bounds)."""
    return {"source": source, "key": key, "low": low, "high": high, "value": value}


def absolute_path(value: str, base: Path | None = None) -> str:
    """``value`` (``~`` expanded) as an absolute path, a relative one taken from ``base`` (default: the working
    directory)."""
    path = Path(value.strip()).expanduser()
    if not path.is_absolute():
        path = (base if base is not None else Path.cwd()) / path
    return str(path.resolve())


def save_config(config: Config, path: Path) -> None:
    """Write atomically (temp file + rename) so a power cut never leaves half a config behind.

    A relative CA file is written as the absolute path it means here and now (validation found it there)."""
    validate(config, str(path))
    if config.central.ca_file:
        config = replace(config, central=replace(config.central, ca_file=absolute_path(config.central.ca_file)))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, tomli_w.dumps(config.to_dict()).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` into ``path`` through a temp file and a rename (also the office hub's ``hub.toml``)."""
    fd, tmp = tempfile.mkstemp(prefix=".boxoffice-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
