"""Ingest: read articles, extract their quotes, store them; report what was passed over and why.

    with ProcessPool(EngineSpec("spacy"), workers=2) as extractor:
        summary = ingest(["articles/"], Store("db/quotes.db"), extractor,
                         fingerprint=fingerprint(EngineSpec("spacy")))

This process reads, decides what needs extracting and is the only writer; the extractor
(this process, worker processes or a Dask cluster) parses. Articles are committed a few
hundred at a time, each with all its quotes in the same transaction: an interrupted run
(Ctrl+C, SIGTERM, kill -9, a full disk) leaves every stored article whole, and the next
run skips what is stored and goes on with the rest.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Self

from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.limits import MAX_CHARS
from quotes.nlp import EngineUnavailable
from quotes.pipeline.batches import EngineLoader, chunked
from quotes.pipeline.parallel import ExtractionError, Extractor, InProcess, ProcessPool
from quotes.pipeline.progress import Progress
from quotes.reading.corpus import PassedOver, Skipped, read_articles
from quotes.records import Article
from quotes.store.database import Store, StoreError
from quotes.store.keys import PendingArticles
from quotes.store.rows import ArticleRows, content_hash

BATCH_SIZE = 8
"""Articles per batch sent to a worker."""
COMMIT_ARTICLES = 200
COMMIT_SECONDS = 2.0
"""Extracted articles are committed when this many are waiting, or this long after the last
commit, whichever comes first: a killed run loses at most a few seconds of work."""
SAME_ID = "the same id as an article read before it in this run (the first is kept)"
SAME_TEXT_OR_URL = "the same text or URL as another article"


class Terminated(KeyboardInterrupt):
    """SIGTERM (`timeout`, systemd, `docker stop`): the run stops as on Ctrl+C."""


@dataclass(frozen=True)
class Duplicate:
    """An article not stored because another one with the same URL or text, or an earlier
    one of the run with the same id, is."""

    id: str
    path: str | None
    duplicate_of: str
    reason: str = SAME_TEXT_OR_URL


@dataclass
class Summary:
    """What an ingest run did: counts, every input it could not use, and how it ended."""

    articles: int = 0
    quotes: int = 0
    words: int = 0
    unchanged: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    passed_over: list[PassedOver] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    signal: str | None = None
    """What interrupted the run: SIGINT (Ctrl+C) or SIGTERM."""
    error: str | None = None
    """Why the run stopped early (the database, the engine, the cluster), if it did."""

    @property
    def nothing_done(self) -> bool:
        """Nothing stored and nothing found already stored: the command failed."""
        return not (self.articles or self.unchanged or self.duplicates)

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "words": self.words,
            "unchanged": self.unchanged,
            "duplicates": [vars(d) for d in self.duplicates],
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skipped],
            "passed_over": [{"path": s.path, "reason": s.reason} for s in self.passed_over],
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "signal": self.signal,
            "error": self.error,
        }


def ingest(paths: Iterable[str], store: Store, extractor: Extractor, *,
           fingerprint: str | None = None, force: bool = False, progress: Progress | None = None,
           max_chars: int | None = MAX_CHARS, batch_size: int = BATCH_SIZE) -> Summary:
    """Extract quotes from every article under `paths` with `extractor` into `store`.

    `fingerprint` names the release, engine, rules and cue classes (`batches.fingerprint`):
    articles stored unchanged with the same fingerprint are skipped unless `force`. Duplicates
    of a stored or earlier article, and a second article with the id of an earlier one, are
    skipped; texts longer than `max_chars` too. Ctrl+C (or SIGTERM, as `Terminated`) stops
    the run, keeping every finished article.
    """
    summary = Summary()
    progress = progress or Progress(enabled=False)
    pending = PendingArticles()
    writer = _Writer(store, fingerprint, summary, pending, progress)
    started = time.monotonic()
    try:
        with _RunIds() as seen:
            wanted = _to_extract(read_articles(paths, max_chars), store, pending, seen, summary,
                                 progress, fingerprint=fingerprint, force=force)
            for batch, results in extractor.run(chunked(wanted, batch_size)):
                writer.add(batch, results)
            writer.flush()
    except KeyboardInterrupt as stop:
        summary.interrupted = True
        summary.signal = "SIGTERM" if isinstance(stop, Terminated) else "SIGINT"
        with _signals_ignored():
            extractor.close(cancel=True)
            _flush_what_is_done(writer, summary)
    except (EngineUnavailable, ExtractionError) as error:
        summary.error = str(error)
        extractor.close(cancel=True)
        _flush_what_is_done(writer, summary)
    except StoreError as error:
        summary.error = f"{error} (everything stored before this is kept)"
        extractor.close(cancel=True)
    finally:
        extractor.close()
        progress.close()
        summary.seconds = time.monotonic() - started
    return summary


def make_extractor(loader: EngineLoader, workers: int, scheduler: str | None = None,
                   cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                   time_limit: float | None = None) -> Extractor:
    """Where extraction runs: on the Dask cluster at `scheduler`, else in `workers`
    processes, else (one worker) in this process; `cue_classes` choose which cues make
    quotes (see `detect.find_quotes`); an article that takes longer than `time_limit`
    seconds is given up (see `batches.extract_each`)."""
    if scheduler:
        from quotes.pipeline.distributed import DaskCluster

        return DaskCluster(scheduler, loader, cue_classes, time_limit)
    if workers > 1:
        return ProcessPool(loader, workers, cue_classes, time_limit)
    return InProcess(loader, cue_classes, time_limit)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While inside: SIGTERM raises `Terminated` (a KeyboardInterrupt) in the main thread,
    once; a second SIGTERM while the run winds down is ignored."""
    received = False

    def stop(signum: int, frame: object) -> None:
        nonlocal received
        if not received:
            received = True
            raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_ignored() -> Iterator[None]:
    """While the work done is stored after a stop: a second Ctrl+C or SIGTERM waits."""
    previous = {number: signal.signal(number, signal.SIG_IGN)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """While inside: a Ctrl+C or SIGTERM waits until the block is done, then takes its
    usual course (outside the main thread, where handlers cannot be set, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    numbers = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda signum, frame: received.append(signum))
                for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)


def describe(summary: Summary, db_path: str, database: dict[str, int] | None) -> str:
    """The closing line of a run, for the user."""
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    line = (
        f"{summary.articles:,} articles ingested ({summary.quotes:,} quotes) in "
        f"{_duration(summary.seconds)}, {rate:.1f} articles/s; {summary.unchanged:,} unchanged, "
        f"{len(summary.duplicates):,} duplicates, {len(summary.skipped):,} skipped"
    )
    if summary.passed_over:
        line += f", {len(summary.passed_over):,} passed over (documentation)"
    if database is not None:
        line += (f"; {db_path} now holds {database['articles']:,} articles, "
                 f"{database['quotes']:,} quotes, {database['speakers']:,} speakers")
    return line


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds, 1), 60)
    hours, minutes = divmod(int(minutes), 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{seconds:02.0f}s" if minutes else f"{seconds:.1f}s"


def report_json(summary: Summary, database: dict[str, int] | None) -> str:
    """The run's summary as JSON (`--report`), with the database's row counts (None if
    unreadable)."""
    return json.dumps({**summary.as_dict(), "database": database}, indent=2, ensure_ascii=False) + "\n"


def _to_extract(items: Iterable[Article | Skipped], store: Store, pending: PendingArticles,
                seen: _RunIds, summary: Summary, progress: Progress, *, fingerprint: str | None,
                force: bool) -> Iterator[Article]:
    """The articles that need extracting; the others are counted in `summary`."""
    for item in items:
        if isinstance(item, PassedOver):
            summary.passed_over.append(item)
        elif isinstance(item, Skipped):
            summary.skipped.append(item)
            progress.advance(skipped=True)
        elif not seen.add(item.id):
            summary.duplicates.append(Duplicate(item.id, item.path, item.id, SAME_ID))
            progress.advance(passed=True)
        elif not force and store.has(item.id, content_hash(item), fingerprint):
            summary.unchanged += 1
            progress.advance(passed=True)
        elif first := store.duplicate_of(item) or pending.duplicate_of(item):
            summary.duplicates.append(Duplicate(item.id, item.path, first))
            progress.advance(passed=True)
        else:
            yield item


class _RunIds:
    """The ids of the articles read in this run, in a temporary SQLite file that SQLite
    deletes on closing: memory stays flat however many articles a run reads."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect("", isolation_level=None)  # "": a private temporary file
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID")

    def add(self, article_id: str) -> bool:
        """Remember `article_id`; False if it was read before in this run."""
        return self.conn.execute("INSERT OR IGNORE INTO ids VALUES (?)", [article_id]).rowcount == 1

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.conn.close()


class _Writer:
    """Stores extracted articles a few hundred at a time, and counts them once stored."""

    def __init__(self, store: Store, fingerprint: str | None, summary: Summary,
                 pending: PendingArticles, progress: Progress) -> None:
        self.store = store
        self.fingerprint = fingerprint
        self.summary = summary
        self.pending = pending
        self.progress = progress
        self.waiting: list[tuple[Article, ArticleRows]] = []
        self.last_commit = time.monotonic()

    def add(self, batch: list[Article], results: list[dict]) -> None:
        for article, result in zip(batch, results, strict=True):
            if result["error"] is None:
                self.waiting.append((article, ArticleRows.from_plain(result["rows"])))
                continue
            self.summary.skipped.append(
                Skipped(article.path or article.id, f"article {article.id}: {result['error']}"))
            self.pending.done(article.id)
            self.progress.advance(skipped=True)
        if (len(self.waiting) >= COMMIT_ARTICLES
                or time.monotonic() - self.last_commit >= COMMIT_SECONDS):
            self.flush()

    def flush(self) -> None:
        """Store the waiting articles and count them, as one step a stop cannot split (a
        SIGTERM between the commit and the counts made the summary miss stored articles)."""
        waiting, self.waiting = self.waiting, []
        with _signals_deferred():
            if waiting:
                self.store.save_rows(waiting, batch_size=len(waiting), fingerprint=self.fingerprint)
            self.last_commit = time.monotonic()
            for article, rows in waiting:
                self.summary.articles += 1
                self.summary.quotes += len(rows.quotes)
                self.summary.words += rows.words
                self.pending.done(article.id)
                self.progress.advance(len(rows.quotes), words=rows.words)


def _flush_what_is_done(writer: _Writer, summary: Summary) -> None:
    """After a stop: store the articles already extracted, if the database lets us."""
    try:
        writer.flush()
    except StoreError as error:
        summary.error = summary.error or f"{error} (everything stored before this is kept)"
