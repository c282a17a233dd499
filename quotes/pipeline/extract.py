"""The extraction pipeline: articles in, quotes with resolved speakers out.

    for article, quotes in extract_articles(read_articles(paths), load_engine("spacy")):
        ...

An article longer than the engine's `chunk_limit` is extracted piece by piece: each
paragraph-aligned piece is parsed, searched for quotes and let go before the next, so a
worker's memory is bounded by the piece, not by the article (a quote never spans two
pieces, and speakers are resolved within each).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace

from quotes.detection.detect import find_quotes
from quotes.detection.lexicon import DEFAULT_CUE_CLASSES
from quotes.detection.quote_filter import drop_unlikely
from quotes.detection.quotemarks import find_quotations
from quotes.nlp import Document, Engine
from quotes.nlp.chunks import chunk_spans, cut_punctuation_runs
from quotes.records import Article, Quote, Span
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
    """The rules' quotes, speakers resolved, before any filter (see `detect.find_quotes`).

    Quotation marks are looked for in the text as the parser saw it (runs of punctuation
    cut, `chunks.cut_punctuation_runs`): same offsets, no mark the parse does not hold."""
    quotations = find_quotations(cut_punctuation_runs(article.text))
    quotes = find_quotes(doc, quotations, article.ignored, cue_classes, every_object)
    resolve_speakers(doc, quotes, quotations, article.ignored)
    return quotes


@dataclass(frozen=True)
class Piece:
    """A piece of an article, extracted as an article of its own: `article` holds its text
    (the whole article when it is short), `offset` where it starts in `whole`."""

    whole: Article
    article: Article
    offset: int
    last: bool

    def place(self, quotes: list[Quote]) -> list[Quote]:
        """The piece's quotes with their spans pointing into the whole article."""
        if self.offset:
            for quote in quotes:
                quote.content = _shift(quote.content, self.offset)
                quote.cue = _shift(quote.cue, self.offset)
                quote.source = _shift(quote.source, self.offset)
        return quotes


def pieces_of(article: Article, limit: int) -> Iterator[Piece]:
    """`article` in paragraph-aligned pieces of at most `limit` characters."""
    spans = chunk_spans(article.text, limit)
    if len(spans) == 1:
        yield Piece(article, article, 0, last=True)
        return
    for number, (start, end) in enumerate(spans):
        ignored = [(max(s, start) - start, min(e, end) - start)
                   for s, e in article.ignored if s < end and e > start]
        piece = replace(article, text=article.text[start:end], ignored=ignored)
        yield Piece(article, piece, start, last=number == len(spans) - 1)


def parse_pieces(articles: Iterable[Article], engine: Engine) -> Generator[tuple[Piece, Document], None, None]:
    """Each piece of each article (see `pieces_of`) with its parse, in order, streaming."""
    pending: deque[Piece] = deque()

    def texts() -> Iterator[str]:
        for article in articles:
            for piece in pieces_of(article, engine.chunk_limit):
                pending.append(piece)
                yield piece.article.text

    for doc in engine.parse(texts()):
        yield pending.popleft(), doc


def extract_articles(articles: Iterable[Article], engine: Engine,
                     cue_classes: Iterable[str] = DEFAULT_CUE_CLASSES) -> Iterator[tuple[Article, list[Quote]]]:
    """Parse articles in batches with `engine` and yield each with its quotes, in order."""
    cue_classes = tuple(cue_classes)
    found: list[Quote] = []
    for piece, doc in parse_pieces(articles, engine):
        found += piece.place(extract_document(piece.article, doc, cue_classes))
        if piece.last:
            yield piece.whole, found
            found = []


def _shift(spans: list[Span], offset: int) -> list[Span]:
    return [(start + offset, end + offset) for start, end in spans]


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
