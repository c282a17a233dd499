"""Where a quote's words begin and end (issue 16, point 7): the exact words a
fact-checker would look up, on texts written for these tests."""

from __future__ import annotations

import pytest


def only(quotes: list[dict], lemma: str) -> dict:
    [quote] = [q for q in quotes if q["cue_lemma"] == lemma]
    return quote


def round_trips(text: str, quotes: list[dict]) -> bool:
    """Every quote's printed words are its spans of the text, joined by a space."""
    return all(" ".join(text[s:e] for s, e in q["content"]) == q["text"] for q in quotes)


@pytest.mark.parametrize("text, lemma, words", [
    # a pronoun object is what the speech was about when a predicate about it follows
    ("The mayor accused him of misleading the council about the cost of the bridge.",
     "accuse", "him of misleading the council about the cost of the bridge"),
    ("The senator described himself as a moderate.", "describe", "himself as a moderate"),
    ("The union blamed them for the delay to the new ferry timetable.",
     "blame", "them for the delay to the new ferry timetable"),
    # the person addressed before an infinitive is not ("urged Iran [to return]")
    ("The council urged her to reopen the bridge before the winter.",
     "urge", "to reopen the bridge before the winter"),
    # nor is an object named by a quotation ('called it ["a non-starter"]')
    ("The minister called it “a non-starter for the whole region”.",
     "call", "“a non-starter for the whole region”"),
])
def test_a_pronoun_object_is_kept_only_with_what_was_said_of_it(extract, text, lemma, words):
    quotes = extract(text)
    assert only(quotes, lemma)["text"] == words
    assert round_trips(text, quotes)
