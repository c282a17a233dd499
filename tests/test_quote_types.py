"""What a quote is: a cue's argument that is a clause is what was said (a quote, kept by
`quotes check`); one that names what the speech was about is a `summary`."""

from __future__ import annotations

import pytest

CLAUSES = [
    # a predicate under the cue's argument: what was said
    ("Mayor Ann Ortiz called it unlikely that the council would approve the budget this year.",
     "call", "the council would approve the budget"),
    ("The union's leader called it certain that the strike at the port would go ahead on Friday.",
     "call", "the strike at the port would go ahead"),
]

PHRASES = [
    # a noun phrase, a question or an action asked for: what the speech was about
    ("Mayor Ann Ortiz defended her decision to close the bridge.", "defend", "her decision"),
    ("Mayor Ann Ortiz urged the council to approve the budget.", "urge", "to approve the budget"),
    ("Mayor Ann Ortiz called for the officers to be disciplined.", "call", "the officers to be disciplined"),
    ("The engineer referred to how quickly the river rose.", "refer", "how quickly the river rose"),
]


def _quote(extract, text: str, lemma: str, words: str) -> dict:
    found = [q for q in extract(text) if q["cue_lemma"] == lemma and words in q["text"]]
    assert found, f"no quote of {words!r} through {lemma!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "lemma", "words"), CLAUSES)
def test_a_clause_under_a_cue_is_an_indirect_quote(extract, text, lemma, words):
    assert _quote(extract, text, lemma, words)["type"] == "indirect"


@pytest.mark.parametrize(("text", "lemma", "words"), PHRASES)
def test_a_phrase_under_a_cue_is_a_summary(extract, text, lemma, words):
    assert _quote(extract, text, lemma, words)["type"] == "summary"


def test_a_term_in_quotation_marks_inside_a_summary_leaves_it_a_summary(extract):
    text = "The ministry calls on the company to halt its so-called “fast-track” evictions in the old town."
    assert _quote(extract, text, "call", "evictions")["type"] == "summary"


@pytest.mark.parametrize("text", [
    "The mayor called the council's budget plan “reckless” on Monday.",
    "The union criticized the contract as a “cruel joke” during a rally in the port.",
])
def test_a_quoted_predicate_is_the_speakers_words(extract, text):
    [quote] = extract(text)
    assert quote["type"] == "mixed"


def test_raising_concerns_is_a_summary_of_speech(extract):
    text = "In the talks, the minister raised concerns about the long delays at the border crossing."
    assert _quote(extract, text, "raise", "concerns about the long delays")["type"] == "summary"


@pytest.mark.parametrize("text", [
    "The council raised taxes on second homes by two percent last year.",
    "The long delay at the border raises questions about the new contract.",
    "The charity raised five million euros for the flood victims.",
])
def test_raising_something_else_is_no_speech(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(("text", "lemma", "words"), [
    ("We call on the city's officials to ensure that reporters can work freely at the border.",
     "call", "to ensure that reporters can work freely"),
    ("The minister also commented on the new maritime border agreement with the island.",
     "comment", "the new maritime border agreement"),
    ("The rapporteur encouraged the agency to release the files from its investigation.",
     "encourage", "to release the files"),
    ("At the same time, the envoy affirmed the importance of cooperation on the climate crisis.",
     "affirm", "the importance of cooperation"),
])
def test_more_summaries_of_speech(extract, text, lemma, words):
    assert _quote(extract, text, lemma, words)["type"] == "summary"


@pytest.mark.parametrize("text", [
    "The minister called on Monday for calm in the capital.",
    "Low interest rates encourage borrowing by small firms.",
])
def test_no_summary_of_a_date_or_a_thing(extract, text):
    assert all(q["text"] not in ("Monday for calm in the capital", "borrowing by small firms") for q in extract(text))


@pytest.mark.parametrize(("text", "lemma", "words"), [
    ("In her statement, the prime minister found the plan reckless.", "find", "the plan reckless"),
    ("The review panel found the claims of the residents unfounded.", "find", "the claims of the residents unfounded"),
])
def test_a_verbless_judgement_is_a_summary(extract, text, lemma, words):
    assert _quote(extract, text, lemma, words)["type"] == "summary"


@pytest.mark.parametrize(("text", "lemma", "words"), [
    # a finite verb or a copula: a clause, however short
    ("In her statement, the prime minister found the plan was reckless.", "find", "the plan was reckless"),
    ("The spokesman said the company's shares quadrupled in a year.", "say", "the company's shares quadrupled"),
])
def test_a_short_clause_stays_an_indirect_quote(extract, text, lemma, words):
    assert _quote(extract, text, lemma, words)["type"] == "indirect"
