"""A one-line progress display on stderr: articles done, quotes found, articles per second."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call `advance(quotes)` after each article; `close()` ends the line.

    Shows nothing unless the stream is a terminal or `enabled` is forced on."""

    def __init__(self, label: str = "articles", enabled: bool | None = None,
                 stream: TextIO | None = None, every: float = 0.2):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.label = label
        self.every = every
        self.started = time.monotonic()
        self.shown = 0.0
        self.done = 0
        self.quotes = 0
        self.skipped = 0

    def advance(self, quotes: int = 0, skipped: bool = False) -> None:
        if skipped:
            self.skipped += 1
        else:
            self.done += 1
            self.quotes += quotes
        now = time.monotonic()
        if self.enabled and now - self.shown >= self.every:
            self.shown = now
            self._draw(now)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def _draw(self, now: float) -> None:
        line = f"{self.done:,} {self.label}, {self.quotes:,} quotes"
        if self.skipped:
            line += f", {self.skipped:,} skipped"
        line += f" ({self.rate:.1f} {self.label}/s)"
        self.stream.write("\r" + line.ljust(72))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
