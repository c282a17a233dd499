"""One speaker row per real-world speaker: keys across articles, organisation names and
types, anonymous sources per article, and databases of the first schema brought up to date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from quotes.fingerprint import identity_hash
from quotes.records import Article, Quote, Speaker
from quotes.speakers.identity import speaker_key
from quotes.speakers.organisations import normalize_org, org_type
from quotes.store import schema
from quotes.store.database import Store


@pytest.mark.parametrize("name", [
    "China's ministry of foreign affairs",
    "China’s ministry of foreign affairs",
    "the Chinese foreign ministry",
    "China's foreign ministry",
    "the Ministry of Foreign Affairs of China",
    "Ministry of Foreign Affairs of the People's Republic of China",
])
def test_the_ways_of_writing_chinas_foreign_ministry_are_one(name):
    assert normalize_org(name) == "china foreign ministry"


@pytest.mark.parametrize("one, other", [
    ("the US State Department", "the United States Department of State"),
    ("Federal Security Service (FSB)", "the Federal Security Service"),
    ("the British foreign office", "UK Foreign Office"),
])
def test_organisation_names_that_agree(one, other):
    assert normalize_org(one) == normalize_org(other)


@pytest.mark.parametrize("one, other", [
    ("the Chinese foreign ministry", "the Russian foreign ministry"),
    ("the foreign ministry", "the defence ministry"),
])
def test_organisation_names_that_differ(one, other):
    assert normalize_org(one) != normalize_org(other)


@pytest.mark.parametrize("name, expected", [
    ("China's foreign ministry", "government"),
    ("Iran", "government"),
    ("the World Health Organization", "international"),
    ("Reuters", "media"),
    ("Saudi Press Agency", "media"),
    ("Znak.com", "media"),
    ("the Labour Party", "party"),
    ("Microsoft", "company"),
    ("Eastern Water Company", "company"),
    ("Amnesty International", "ngo"),
    ("Friends of the Earth Library", "other"),
])
def test_organisation_types(name, expected):
    assert org_type(name, is_place=name == "Iran") == expected


@pytest.mark.parametrize("speaker, article, key", [
    (Speaker("Antony J. Blinken", "person"), "a", "person:antony j blinken"),
    (Speaker("Antony Blinken", "person"), "b", "person:antony blinken"),
    (Speaker("Recep Tayyip Erdoğan", "person"), "a", "person:recep tayyip erdogan"),
    (Speaker("Joseph R. Biden, Jr.", "person"), "a", "person:joseph r biden"),
    (Speaker("Secretary of State Antony Blinken", "person"), "a", "person:antony blinken"),
    (Speaker("the Chinese foreign ministry", "organization"), "a", "organization:china foreign ministry"),
    (Speaker("US official", "anonymous"), "a", "anonymous:a:us official"),
    (Speaker("US official", "anonymous"), "b", "anonymous:b:us official"),
    (Speaker("US officials", "group"), "a", "group:a:us officials"),
])
def test_speaker_keys(speaker, article, key):
    assert speaker_key(speaker, article) == key


def article_quoting(article_id: str, *speakers: Speaker) -> tuple[Article, list[Quote]]:
    """An article with one quote by each speaker, mentioned by name."""
    parts, quotes = [], []
    offset = 0
    for n, speaker in enumerate(speakers):
        sentence = f"{speaker.name} said the plan {n} would work. "
        start = offset + len(speaker.name) + len(" said ")
        quotes.append(Quote("indirect", [(start, start + len(f"the plan {n} would work"))],
                            [(offset + len(speaker.name) + 1, offset + len(speaker.name) + 5)],
                            "say", [(offset, offset + len(speaker.name))], "test", 0.9,
                            speaker=speaker))
        parts.append(sentence)
        offset += len(sentence)
    return Article(article_id, "".join(parts)), quotes


def ministry(name: str) -> Speaker:
    return Speaker(name, "organization", aliases={name}, org_type="government")


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_one_ministry_across_articles_with_every_surface_form(tmp_path):
    path = tmp_path / "q.db"
    names = ["China’s ministry of foreign affairs", "the Chinese foreign ministry",
             "China's foreign ministry", "the Ministry of Foreign Affairs of China"]
    with Store(path) as store:
        for n, name in enumerate(names):
            store.save(*article_quoting(f"a{n}", ministry(name)))
    [(speaker_id, name, quotes, articles, kind)] = rows(
        path, "SELECT id, name, quote_count, article_count, org_type FROM speakers")
    assert (name, quotes, articles, kind) == (names[0], 4, 4, "government")
    aliases = {a for (a,) in rows(path, "SELECT alias FROM aliases WHERE speaker_id = ?", [speaker_id])}
    assert set(names) <= aliases


def test_anonymous_sources_are_grouped_per_article(tmp_path):
    path = tmp_path / "q.db"
    official = Speaker("US official", "anonymous", affiliation="US")
    with Store(path) as store:
        store.save(*article_quoting("a", official, official))
        store.save(*article_quoting("b", official))
    found = rows(path, "SELECT name, quote_count, article_count FROM speakers ORDER BY quote_count DESC")
    assert found == [("US official", 2, 1), ("US official", 1, 1)]


def test_a_database_of_the_first_schema_is_brought_up_to_date(tmp_path):
    """Speakers stored under schema 1 get today's keys: organisations written two ways
    become one, an anonymous source quoted in two articles becomes two."""
    path = tmp_path / "q.db"
    conn = sqlite3.connect(path)
    schema.create_v1(conn)
    conn.execute("PRAGMA user_version = 1")
    for n in (1, 2):
        conn.execute("INSERT INTO articles (id, words, text, content_hash, ingested_at)"
                     " VALUES (?, 1, 'x', 'h', 'now')", [f"a{n}"])
    speakers = [("organization:china's foreign ministry", "China's foreign ministry", "organization"),
                ("organization:the chinese foreign ministry", "the Chinese foreign ministry", "organization"),
                ("anonymous:us official", "US official", "anonymous")]
    ids = [conn.execute("INSERT INTO speakers (key, name, kind) VALUES (?, ?, ?) RETURNING id", s).fetchone()[0]
           for s in speakers]
    for speaker_id, article in [(ids[0], "a1"), (ids[1], "a2"), (ids[2], "a1"), (ids[2], "a2")]:
        conn.execute("INSERT INTO quotes (text, speaker_id, type, article_id, start, \"end\", content,"
                     " cue, source) VALUES ('q', ?, 'direct', ?, 0, 1, '[]', '[]', '[]')",
                     [speaker_id, article])
    conn.execute("INSERT INTO aliases (speaker_id, alias) VALUES (?, 'the Chinese foreign ministry')", [ids[1]])
    conn.commit()
    conn.close()

    Store(path).close()

    found = rows(path, "SELECT key, quote_count, article_count, org_type FROM speakers ORDER BY key")
    assert found == [
        ("anonymous:a1:us official", 1, 1, None),
        ("anonymous:a2:us official", 1, 1, None),
        ("organization:china foreign ministry", 2, 2, "government"),
    ]
    assert rows(path, "SELECT count(*) FROM quotes WHERE speaker_id IS NULL") == [(0,)]
    assert rows(path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]


def test_speakers_are_keyed_again_when_the_identity_rules_change(tmp_path):
    """A database keyed by other rules (an older release) gets today's keys when opened:
    two speakers those rules kept apart, and today's make one, are merged."""
    path = tmp_path / "q.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO articles (id, words, text, content_hash, ingested_at) VALUES ('a1', 1, 'x', 'h', 'now')")
    for key, name in [("organization:old key 1", "China's foreign ministry"),
                      ("organization:old key 2", "the Chinese foreign ministry")]:
        speaker_id = conn.execute("INSERT INTO speakers (key, name, kind) VALUES (?, ?, 'organization')"
                                  " RETURNING id", [key, name]).fetchone()[0]
        conn.execute("INSERT INTO quotes (text, speaker_id, type, article_id, start, \"end\", content, cue,"
                     " source) VALUES ('q', ?, 'direct', 'a1', 0, 1, '[]', '[]', '[]')", [speaker_id])
    conn.execute("UPDATE settings SET value = 'older rules' WHERE name = 'speaker identity rules'")
    conn.commit()
    conn.close()

    Store(path).close()

    assert rows(path, "SELECT key, quote_count FROM speakers") == [("organization:china foreign ministry", 2)]
    assert rows(path, "SELECT value FROM settings WHERE name = 'speaker identity rules'") == [(identity_hash(),)]


