"""When two speakers are one: the key that identifies a speaker across articles.

    speaker_key(Speaker("Antony J. Blinken", "person"))               -> "person:antony blinken"
    speaker_key(Speaker("the Chinese foreign ministry", "organization"))
                                                        -> "organization:china foreign ministry"
    speaker_key(Speaker("US official", "anonymous"), "article-1")
                                                        -> "anonymous:article-1:us official"

People merge on their full name (titles, initials and accents aside); organisations on a
normalized name (`organisations.normalize_org`); anonymous sources and groups never leave
their article: two articles' "a US official" are two speakers.
"""

from __future__ import annotations

from functools import lru_cache

from quotes.records import Speaker
from quotes.speakers.names import fold, normalize_person
from quotes.speakers.organisations import normalize_org

PER_ARTICLE = ("anonymous", "group")


def normalized_name(speaker: Speaker) -> str:
    """The speaker's name as compared across articles."""
    return _normalized_name(speaker.kind, speaker.name)


@lru_cache(maxsize=65536)
def _normalized_name(kind: str, name: str) -> str:
    # Cached: the store asks for every quote's speaker, and the same names recur.
    if kind == "person":
        return normalize_person(name) or fold(" ".join(name.split()))
    if kind == "organization":
        return normalize_org(name) or fold(" ".join(name.split()))
    return fold(" ".join(name.split()))


def speaker_key(speaker: Speaker, article_id: str | None = None) -> str:
    """What makes two speakers the same: kind and normalized name, and for anonymous
    sources and groups the article they were quoted in."""
    if speaker.kind in PER_ARTICLE and article_id is not None:
        return f"{speaker.kind}:{article_id}:{normalized_name(speaker)}"
    return f"{speaker.kind}:{normalized_name(speaker)}"
