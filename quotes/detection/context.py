"""What every detection rule reads: the parse, the quotations, the ignored spans, and
the small helpers that make a `Quote`."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotes.detection.lexicon import DEFAULT_CUE_CLASSES, Cue, cue_for
from quotes.detection.quotemarks import Quotation
from quotes.nlp import Document
from quotes.records import Quote, Span

WORD = re.compile(r"\w+")
MIN_UNATTRIBUTED_WORDS = 4
MIN_NEARBY_CUE_WORDS = 3
SPLIT_GAP_WORDS = 30




@dataclass
class Context:
    doc: Document
    quotations: list[Quotation]
    ignored: list[Span]
    cue_classes: tuple[str, ...] = DEFAULT_CUE_CLASSES
    every_object: bool = False

    def __post_init__(self) -> None:
        self.starts = [q.start for q in self.quotations]
        self._words: WordIndex | None = None

    @property
    def words(self) -> WordIndex:
        """The words of the text and which of them are quoted, built on first use."""
        if self._words is None:
            self._words = WordIndex(self)
        return self._words

    def quotation_at(self, offset: int) -> Quotation | None:
        """The quotation whose span (marks included) holds `offset`."""
        n = bisect.bisect_right(self.starts, offset) - 1
        if n >= 0 and any(s <= offset < e for s, e in self.quotations[n].pieces):
            return self.quotations[n]
        return None

    def is_ignored(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.ignored)


class WordIndex:
    """The words (`WORD`) of a text, in order, and a running count of those that start
    inside a quotation: how many words of any span are quoted is a constant-time question
    (a quote's type on a 50,000-character piece of nested quotations stays linear)."""

    def __init__(self, ctx: Context) -> None:
        matches = list(WORD.finditer(ctx.doc.text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.quoted_before = [0]
        for start in self.starts:
            self.quoted_before.append(self.quoted_before[-1] + (ctx.quotation_at(start) is not None))

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the words that overlap `start:end`."""
        if end <= start:
            return range(0)
        return range(bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end))

    def quoted(self, first: int, last: int) -> int:
        """How many of the words `first` to `last - 1` start inside a quotation."""
        return self.quoted_before[last] - self.quoted_before[first]


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def quotation_text(ctx: Context, quotation: Quotation) -> str:
    return " ".join(ctx.doc.text[s:e] for s, e in quotation.pieces)


def make_quote(doc: Document, content: list[Span], cue: list[Span], lexeme: Cue | None,
           source: list[Span], rule: str, confidence: float) -> Quote:
    lexeme = lexeme or cue_for("say")
    assert lexeme is not None, '"say" is in the lexicon'
    return Quote("indirect", content, cue, lexeme.lemma, source, rule, confidence,
                 lexeme.cls, lexeme.stance)


WEAK_RULES = {"quote-cue-nearby", "floating", "speaker-before"}
"""Rules whose quotes a split quote may absorb: their cue or speaker is only a guess
(a cue near the quotation, the speaker of the quote before)."""
SMALL_WORDS = set("a an and the of in on at to for with by from or but nor as".split())


def is_title(text: str) -> bool:
    """Capitalised like a title ("The Axe Files", "Parks and Recreation"), not a sentence."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(words) <= 8 and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words) and any(
        w.lower() in SMALL_WORDS for w in words[1:]) or len(words) <= 3 and all(w[0].isupper() for w in words)


def is_label(ctx: Context, quotation: Quotation) -> bool:
    """A title or a word or two in quotation marks ("New Day", "woke"), not speech."""
    words = quotation_text(ctx, quotation)
    return count_words(words) < MIN_NEARBY_CUE_WORDS or is_title(words)
