"""Tokens, PINs and card references never reach the log file (grep for a known secret)."""

from __future__ import annotations

import logging
from pathlib import Path

from boxoffice import credentials
from boxoffice.logging_setup import LOG_FILE, redact, register_secret, setup_logging


def test_known_secrets_are_scrubbed_from_the_log_file(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs", "DEBUG", stderr=False)
    token = "tok-KNOWN-SECRET-9f8e7d"
    credentials.store_token("office_taquilla_norte", token)
    assert credentials.load_token("office_taquilla_norte") == token
    log = logging.getLogger("boxoffice.test")
    log.info("calling central with token %s", token)
    log.debug("headers %s", {"Authorization": f"Bearer {token}"})
    log.warning("sale paid by card, reference=CARDREF-777333 pin: 4321")
    try:
        raise RuntimeError(f"central refused token {token}")
    except RuntimeError:
        log.exception("sync failed")
    register_secret("PIN-24681357")
    log.error("clerk typed PIN-24681357 by mistake in the name field")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert log_file == tmp_path / "logs" / LOG_FILE
    assert "sync failed" in text and "Traceback" in text  # the records are there ...
    for secret in (token, "CARDREF-777333", "4321", "PIN-24681357"):
        assert secret not in text  # ... without the secrets
    assert text.count("[redacted]") >= 6
    setup_logging(None, "INFO", stderr=False)  # release the file handler


def test_patterns_catch_unregistered_secrets() -> None:
    assert redact("Authorization: Bearer abc.def.ghi") == "Authorization: Bearer [redacted]"
    assert redact('{"token": "zzz999", "x": 1}') == '{"token": "[redacted]", "x": 1}'
    assert redact("transactionId=hfjk12") == "transactionId=[redacted]"
    assert redact("nothing secret here") == "nothing secret here"
