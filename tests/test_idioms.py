"""Phrases with a cue word that report no speech: never a quote, whoever the subject."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Ann Ortiz is going to “fight for every ferry” on the island.",
    "This said, the council has not paid for the repairs yet.",
    # a heading's label: no one reveals anything
    "Revealed: The harbour board will raise the ferry fares every spring.",
])
def test_a_phrase_that_says_nothing_is_no_quote(extract, text):
    assert extract(text) == []


def test_that_said_is_a_concession_not_a_speaker(extract):
    text = "“We are going to rebuild the bridge,” Ann Ortiz said. That said, the council has no money."
    assert [(q["speaker"], q["text"]) for q in extract(text)] == [("Ann Ortiz", "“We are going to rebuild the bridge,”")]


def test_a_cue_with_its_speaker_before_a_colon_still_reports(extract):
    [quote] = extract("Ann Ortiz revealed: the ferry will sail again in March.")
    assert (quote["speaker"], quote["text"]) == ("Ann Ortiz", "the ferry will sail again in March")


def test_went_on_to_say_still_reports(extract):
    [quote] = extract("Ann Ortiz went on to say the ferry would run until March.")
    assert (quote["speaker"], quote["text"]) == ("Ann Ortiz", "the ferry would run until March")
