"""`boxoffice door check|sync` refusals through the entry point, in-process (the happy paths run in their own
processes in tests/integration/central_events/test_door_terminals.py)."""

from __future__ import annotations

import pytest

from boxoffice.cli import main


def test_an_unknown_event_is_named_and_not_paired_says_how(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["door", "check", "ABC"]) == 1  # a fresh data dir holds no events
    assert capsys.readouterr().err.strip() == "boxoffice: this terminal holds 0 events; name one with --event ID"
    assert main(["door", "check", "TKM-1", "--event", "EV9", "--scan-point", "main-door", "--json"]) == 1
    out = capsys.readouterr().out
    assert '"green": false' in out and '"reason": "malformed"' in out and '"scan_point": "main-door"' in out
    assert main(["door", "sync", "--event", "EV9"]) == 1
    err = capsys.readouterr().err
    assert "not paired" in err and "Traceback" not in err
