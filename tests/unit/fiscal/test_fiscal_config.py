"""``[fiscal]`` in the config: defaults (no NIF: no invoices), NIF/CIF check characters and rates refused with
the key and what is wrong, a round trip through the file, and the issuer the sale service gets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from boxoffice.app import issuer_of
from boxoffice.config import Config, FiscalConfig, TerminalConfig, config_from_dict, load_config, save_config
from boxoffice.core.errors import ConfigError
from boxoffice.core.fiscal import PRODUCTION_CHECK_URL, TEST_CHECK_URL

ISSUER = {"name": "Teatro Ejemplo SL", "nif": "b-12345674", "address": "Calle Mayor 1, Madrid"}


def test_defaults_issue_no_invoices_and_submit_nowhere() -> None:
    fiscal = Config().fiscal
    assert (fiscal.nif, fiscal.default_tax_rate, fiscal.submission_url, fiscal.check_url) == ("", "21", "",
                                                                                              TEST_CHECK_URL)
    assert issuer_of(Config()) is None


@pytest.mark.parametrize(("values", "key", "says"), [
    ({**ISSUER, "nif": "B12345675"}, "fiscal.nif", "should be 4"),
    ({**ISSUER, "nif": "12345678A"}, "fiscal.nif", "should be Z"),
    ({"nif": "12345678Z"}, "fiscal.name", "required"),
    ({"default_tax_rate": "21%"}, "fiscal.default_tax_rate", "not a percentage"),
    ({"tax_rates": {"TT-VIP": "120"}}, "fiscal.tax_rates.TT-VIP", "between 0 and 100"),
    ({"timezone": "Madrid"}, "fiscal.timezone", "not a time zone"),
    ({"submission_url": "aeat.es"}, "fiscal.submission_url", "http"),
])
def test_bad_values_name_the_key_and_the_problem(values: dict, key: str, says: str) -> None:
    with pytest.raises(ConfigError) as refused:
        config_from_dict({"fiscal": values}, source="boxoffice.toml")
    assert refused.value.code == "config_fiscal_invalid" and refused.value.params["key"] == key
    assert says in str(refused.value) and str(refused.value).startswith(f"boxoffice.toml: {key}")


def test_round_trip_and_the_issuer(tmp_path: Path) -> None:
    fiscal = FiscalConfig(**ISSUER, default_tax_rate="10", tax_rates={"TT-VIP": "21"},
                          check_url=PRODUCTION_CHECK_URL, submission_url="https://records.example/alta")
    config = Config(terminal=TerminalConfig(id="taquilla-2"), fiscal=fiscal)
    save_config(config, tmp_path / "boxoffice.toml")
    loaded = load_config(tmp_path / "boxoffice.toml")
    assert loaded.fiscal == fiscal
    issuer = issuer_of(loaded)
    assert issuer is not None
    assert (issuer.nif, issuer.series, issuer.submit, issuer.check_url) == ("B12345674", "taquilla-2", True,
                                                                            PRODUCTION_CHECK_URL)
    assert (issuer.rate_of("TT-VIP"), issuer.rate_of("TT-GEN")) == (2100, 1000)
    assert issuer_of(dataclasses.replace(loaded, fiscal=dataclasses.replace(fiscal, nif=""))) is None


def test_the_terminal_id_must_make_a_valid_series_once_invoicing_is_on() -> None:
    with pytest.raises(ConfigError) as refused:
        config_from_dict({"terminal": {"id": "Taquilla Norte ñ"}, "fiscal": ISSUER})
    assert "change terminal.id" in str(refused.value)
    assert config_from_dict({"terminal": {"id": "Taquilla Norte ñ"}}).fiscal.nif == ""
