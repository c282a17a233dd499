"""Ingest: read articles, extract their quotes, store them; report what was skipped and why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .corpus import Skipped, read_articles
from .detect import DEFAULT_CUE_CLASSES
from .extract import extract_articles
from .nlp import Engine
from .progress import Progress
from .records import Article
from .store import Store, content_hash


@dataclass
class Summary:
    """What an ingest run did: counts, and every input it could not use."""

    articles: int = 0
    quotes: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "unchanged": self.unchanged,
            "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in self.skipped],
        }


def ingest(paths: Iterable[str], store: Store, engine: Engine, force: bool = False,
           progress: Progress | None = None, batch_size: int = 50,
           cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES) -> Summary:
    """Extract quotes from every article under `paths` into `store`.

    Articles already stored with the same text are skipped unless `force`;
    `cue_classes` chooses which cues make quotes (see `detect.find_quotes`)."""
    summary = Summary()
    progress = progress or Progress(enabled=False)

    def articles() -> Iterator[Article]:
        for item in read_articles(paths):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                progress.advance(skipped=True)
            elif not force and store.has(item.id, content_hash(item)):
                summary.unchanged += 1
                progress.advance(skipped=True)
            else:
                yield item

    def extracted():
        for article, quotes in extract_articles(articles(), engine, cue_classes):
            summary.articles += 1
            summary.quotes += len(quotes)
            progress.advance(len(quotes))
            yield article, quotes

    try:
        store.save_many(extracted(), batch_size=batch_size)
    finally:
        progress.close()
    return summary
