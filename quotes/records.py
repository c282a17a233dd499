"""Plain records that flow between the stages: articles in, quotes and speakers out."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]

QUOTE_TYPES = ("direct", "indirect", "mixed", "summary")
"""`summary`: what a speech was about ("called for [the release of the prisoners]"), not its words."""
SPEAKER_KINDS = ("person", "organization", "anonymous", "group", "document", "unknown")
ORG_TYPES = ("government", "international", "party", "media", "company", "ngo", "other")


@dataclass
class Article:
    """One article as read; `text` is never altered after reading, offsets point into it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None
    path: str | None = None
    ignored: list[Span] = field(default_factory=list)
    """Spans of page furniture (link lists, captions) where no quote is looked for."""


@dataclass
class Speaker:
    """Who said it: a canonical name, what kind of speaker, and what the text says of them.

    `org_type` is set on organisations only: one of ORG_TYPES."""

    name: str
    kind: str = "unknown"
    role: str | None = None
    affiliation: str | None = None
    aliases: set[str] = field(default_factory=set)
    org_type: str | None = None
    namesakes: set[str] = field(default_factory=set)
    """Names of other people of the same article whose names are forms of this one's
    ("Donald Trump" beside "Donald Trump Jr."): never the same speaker across articles."""


@dataclass
class Quote:
    """One attribution: content pieces, the cue, the speaker's mention, and who that is."""

    type: str
    content: list[Span]
    cue: list[Span]
    cue_lemma: str | None
    source: list[Span]
    rule: str
    confidence: float
    cue_class: str = "speech"
    stance: str = "neutral"
    speaker: Speaker | None = None
    reported_by: Speaker | None = None
    via: str | None = None
    """The document the words were given in when the speaker is its author: "the
    complaint" ("the complaint filed by prosecutors said ...": the prosecutors')."""

    def text(self, article_text: str) -> str:
        """The content as printed, pieces joined by a space."""
        return " ".join(article_text[s:e] for s, e in self.content)

    def source_text(self, article_text: str) -> str | None:
        return " ".join(article_text[s:e] for s, e in self.source) or None
