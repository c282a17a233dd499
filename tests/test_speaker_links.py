"""One person under several name forms across articles is one speaker: nicknames, middle
names and initials, suffixes, a bare surname; acronyms and legal forms of organisations;
one entity, one kind. And never two different people or governments made one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quotes.records import Article, Quote, Speaker
from quotes.speakers.identity import is_name_form, name_forms_agree, same_entity
from quotes.speakers.organisations import normalize_org
from quotes.store.database import Store
from quotes.store.speakers import describe, list_speakers, merge_speakers


@pytest.mark.parametrize("one, other", [
    ("Joe Biden", "Joseph R. Biden Jr."),
    ("Joe Biden", "Joseph Robinette Biden"),
    ("Bill Clinton", "William Jefferson Clinton"),
    ("Bob Menendez", "Robert Menendez"),
    ("Tony Blinken", "Antony Blinken"),
    ("Anthony Blinken", "Antony Blinken"),
    ("Donald J. Trump", "Donald Trump"),
    ("Trump", "Donald Trump"),
    ("Tayyip Erdogan", "Recep Tayyip Erdoğan"),
    ("Mohammed bin Salman", "Mohammad bin Salman"),
    ("Martin Luther King", "Martin Luther King Jr."),
])
def test_name_forms_of_one_person(one, other):
    assert name_forms_agree(one, other)
    assert name_forms_agree(other, one)


@pytest.mark.parametrize("one, other", [
    ("Hunter Biden", "Joe Biden"),
    ("Jill Biden", "Joe Biden"),
    ("Bob Smith", "Bill Smith"),
    ("Daniel Ortega", "Daniela Ortega"),
    ("George W. Bush", "George H. W. Bush"),
    ("Donald Trump Jr.", "Donald Trump Sr."),
    ("Joe Biden", "Joe Manchin"),
])
def test_names_of_different_people(one, other):
    assert not name_forms_agree(one, other)


@pytest.mark.parametrize("alias, name, kind", [
    ("Mr Blinken", "Antony Blinken", "person"),
    ("President Trump", "Donald Trump", "person"),
    ("Trump", "Donald Trump", "person"),
    ("Erdogan", "Recep Tayyip Erdoğan", "person"),
    ("DWP", "Department for Work and Pensions", "organization"),
    ("the Chinese foreign ministry", "China's ministry of foreign affairs", "organization"),
])
def test_aliases_that_are_name_forms(alias, name, kind):
    assert is_name_form(alias, Speaker(name, kind))


@pytest.mark.parametrize("alias, name, kind", [
    ("A top Donald Trump adviser", "Donald Trump", "person"),
    ("presidential candidates like Donald Trump", "Donald Trump", "person"),
    ("runner Donald Trump", "Donald Trump", "person"),
    ("live television Erdogan", "Recep Tayyip Erdoğan", "person"),
    ("Hunter Biden", "Joe Biden", "person"),
    ("The PRC government", "United States government", "organization"),
])
def test_descriptions_and_other_names_are_not_aliases(alias, name, kind):
    assert not is_name_form(alias, Speaker(name, kind))


def test_same_entity_tells_people_of_one_surname_apart():
    assert same_entity("Emergencies Ministry", "Russia's Emergencies Ministry")
    assert same_entity("Biden", "Joe Biden")
    assert not same_entity("Hunter Biden", "Joe Biden")


@pytest.mark.parametrize("one, other", [
    ("Samsung", "Samsung Electronics Co."),
    ("Ford Motor Company", "Ford"),
    ("the US State Department", "the United States Department of State"),
])
def test_organisation_forms_that_are_one(one, other):
    assert normalize_org(one) == normalize_org(other)


@pytest.mark.parametrize("one, other", [
    ("The PRC government", "the United States government"),
    ("the Russian foreign ministry", "the Chinese foreign ministry"),
    ("the Labour Party", "the Conservative Party"),
    ("General Motors", "General Electric"),
])
def test_organisations_sharing_a_generic_head_stay_apart(one, other):
    assert normalize_org(one) != normalize_org(other)


def article(article_id: str, *speakers: Speaker, published: str = "2023-01-01") -> tuple[Article, list[Quote]]:
    """An article with one quote by each speaker, mentioned by the speaker's name."""
    parts, quotes, offset = [], [], 0
    for n, speaker in enumerate(speakers):
        sentence = f"{speaker.name} said the plan {n} would work. "
        cue = offset + len(speaker.name) + 1
        quotes.append(Quote("indirect", [(cue + 5, cue + 5 + len(f"the plan {n} would work"))],
                            [(cue, cue + 4)], "say", [(offset, offset + len(speaker.name))], "test", 0.9,
                            speaker=speaker))
        parts.append(sentence)
        offset += len(sentence)
    return Article(article_id, "".join(parts), published=published), quotes


def person(name: str, **fields) -> Speaker:
    return Speaker(name, "person", aliases={name}, **fields)


def org(name: str, *aliases: str) -> Speaker:
    return Speaker(name, "organization", aliases={name, *aliases})


def speakers_of(path: Path) -> dict[str, tuple[str, int, list[str]]]:
    return {row.name: (row.kind, row.quote_count, sorted(row.aliases)) for row in list_speakers(str(path))}


def save(path: Path, *articles: tuple[Article, list[Quote]]) -> None:
    with Store(path) as store:
        for item in articles:
            store.save(*item)


