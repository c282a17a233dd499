"""Walking the dependency tree of a `Document`: phrase heads, contiguous subtrees, the
words of a noun phrase. Rules of every stage read the parse through these."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from quotes.nlp.document import Document, Entity

NOT_IN_PHRASE = {"acl:relcl", "acl", "appos", "parataxis", "advcl", "cc", "conj", "dep", "mark"}
"""Dependents that are no part of a noun phrase (see `subtree`)."""

def tokens_in(doc: Document, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The tokens from the one at each span's first character to the one at its last, span
    by span; a span that starts or ends outside every token (on a space) gives none."""
    out: list[int] = []
    for start, end in spans:
        first, last = doc.token_at(start), doc.token_at(end - 1)
        if first is not None and last is not None:
            out += range(first, last + 1)
    return out


def head_of(doc: Document, first: int, last: int) -> int:
    """The token of `first`..`last` whose head lies outside them (the phrase's head)."""
    inside = range(first, last + 1)
    for i in inside:
        head = doc.tokens[i].head
        if head not in inside or head == i:
            return i
    return last


def entity_head(doc: Document, entity: Entity) -> int:
    return head_of(doc, entity.first, entity.last)


def subtree(doc: Document, head: int, left_out: set[str]) -> tuple[int, int]:
    """First and last token of the contiguous subtree of `head`, without dependents whose
    relation is in `left_out` (nor theirs) and without the preposition that introduces
    the phrase (the `case` of `head`)."""
    return contiguous(doc, head, lambda node, child: not (
        doc.tokens[child].deprel in left_out or (node == head and doc.tokens[child].deprel == "case")))


def contiguous(doc: Document, head: int, keeps: Callable[[int, int], bool]) -> tuple[int, int]:
    """First and last token of the run around `head` of the tokens under it that `keeps`
    (node, child) lets in, walking down from `head`."""
    keep = {head}
    stack = [head]
    while stack:
        node = stack.pop()
        for child in doc.children(node):
            if keeps(node, child):
                keep.add(child)
                stack.append(child)
    first = last = head
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    return first, last


def phrase(doc: Document, head: int) -> list[int]:
    """Token indexes of the noun phrase headed by `head`: its contiguous subtree without
    the preposition that introduces it, relative clauses, appositives, coordination or
    punctuation."""
    first, last = subtree(doc, head, NOT_IN_PHRASE)
    while first < head and doc.tokens[first].upos == "PUNCT":
        first += 1
    while last > head and doc.tokens[last].upos == "PUNCT":
        last -= 1
    return list(range(first, last + 1))


def text_of(doc: Document, tokens: list[int]) -> str:
    if not tokens:
        return ""
    return doc.text[doc.tokens[tokens[0]].start:doc.tokens[tokens[-1]].end]
