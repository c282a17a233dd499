"""Summaries made of a cue verb's object ("defended her decision", "announced his
engagement to ..."): where the object ends, and what is not an object at all."""

from __future__ import annotations

import pytest


def _summaries(extract, text: str, lemma: str) -> list[str]:
    return [q["text"] for q in extract(text) if q["cue_lemma"] == lemma and q["type"] == "summary"]


@pytest.mark.parametrize(("text", "lemma", "words"), [
    ("The actor announced his engagement to the singer Mara Bell on Friday.",
     "announce", "his engagement to the singer Mara Bell"),
    ("Senator Ann Ortiz reaffirmed her opposition to the pipeline.",
     "reaffirm", "her opposition to the pipeline"),
    ("The firm reported different numbers to different tax offices.",
     "report", "different numbers to different tax offices"),
])
def test_a_to_phrase_right_after_the_object_belongs_to_it(extract, text, lemma, words):
    assert _summaries(extract, text, lemma) == [words]


def test_the_addressee_of_a_verb_without_an_object_stays_out(extract):
    text = "Ann Ortiz spoke to reporters on Monday about the collapse of the bridge."
    assert _summaries(extract, text, "speak") == ["the collapse of the bridge"]


@pytest.mark.parametrize(("text", "lemma"), [
    ("The mayor tweeted as the president spoke in the square.", "tweet"),
    ("The coach talked as the players walked off the pitch.", "talk"),
])
def test_an_as_clause_with_its_own_subject_says_when_not_what(extract, text, lemma):
    assert [q for q in extract(text) if q["cue_lemma"] == lemma] == []


def test_an_as_phrase_after_the_object_is_what_was_said(extract):
    text = "The council described the plan as a disaster for the harbour."
    assert _summaries(extract, text, "describe") == ["the plan as a disaster for the harbour"]


@pytest.mark.parametrize(("text", "words"), [
    # the predicate opens with the reporter's words: the pronoun it is said of stays
    ("The senator called him a “reckless gambler” on Monday.", "him a “reckless gambler”"),
    # the predicate is a quotation from its first word: the quoted name alone
    ("The senator called it “a reckless gamble” on Monday.", "“a reckless gamble”"),
])
def test_a_pronoun_before_a_partly_quoted_predicate_is_kept(extract, text, words):
    assert [q["text"] for q in extract(text) if q["cue_lemma"] == "call"] == [words]
