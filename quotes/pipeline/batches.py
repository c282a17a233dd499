"""Extraction as a unit of work for other processes: plain data in, plain data out.

Worker processes and Dask workers receive a batch of articles as JSON-able dicts, parse
them with an engine they load once (calling an `EngineSpec`), and send back one `Result` per
article: the rows the store will write for it (`rows.ArticleRows`, worked out in the
worker so that the one writer has little left to do), or why extraction failed.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from quotes import __version__
from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.errors import StoreError
from quotes.fingerprint import extraction_hash
from quotes.nlp import Engine, EngineUnavailable, load_engine
from quotes.pipeline.extract import extract_document, parse_pieces
from quotes.pipeline.timelimit import ArticleTimeout, TimeLimit
from quotes.records import Article, Quote
from quotes.store.rows import article_rows

MAX_REASON = 300


EngineLoader = Callable[[], Engine]
"""What a worker calls once to load its engine: an `EngineSpec`, or a test's own."""


@dataclass(frozen=True)
class EngineSpec:
    """Which engine to load, and how: small enough to send to any worker.

    `use_gpu`: None lets the engine choose; True or False is passed to the Stanza engine.
    """

    name: str = "spacy"
    use_gpu: bool | None = None

    def __post_init__(self) -> None:
        if self.name == "spacy" and self.use_gpu:
            raise EngineUnavailable("the spacy engine runs on the CPU: use --gpu with --engine stanza")

    def __call__(self) -> Engine:
        options = {} if self.use_gpu is None or self.name == "spacy" else {"use_gpu": self.use_gpu}
        return load_engine(self.name, **options)


def fingerprint(spec: EngineSpec, cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES) -> str:
    """What is stored with each article: the release, the engine, a hash of the rules and
    weights (`quotes.fingerprint`) and, when they are not the default, the cue classes. An
    ingest extracts again every article stored with another fingerprint."""
    stored = f"quotes {__version__} {spec.name} rules {extraction_hash()}"
    if tuple(cue_classes) == DEFAULT_CUE_CLASSES:
        return stored
    return f"{stored} cues={','.join(cue_classes)}"


@dataclass
class Result:
    """What became of one article: its rows for the store (`ArticleRows` as a dict), or
    the reason extraction failed."""

    article_id: str
    rows: dict | None = None
    error: str | None = None

    def as_plain(self) -> dict:
        return {"article_id": self.article_id, "rows": self.rows, "error": self.error}


@dataclass
class Outcome:
    """What extraction made of one article: its quotes, or why it has none."""

    article: Article
    quotes: list[Quote] | None = None
    error: str | None = None


def extract_batch(engine: Engine, articles: list[dict],
                  cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                  time_limit: float | None = None) -> list[dict]:
    """Extract the quotes of plain articles (cues of `cue_classes`, at most `time_limit`
    seconds each): the rows of each article, or why it has none (see `extract_each`)."""
    records = [article_from_plain(article) for article in articles]
    return [_stored_form(outcome).as_plain()
            for outcome in extract_each(engine, records, cue_classes, time_limit)]


def extract_each(engine: Engine, articles: Iterable[Article],
                 cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES,
                 time_limit: float | None = None) -> Iterator[Outcome]:
    """Each article with its quotes, or with the reason it has none, in order: the engine
    or the rules failed on it, or it took longer than `time_limit` seconds (None: no
    limit). A failure costs that article only: when one that happens while a batch is
    parsed cannot be pinned on an article, the rest are extracted again one at a time."""
    queue = deque(articles)
    one_by_one = False
    while queue:
        batch = [queue[0]] if one_by_one else list(queue)
        try:
            for article, quotes in _extract_timed(engine, batch, cue_classes, time_limit):
                queue.popleft()
                yield Outcome(article, quotes)
        except _Failed as failure:
            if failure.on_first or len(batch) == 1:
                yield Outcome(queue.popleft(), error=failure.reason)
            else:
                one_by_one = True


class _Failed(Exception):
    """Extraction failed; `on_first`: while finding the quotes of the first article not
    yet done (else while parsing, maybe another article's text)."""

    def __init__(self, reason: str, on_first: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.on_first = on_first


def _extract_timed(engine: Engine, articles: list[Article], cue_classes: tuple[str, ...],
                   seconds: float | None) -> Iterator[tuple[Article, list[Quote]]]:
    """`extract_articles` with a time limit per article; _Failed on the first failure."""
    limit = TimeLimit(seconds)
    parsed = parse_pieces(articles, engine)
    found: list[Quote] = []
    try:
        while True:
            with _failing(on_first=False, seconds=seconds), limit.counting():
                item = next(parsed, None)
            if item is None:
                return
            piece, doc = item
            with _failing(on_first=True, seconds=seconds), limit.counting():
                found += piece.place(extract_document(piece.article, doc, cue_classes))
            if piece.last:
                yield piece.whole, found
                found = []
                limit.reset()
    finally:
        parsed.close()


@contextmanager
def _failing(on_first: bool, seconds: float | None) -> Iterator[None]:
    """Any failure inside, as _Failed with a reason for the user."""
    try:
        yield
    except ArticleTimeout:
        raise _Failed(f"took longer than {seconds:g} s (--article-timeout): given up",
                      on_first) from None
    except Exception as error:  # any failure is an article's, reported with it
        raise _Failed(failure_reason(error), on_first) from error


def _stored_form(outcome: Outcome) -> Result:
    """The article's rows, or why extraction or the store would refuse its quotes."""
    article = outcome.article
    if outcome.quotes is None:
        return Result(article.id, error=outcome.error)
    try:
        return Result(article.id, rows=vars(article_rows(article, outcome.quotes)))
    except StoreError as error:
        return Result(article.id, error=str(error))


def failure_reason(error: BaseException) -> str:
    """An exception as one short line."""
    message = " ".join(str(error).split())
    reason = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 3] + "..."


def article_to_plain(article: Article) -> dict:
    return dataclasses.asdict(article)


def article_from_plain(plain: dict) -> Article:
    return Article(**{**plain, "ignored": [tuple(span) for span in plain.get("ignored", [])]})


def chunked(items: Iterable, size: int):
    """Lists of up to `size` consecutive items."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
