"""Schema step 3 (`add_quote_browsing`): a database written before it is upgraded in place,
and the kind of speaker copied onto quotes stays right when editors merge or rename."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sample_records import ministry_article, talks_article

from quotes import schema
from quotes.store import Store

V1_SPEAKERS = [
    (1, "Antony Blinken", "person", "US secretary of state", None, 2, 1, "person:antony blinken"),
    (2, "China's foreign ministry", "organization", None, None, 0, 0, "organization:china's foreign ministry"),
    (3, "Wang Yi", "person", None, "China", 1, 1, "person:wang yi"),
]  # fmt: skip
V1_QUOTES = [
    # id, text, speaker_id, type, stance, reported_by_id, published, publisher, article_id
    (1, "we must keep talking", 1, "direct", "neutral", None, "2023-06-18", "Example News", "talks"),
    (2, "relations would improve", 1, "indirect", "distancing", None, "2022-01-02", "Example News", "talks"),
    (3, "the US stop interfering", 3, "indirect", "neutral", 2, "2023-06-19", "Example Wire", "ministry"),
    (4, "nothing works", None, "indirect", "neutral", None, "2023-06-19", "Example Wire", "ministry"),
]  # fmt: skip


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    """A database as the first schema wrote it, with quotes."""
    path = tmp_path / "quotes.db"
    conn = sqlite3.connect(path)
    schema.create_v1(conn)
    for article_id in ("talks", "ministry"):
        conn.execute(
            "INSERT INTO articles (id, title, words, text, content_hash, ingested_at)"
            " VALUES (?, ?, 1, 'text', 'hash', 'now')",
            [article_id, article_id.title()],
        )
    conn.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?)", V1_SPEAKERS)
    conn.executemany(
        "INSERT INTO quotes (id, text, speaker_id, type, stance, reported_by_id, published,"
        " publisher, article_id, start, \"end\", content, cue, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, '[]', '[]', '[]')",
        V1_QUOTES,
    )
    conn.execute("INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes")
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_upgrade_copies_speaker_kinds_and_counts_quotes(v1_path: Path):
    Store(v1_path).close()
    assert rows(v1_path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert rows(v1_path, "SELECT id, speaker_kind FROM quotes ORDER BY id") == [
        (1, "person"), (2, "person"), (3, "person"), (4, None),
    ]  # fmt: skip
    assert rows(v1_path, "SELECT facet, value, count FROM quote_counts ORDER BY facet, value") == [
        ("publisher", "Example News", 2),
        ("publisher", "Example Wire", 2),
        ("stance", "distancing", 1),
        ("stance", "neutral", 3),
        ("type", "direct", 1),
        ("type", "indirect", 3),
        ("year", "2022", 1),
        ("year", "2023", 3),
    ]


def test_upgraded_view_keeps_its_columns_and_adds_new_ones_at_the_end(v1_path: Path):
    with sqlite3.connect(v1_path) as conn:
        before = [row[1] for row in conn.execute("PRAGMA table_info(quotes_view)")]
    Store(v1_path).close()
    with sqlite3.connect(v1_path) as conn:
        after = [row[1] for row in conn.execute("PRAGMA table_info(quotes_view)")]
    assert after == before + ["year", "speaker_role", "speaker_affiliation", "reported_by_id"]
    assert rows(v1_path, "SELECT speaker, reported_by, article, year FROM quotes_view WHERE id = 3") == [
        ("Wang Yi", "China's foreign ministry", "Ministry", "2023")
    ]


def test_stored_quotes_stay_searchable_and_new_ones_get_a_kind(v1_path: Path):
    with Store(v1_path) as store:
        store.save(*talks_article())
        store.save(*ministry_article())
    found = rows(
        v1_path,
        "SELECT text, speaker_kind FROM quotes WHERE id IN"
        " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'interfering')",
    )
    assert found == [("the US stop interfering in its affairs", "person")]


def kinds(path) -> dict[str, str | None]:
    """Quote text -> its speaker_kind column."""
    return dict(rows(path, "SELECT text, speaker_kind FROM quotes"))


def test_merging_and_renaming_speakers_keeps_quote_kinds_right(tmp_path: Path):
    from quotes.speakers import merge_speakers, rename_speaker

    path = tmp_path / "quotes.db"
    with Store(path) as store:
        store.save(*talks_article())
        store.save(*ministry_article())
        rename_speaker(store, "Wang Yi", "Foreign Ministry Spokesman", kind="organization")
        assert kinds(path)["the US stop interfering in its affairs"] == "organization"
        merge_speakers(store, "Antony Blinken", ["Foreign Ministry Spokesman"])
    assert set(kinds(path).values()) == {"person"}
    assert kinds(path) == dict(rows(path, """
        SELECT quotes.text, speakers.kind FROM quotes JOIN speakers ON speakers.id = speaker_id"""))


def test_a_renamed_kind_applies_to_quotes_ingested_later(tmp_path: Path):
    from quotes.speakers import rename_speaker

    path = tmp_path / "quotes.db"
    with Store(path) as store:
        store.save(*ministry_article())
        rename_speaker(store, "Wang Yi", "Foreign Ministry Spokesman", kind="organization")
        store.save(*ministry_article())  # the same mention, resolved again to Wang Yi
    assert kinds(path)["the US stop interfering in its affairs"] == "organization"
