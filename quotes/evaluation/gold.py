"""Gold documents: human-annotated articles with their quotes, as every reader gives them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotes.detection.quotemarks import find_quotations
from quotes.errors import QuotesError

WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


class GoldError(QuotesError):
    """The gold file or folder cannot be read; the message says where and why."""


@dataclass
class GoldDocument:
    id: str
    text: str
    quotes: list[dict] = field(default_factory=list)


def quote_type(text: str, content: Iterable[Iterable[int]]) -> str:
    """direct (every word in quotation marks), indirect (none) or mixed."""
    quoted = [span for q in find_quotations(text) for span in q.pieces]
    inside = outside = False
    for start, end in content:
        for word in WORD.finditer(text, start, end):
            if any(s <= word.start() < e for s, e in quoted):
                inside = True
            else:
                outside = True
    return "mixed" if inside and outside else "direct" if inside else "indirect"
