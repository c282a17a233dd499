"""What a fact-check answers: the verdict, and each matching quote with its speaker, article,
label, diff and the articles carrying the same words."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from quotes.errors import QuotesError

LABELS = ("exact", "fragment", "altered", "related")
"""exact: the whole stored quote; fragment: part of it; altered: the wording differs;
related: shares the claim's key words."""


VERBATIM = ("exact", "fragment")


WORD_MATCHES = ("exact", "fragment", "altered")
"""Labels of quotes that hold the claim's words (related ones only share some)."""


TOO_SHORT = "too short to check"
"""The verdict on a claim of common words alone ("the", "and not"): nothing was looked up."""


NOT_FOUND = "not found"


class CheckError(QuotesError):
    """A claim or database a check cannot work with, described in one line. Exit status 2,
    since `quotes check` answers 1 for "not found"."""

    exit_code = 2


@dataclass
class Person:
    """A stored speaker: a person, organisation, group or anonymous source."""

    id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None


@dataclass
class Source:
    """An article a quote appears in."""

    id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None


@dataclass
class Carriers:
    """The articles carrying a quote's words (in a quote of their own), earliest first."""

    count: int
    capped: bool
    """True when there may be more than `count` (counting stopped at CARRIERS_LIMIT quotes)."""
    articles: list[Source]

    @property
    def earliest(self) -> Source | None:
        return self.articles[0] if self.articles else None


@dataclass
class Match:
    label: str
    score: int
    """How close the claim is to the stored words it corresponds to, 0-100 (rapidfuzz)."""
    quote_id: int
    text: str
    type: str
    cue: str | None
    confidence: float | None
    """How sure the extraction was of this quote and its speaker, 0-1."""
    start: int
    end: int
    speaker: Person | None
    reported_by: Person | None
    article: Source
    words: str
    """The stored words the claim corresponds to, normalized."""
    diff: list[tuple[str, str]] | None = None
    """For `altered` and `related`: ("=" | "-" | "+", text) pieces, see worddiff.py."""
    reports: int | None = None
    """The id of a quote by someone else that this one holds: this one reports it."""
    context: str | None = None
    carriers: Carriers | None = None
    """The articles carrying this quote's words: how far the quote spread."""


@dataclass
class CheckResult:
    claim: str
    speaker: str | None
    """The speaker the claim names, if any."""
    verdict: str
    explanation: str
    matches: list[Match] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.verdict not in (NOT_FOUND, TOO_SHORT)

    def as_dict(self) -> dict:
        data = asdict(self)
        for match, match_data in zip(self.matches, data["matches"], strict=False):
            earliest = match.carriers.earliest if match.carriers else None
            if earliest is not None:
                match_data["carriers"]["earliest"] = asdict(earliest)
        return data


def display_date(published: str | None) -> str | None:
    """An ISO date as people write it: "2023-06-19T09:34" -> "19 June 2023"."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day.day} {day:%B %Y}"
