"""Interview transcripts: a paragraph that opens with a name in capitals and a colon is
that speaker's turn, quotation marks or not.

    JAKE TAPPER: Do you think Donald Trump has campaigned as a racial healer?
    FALLIN: I think he is trying to campaign as a racial healer.

A label names a speaker when it opens two turns or more, or when its last word is in the
name of a person or organisation of the article ("Jake Tapper" for "TAPPER") and it is
not the dateline of the first paragraph ("WASHINGTON:"). Headings in capitals ("UPDATE:",
"CORRECTION:", "FIX IS IN:") and the "Q:" and "A:" of an interview are not speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quotes.records import Span

LABEL = re.compile(
    r"^[ \t]*[\"“]?(?P<label>(?:[A-Z][A-Z.'’-]* ){0,3}[A-Z][A-Z'’-]+)[ \t]*(?P<colon>:)[ \t]+(?=\S)",
    re.MULTILINE)
"""A line opening with one to four words in capitals and a colon (after an opening
quotation mark, for a transcript quoted paragraph by paragraph)."""

HEADINGS = set("""UPDATE UPDATED UPDATES CORRECTION CORRECTIONS CLARIFICATION PREVIOUSLY RELATED
READ WATCH VIDEO PHOTOS PHOTO NOTE BREAKING EXCLUSIVE ALSO SEE MORE SOURCE SOURCES
ANALYSIS OPINION EDITORIAL TRANSCRIPT WARNING DISCLAIMER SPOILER BACKGROUND""".split())
"""Words that make a label a heading ("READ MORE:", "EDITOR'S NOTE:"), not a speaker."""


@dataclass
class Turn:
    """One speaker's turn: the label's span, the colon's, and the words said."""

    label: Span
    colon: Span
    content: Span


def transcript_turns(text: str, names: set[str]) -> list[Turn]:
    """The turns of `text` whose label names a speaker, in text order; `names` are the
    lower-case words of the names of people and organisations in the article."""
    found = []
    for match in LABEL.finditer(text):
        label = match.group("label")
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        while end > match.end() and text[end - 1].isspace():
            end -= 1
        if _may_be_speaker(label):
            found.append((label, Turn(match.span("label"), match.span("colon"),
                                      (match.end(), end))))
    opening = Counter(label for label, _ in found)
    first_paragraph = text.find("\n")
    return [turn for label, turn in found
            if opening[label] >= 2
            or turn.label[0] > first_paragraph >= 0 and label.split()[-1].lower() in names]


def _may_be_speaker(label: str) -> bool:
    words = re.findall(r"[A-Z]+", label)
    return len("".join(words)) >= 2 and not HEADINGS.intersection(words)
