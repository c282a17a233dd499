"""Extraction on one machine: in this process, or in worker processes that load the
engine once each.

Both extractors take batches of articles and yield, in order, each batch with one plain
result per article (see `quotes.batches`). Storing stays with the caller: one writer.

    with ProcessPool(EngineSpec("spacy"), workers=4) as pool:
        for articles, results in pool.run(batches):
            ...
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Self

from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.errors import QuotesError
from quotes.nlp import Engine, EngineUnavailable
from quotes.pipeline.batches import EngineLoader, Result, article_to_plain, extract_batch, failure_reason
from quotes.records import Article

BATCHES_PER_WORKER = 4
"""Batches handed out ahead per worker: enough to keep it busy, few enough to keep memory flat."""

WORKER_DIED = "a worker process died while extracting this article (out of memory?)"
MAX_DEATHS_IN_A_ROW = 3

BatchResults = tuple[list[Article], list[dict]]


class ExtractionError(QuotesError):
    """Extraction cannot go on (workers keep dying, a cluster is gone); one line."""


class Extractor:
    """Turns batches of articles into (batch, plain results), in order."""

    def run(self, batches: Iterable[list[Article]]) -> Iterator[BatchResults]:
        raise NotImplementedError

    def close(self, cancel: bool = False) -> None:
        """Release workers: once they are done, or at once if `cancel`."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(cancel=exc_info[0] is not None)


class InProcess(Extractor):
    """Extraction in this process: for one worker, and for tests."""

    def __init__(self, loader: EngineLoader, cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                 time_limit: float | None = None) -> None:
        self.loader = loader
        self.cue_classes = cue_classes
        self.time_limit = time_limit
        self._engine: Engine | None = None

    def run(self, batches: Iterable[list[Article]]) -> Iterator[BatchResults]:
        for batch in batches:
            if self._engine is None:  # loaded on demand: a run with nothing new loads nothing
                self._engine = self.loader()
            yield batch, extract_batch(self._engine, [article_to_plain(a) for a in batch],
                                       self.cue_classes, self.time_limit)

    def close(self, cancel: bool = False) -> None:
        self._engine = None


class ProcessPool(Extractor):
    """Extraction in `workers` processes started afresh (spawn), each loading the engine
    once; a worker that dies costs only the article it was on."""

    def __init__(self, loader: EngineLoader, workers: int,
                 cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                 time_limit: float | None = None) -> None:
        self.loader = loader
        self.workers = workers
        self.cue_classes = cue_classes
        self.time_limit = time_limit
        self.threads = max(1, (os.cpu_count() or 1) // workers)
        self._executor: ProcessPoolExecutor | None = None
        self._deaths_in_a_row = 0

    def run(self, batches: Iterable[list[Article]]) -> Iterator[BatchResults]:
        in_flight: deque[tuple[list[Article], Future]] = deque()
        batches = iter(batches)
        while True:
            while len(in_flight) < self.workers * BATCHES_PER_WORKER:
                batch = next(batches, None)
                if batch is None:
                    break
                in_flight.append((batch, self._submit(batch)))
            if not in_flight:
                return
            batch, future = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # Every batch in flight is lost with the pool; redo them one article at a
                # time, so that only the article that kills a worker goes without quotes.
                lost = [batch, *(batch for batch, _ in in_flight)]
                in_flight.clear()
                self._stop(cancel=True)
                for batch in lost:
                    yield batch, [self._extract_alone(article) for article in batch]
                continue
            self._deaths_in_a_row = 0
            yield batch, results

    def close(self, cancel: bool = False) -> None:
        self._stop(cancel)

    def _submit(self, batch: list[Article]) -> Future:
        with _stop_signals_held():  # workers started now ignore them from the first instruction
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(self.loader, self.threads))
            return self._executor.submit(
                _extract, [article_to_plain(a) for a in batch], self.cue_classes, self.time_limit)

    def _extract_alone(self, article: Article) -> dict:
        try:
            [result] = self._submit([article]).result()
        except BrokenProcessPool:
            self._stop(cancel=True)
            self._deaths_in_a_row += 1
            if self._deaths_in_a_row >= MAX_DEATHS_IN_A_ROW:
                raise ExtractionError(
                    f"worker processes died {MAX_DEATHS_IN_A_ROW} times in a row; is the machine"
                    " out of memory? Try fewer --workers") from None
            return Result(article.id, error=WORKER_DIED).as_plain()
        self._deaths_in_a_row = 0
        return result

    def _stop(self, cancel: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if cancel:
            # No public way to stop busy workers before Python 3.14 (terminate_workers).
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()  # workers ignore SIGTERM
        executor.shutdown(wait=True, cancel_futures=cancel)


_engine: Engine | None = None
_engine_problem: str | None = None


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Hold Ctrl+C (SIGINT) and SIGTERM back for a moment: processes started meanwhile
    inherit them blocked (and ignore them once started); this process gets them after.

    Ctrl+C in a terminal reaches every process of the command, and systemd sends SIGTERM
    to all of them; the parent alone should handle it, by storing what is done and
    stopping (killing) the workers.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(loader: EngineLoader, threads: int) -> None:
    """In a new worker process: leave Ctrl+C and SIGTERM to the parent, follow it if it
    dies, load the engine once."""
    global _engine, _engine_problem
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    _exit_with_parent()
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, str(threads))
    try:
        _engine = loader()
    except EngineUnavailable as error:
        _engine_problem = str(error)
    except Exception as error:  # noqa: BLE001  a broken model or install: say so once, in the parent
        _engine_problem = f"could not load the NLP engine: {failure_reason(error)}"


def _extract(articles: list[dict], cue_classes: tuple[str, ...], time_limit: float | None) -> list[dict]:
    if _engine is None:
        raise EngineUnavailable(_engine_problem or "the NLP engine is not loaded")
    return extract_batch(_engine, articles, cue_classes, time_limit)


def _exit_with_parent() -> None:
    """Exit when the parent process dies (kill -9), instead of idling on with a model."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
