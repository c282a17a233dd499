"""Peak memory of a process and its children, for the benchmarks that run `quotes` in
another process (bench_hostile, bench_ingest)."""

from __future__ import annotations

import threading

import psutil


class PeakMemory:
    """The largest sum of RSS over a process and its children, sampled in a thread."""

    def __init__(self, process: psutil.Process, every: float = 0.1) -> None:
        self.process = process
        self.bytes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)
        self._thread.start()

    def _sample(self, every: float) -> None:
        while not self._done.is_set():
            total = 0
            try:
                for process in [self.process, *self.process.children(recursive=True)]:
                    total += process.memory_info().rss
            except psutil.Error:
                pass  # a process ended between listing and reading
            self.bytes = max(self.bytes, total)
            self._done.wait(every)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()
