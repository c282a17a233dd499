"""One utterance, one record: what lies inside a quote's words is part of that quote,
unless it is a report of its own with its own speaker."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, words", [
    # a cue in the middle of the speaker's quoted words
    ("Ann Ortiz said the ferry company “will continue to raise its fares every spring.”",
     "the ferry company “will continue to raise its fares every spring.”"),
    ("The harbour master said the council “has always told the islanders what they wanted to hear.”",
     "the council “has always told the islanders what they wanted to hear.”"),
    # the object of a cue verb inside reported words
    ("Ann Ortiz said the council had praised the ferry crews for their work in the storm.",
     "the council had praised the ferry crews for their work in the storm"),
    # a verb of stance in the reported words: part of what Ann Ortiz said, not a report
    ("Ann Ortiz said the harbour board agreed that the ferry fares were too high.",
     "the harbour board agreed that the ferry fares were too high"),
    ("Ann Ortiz said she found the new timetable confusing.", "she found the new timetable confusing"),
    ("Ann Ortiz said the board would “continue to raise the fares every spring” for years.",
     "the board would “continue to raise the fares every spring” for years"),
])
def test_a_cue_inside_reported_words_is_part_of_them(extract, text, words):
    assert [quote["text"] for quote in extract(text)] == [words]


def test_an_object_inside_a_summary_is_part_of_it(extract):
    text = ("Instead, these officials have emphasised the importance of the two countries "
            "establishing and maintaining better lines of communication.")
    assert [quote["cue_lemma"] for quote in extract(text)] == ["emphasise"]


@pytest.mark.parametrize("text, nested", [
    ("Ann Ortiz said Kim Doyle had told her the ferry would sail again in March.",
     ("Kim Doyle", "the ferry would sail again in March")),
    # the quotation opens with the nested report's cue: the words of Kim Doyle's demand
    ("The ministry said Kim Doyle had “demanded that the company stop raising its fares”.",
     ("Kim Doyle", "that the company stop raising its fares”")),
])
def test_a_nested_report_with_its_own_speaker_stays(extract, text, nested):
    quotes = extract(text)
    assert len(quotes) == 2
    assert (quotes[1]["source_text"], quotes[1]["text"]) == nested
