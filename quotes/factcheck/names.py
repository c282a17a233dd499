"""Does a name a claim gives ("President Biden") refer to a stored speaker ("Joe Biden")?

    names_match("President Biden", "Joe Biden", aliases=["Mr Biden"])   # True
    names_match("Joe Biden", "Joseph R. Biden Jr.")                     # True: a nickname
    names_match("DWP", "Department for Work and Pensions")              # True: its acronym
    names_match("Maria Okafor", "Okafor", article_texts=...)            # True if her article names her so
    names_match("Jill Biden", "Joe Biden")                              # False

Names are compared as sets of words, without the titles before them, case, accents or
punctuation: the claimed name matches when its words are all in the speaker's name or in
one of its aliases, or when the speaker's full name is all in the claimed name ("Foreign
Minister Wang Yi" is "Wang Yi"). Aliases only count in the first direction, since a bare
alias ("Wang") is in many names. Long words may differ by a letter ("Anthony" / "Antony").

A person's other name forms match too (`speakers.identity.name_forms_agree`: first-name
variants and nicknames, middle names and initials, suffixes), and so does an
organisation's acronym made of its name's initials, and another way of writing an
organisation's name (`speakers.organisations.normalize_org`). A speaker stored under a bare surname
("Okafor") is the claimed "Maria Okafor" when an article quoting that speaker prints the
claimed name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from rapidfuzz.fuzz import ratio

from quotes.normalize import fold, words
from quotes.speakers.identity import name_forms_agree, person_name
from quotes.speakers.names import is_title
from quotes.speakers.organisations import normalize_org

FUNCTION_WORDS = frozenset({"the", "of"})
"""Words of organisation names that tell nothing apart ("the Ministry of Foreign Affairs")."""

ACRONYM_SKIPS = frozenset({"the", "of", "for", "and", "on", "in", "to", "at", "a", "an"})
"""Words an acronym leaves out: "Department for Work and Pensions" is "DWP"."""

SPELLING_SIMILARITY = 85
"""rapidfuzz ratio above which two long words count as the same word, misspelt."""


def identifying_words(name: str) -> set[str]:
    """The words of a name that identify it, without the titles before it (`speakers.names`)
    or function words: "Mr Antony Blinken" -> {"antony", "blinken"}."""
    return set(_name_words(name))


def _name_words(name: str) -> list[str]:
    found = [word for word in words(name) if word not in FUNCTION_WORDS]
    while len(found) > 1 and is_title(found[0]):
        found = found[1:]
    return found


def names_match(claimed: str, name: str, aliases: Iterable[str] = (),
                article_texts: Callable[[], Iterable[str]] | None = None) -> bool:
    """Does `claimed` name the speaker called `name`, also known as `aliases`?
    `article_texts` gives, when asked, the texts of articles quoting that speaker."""
    wanted = identifying_words(claimed)
    if not wanted:
        return False
    full = identifying_words(name)
    forms = [name, *aliases]
    if _covers(wanted, full):
        return True
    if any(_within(wanted, identifying_words(form)) for form in forms):
        return True
    if any(_other_name_form(claimed, form) for form in forms):
        return True
    if any(_acronym(claimed, form) or _acronym(form, claimed) for form in forms):
        return True
    if any(normalize_org(claimed) == normalize_org(form) for form in forms):
        return True  # "Halvorsen Electronics Co." is "Halvorsen", "the Chinese foreign ministry" China's
    return len(full) == 1 and article_texts is not None and _named_in(claimed, full, article_texts())


def _within(part: set[str], whole: set[str]) -> bool:
    return all(any(_same_word(word, other) for other in whole) for word in part)


def _covers(claimed: set[str], full_name: set[str]) -> bool:
    return len(full_name) > 1 and _within(full_name, claimed)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and ratio(a, b) >= SPELLING_SIMILARITY


def _other_name_form(claimed: str, form: str) -> bool:
    """"Joe Biden" for "Joseph R. Biden Jr.": both full names, forms of one name."""
    one, other = person_name(claimed), person_name(form)
    return bool(one.first and other.first) and name_forms_agree(claimed, form)


def _acronym(short: str, long: str) -> bool:
    """Is `short` the initials of `long`'s words ("DWP", "the Department for Work and
    Pensions"; "WHO", "World Health Organization")?"""
    letters = "".join(c for c in short if c.isalnum())
    if " " in short.strip() or not (2 <= len(letters) <= 8) or not letters.isupper():
        return False
    initials = "".join(w[0] for w in words(long) if w not in ACRONYM_SKIPS)
    return len(initials) > 1 and initials == fold(letters)


def _named_in(claimed: str, surname: set[str], texts: Iterable[str]) -> bool:
    """Is the claimed full name, holding the speaker's one name, printed in one of
    `texts`? ("Maria Okafor" for a speaker stored as "Okafor".)"""
    claimed_words = _name_words(claimed)
    if len(claimed_words) < 2 or not surname & set(claimed_words):
        return False
    phrase = " ".join(claimed_words)
    return any(phrase in " ".join(words(text)) for text in texts)


def article_texts(conn: sqlite3.Connection, article_ids: Iterable[str]) -> Callable[[], list[str]]:
    """The texts of these articles, read when first asked for (`names_match`)."""
    ids = sorted(set(article_ids))

    def read() -> list[str]:
        marks = ", ".join("?" * len(ids))
        return [row[0] for row in conn.execute(f"SELECT text FROM articles WHERE id IN ({marks})", ids)]

    return read
