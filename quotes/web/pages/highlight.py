"""Cut a stretch of article text into paragraphs of highlighted and plain pieces.

    paragraphs = highlight(text, [Mark(10, 42, quote_id=7)])

A `Stretch` is a maximal run of text covered by the same quotes (none for plain text):
the template wraps each covered stretch in one `<mark>`. Inside it, `Piece`s carry the
labels of finer marks (the cue, the speaker's mention). Quotes may overlap or run over
several paragraphs; each paragraph gets its own stretches. Text is never altered: the
pieces of a paragraph, joined, are the article text of that line.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

CONTENT = "content"


@dataclass(frozen=True)
class Mark:
    """A span of the article text to mark: a quote's words (`content`), its cue or source."""

    start: int
    end: int
    quote_id: int
    label: str = CONTENT


@dataclass
class Piece:
    text: str
    labels: frozenset[str] = frozenset()
    """Labels of the marks other than content covering this piece: "cue", "source"."""


@dataclass
class Stretch:
    quote_ids: tuple[int, ...]
    """The quotes whose words cover this stretch, empty for plain text."""
    pieces: list[Piece] = field(default_factory=list)
    first_of: tuple[int, ...] = ()
    """The quotes whose words start here (their first stretch): where a link to a quote
    in its article lands."""

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


Paragraph = list[Stretch]


def highlight(
    text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None
) -> list[Paragraph]:
    """The lines of `text[start:end]` that hold more than blanks, as highlighted stretches."""
    end = len(text) if end is None else end
    opening: dict[int, list[Mark]] = defaultdict(list)
    closing: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        first, last = max(mark.start, start), min(mark.end, end)
        if first < last:
            opening[first].append(mark)
            closing[last].append(mark)
    cuts = sorted({start, end, *opening, *closing})
    active: set[Mark] = set()
    paragraphs: list[Paragraph] = [[]]
    for here, there in itertools.pairwise(cuts):
        active.difference_update(closing[here])
        active.update(opening[here])
        quote_ids = tuple(sorted({m.quote_id for m in active if m.label == CONTENT}))
        labels = frozenset(m.label for m in active if m.label != CONTENT)
        lines = text[here:there].split("\n")
        _append(paragraphs[-1], lines[0], quote_ids, labels)
        for line in lines[1:]:
            paragraphs.append([])
            _append(paragraphs[-1], line, quote_ids, labels)
    kept = [paragraph for paragraph in paragraphs if "".join(s.text for s in paragraph).strip()]
    seen: set[int] = set()
    for paragraph in kept:
        for stretch in paragraph:
            new = tuple(quote_id for quote_id in stretch.quote_ids if quote_id not in seen)
            if new and stretch.text.strip():
                stretch.first_of = new
                seen.update(new)
    return kept


def _append(
    paragraph: Paragraph, text: str, quote_ids: tuple[int, ...], labels: frozenset[str]
) -> None:
    if not text:
        return
    if not paragraph or paragraph[-1].quote_ids != quote_ids:
        paragraph.append(Stretch(quote_ids))
    pieces = paragraph[-1].pieces
    if pieces and pieces[-1].labels == labels:
        pieces[-1].text += text
    else:
        pieces.append(Piece(text, labels))
