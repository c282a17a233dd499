"""What every engine does: parse a stream of texts in bounded pieces and batches."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from quotes.errors import QuotesError
from quotes.nlp.chunks import (
    append_piece,
    bounded_batches,
    chunk_spans,
    cut_punctuation_runs,
    restore_text,
    split_long_sentences,
)
from quotes.nlp.document import Document


class EngineUnavailable(QuotesError):
    """The engine or its model cannot be loaded; the message says how to fix it."""


class Engine:
    """Base class: subclasses implement `parse_pieces` for texts below `chunk_limit`.

    `parse` bounds what the parser holds at once, whatever the texts: a text longer than
    `chunk_limit` characters is parsed in paragraph-aligned pieces, `parse_pieces` is
    given at most `batch_size` pieces and `batch_chars` characters at a time (one piece
    when a piece is longer), and runs of punctuation are cut first
    (`chunks.cut_punctuation_runs`). Each Document holds the text exactly as given."""

    name = "engine"
    chunk_limit = 50_000
    batch_chars = 50_000
    """Together they bound a worker's memory: spaCy's small English model takes about 250 MB
    more to parse 50,000 characters of prose at once, 400 MB for text made of one-letter
    words and punctuation (200,000 characters at once took 1 GB)."""
    batch_size = 32

    def parse_pieces(self, texts: Iterable[str]) -> Iterator[Document]:
        raise NotImplementedError

    def parse(self, texts: Iterable[str]) -> Iterator[Document]:
        """Parse each text into one Document, in order, streaming."""
        plan: deque[tuple[str, list[tuple[int, int]]]] = deque()

        def pieces() -> Iterator[str]:
            for text in texts:
                spans = chunk_spans(text, self.chunk_limit)
                plan.append((text, spans))
                for start, end in spans:
                    yield cut_punctuation_runs(text[start:end])

        parsed = self._parse_in_batches(pieces())
        for first in parsed:
            text, spans = plan.popleft()
            if len(spans) == 1:
                yield restore_text(first, text)
                continue
            whole = Document(text)
            append_piece(whole, spans[0][0], first)
            for start, _ in spans[1:]:
                append_piece(whole, start, next(parsed))
            yield whole

    def parse_one(self, text: str) -> Document:
        return next(self.parse([text]))

    def _parse_in_batches(self, pieces: Iterable[str]) -> Iterator[Document]:
        for batch in bounded_batches(pieces, self.batch_chars, self.batch_size):
            for doc in self.parse_pieces(batch):
                yield split_long_sentences(doc)