def test_joe_biden_and_joseph_r_biden_are_one_speaker(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Joe Biden")), article("b", person("Joseph R. Biden Jr.")),
         article("c", person("Hunter Biden")))
    found = speakers_of(path)
    assert set(found) == {"Joseph R. Biden Jr.", "Hunter Biden"} or set(found) == {"Joe Biden", "Hunter Biden"}
    one = found.get("Joe Biden") or found["Joseph R. Biden Jr."]
    assert one[1] == 2
    assert {"Joe Biden", "Joseph R. Biden Jr."} <= set(one[2]) | set(found)


def test_name_forms_in_one_batch_are_one_speaker(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.save_many([article("a", person("Joe Biden")), article("b", person("Joseph R. Biden"))])
    assert [row.quote_count for row in list_speakers(str(path))] == [2]


def test_a_bare_surname_goes_to_the_full_name_in_either_order(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Trump")), article("b", person("Donald Trump")),
         article("c", person("Erdoğan")), article("d", person("Recep Tayyip Erdoğan")))
    found = speakers_of(path)
    assert found["Donald Trump"][1] == 2
    assert found["Recep Tayyip Erdoğan"][1] == 2  # the speaker takes the full name
    assert "Erdoğan" in found["Recep Tayyip Erdoğan"][2]
    assert len(found) == 2


def test_a_bare_surname_of_two_people_stays_apart(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Joe Biden")), article("b", person("Jill Biden")), article("c", person("Biden")))
    assert speakers_of(path)["Biden"][1] == 1


def test_people_an_article_names_apart_are_never_merged(tmp_path):
    """Father and son: an article naming both keeps them apart in every later article."""
    path = tmp_path / "q.db"
    father = person("Joe Kennedy", namesakes={"Joseph P. Kennedy II"})
    son = person("Joseph P. Kennedy II", namesakes={"Joe Kennedy"})
    save(path, article("a", father, son), article("b", person("Joseph P. Kennedy II")), article("c", person("Joe Kennedy")))
    found = speakers_of(path)
    assert (found["Joe Kennedy"][1], found["Joseph P. Kennedy II"][1]) == (2, 2)


def test_a_person_taken_for_an_organisation_is_the_person(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Donald Trump")), article("b", org("Donald Trump")))
    found = speakers_of(path)
    assert found == {"Donald Trump": ("person", 2, ["Donald Trump"])} or list(found) == ["Donald Trump"]
    assert found["Donald Trump"][:2] == ("person", 2)


def test_an_acronym_is_the_organisation_an_article_gave_it_to(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", org("Department for Work and Pensions", "DWP")), article("b", org("DWP")),
         article("c", org("ICC")), article("d", org("Samsung")), article("e", org("Samsung Electronics Co.")))
    found = speakers_of(path)
    assert found["Department for Work and Pensions"][1] == 2
    assert found["Samsung"][1] == 2
    assert "ICC" in found  # given to no organisation: a speaker of its own


def test_the_acronym_first_takes_the_full_name_later(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", org("DWP")), article("b", org("Department for Work and Pensions", "DWP")))
    found = speakers_of(path)
    assert list(found) == ["Department for Work and Pensions"]
    assert found["Department for Work and Pensions"][1] == 2


def test_two_governments_never_merge(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", org("The PRC government")), article("b", org("the United States government")))
    assert len(speakers_of(path)) == 2


def test_roles_are_kept_per_quote_and_the_speaker_shows_the_latest(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("late", person("Joe Biden", role="President"), published="2023-05-01"),
         article("early", person("Joseph R. Biden", role="Vice President"), published="2014-05-01"))
    conn = sqlite3.connect(path)
    roles = conn.execute("SELECT article_id, speaker_role FROM quotes ORDER BY published").fetchall()
    assert roles == [("early", "Vice President"), ("late", "President")]
    assert conn.execute("SELECT role FROM speakers").fetchall() == [("President",)]
    conn.close()
    [row] = list_speakers(str(path))
    assert [(r.role, r.first, r.last, r.quotes) for r in row.roles] == [
        ("President", "2023-05-01", "2023-05-01", 1), ("Vice President", "2014-05-01", "2014-05-01", 1)]
    assert "roles: President (2023-05-01); Vice President (2014-05-01)" in describe(row)


def test_an_editors_merge_keeps_the_links(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Joe Biden")), article("b", person("Jill Biden")))
    with Store(path) as store:
        merge_speakers(store, "Joe Biden", ["Jill Biden"])
    save(path, article("c", person("Joseph Biden")), article("d", person("Jill Biden")))
    found = speakers_of(path)
    assert [count for _, count, _ in found.values()] == [4]


def test_speakers_stored_by_older_rules_are_linked_when_opened(tmp_path):
    path = tmp_path / "q.db"
    save(path, article("a", person("Joe Biden")))
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO articles (id, words, text, content_hash, ingested_at) VALUES ('b', 1, 'x', 'h', 'now')")
    speaker_id = conn.execute("INSERT INTO speakers (key, name, kind) VALUES ('person:old joseph', 'Joseph Biden',"
                              " 'person') RETURNING id").fetchone()[0]
    conn.execute("INSERT INTO quotes (text, speaker_id, type, article_id, start, \"end\", content, cue,"
                 " source) VALUES ('q', ?, 'direct', 'b', 0, 1, '[]', '[]', '[]')", [speaker_id])
    conn.execute("UPDATE settings SET value = 'older rules' WHERE name = 'speaker identity rules'")
    conn.commit()
    conn.close()
    Store(path).close()
    assert [(row.name, row.quote_count) for row in list_speakers(str(path))] == [("Joe Biden", 2)]
