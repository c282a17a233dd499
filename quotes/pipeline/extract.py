"""The extraction pipeline: articles in, quotes with resolved speakers out.

    for article, quotes in extract_articles(read_articles(paths), load_engine("spacy")):
        ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quotes.detection.detect import find_quotes
from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.detection.quote_filter import drop_unlikely
from quotes.detection.quotemarks import find_quotations
from quotes.nlp import Document, Engine
from quotes.records import Article, Quote
from quotes.speakers.resolve import resolve_speakers


def extract_document(article: Article, doc: Document,
                     cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES,
                     learned_filter: bool = True) -> list[Quote]:
    """Quotes of one parsed article, with speakers resolved within the article.

    `cue_classes`: which cues make quotes (see `detect.find_quotes`); `learned_filter`:
    let every cue verb's arguments be proposed and keep the proposals that the trained
    filter judges likely (`quote_filter.py`), else the hand-picked rules alone."""
    quotes = propose_quotes(article, doc, cue_classes, every_object=learned_filter)
    return drop_unlikely(doc, quotes) if learned_filter else quotes


def propose_quotes(article: Article, doc: Document, cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES,
                   every_object: bool = False) -> list[Quote]:
    """The rules' quotes, speakers resolved, before any filter (see `detect.find_quotes`)."""
    quotations = find_quotations(article.text)
    quotes = find_quotes(doc, quotations, article.ignored, cue_classes, every_object)
    resolve_speakers(doc, quotes, quotations)
    return quotes


def extract_articles(articles: Iterable[Article], engine: Engine,
                     cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES) -> Iterator[tuple[Article, list[Quote]]]:
    """Parse articles in batches with `engine` and yield each with its quotes, in order."""
    cue_classes = tuple(cue_classes)
    pending: list[Article] = []

    def texts() -> Iterator[str]:
        for article in articles:
            pending.append(article)
            yield article.text

    for doc in engine.parse(texts()):
        article = pending.pop(0)
        yield article, extract_document(article, doc, cue_classes)


def quote_json(article: Article, quote: Quote) -> dict:
    """A quote in the JSON Lines format of `quotes extract`."""
    speaker = quote.speaker
    return {
        "type": quote.type,
        "text": quote.text(article.text),
        "content": [list(span) for span in quote.content],
        "cue": [list(span) for span in quote.cue],
        "cue_lemma": quote.cue_lemma,
        "source": [list(span) for span in quote.source],
        "source_text": quote.source_text(article.text),
        "speaker": speaker.name if speaker else None,
        "speaker_kind": speaker.kind if speaker else "unknown",
        "confidence": round(quote.confidence, 2),
        "rule": quote.rule,
    }


def article_json(article: Article, quotes: list[Quote]) -> dict:
    """One line of `quotes extract` output."""
    return {"id": article.id, "title": article.title,
            "quotes": [quote_json(article, quote) for quote in quotes]}
