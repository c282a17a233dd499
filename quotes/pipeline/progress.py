"""A one-line progress display on stderr: articles done, quotes found, articles per second."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call `advance(quotes, words=...)` after each article, `advance(passed=True)` for one
    that needed no work (unchanged, duplicate) and `advance(skipped=True)` for input that
    could not be used; `close()` ends the line.

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
        self.words = 0
        self.passed = 0
        self.skipped = 0
        self._width = 0

    def advance(self, quotes: int = 0, skipped: bool = False, *, words: int = 0,
                passed: bool = False) -> None:
        if skipped:
            self.skipped += 1
        elif passed:
            self.passed += 1
        else:
            self.done += 1
            self.quotes += quotes
            self.words += words
        now = time.monotonic()
        if self.enabled and now - self.shown >= self.every:
            self.shown = now
            self._draw()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles done per second."""
        elapsed = self.elapsed
        return self.done / elapsed if elapsed > 0 else 0.0

    def _draw(self) -> None:
        line = f"{self.done:,} {self.label}, {self.quotes:,} quotes"
        if self.passed:
            line += f", {self.passed:,} unchanged or duplicate"
        if self.skipped:
            line += f", {self.skipped:,} skipped"
        line += f" ({self.rate:.1f} {self.label}/s"
        if self.words:
            line += f", {self.words / max(self.elapsed, 1e-9):,.0f} words/s"
        line += ")"
        self._width = max(self._width, len(line))  # cover a longer line drawn before
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
