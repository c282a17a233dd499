"""Who is speaking: the subject of a cue, and the words of its mention.

    subject_of(doc, verb)   the token heading the speaker's noun phrase, or None
    mention_span(doc, head) its characters: "China’s ministry of foreign affairs"
"""

from __future__ import annotations

from quotes.nlp import Document
from quotes.nlp.tree import NOT_IN_PHRASE, subtree

SUBJECTS = ("nsubj", "nsubj:pass")
CLAUSE_LINKS = ("conj", "advcl", "xcomp")
NOT_IN_MENTION = NOT_IN_PHRASE | {"punct"}


def _named_apposition(doc: Document, head: int) -> int:
    if doc.tokens[head].upos != "NOUN":
        return head
    for child in doc.children(head):
        if doc.tokens[child].deprel == "appos":
            entity = doc.entity_at(child)
            if entity is not None and entity.label == "PERSON":
                return child
    return head


def subject_of(doc: Document, verb: int) -> int | None:
    """The subject of `verb`, else of the clause it hangs from ("..., saying",
    "and added", "was quoted as saying"). A passive cue's speaker is its agent
    ("was told by X"): "Hamas was urged to ..." has no speaker."""
    current = verb
    for _ in range(4):
        for child in doc.children(current):
            deprel = doc.tokens[child].deprel
            if deprel == "nsubj:pass" and current == verb:
                return agent_of(doc, verb)
            if deprel in SUBJECTS:
                return child
        token = doc.tokens[current]
        if token.deprel not in CLAUSE_LINKS or token.head == current:
            return None
        current = token.head
    return None


def agent_of(doc: Document, verb: int) -> int | None:
    """The `by X` of a passive verb."""
    for child in doc.children(verb):
        if doc.tokens[child].deprel == "obl:agent":
            return child
    return None


def mention_span(doc: Document, head: int) -> tuple[int, int]:
    """Characters of the noun phrase headed by `head`, without relative clauses,
    appositives or trailing punctuation; a description followed by the name of the
    person it describes ("the engineer, Tom Bell, ...") is mentioned by the name."""
    head = _named_apposition(doc, head)
    start, end = doc.span(*subtree(doc, head, NOT_IN_MENTION))
    while start < end - 1 and not doc.text[start].isalnum():
        start += 1  # "-Commissioner Geoffrey Starks", "“Sen. Smith"
    while end > start + 1 and not (doc.text[end - 1].isalnum() or doc.text[end - 1] in ".)"):
        end -= 1
    return start, end
