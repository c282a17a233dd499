"""Cut long texts into paragraph-aligned pieces and join their parses back together.

Parsers have length limits and their memory grows with the text, so a 50 MB article is
parsed piece by piece; offsets are shifted back so they point into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from quotes.nlp.document import Document, Entity, Sentence

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINE_BREAK = re.compile(r"\n")
SPACE = re.compile(r"\s")


def chunk_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Split `text` into spans of at most `limit` characters, preferring paragraph breaks,
    then line breaks, then any whitespace; a run with no whitespace is cut hard."""
    spans = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = None
        for pattern in (PARAGRAPH_BREAK, LINE_BREAK, SPACE):
            found = [m.end() for m in pattern.finditer(window) if m.end() > limit // 2]
            if found:
                cut = start + found[-1]
                break
        cut = cut or start + limit
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def join_documents(text: str, pieces: Iterable[tuple[int, Document]]) -> Document:
    """One Document over `text` from documents parsed at the given character offsets."""
    whole = Document(text)
    for offset, doc in pieces:
        shift_t, shift_s = len(whole.tokens), len(whole.sentences)
        for token in doc.tokens:
            whole.tokens.append(replace(
                token, i=token.i + shift_t, start=token.start + offset, end=token.end + offset,
                head=token.head + shift_t, sent=token.sent + shift_s))
        for sent in doc.sentences:
            whole.sentences.append(Sentence(
                sent.start + offset, sent.end + offset, sent.first + shift_t, sent.last + shift_t))
        for ent in doc.entities:
            whole.entities.append(Entity(
                ent.start + offset, ent.end + offset, ent.label,
                ent.first + shift_t, ent.last + shift_t, ent.text))
    return whole
