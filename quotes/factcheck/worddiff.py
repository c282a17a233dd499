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
from functools import cached_property

from quotes.normalize import word_spans

Op = tuple[str, int, int, int, int]
"""(kind, stored start, stored end, claim start, claim end), in word indexes.

kind "=" marks shared words, "-" stored words the claim leaves out, "+" words the claim
adds; a changed word is a "-" followed by a "+".
"""


@dataclass(frozen=True)
class Words:
    """A text and its normalized words, each tied to the written word it comes from."""

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


MATCH_SCORE = 2
"""What a shared word adds to an alignment's score; each stored word skipped or claim word
added takes 1 away (a changed word, 1 not 2). A far-off shared word ("the" three clauses
earlier) costs more than it adds, so the alignment stays on the stretch that fits."""


def align(stored: list[str], claim: list[str]) -> Alignment | None:
    """Align claim words with the stretch of stored words that fits them best.

    A local alignment: the best-scoring chain of shared words, in order in both texts.
    None when they share no word.
    """
    chain = _best_chain(stored, claim)
    if not chain:
        return None
    ops: list[Op] = []
    (first_i, first_j), (last_i, last_j) = chain[0], chain[-1]
    if first_j > 0:
        ops.append(("+", first_i, first_i, 0, first_j))
    for (i, j), following in zip(chain, chain[1:] + [None], strict=False):
        _append(ops, ("=", i, i + 1, j, j + 1))
        if following is not None:
            next_i, next_j = following
            if next_i > i + 1:
                ops.append(("-", i + 1, next_i, j + 1, j + 1))
            if next_j > j + 1:
                ops.append(("+", next_i, next_i, j + 1, next_j))
    if last_j + 1 < len(claim):
        ops.append(("+", last_i + 1, last_i + 1, last_j + 1, len(claim)))
    return Alignment(first_i, last_i + 1, len(chain), len(claim), ops)


def _best_chain(stored: list[str], claim: list[str]) -> list[tuple[int, int]]:
    """The (stored index, claim index) pairs of shared words in the best local alignment."""
    places: dict[str, list[int]] = {}
    for i, word in enumerate(stored):
        places.setdefault(word, []).append(i)
    points = sorted((i, j) for j, word in enumerate(claim) for i in places.get(word, ()))
    scores: list[int] = []
    previous: list[int | None] = []
    for n, (i, j) in enumerate(points):
        best, link = MATCH_SCORE, None
        for p in range(n):
            pi, pj = points[p]
            if pi < i and pj < j:
                score = scores[p] + MATCH_SCORE - max(i - pi - 1, j - pj - 1)
                if score > best:
                    best, link = score, p
        scores.append(best)
        previous.append(link)
    if not points:
        return []
    k: int | None = max(range(len(points)), key=lambda index: (scores[index], -index))
    chain = []
    while k is not None:
        chain.append(points[k])
        k = previous[k]
    return chain[::-1]


def _append(ops: list[Op], op: Op) -> None:
    """Add an op, merging it into the last one when both are shared words in a row."""
    if ops and ops[-1][0] == "=" == op[0] and ops[-1][2] == op[1] and ops[-1][4] == op[3]:
        kind, i1, _, j1, _ = ops[-1]
        ops[-1] = (kind, i1, op[2], j1, op[4])
    else:
        ops.append(op)


def diff(alignment: Alignment, stored: Words, claim: Words) -> list[tuple[str, str]]:
    """The aligned window as (kind, written text) pieces, shared words as the stored quote
    writes them."""
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
