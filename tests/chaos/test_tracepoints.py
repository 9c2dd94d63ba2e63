"""Trace points: off without the environment variable, a log when on, and a stop the test can kill exactly there.

The chaos tests lean on three promises of :mod:`boxoffice.tracepoints`; each is checked here in a real child
process: the N-th pass of a point stops the process (and says so in the marker file) until it is killed; a
stopped process nobody kills exits on its own after the hold; without ``BOXOFFICE_TRACEPOINTS`` nothing is
written anywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from boxoffice import tracepoints
from tests.chaos.helpers_kill import KILLED, kill_when_stopped, start_traced

#: A child that passes ``a`` three times and ``b`` once, then says it got to the end.
CHILD = ("from boxoffice.tracepoints import reach\n"
         "for _ in range(3):\n"
         "    reach('a')\n"
         "reach('b')\n"
         "print('end', flush=True)\n")


def _child(tmp_path: Path, stop: str | None, hold: float = 120.0):
    return start_traced([sys.executable, "-c", CHILD], dict(os.environ), tmp_path / "trace", stop=stop,
                        stdout=tmp_path / "out", stderr=tmp_path / "err", hold=hold)


def test_a_process_stops_at_the_nth_pass_and_is_killed_there(tmp_path: Path) -> None:
    run = _child(tmp_path, "a#2")
    assert kill_when_stopped(run) == KILLED
    assert run.stopped_at == "a"
    assert run.trace == ["a", "a"]  # the second pass logged, the third never came
    assert (tmp_path / "out").read_text() == ""


def test_without_a_stop_every_point_is_logged_and_the_process_runs_on(tmp_path: Path) -> None:
    run = _child(tmp_path, None)
    assert run.process.wait(timeout=60) == 0
    assert run.trace == ["a", "a", "a", "b"]
    assert run.stopped_at is None
    assert (tmp_path / "out").read_text() == "end\n"


def test_a_stopped_process_nobody_kills_gives_up_after_its_hold(tmp_path: Path) -> None:
    run = _child(tmp_path, "b", hold=0)
    assert run.process.wait(timeout=60) == tracepoints.HOLD_EXPIRED_EXIT
    assert (run.stopped_at, run.trace) == ("b", ["a", "a", "a", "b"])
    assert (tmp_path / "out").read_text() == ""


def test_off_without_the_environment_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOXOFFICE_TRACE")}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout) == (0, "end\n"), done.stderr
    assert list(tmp_path.iterdir()) == []
