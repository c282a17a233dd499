"""Duplicate articles, the same canonical URL or the same text under another id, are
stored once: within a run, across runs, and in a database from before the keys existed."""

from __future__ import annotations

import json
import sqlite3

import pytest
from ingest_helpers import article, write_corpus
from sample_records import talks_article

from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import InProcess
from quotes.records import Article
from quotes.store import schema
from quotes.store.database import Store
from quotes.store.keys import canonical_url, text_hash


@pytest.mark.parametrize("url, expected", [
    ("https://www.Gazette.example/2024/ferry/", "gazette.example/2024/ferry"),
    ("http://gazette.example/2024/ferry#comments", "gazette.example/2024/ferry"),
    ("https://gazette.example/2024/ferry?utm_source=x&utm_medium=y", "gazette.example/2024/ferry"),
    ("https://gazette.example/story?id=7&fbclid=abc", "gazette.example/story?id=7"),
    ("https://gazette.example/story?id=8", "gazette.example/story?id=8"),
    ("https://gazette.example/2024/Ferry", "gazette.example/2024/Ferry"),
    ("", None),
    (None, None),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("one, other, same", [
    ("The mayor said no.", "The mayor said no.", True),
    ("The mayor said no.", "The  mayor\nsaid no. ", True),
    ("The mayor said no.", "The mayor said yes.", False),
    ("The mayor said no.", "the mayor said no.", False),
])
def test_text_hash_ignores_only_whitespace(one, other, same):
    assert (text_hash(one) == text_hash(other)) is same


def copy_of(number: int, **changes) -> dict:
    return {**article(number), **changes}


@pytest.fixture
def extractor(engine):
    return InProcess(lambda: engine)


def run(path, db, extractor):
    with Store(db) as store:
        return ingest([str(path)], store, extractor, fingerprint="test")


def ids(db):
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]


def test_duplicates_in_one_run_are_stored_once(tmp_path, extractor):
    corpus = write_corpus(tmp_path / "c.jsonl", 3, [
        copy_of(0, id="syndicated-copy", url=None),  # same text, another id
        copy_of(1, id="re-crawl", text=article(1)["text"].replace("\n\n", "\n\n\n")),
        copy_of(2, id="tracked-link", text="Another text entirely, said the editor.",
                url=article(2)["url"].replace("https://", "http://www.") + "?utm_source=feed"),
    ])
    summary = run(corpus, tmp_path / "q.db", extractor)
    assert summary.articles == 3
    assert [(d.id, d.duplicate_of) for d in summary.duplicates] == [
        ("syndicated-copy", "article-000"), ("re-crawl", "article-001"),
        ("tracked-link", "article-002")]
    assert ids(tmp_path / "q.db") == ["article-000", "article-001", "article-002"]
    assert json.loads(json.dumps(summary.as_dict()))["duplicates"][0] == {
        "id": "syndicated-copy", "path": str(corpus), "duplicate_of": "article-000",
        "reason": "the same text or URL as another article"}


def test_a_duplicate_of_a_stored_article_is_not_stored(tmp_path, extractor):
    db = tmp_path / "q.db"
    run(write_corpus(tmp_path / "first.jsonl", 2), db, extractor)
    later = write_corpus(tmp_path / "later.jsonl", 0, [
        copy_of(1, id="wire-copy"), copy_of(5)])
    summary = run(later, db, extractor)
    assert [(d.id, d.duplicate_of) for d in summary.duplicates] == [("wire-copy", "article-001")]
    assert summary.articles == 1
    assert ids(db) == ["article-000", "article-001", "article-005"]


def test_the_same_article_again_is_unchanged_not_a_duplicate(tmp_path, extractor):
    db = tmp_path / "q.db"
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    run(corpus, db, extractor)
    summary = run(corpus, db, extractor)
    assert (summary.unchanged, summary.duplicates) == (2, [])


def test_a_database_from_before_gets_the_keys_of_its_articles(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.create_v1(conn)
    conn.execute("PRAGMA user_version = 1")
    talks, _ = talks_article()
    conn.execute(
        "INSERT INTO articles (id, title, url, words, text, content_hash, ingested_at)"
        " VALUES (?, ?, ?, 1, ?, 'x', 'then')",
        [talks.id, talks.title, "https://www.example.org/talks/", talks.text])
    conn.close()
    with Store(db) as store:
        assert store.duplicate_of(Article(id="other", text=talks.text)) == talks.id
        assert store.duplicate_of(
            Article(id="other", text="new", url="http://example.org/talks")) == talks.id
        assert store.duplicate_of(talks) is None
        # Stored before extractor versions were recorded: extracted again by this release.
        assert not store.has(talks.id, "x", "quotes 0.1.0 spacy")
