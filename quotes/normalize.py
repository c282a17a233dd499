"""Text as a fact-check compares it: words only, without case, accents or punctuation.

    >>> normalize("Stop hyping up the ‘China threat theory’!")
    'stop hyping up the china threat theory'

Words are runs of letters and digits, as SQLite's unicode61 tokenizer sees them, so a
phrase that full-text search finds can be checked word for word against this form.
Curly and straight quotes, dashes and apostrophes all separate words ("China’s" and
"China's" are both "china s").
"""

from __future__ import annotations

import re
import unicodedata

TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
"""A word as written: letters and digits, with any combining accents that follow them."""

WORD = re.compile(r"[^\W_]+")
ASCII_WORD = re.compile(r"[a-z0-9]+")
"""WORD in lower-case ASCII text, where it finds the same words half again as fast."""


def fold(text: str) -> str:
    """Lower case (casefolded) without accents: "Lápid" -> "lapid", "Straße" -> "strasse"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each normalized word with the (start, end) of the written word it comes from.

    A written word can give several normalized words ("ﬁve" -> "five", "½" -> "1", "2").
    """
    return [
        (match.start(), match.end(), word)
        for match in TOKEN.finditer(text)
        for word in WORD.findall(fold(match.group()))
    ]


SEPARATORS = re.compile(
    "[\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d"
    "\u201e\u201f\u2026\u00ab\u00bb\u2039\u203a]")
"""Non-ASCII punctuation common in news (curly quotes, dashes, ellipsis, no-break space):
it separates words before and after folding alike, so it can become a space at once,
which leaves most news text ASCII, for the fast path."""


def words(text: str) -> list[str]:
    """The normalized words of `text`."""
    if not text.isascii():
        text = SEPARATORS.sub(" ", text)
    if text.isascii():
        return ASCII_WORD.findall(text.lower())
    return [word for _, _, word in word_spans(text)]


def normalize(text: str) -> str:
    """The normalized words of `text`, joined by single spaces: the `quotes.normalized` column."""
    return " ".join(words(text))


def contains(haystack: str, needle: str) -> bool:
    """Does the normalized `haystack` hold the normalized `needle` as whole words?"""
    return bool(needle) and f" {needle} " in f" {haystack} "
