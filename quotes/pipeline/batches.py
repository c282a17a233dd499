"""Extraction as a unit of work for other processes: plain data in, plain data out.

Worker processes and Dask workers receive a batch of articles as JSON-able dicts, parse
them with an engine they load once (calling an `EngineSpec`), and send back one `Result` per
article: the rows the store will write for it (`rows.ArticleRows`, worked out in the
worker so that the one writer has little left to do), or why extraction failed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quotes import __version__
from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.errors import StoreError
from quotes.fingerprint import extraction_hash
from quotes.nlp import Engine, EngineUnavailable, load_engine
from quotes.pipeline.extract import extract_articles
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


def extract_batch(engine: Engine, articles: list[dict],
                  cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES) -> list[dict]:
    """Extract the quotes of plain articles (cues of `cue_classes`); an article the engine
    or the rules fail on gets an error result, the others their rows."""
    records = [article_from_plain(article) for article in articles]
    results: list[Result] = []
    try:
        for article, quotes in extract_articles(records, engine, cue_classes):
            results.append(_stored_form(article, quotes))
    except Exception:  # noqa: BLE001  whatever broke the batch, redo the rest one by one to find it
        for article in records[len(results):]:
            results.append(_extract_one(engine, article, cue_classes))
    return [result.as_plain() for result in results]


def _extract_one(engine: Engine, article: Article, cue_classes: tuple[str, ...]) -> Result:
    try:
        [(_, quotes)] = list(extract_articles([article], engine, cue_classes))
    except Exception as error:  # noqa: BLE001  any failure is this article's, reported with it
        return Result(article.id, error=failure_reason(error))
    return _stored_form(article, quotes)


def _stored_form(article: Article, quotes: list[Quote]) -> Result:
    """The article's rows, or why the store would refuse its quotes."""
    try:
        return Result(article.id, rows=vars(article_rows(article, quotes)))
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
