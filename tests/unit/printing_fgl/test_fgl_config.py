"""``[printer] kind = "fgl-…"``: dpi and stock are checked with an error naming the key; printer_for builds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.config import PrinterConfig, config_from_dict
from boxoffice.core.errors import ConfigError
from boxoffice.printing.fgl_output import FglPrinter
from boxoffice.printing.outputs import PrintError, printer_for


def test_an_fgl_printer_from_the_config(tmp_path: Path) -> None:
    config = config_from_dict({"printer": {"kind": "fgl-network", "address": "10.0.0.9", "stock": "fanfold-3.25x8",
                                           "dpi": 300}})
    printer = printer_for(config.printer, tmp_path)
    assert isinstance(printer, FglPrinter) and printer.dpi == 300 and printer.paper.name == "fanfold-3.25x8"
    assert printer.destination == {"printer_kind": "fgl-network", "printer_address": "10.0.0.9"}
    usb = printer_for(PrinterConfig(kind="fgl-usb", address="/dev/usb/lp0", stock="fanfold-2x5.5"), tmp_path)
    assert isinstance(usb, FglPrinter) and usb.connection.kind == "usb" and not usb.can_open_drawer


@pytest.mark.parametrize(("printer", "key"), [
    ({"kind": "fgl-network", "address": "h", "stock": "fanfold-2x5.5", "dpi": 250}, "printer.dpi"),
    ({"kind": "fgl-usb", "address": "/dev/usb/lp0"}, "printer.stock"),  # an 80 mm roll is not ticket stock
    ({"kind": "fgl-serial", "stock": "4x8"}, "printer.stock"),
])
def test_bad_values_name_their_key(printer: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_dict({"printer": printer})
    assert caught.value.code == "config_not_one_of" and caught.value.params["key"] == key


def test_no_address_is_refused_before_anything_is_opened(tmp_path: Path) -> None:
    with pytest.raises(PrintError) as caught:
        printer_for(PrinterConfig(kind="fgl-network", stock="fanfold-2x5.5"), tmp_path)
    assert caught.value.code == "printer_address_missing"
