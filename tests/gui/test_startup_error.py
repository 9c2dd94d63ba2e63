"""Started from a menu or at boot, a terminal that cannot open its database says why in a window, and exits."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice import cli
from boxoffice.ui.qt import QMessageBox


def test_a_file_that_is_not_our_database_is_refused_in_a_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "boxoffice.sqlite3"
    database.write_bytes(b"this is a spreadsheet, not a database\n" * 10)
    before = database.read_bytes()
    shown: list[tuple[str, str, str]] = []

    def record(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    assert cli.main(["--data-dir", str(data)]) == 1
    assert len(shown) == 1
    title, text, hint = shown[0]
    assert title == "Box office cannot start"
    assert str(database) in text and "not" in text
    assert "Nothing was changed" in hint and "doctor --bundle" in hint
    assert database.read_bytes() == before  # refused byte for byte untouched
    assert "boxoffice:" in capsys.readouterr().err