def test_the_schema_steps_never_import_todays_rules():
    """Migrations are frozen: a changed rule must not change what an old step did."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(schema))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [name for name in imported if name and name.startswith("quotes")] == []


def test_anonymous_sources_survive_a_change_of_identity_rules(tmp_path):
    """An anonymous source is its article's own speaker: keying the database again keeps it
    (it was deleted while its quotes still pointed at it, and no command could open the file)."""
    path = tmp_path / "q.db"
    article = Article("a1", "A US official said the talks went well.")
    quote = Quote("indirect", [(21, 39)], [(16, 20)], "say", [(0, 13)], "verb-complement", 0.8,
                  speaker=Speaker("US official", "anonymous"))
    other = Article("a2", "A US official said the visit was useful.")
    again = Quote("indirect", [(21, 39)], [(16, 20)], "say", [(0, 13)], "verb-complement", 0.8,
                  speaker=Speaker("US official", "anonymous"))
    with Store(path) as store:
        store.save(article, [quote])
        store.save(other, [again])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE settings SET value = 'older rules' WHERE name = 'speaker identity rules'")
    conn.commit()
    conn.close()

    Store(path).close()

    assert rows(path, "SELECT key, quote_count FROM speakers ORDER BY key") == [
        ("anonymous:a1:us official", 1), ("anonymous:a2:us official", 1)]
    assert rows(path, "SELECT count(*) FROM quotes WHERE speaker_id IS NULL") == [(0,)]
