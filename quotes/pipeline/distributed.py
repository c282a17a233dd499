"""Extraction on a Dask distributed cluster (needs the `cluster` extra).

Each Dask worker loads the NLP engine once, on its first batch, and keeps it; batches
travel as plain dicts, and results come back as plain dicts (see `quotes.batches`), so
the client that reads and stores needs no NLP model. Every worker needs `quotes` and the
engine's model installed; run workers with one thread each (`--nthreads 1`): an engine
is not shared between threads.

    with DaskCluster("tcp://scheduler:8786", EngineSpec("stanza", use_gpu=True)) as cluster:
        for articles, results in cluster.run(batches):
            ...
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.nlp import Engine
from quotes.pipeline.batches import EngineLoader, Result, article_to_plain, extract_batch, failure_reason
from quotes.pipeline.parallel import BATCHES_PER_WORKER, BatchResults, ExtractionError, Extractor
from quotes.records import Article

NEEDS_EXTRA = "--dask needs Dask's distributed scheduler: pip install 'quotes[cluster]'"
WORKER_DIED = "the Dask worker extracting this article died (out of memory?)"


class DaskCluster(Extractor):
    """Extraction on the Dask cluster whose scheduler listens at `address`."""

    def __init__(self, address: str, loader: EngineLoader,
                 cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                 time_limit: float | None = None) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ExtractionError(NEEDS_EXTRA) from None
        self.address = address
        self.loader = loader
        self.cue_classes = cue_classes
        self.time_limit = time_limit
        try:
            self.client = Client(address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ExtractionError(
                f"cannot connect to the Dask scheduler at {address}: {failure_reason(error)}"
            ) from None
        self._in_flight: deque[tuple[list[Article], Any]] = deque()

    def run(self, batches: Iterable[list[Article]]) -> Iterator[BatchResults]:
        from distributed.scheduler import KilledWorker

        batches = iter(batches)
        window = max(1, sum(self.client.nthreads().values())) * BATCHES_PER_WORKER
        while True:
            while len(self._in_flight) < window:
                batch = next(batches, None)
                if batch is None:
                    break
                self._in_flight.append((batch, self._submit(batch)))
            if not self._in_flight:
                return
            batch, future = self._in_flight.popleft()
            try:
                results = future.result()
            except KilledWorker:
                # Dask gave up on the batch after workers died on it: try each article on
                # its own, so that only the one that kills workers goes without quotes.
                results = self._one_by_one(batch)
            except OSError as error:
                raise ExtractionError(
                    f"lost the Dask scheduler at {self.address}: {failure_reason(error)}"
                ) from None
            yield batch, results

    def close(self, cancel: bool = False) -> None:
        if cancel and self._in_flight:
            self.client.cancel([future for _, future in self._in_flight])
        self._in_flight.clear()
        self.client.close()

    def _submit(self, batch: list[Article]):
        return self.client.submit(
            extract_on_worker, self.loader, [article_to_plain(a) for a in batch], self.cue_classes,
            self.time_limit, pure=False)

    def _one_by_one(self, batch: list[Article]) -> list[dict]:
        from distributed.scheduler import KilledWorker

        futures = [self._submit([article]) for article in batch]
        results = []
        for article, future in zip(batch, futures, strict=False):
            try:
                [result] = future.result()
            except KilledWorker:
                # It may only have been queued on the worker that died: try it once alone.
                result = self._alone(article)
            results.append(result)
        return results

    def _alone(self, article: Article) -> dict:
        from distributed.scheduler import KilledWorker

        try:
            [result] = self._submit([article]).result()
        except KilledWorker:
            result = Result(article.id, error=WORKER_DIED).as_plain()
        return result


_engines: dict[EngineLoader, Engine] = {}
_loading = threading.Lock()


def extract_on_worker(loader: EngineLoader, articles: list[dict],
                      cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                      time_limit: float | None = None) -> list[dict]:
    """Runs on a Dask worker: extract with this worker's engine, loading it the first time."""
    with _loading:
        engine = _engines.get(loader)
        if engine is None:
            engine = _engines[loader] = loader()
    return extract_batch(engine, articles, cue_classes, time_limit)
