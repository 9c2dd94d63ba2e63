"""The cyclic collector (core/collector.py): the pause is off while any pause runs, back as it was after the last;
headless commands collect their youngest generation less often."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from boxoffice.core.collector import YOUNG_GENERATION_THRESHOLD, collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_overlapping_pauses_in_two_threads_keep_it_off_until_the_last_ends(collector_on: None) -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        with collector_paused():
            second_in.set()
            assert first_out.wait(10)
            seen.append(gc.isenabled())  # the first pause has ended, this one has not

    with collector_paused():
        first_in.set()
        thread = threading.Thread(target=second)
        thread.start()
        assert second_in.wait(10)
        seen.append(gc.isenabled())
    first_out.set()
    thread.join(10)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off_and_an_error_still_ends_the_pause(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the bulk step failed")
    assert gc.isenabled()


def _thresholds_after(probe: str) -> dict[str, list[int]]:
    """Run ``probe`` in a process of its own (a threshold set stays for the life of the process) and read the
    collector's thresholds it prints as JSON."""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_spacing_young_collections_changes_only_the_youngest_generations_threshold() -> None:
    seen = _thresholds_after("import gc, json\n"
                             "from boxoffice.core.collector import space_young_collections\n"
                             "before = gc.get_threshold()\n"
                             "space_young_collections()\n"
                             "print(json.dumps({'before': before, 'after': gc.get_threshold()}))\n")
    assert seen["after"] == [YOUNG_GENERATION_THRESHOLD, *seen["before"][1:]]
    assert YOUNG_GENERATION_THRESHOLD > seen["before"][0]


def _command_probe(*args: str) -> str:
    """A process that runs ``boxoffice ARGS`` as its own command line and prints the thresholds afterwards."""
    return ("import gc, json, sys\n"
            f"sys.argv = ['boxoffice', *{list(args)!r}]\n"
            "from boxoffice.cli import main\n"
            "before = gc.get_threshold()\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            "print()\n"
            "print(json.dumps({'before': before, 'after': gc.get_threshold()}))\n")


def test_a_headless_command_spaces_young_collections_and_the_window_does_not() -> None:
    headless = _thresholds_after(_command_probe("status", "--help"))
    assert headless["after"][0] == YOUNG_GENERATION_THRESHOLD
    window = _thresholds_after(_command_probe("gui", "--help"))
    assert window["after"] == window["before"]
