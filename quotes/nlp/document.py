"""The annotated document every engine fills and every rule reads.

Universal Dependencies conventions: `upos` tags, `deprel` labels (`nsubj`, `obj`,
`ccomp`, `nmod:poss`, ...), and heads as token indexes (a root is its own head).
Character offsets always point into the original article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    sent: int

    def feat(self, name: str) -> str | None:
        """One morphological feature (`Gender`, `Number`, ...) or None."""
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first: int
    last: int

    @property
    def tokens(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    label: str
    first: int
    last: int
    text: str


@dataclass
class Document:
    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    _children: list[list[int]] | None = field(default=None, repr=False)
    _entity_of: dict[int, Entity] | None = field(default=None, repr=False)

    def children(self, i: int) -> list[int]:
        """Indexes of the dependents of token `i`, in text order."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.tokens]
            for token in self.tokens:
                if token.head != token.i:
                    kids[token.head].append(token.i)
            self._children = kids
        return self._children[i]

    def subtree(self, i: int) -> list[int]:
        """Token `i` and everything below it, in text order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children(j))
        return sorted(out)

    def entity_at(self, i: int) -> Entity | None:
        """The named entity that token `i` belongs to, if any."""
        if self._entity_of is None:
            self._entity_of = {
                j: ent for ent in self.entities for j in range(ent.first, ent.last + 1)
            }
        return self._entity_of.get(i)

    def token_at(self, offset: int) -> int | None:
        """Index of the token that covers character `offset`, or None."""
        lo, hi = 0, len(self.tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            token = self.tokens[mid]
            if offset < token.start:
                hi = mid - 1
            elif offset >= token.end:
                lo = mid + 1
            else:
                return mid
        return None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens `first` to `last`, inclusive."""
        return self.tokens[first].start, self.tokens[last].end
