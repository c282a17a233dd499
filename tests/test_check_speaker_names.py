"""`quotes check --speaker` takes any name form of the stored speaker: a nickname, a
middle initial, the acronym of an organisation, the full name of a speaker stored under
a bare surname when the article prints it; "misattributed" only for another entity."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.factcheck import check_claim, open_database
from quotes.factcheck.names import names_match
from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store

WORDS = "the new ferry timetable will start in the first week of spring"


@pytest.mark.parametrize("claimed, name", [
    ("Joe Biden", "Joseph R. Biden Jr."),
    ("Joseph Biden", "Joe Biden"),
    ("Bill Clinton", "William J. Clinton"),
    ("President Biden", "Joe Biden"),
    ("DWP", "Department for Work and Pensions"),
    ("Department for Work and Pensions", "DWP"),
    ("WHO", "World Health Organization"),
])
def test_name_forms_match(claimed, name):
    assert names_match(claimed, name)


@pytest.mark.parametrize("claimed, name", [
    ("Jill Biden", "Joe Biden"),
    ("Hunter Biden", "Joseph R. Biden"),
    ("DWP", "Department of Health"),
    ("Maria Okafor", "Okafor"),  # no article says who "Okafor" is
])
def test_other_names_do_not_match(claimed, name):
    assert not names_match(claimed, name)


def database(tmp_path: Path, text: str, mention: str, speaker: Speaker) -> str:
    path = tmp_path / "q.db"
    start = text.index(WORDS)
    source = text.index(mention)
    quote = Quote("indirect", [(start, start + len(WORDS))], [(start - 5, start - 1)], "say",
                  [(source, source + len(mention))], "test", 0.9, speaker=speaker)
    with Store(path) as store:
        store.save(Article("ferry", text, title="Ferry", published="2024-03-01"), [quote])
    return str(path)


def verdict(path: str, speaker: str) -> str:
    conn = open_database(path)
    try:
        return check_claim(conn, "new ferry timetable will start in the first week", speaker=speaker).verdict
    finally:
        conn.close()


def test_a_nickname_is_attributed(tmp_path):
    text = f"Joseph R. Biden Jr. visited the port. Biden said {WORDS}."
    path = database(tmp_path, text, "Biden", Speaker("Joseph R. Biden Jr.", "person", aliases={"Biden"}))
    assert verdict(path, "Joe Biden") == "attributed"
    assert verdict(path, "Jill Biden") == "misattributed"


def test_the_full_name_of_a_speaker_stored_by_surname_is_attributed(tmp_path):
    text = f"Council worker Maria Okafor spoke at the pier. Okafor said {WORDS}."
    path = database(tmp_path, text, "Okafor", Speaker("Okafor", "person"))
    assert verdict(path, "Maria Okafor") == "attributed"
    assert verdict(path, "Tom Okafor") == "misattributed"


def test_an_acronym_is_attributed(tmp_path):
    text = f"The Department for Work and Pensions said {WORDS}."
    path = database(tmp_path, text, "The Department for Work and Pensions",
                    Speaker("Department for Work and Pensions", "organization"))
    assert verdict(path, "DWP") == "attributed"
    assert verdict(path, "NHS") == "misattributed"
