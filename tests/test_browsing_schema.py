"""The schema step for the web pages (`add_quote_browsing`): a database written before it
is upgraded in place, and the kind of speaker copied onto quotes stays right when editors
merge or rename speakers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from older_databases import database_at
from sample_records import ministry_article, talks_article
from web_helpers import crowd_article

from quotes.store import schema
from quotes.store.database import Store

BEFORE = schema.MIGRATIONS.index(schema.add_quote_browsing)


@pytest.fixture
def old_path(tmp_path: Path) -> Path:
    """A database as the schema before this step wrote it, with quotes."""
    items = talks_article(), ministry_article(), crowd_article(speakers=2)
    return database_at(tmp_path / "quotes.db", BEFORE, *items)


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_upgrade_copies_speaker_kinds_and_counts_quotes(old_path: Path):
    assert rows(old_path, "PRAGMA user_version") == [(BEFORE,)]
    Store(old_path).close()
    assert rows(old_path, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert rows(old_path, "SELECT text, speaker_kind FROM quotes ORDER BY id") == rows(
        old_path,
        "SELECT text, speakers.kind FROM quotes LEFT JOIN speakers ON speakers.id = speaker_id"
        " ORDER BY quotes.id",
    )
    assert rows(old_path, "SELECT DISTINCT speaker_kind FROM quotes ORDER BY 1") == [
        (None,), ("person",)
    ]
    counted = [
        (facet, value, count)
        for facet in schema.COUNTED_FACETS
        for value, count in rows(
            old_path,
            f"SELECT {facet}, count(*) FROM quotes_view WHERE {facet} IS NOT NULL GROUP BY 1",
        )
    ]
    assert sorted(rows(old_path, "SELECT * FROM quote_counts")) == sorted(counted)
    assert ("year", "2023", 7) in counted


def test_upgraded_view_keeps_its_columns_and_adds_new_ones_at_the_end(old_path: Path):
    with sqlite3.connect(old_path) as conn:
        before = [row[1] for row in conn.execute("PRAGMA table_info(quotes_view)")]
    Store(old_path).close()
    with sqlite3.connect(old_path) as conn:
        after = [row[1] for row in conn.execute("PRAGMA table_info(quotes_view)")]
    assert after == before + ["year", "speaker_role", "speaker_affiliation", "reported_by_id", "via"]
    [row] = rows(
        old_path,
        "SELECT speaker, reported_by, article, year, speaker_affiliation FROM quotes_view"
        " WHERE text = 'the US stop interfering in its affairs'",
    )
    assert row == ("Wang Yi", "China's foreign ministry", "China demands US stop interfering",
                   "2023", "China")  # fmt: skip


def test_stored_quotes_stay_searchable_and_new_ones_get_a_kind(old_path: Path):
    with Store(old_path) as store:
        store.save(*talks_article())
        store.save(*ministry_article())
    found = rows(
        old_path,
        "SELECT text, speaker_kind FROM quotes WHERE id IN"
        " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'interfering')",
    )
    assert found == [("the US stop interfering in its affairs", "person")]


def kinds(path) -> dict[str, str | None]:
    """Quote text -> its speaker_kind column."""
    return dict(rows(path, "SELECT text, speaker_kind FROM quotes"))


def test_merging_and_renaming_speakers_keeps_quote_kinds_right(tmp_path: Path):
    from quotes.store.speakers import merge_speakers, rename_speaker

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
    from quotes.store.speakers import rename_speaker

    path = tmp_path / "quotes.db"
    with Store(path) as store:
        store.save(*ministry_article())
        rename_speaker(store, "Wang Yi", "Foreign Ministry Spokesman", kind="organization")
        store.save(*ministry_article())  # the same mention, resolved again to Wang Yi
    assert kinds(path)["the US stop interfering in its affairs"] == "organization"
