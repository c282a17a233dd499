"""Ingest: read articles, extract their quotes, store them; report what was passed over and why.

    with ProcessPool(EngineSpec("spacy"), workers=2) as extractor:
        summary = ingest(["articles/"], Store("db/quotes.db"), extractor,
                         fingerprint=fingerprint(EngineSpec("spacy")))

This process reads, decides what needs extracting and is the only writer; the extractor
(this process, worker processes or a Dask cluster) parses. Articles are committed a few
hundred at a time, each with all its quotes in the same transaction: an interrupted run
(Ctrl+C, kill -9, a full disk) leaves every stored article whole, and the next run skips
what is stored and goes on with the rest.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.nlp import EngineUnavailable
from quotes.pipeline.batches import EngineLoader, chunked
from quotes.pipeline.parallel import ExtractionError, Extractor, InProcess, ProcessPool
from quotes.pipeline.progress import Progress
from quotes.reading.corpus import Skipped, read_articles
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
MAX_CHARS = 1_000_000
"""Longer texts are not news articles (a book, a log file); parsing one would take hours."""


@dataclass(frozen=True)
class Duplicate:
    """An article not stored because another one with the same URL or text is."""

    id: str
    path: str | None
    duplicate_of: str


@dataclass
class Summary:
    """What an ingest run did: counts, every input it could not use, and how it ended."""

    articles: int = 0
    quotes: int = 0
    words: int = 0
    unchanged: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
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
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "error": self.error,
        }


def ingest(paths: Iterable[str], store: Store, extractor: Extractor, *,
           fingerprint: str | None = None, force: bool = False, progress: Progress | None = None,
           max_chars: int = MAX_CHARS, batch_size: int = BATCH_SIZE) -> Summary:
    """Extract quotes from every article under `paths` with `extractor` into `store`.

    `fingerprint` names the release, engine, rules and cue classes (`batches.fingerprint`):
    articles stored unchanged with the same fingerprint are skipped unless `force`. Duplicates of a stored or
    earlier article are skipped. Ctrl+C stops the run, keeping every finished article.
    """
    summary = Summary()
    progress = progress or Progress(enabled=False)
    pending = PendingArticles()
    writer = _Writer(store, fingerprint, summary, pending, progress)
    started = time.monotonic()
    try:
        wanted = _to_extract(read_articles(paths), store, pending, summary, progress,
                             fingerprint=fingerprint, force=force, max_chars=max_chars)
        for batch, results in extractor.run(chunked(wanted, batch_size)):
            writer.add(batch, results)
        writer.flush()
    except KeyboardInterrupt:
        summary.interrupted = True
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
                   cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES) -> Extractor:
    """Where extraction runs: on the Dask cluster at `scheduler`, else in `workers`
    processes, else (one worker) in this process; `cue_classes` choose which cues make
    quotes (see `detect.find_quotes`)."""
    if scheduler:
        from quotes.pipeline.distributed import DaskCluster

        return DaskCluster(scheduler, loader, cue_classes)
    if workers > 1:
        return ProcessPool(loader, workers, cue_classes)
    return InProcess(loader, cue_classes)


def describe(summary: Summary, db_path: str, database: dict[str, int] | None) -> str:
    """The closing line of a run, for the user."""
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    line = (
        f"{summary.articles:,} articles ingested ({summary.quotes:,} quotes) in "
        f"{_duration(summary.seconds)}, {rate:.1f} articles/s; {summary.unchanged:,} unchanged, "
        f"{len(summary.duplicates):,} duplicates, {len(summary.skipped):,} skipped"
    )
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


def write_report(file: TextIO, summary: Summary, database: dict[str, int] | None) -> None:
    """The run's summary as JSON, with the database's row counts (None if unreadable)."""
    json.dump({**summary.as_dict(), "database": database}, file, indent=2, ensure_ascii=False)
    file.write("\n")


def _to_extract(items: Iterable[Article | Skipped], store: Store, pending: PendingArticles,
                summary: Summary, progress: Progress, *, fingerprint: str | None, force: bool,
                max_chars: int) -> Iterator[Article]:
    """The articles that need extracting; the others are counted in `summary`."""
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            progress.advance(skipped=True)
        elif len(item.text) > max_chars:
            summary.skipped.append(Skipped(
                item.path or item.id,
                f"article {item.id}: too long to be a news article ({len(item.text):,} characters,"
                f" the limit is {max_chars:,})"))
            progress.advance(skipped=True)
        elif not force and store.has(item.id, content_hash(item), fingerprint):
            summary.unchanged += 1
            progress.advance(passed=True)
        elif first := store.duplicate_of(item) or pending.duplicate_of(item):
            summary.duplicates.append(Duplicate(item.id, item.path, first))
            progress.advance(passed=True)
        else:
            yield item


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
        waiting, self.waiting = self.waiting, []
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
