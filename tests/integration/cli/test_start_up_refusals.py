"""Start-up paths that must end in one clear line, exit non-zero, never a traceback (#12.11 store, #12 Low):
an empty database while paired, a read-only or full disk (a real tmpfs when the tests run as root), an argument
that is not UTF-8. Through the real ``boxoffice`` command in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.central_server import SeededTemplate, central_server, seeded_template
from tests.helpers.cli_errors import one_line_error
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"


def boxoffice(args: list[str | bytes], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "boxoffice", *args], capture_output=True, text=True,
                          env=full_env, timeout=60, check=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("template"))


def paired_terminal(folder: Path, template: SeededTemplate, data_dir: Path) -> TestTerminal:
    (folder / "central").mkdir(parents=True, exist_ok=True)
    with central_server(folder / "central", template=template) as central:
        return make_terminal(data_dir, central.url, NORTE, central.office_tokens[NORTE], event_id=central.event_id)


def sell(terminal: TestTerminal) -> subprocess.CompletedProcess[str]:
    event_id = "JAOTIiQrtU1fMWZZY2IZ"
    return boxoffice(["sell", "--event", event_id, "--zone", "General", "--qty", "1", "--cash", "10000", "--json"],
                     env=terminal.env)


# --- #12.11: an empty database while paired ---------------------------------------------------------------------

def test_an_empty_database_of_a_paired_terminal_is_refused_and_left_empty(tmp_path: Path,
                                                                         template: SeededTemplate) -> None:
    terminal = paired_terminal(tmp_path, template, tmp_path / "terminal")
    database = terminal.data_dir / "boxoffice.sqlite3"
    database.write_bytes(b"")  # the sales are gone (a bad copy, a disk fault): never start afresh on top
    for args in (["status"], ["sell", "--event", "E", "--zone", "General", "--qty", "1"], ["sync", "--once"]):
        line = one_line_error(boxoffice(args, env=terminal.env))
        assert "is empty" in line and "paired" in line and "backups" in line
    assert database.read_bytes() == b""


def test_an_unpaired_fresh_install_creates_its_store(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    data.mkdir()
    (data / "boxoffice.sqlite3").write_bytes(b"")
    result = boxoffice(["status", "--json", "--data-dir", str(data)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["paired"] is False
    assert (data / "boxoffice.sqlite3").stat().st_size > 0


# --- a non-UTF-8 argument ---------------------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="Windows command lines are always text")
def test_an_argument_that_is_not_utf8_is_one_line_error(tmp_path: Path) -> None:
    line = one_line_error(boxoffice(["status", "--data-dir", os.fsencode(tmp_path) + b"/\xff"]))
    assert "\\xff" in line and "not valid text" in line
    assert not any(p.name.encode("utf-8", "surrogateescape") == b"\xff" for p in tmp_path.iterdir())
    line = one_line_error(boxoffice(["sell", "--event", "E", "--zone", "General", "--qty", "1", "--customer-name",
                               b"Jos\xe9"]))
    assert "Jos\\xe9" in line


# --- a read-only or full disk (a real tmpfs) --------------------------------------------------------------------

@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own (root only: skipped otherwise); unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the engine-boundary unit tests cover the errors")
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def test_a_read_only_data_folder_is_one_line_error(tmp_path: Path, template: SeededTemplate, tmpfs: Path) -> None:
    terminal = paired_terminal(tmp_path, template, tmpfs / "terminal")
    assert sell(terminal).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    for result in (sell(terminal), boxoffice(["status"], env=terminal.env)):
        line = one_line_error(result)
        assert "cannot be written" in line and "read-only" in line
    line = one_line_error(boxoffice(["status", "--data-dir", str(tmpfs / "another")]))
    assert "Cannot create the folder" in line and "read-only" in line


def test_a_full_disk_is_one_line_and_every_sale_before_it_is_kept(tmp_path: Path, template: SeededTemplate,
                                                                 tmpfs: Path) -> None:
    terminal = paired_terminal(tmp_path, template, tmpfs / "terminal")
    first = sell(terminal)
    assert first.returncode == 0, first.stderr
    filler = tmpfs / "filler"
    with filler.open("wb", buffering=0) as handle:  # take every byte left; unbuffered: close has nothing to flush
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    full = sell(terminal)
    line = one_line_error(full)
    assert "is full" in line and "Free some space" in line
    filler.unlink()
    status = json.loads(boxoffice(["status", "--json"], env=terminal.env).stdout)
    assert status["pending"] == 1  # the sale before the disk filled up, and only it
    assert sell(terminal).returncode == 0  # space again: selling goes on


def test_doctor_names_the_empty_database_of_a_paired_terminal(tmp_path: Path, template: SeededTemplate) -> None:
    terminal = paired_terminal(tmp_path, template, tmp_path / "terminal")
    (terminal.data_dir / "boxoffice.sqlite3").write_bytes(b"")
    result = boxoffice(["doctor", "--json"], env=terminal.env)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert any("is empty although this terminal is paired" in p for p in report["problems"]), report["problems"]
    assert (terminal.data_dir / "boxoffice.sqlite3").read_bytes() == b""


def test_a_token_piped_in_that_is_not_text_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "boxoffice", "pair", "--url", "http://127.0.0.1:9", "--office",
                             NORTE, "--token-stdin", "--data-dir", str(tmp_path / "t")], input=b"\xff\xfe\x00\n",
                            capture_output=True, env=dict(os.environ), timeout=60, check=False)
    text = subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(),
                                       result.stderr.decode("utf-8", "replace"))
    assert "paste it again" in one_line_error(text)
    assert not (tmp_path / "t" / "boxoffice.toml").exists()
