"""A time limit on the work for one article: past it, the article is given up.

    limit = TimeLimit(600)
    with limit.counting():          # raises ArticleTimeout once 600 s are used up
        ...                         # (blocks counted together until limit.reset())

The limit works in any thread (worker processes run extraction in their main thread, Dask
workers in a thread of their pool): a watchdog timer raises ArticleTimeout in the thread
doing the work. Python checks for it between two steps of Python code, so a parser call
on one piece of text finishes first; pieces are bounded (`quotes.nlp.chunks`), and so is
that delay.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class ArticleTimeout(BaseException):
    """The article took longer than its time limit.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` in a library
    swallows it on the way out."""


class TimeLimit:
    """At most `seconds` (None: no limit) spent inside `counting()` blocks, in all, until
    `reset()`."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.used = 0.0

    def reset(self) -> None:
        self.used = 0.0

    @contextmanager
    def counting(self) -> Iterator[None]:
        if self.seconds is None:
            yield
            return
        left = self.seconds - self.used
        if left <= 0:
            raise ArticleTimeout
        alarm = _Alarm(threading.get_ident(), left)
        started = time.monotonic()
        try:
            yield
        finally:
            alarm.cancel()
            self.used += time.monotonic() - started


class _Alarm:
    """Raises ArticleTimeout in thread `thread_id` in `seconds`, unless cancelled first."""

    def __init__(self, thread_id: int, seconds: float) -> None:
        self.thread_id = thread_id
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                _raise_in_thread(self.thread_id, ArticleTimeout)
                self._fired = True

    def cancel(self) -> None:
        with self._lock:
            self._armed = False
            if self._fired:  # raised, but perhaps not delivered yet: take it back
                _raise_in_thread(self.thread_id, None)
        self._timer.cancel()


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Have `exception` raised in thread `thread_id` at its next step of Python code (None
    takes back one not raised yet). CPython's documented C API; there is no Python one."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
