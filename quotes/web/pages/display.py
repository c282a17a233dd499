"""How the pages write what they show: dates, counts, a quote's words. Registered as Jinja
filters by the plugin, so every template writes them the same way.

    display_date("2023-06-19T09:34")    -> "19 June 2023"
    quote_words("“We agree,”", "direct") -> Markup("&ldquo;We agree,&rdquo;")
    quote_words("his decision", "summary", cue="defended") -> Markup("<span ...>defended</span> his decision")
    in_document("complaint")            -> "in a complaint"
"""

from __future__ import annotations

import functools
import re
from datetime import date

import inflect
from markupsafe import Markup, escape

HIT_START, HIT_END = "\ue000", "\ue001"
"""Around the words a search matched, in text from FTS5's highlight() (private-use
characters: a stray one in an article is dropped, never turned into markup)."""
HITS = re.compile(f"{HIT_START}([^{HIT_START}{HIT_END}]*){HIT_END}")

OPENING_MARKS = "\"\u201c\u201e\u00ab\u201f"
CLOSING_MARKS = "\"\u201d\u00bb"
SINGLE_OPENING, SINGLE_CLOSING = "'\u2018\u201a\u2039", "'\u2019\u203a"
TRAILING_PUNCTUATION = ".,;:!?\u2026"
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def display_date(value: str | None) -> str:
    """An ISO date as people write it: "19 June 2023", "June 2023", "2023"; anything else as is."""
    if not value:
        return ""
    text = str(value)
    try:
        if len(text) >= 10:
            day = date.fromisoformat(text[:10])
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        if len(text) == 7 and text[4] == "-":
            return f"{MONTHS[int(text[5:7]) - 1]} {int(text[:4])}"
    except (ValueError, IndexError):
        return text
    return text


def is_iso_date(value: object) -> bool:
    """Is `value` a day written YYYY-MM-DD?"""
    try:
        return isinstance(value, str) and len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def count(number: int | None, noun: str, plural: str | None = None) -> str:
    """"1 quote", "3,088 quotes"."""
    number = number or 0
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


SUMMARY_TYPE = "summary"
"""The type whose words are no one's: what a speech was about, shown after its cue and
never in quotation marks ("defended his decision")."""


def quote_words(text: str, quote_type: str, marked: str | None = None, cue: str | None = None) -> Markup:
    """The words of a quote as HTML: a direct quote within exactly one pair of quotation
    marks, whatever marks its stored text already holds at its ends; a summary after its
    cue, in no quotation marks. `marked` is the same text with the words a search matched
    between HIT_START and HIT_END."""
    if quote_type == SUMMARY_TYPE:
        words = quote_words(text, "indirect", marked)
        if not cue or text.lower().startswith(cue.lower()):
            return words  # no cue, or the phrase holds it already
        return Markup(f'<span class="summary-cue">{escape(cue)}</span> {words}')
    shown = marked if marked is not None else text
    if quote_type == "direct":
        shown = _without(shown, outer_marks(text)) if marked is not None else _cut(text)
    html = str(escape(shown))
    if marked is not None:
        html = HITS.sub(r'<mark class="search-hit">\1</mark>', html)
        html = html.replace(HIT_START, "").replace(HIT_END, "")
    if quote_type == "direct":
        html = f"\u201c{html}\u201d"
    return Markup(html)


def card_words(quote) -> Markup:
    """The words of a quote row (a quotes_view row, or a dict with `words_html` already
    made, search hits highlighted) as HTML."""
    try:
        return Markup(quote["words_html"])
    except (KeyError, IndexError):
        return quote_words(quote["text"], quote["type"], cue=_cue(quote))


def _cue(quote) -> str | None:
    try:
        return quote["cue_text"]
    except (KeyError, IndexError):
        return None


@functools.cache
def _inflect() -> inflect.engine:
    return inflect.engine()


def in_document(via: str | None) -> str:
    """Where an author gave the words: "in a complaint", "in an affidavit", "in a UN
    report", "in remarks"; "" for none."""
    via = " ".join((via or "").split())
    if not via:
        return ""
    engine = _inflect()
    last = via.split()[-1]
    if last.isalpha() and last.islower() and engine.singular_noun(last):
        return f"in {via}"
    return f"in {engine.a(via)}"


def outer_marks(text: str) -> set[int]:
    """Positions of the quotation marks (and blanks) printed around the words of a direct
    quote: `“We agree,”`, `"We agree."`, `“We agree”.` (the full stop stays). Single marks
    count only in pairs, since a closing one may be an apostrophe (“the players’”)."""
    start, end = 0, len(text)
    drop: set[int] = set()
    while start < end and (text[start].isspace() or text[start] in OPENING_MARKS):
        drop.add(start)
        start += 1
    while start < end:
        last = text[end - 1]
        if last.isspace() or last in CLOSING_MARKS:
            drop.add(end - 1)
            end -= 1
        elif last in TRAILING_PUNCTUATION and end - 2 >= start and text[end - 2] in CLOSING_MARKS:
            drop.add(end - 2)  # the mark before the final full stop
            break
        else:
            break
    inner = [i for i in range(start, end) if i not in drop]
    if len(inner) >= 2 and text[inner[0]] in SINGLE_OPENING and text[inner[-1]] in SINGLE_CLOSING:
        between = text[inner[0] + 1:inner[-1]]
        if not any(mark in between for mark in SINGLE_OPENING + SINGLE_CLOSING):
            drop.update((inner[0], inner[-1]))
    return drop


def _cut(text: str) -> str:
    drop = outer_marks(text)
    return "".join(char for index, char in enumerate(text) if index not in drop)


def _without(marked: str, positions: set[int]) -> str:
    """`marked` less the characters at `positions` of the unmarked text."""
    if not positions:
        return marked
    kept, index = [], 0
    for char in marked:
        if char in (HIT_START, HIT_END):
            kept.append(char)
            continue
        if index not in positions:
            kept.append(char)
        index += 1
    return "".join(kept).replace(HIT_START + HIT_END, "")
