"""Speakers named by a description or a misplaced mention (spaCy engine): "the king" is
the king the article named, a mention inside the quoted words is never their speaker."""

from __future__ import annotations

import pytest


def speakers(quotes_of, text: str) -> list[tuple[str | None, str | None]]:
    """[(mention, speaker name)] in text order."""
    return [(q.source_text(text), q.speaker.name if q.speaker else None) for q in quotes_of(text)]


@pytest.mark.parametrize("text, mention, name", [
    (("On Thursday, Pope Francis announced new rules for parishes. The letter signed by the "
     "Pope read \"Every parish must keep a register of complaints.\""), "The letter", "Francis"),
    (("The princess withdrew after a statement from her younger brother, King Harald Vinter. "
     "On Monday the king said that no member of the royal family would stand for office."),
     "the king", "Harald Vinter"),
])
def test_a_title_in_the_name_is_the_person_the_title_points_back_to(quotes_of, text, mention, name):
    assert (mention, name) in speakers(quotes_of, text)


@pytest.mark.parametrize("text, mention, name", [
    ("One resident said the plan would flood the street, and several said the council had ignored them.",
     "several", "residents"),
    (("Forty members of the city council backed the motion on Monday. Together, the number of "
      "members is enough to pass it. Some reported wanting a new vote."), "Some", "members"),
    ("Striking workers at the hospital walked out on Monday. Many said they had not been paid for weeks.",
     "Many", "workers"),
])
def test_a_bare_quantifier_is_some_of_the_people_just_spoken_of(quotes_of, text, mention, name):
    assert (mention, name) in speakers(quotes_of, text)


def test_a_bare_quantifier_with_no_one_before_it_is_no_speaker_named_by_it(quotes_of):
    text = "The final was a thriller. Many are calling it the best game of the decade."
    assert all(name is None or name.lower() != "many" for _, name in speakers(quotes_of, text))


def test_both_countries_are_the_two_countries_just_named(quotes_of):
    text = ("On Monday, Greek Prime Minister Nikos Varla and Cypriot President Anna Lenos met in "
            "Athens. Both countries said the pipeline would go ahead.")
    assert ("Both countries", "Greece and Cyprus") in speakers(quotes_of, text)


def test_counterparts_named_in_apposition_are_those_people(quotes_of):
    text = ("Italian foreign minister Marco Bellini and his Greek and Spanish counterparts, Nikos Varla "
            "and Ana Ruiz, met in Rome on Wednesday. They said the agreement was void.")
    assert ("They", "Marco Bellini, Nikos Varla and Ana Ruiz") in speakers(quotes_of, text)


def test_estimates_by_someone_are_their_words(quotes_of):
    text = "Estimates by the organisers suggest that roughly 5,000 people marched through the city."
    [quote] = quotes_of(text)
    assert (quote.speaker.name, quote.speaker.kind, quote.speaker.aliases) == ("organisers", "group", set())


def test_estimates_by_a_place_are_no_ones_words(quotes_of):
    text = "Estimates by region suggest that roughly 5,000 people lost their jobs."
    assert all(quote.speaker is None for quote in quotes_of(text))
