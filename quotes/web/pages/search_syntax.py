"""What a reader types in a search box, as a full-text query (SQLite FTS5) that is always
valid, and a hint when something typed could not be used.

    parse_search('tariffs OR sanctions -china "trade war" negotiat*').fts
    # '"tariffs" OR "sanctions" NOT "china" "trade war" "negotiat"*'

Words are matched in any order ("talks stalled" finds both words), "quoted words" as a
phrase, `OR` between alternatives, `NOT` or `-` before words to leave out, `*` after the
start of a word. Everything else (stray quotes, brackets, punctuation, operators with
nothing to join) is dropped: a search never fails as bad syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HELP = (
    "Words match in any order; \u201cquoted words\u201d match as a phrase; OR between "
    "alternatives (tariffs OR sanctions); NOT or - before words to leave out (talks NOT "
    "trade, talks -trade); * after the start of a word (negotiat*)."
)
MAX_TERMS = 24
"""Terms beyond these are dropped: each one is a pass over the full-text index."""

TOKENS = re.compile(r'"[^"]*"?|\S+')
WORD = re.compile(r"\w+")
OPERATORS = {"OR": "OR", "AND": "AND", "NOT": "NOT", "|": "OR"}


@dataclass
class Term:
    words: list[str]
    prefix: bool = False

    @property
    def fts(self) -> str:
        # the words hold only letters, digits and _: nothing in them needs escaping
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


@dataclass
class SearchQuery:
    typed: str
    fts: str | None
    """The FTS5 query, or None when nothing searchable was typed."""
    words: list[str] = field(default_factory=list)
    """The words of the terms to find (not those left out), lower case, in order."""
    hints: list[str] = field(default_factory=list)
    """What was dropped, and why."""


def parse_search(typed: str) -> SearchQuery:
    items: list[Term | str] = []
    for token in TOKENS.findall(typed.replace("\u201c", '"').replace("\u201d", '"')):
        if token in OPERATORS:
            items.append(OPERATORS[token])
        elif token.startswith('"'):
            words = WORD.findall(token)
            if words:
                items.append(Term(words))
        else:
            negated = token.startswith("-") and len(token) > 1
            words = WORD.findall(token)
            if not words:
                continue
            if negated:
                items.append("NOT")
            items.append(Term(words, prefix=token.endswith("*")))
    return _query(typed, items)


def _query(typed: str, items: list[Term | str]) -> SearchQuery:
    hints: list[str] = []
    parts: list[str] = []
    found: list[str] = []
    pending: set[str] = set()
    terms = 0
    for item in items:
        if isinstance(item, str):
            pending.add(item)
            continue
        if terms >= MAX_TERMS:
            hints.append(f"only the first {MAX_TERMS} words and phrases are searched")
            break
        operator = "NOT" if "NOT" in pending else "OR" if "OR" in pending else None
        pending.clear()
        if not parts:
            if operator == "NOT":
                hints.append("NOT leaves words out of what the other words find: put words before it (talks NOT trade)")
                continue
            operator = None
        parts.extend([operator, item.fts] if operator else [item.fts])
        if operator != "NOT":
            found.extend(word.lower() for word in item.words)
        terms += 1
    if not parts:
        if typed.strip() and not hints:
            hints.append("type words to search for, not only operators or punctuation")
        return SearchQuery(typed, None, [], hints)
    return SearchQuery(typed, " ".join(parts), found, hints)
