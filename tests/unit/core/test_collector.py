"""The cyclic collector pause (core/collector.py): off while any pause runs, back as it was after the last."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from boxoffice.core.collector import collector_paused


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
