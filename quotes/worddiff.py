"""Word-level alignment of a claimed quote with a stored one, and the diff between them.

    stored, claim = Words.of(quote_text), Words.of(claimed_words)
    alignment = align(stored.normalized, claim.normalized)
    alignment.similarity                 # 1.0 when the claim is a run of the stored words
    render(diff(alignment, stored, claim))
    # 'we are communicating as clearly as possible to avoid [-possible-] misunderstandings'

The alignment covers only the stretch of the stored quote the claim corresponds to (its
window): stored words before the first and after the last shared word are left out of
the diff, since quoting a fragment is not altering it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from .normalize import word_spans

Op = tuple[str, int, int, int, int]
"""(kind, stored start, stored end, claim start, claim end), in word indexes.

kind "=" marks shared words, "-" stored words the claim leaves out, "+" words the claim
adds; a changed word is a "-" followed by a "+".
"""


@dataclass(frozen=True)
class Words:
    """A text and its normalised words, each tied to the written word it comes from."""

    text: str
    spans: list[tuple[int, int, str]]

    @classmethod
    def of(cls, text: str) -> Words:
        return cls(text, word_spans(text))

    @cached_property
    def normalized(self) -> list[str]:
        return [word for _, _, word in self.spans]

    def written(self, start: int, end: int) -> str:
        """Words start..end as written, with the punctuation between them."""
        if start >= end:
            return ""
        return self.text[self.spans[start][0]:self.spans[end - 1][1]]


@dataclass(frozen=True)
class Alignment:
    start: int
    """Index of the first stored word in the window."""
    end: int
    """Index after the last stored word in the window."""
    shared: int
    """How many words the claim and the window have in common, in order."""
    claim_length: int
    ops: list[Op]

    @property
    def similarity(self) -> float:
        """Share of words in common, from 0 to 1: 2 * shared / (claim words + window words)."""
        total = self.claim_length + self.end - self.start
        return 2 * self.shared / total if total else 0.0

    @property
    def changed(self) -> bool:
        return any(kind != "=" for kind, *_ in self.ops)


def align(stored: list[str], claim: list[str]) -> Alignment | None:
    """Align claim words with stored words; None when they share no word."""
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, stored, claim, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", i1, i2, j1, j2))
            continue
        if i1 < i2:  # delete or replace
            ops.append(("-", i1, i2, j1, j1))
        if j1 < j2:  # insert or replace
            ops.append(("+", i2, i2, j1, j2))
    equal = [index for index, op in enumerate(ops) if op[0] == "="]
    if not equal:
        return None
    first, last = equal[0], equal[-1]
    # Stored words outside the window go; claim words outside it stay, as additions.
    window = [op for op in ops[:first] if op[0] == "+"]
    window += ops[first:last + 1]
    window += [op for op in ops[last + 1:] if op[0] == "+"]
    shared = sum(i2 - i1 for kind, i1, i2, _, _ in window if kind == "=")
    return Alignment(ops[first][1], ops[last][2], shared, len(claim), window)


def diff(alignment: Alignment, stored: Words, claim: Words) -> list[tuple[str, str]]:
    """The aligned window as (kind, written text) pieces; shared words as the stored quote has them."""
    return [
        (kind, claim.written(j1, j2) if kind == "+" else stored.written(i1, i2))
        for kind, i1, i2, j1, j2 in alignment.ops
    ]


def render(pieces: list[tuple[str, str]], style: Callable[[str, str], str] | None = None) -> str:
    """A diff in one line, git word-diff style: "to avoid [-possible-] misunderstandings".

    `style(kind, marked_text)`, if given, dresses each piece (e.g. in terminal colours).
    """
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    marked = [(kind, marks[kind].format(text)) for kind, text in pieces]
    return " ".join(style(kind, text) if style else text for kind, text in marked)
