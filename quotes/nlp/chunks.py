"""Bounded pieces: long texts cut into paragraph-aligned pieces and joined back, pieces
gathered into bounded batches, and runs of punctuation cut before a tokenizer sees them.

Parsers have length limits and their memory grows with the text, so a 50 MB article is
parsed piece by piece and a batch never holds more than `BATCH_CHARS` characters;
offsets are shifted back so they point into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from quotes.nlp.document import Document, Entity, Sentence

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINE_BREAK = re.compile(r"\n")
SPACE = re.compile(r"\s")

MAX_PUNCTUATION_RUN = 10
"""Longer runs of punctuation marks and symbols ("!!!!!!...", 16,000 quotation marks) are cut
to this many: tokenizers split such a run one mark at a time, in time that grows with the
square of its length (spaCy took 80 s for 16,000 `"`)."""
PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")

MAX_SENTENCE_TOKENS = 250
"""Longer sentences are cut into sentences of this many tokens: news has none (PolNeAR's
longest has ...), and the rules' time grows with a sentence's length times its cues, so a
text without full stops (200 KB of quotes nested in quotes, one sentence to the parser)
would take hours."""


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


def cut_punctuation_runs(text: str) -> str:
    """`text` with each run of more than MAX_PUNCTUATION_RUN punctuation marks or symbols
    cut to its first MAX_PUNCTUATION_RUN, the rest turned into spaces: the text keeps its
    length, so every offset still points at the same character of the original."""
    if not PUNCTUATION_RUN.search(text):
        return text
    return PUNCTUATION_RUN.sub(
        lambda run: run.group()[:MAX_PUNCTUATION_RUN] + " " * (len(run.group()) - MAX_PUNCTUATION_RUN),
        text)


def bounded_batches(texts: Iterable[str], max_chars: int, max_texts: int) -> Iterator[list[str]]:
    """Consecutive lists of texts holding at most `max_texts` texts and, unless a single text
    is longer, at most `max_chars` characters."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > max_chars or len(batch) >= max_texts):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def split_long_sentences(doc: Document, limit: int = MAX_SENTENCE_TOKENS) -> Document:
    """`doc` with every sentence of more than `limit` tokens cut into sentences of `limit`
    tokens; a token whose head falls in another part becomes a root of its part."""
    if all(sent.last - sent.first < limit for sent in doc.sentences):
        return doc
    sentences: list[Sentence] = []
    for sent in doc.sentences:
        for first in range(sent.first, sent.last + 1, limit):
            last = min(first + limit - 1, sent.last)
            number = len(sentences)
            sentences.append(Sentence(doc.tokens[first].start, doc.tokens[last].end, first, last))
            for token in doc.tokens[first:last + 1]:
                token.sent = number
                if not first <= token.head <= last:
                    token.head, token.deprel = token.i, "root"
    doc.sentences = sentences
    return doc


def restore_text(doc: Document, text: str) -> Document:
    """`doc`, parsed from a same-length copy of `text` with punctuation runs cut, made to
    hold `text` again (tokens never cover the characters cut)."""
    if doc.text is text:
        return doc
    doc.text = text
    for entity in doc.entities:
        entity.text = text[entity.start:entity.end]
    return doc


def append_piece(whole: Document, offset: int, piece: Document) -> None:
    """Add the parse of `whole.text[offset:...]` to `whole`, shifting its offsets and
    indexes; the piece's tokens are moved, not copied (the piece is spent)."""
    shift_t, shift_s = len(whole.tokens), len(whole.sentences)
    for token in piece.tokens:
        token.i += shift_t
        token.head += shift_t
        token.sent += shift_s
        token.start += offset
        token.end += offset
    whole.tokens.extend(piece.tokens)
    whole.sentences.extend(
        Sentence(sent.start + offset, sent.end + offset, sent.first + shift_t, sent.last + shift_t)
        for sent in piece.sentences)
    whole.entities.extend(
        Entity(ent.start + offset, ent.end + offset, ent.label, ent.first + shift_t,
               ent.last + shift_t, whole.text[ent.start + offset:ent.end + offset])
        for ent in piece.entities)
    piece.tokens = []

