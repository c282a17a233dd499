"""Interview transcripts: `TAPPER: ...` paragraphs are the labelled speaker's turns."""

from __future__ import annotations

from quotes.detection.transcript import transcript_turns

INTERVIEW = """CNN's Jake Tapper spoke to Governor Mary Fallin on Sunday.

TAPPER: Do you think the campaign has been good for the state?

FALLIN: Well, I think the whole nation needs to work together.

TAPPER: And the bridge?

FALLIN: It will reopen in May."""


def turns(text: str, names: set[str] = frozenset()) -> list[tuple[str, str]]:
    return [(text[slice(*turn.label)], text[slice(*turn.content)])
            for turn in transcript_turns(text, names)]


def test_labels_that_open_several_turns_are_speakers():
    assert turns(INTERVIEW) == [
        ("TAPPER", "Do you think the campaign has been good for the state?"),
        ("FALLIN", "Well, I think the whole nation needs to work together."),
        ("TAPPER", "And the bridge?"),
        ("FALLIN", "It will reopen in May."),
    ]


def test_a_single_turn_counts_when_its_label_is_a_name_in_the_article():
    text = "Senator John McCain spoke on Monday.\n\nJOHN MCCAIN: We will not vote for it."
    assert turns(text) == []
    assert turns(text, {"john", "mccain"}) == [("JOHN MCCAIN", "We will not vote for it.")]


def test_headings_in_capitals_are_not_speakers():
    text = ("The story was first published on Monday.\n\n"
            "UPDATE: The council voted on Tuesday.\n\nUPDATE: The mayor signed it.\n\n"
            "EDITOR'S NOTE: Names were changed.\n\nREAD MORE: Bridges in the news\n\n"
            "Q: And then?\n\nA: Nothing.\n\nQ: Really?\n\nA: Really.")
    assert turns(text, {"update", "note", "more"}) == []


def test_a_dateline_is_not_a_speaker():
    text = "WASHINGTON: The senator spoke in Washington on Monday.\n\nShe left."
    assert turns(text, {"washington"}) == []


def test_mixed_case_labels_and_colons_inside_a_sentence_are_not_turns():
    text = "Fallin: no comment.\n\nThe GOVERNOR said: no comment.\n\nFallin: none."
    assert turns(text, {"fallin", "governor"}) == []
