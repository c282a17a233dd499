"""What every engine does: parse a stream of texts, long ones piece by piece."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from quotes.errors import QuotesError
from quotes.nlp.chunks import chunk_spans, join_documents
from quotes.nlp.document import Document


class EngineUnavailable(QuotesError):
    """The engine or its model cannot be loaded; the message says how to fix it."""


class Engine:
    """Base class: subclasses implement `parse_pieces` for texts below `chunk_limit`."""

    name = "engine"
    chunk_limit = 100_000

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
                    yield text[start:end]

        parsed = self.parse_pieces(pieces())
        for first in parsed:
            text, spans = plan.popleft()
            if len(spans) == 1:
                yield first
                continue
            rest = [next(parsed) for _ in spans[1:]]
            yield join_documents(text, zip((start for start, _ in spans), [first, *rest], strict=False))

    def parse_one(self, text: str) -> Document:
        return next(self.parse([text]))
