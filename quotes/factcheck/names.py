"""Does a name a claim gives ("President Biden") refer to a stored speaker ("Joe Biden")?

    names_match("President Biden", "Joe Biden", aliases=["Mr Biden"])   # True
    names_match("Jill Biden", "Joe Biden")                              # False

Names are compared as sets of words, without the titles before them, case, accents or punctuation: the
claimed name matches when its words are all in the speaker's name or in one of its
aliases, or when the speaker's full name is all in the claimed name ("Foreign Minister
Wang Yi" is "Wang Yi"). Aliases only count in the first direction, since a bare alias
("Wang") is in many names. Long words may differ by a letter ("Anthony" / "Antony").
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.fuzz import ratio

from quotes.normalize import words
from quotes.speakers.names import is_title

FUNCTION_WORDS = frozenset({"the", "of"})
"""Words of organisation names that tell nothing apart ("the Ministry of Foreign Affairs")."""

SPELLING_SIMILARITY = 85
"""rapidfuzz ratio above which two long words count as the same word, misspelt."""


def identifying_words(name: str) -> set[str]:
    """The words of a name that identify it, without the titles before it (`speakers.names`)
    or function words: "Mr Antony Blinken" -> {"antony", "blinken"}."""
    found = [word for word in words(name) if word not in FUNCTION_WORDS]
    while len(found) > 1 and is_title(found[0]):
        found = found[1:]
    return set(found)


def names_match(claimed: str, name: str, aliases: Iterable[str] = ()) -> bool:
    """Does `claimed` name the speaker called `name`, also known as `aliases`?"""
    wanted = identifying_words(claimed)
    if not wanted:
        return False
    full = identifying_words(name)
    if _covers(wanted, full):
        return True
    return any(_within(wanted, identifying_words(form)) for form in [name, *aliases])


def _within(part: set[str], whole: set[str]) -> bool:
    return all(any(_same_word(word, other) for other in whole) for word in part)


def _covers(claimed: set[str], full_name: set[str]) -> bool:
    return len(full_name) > 1 and _within(full_name, claimed)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and ratio(a, b) >= SPELLING_SIMILARITY
