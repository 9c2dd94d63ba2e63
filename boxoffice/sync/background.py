"""A request made in a thread of its own while the caller goes on (a synchronisation request sent ahead, a pull's
next answer asked for while the last one is merged).

A daemon thread: a hung request never holds up the process's exit, and whoever owns the client cuts it by closing
the client, as any other request. The client is used by one thread at a time: the caller does not touch it until
it has taken the answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


def in_background(call: Callable[..., Any], *args: Any, name: str = "boxoffice-request") -> Future[Any]:
    """``call(*args)`` in a daemon thread; its result or exception is the future's."""
    future: Future[Any] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(call(*args))
        except BaseException as exc:  # handed to whoever takes the answer
            future.set_exception(exc)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future
