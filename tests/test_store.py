"""The SQLite store: saving, re-saving, speakers and aliases, spans, full-text search, errors."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sample_records import (
    TALKS_TEXT,
    article_quoting,
    at,
    blinken,
    ministry_article,
    talks_article,
    wang_yi,
)

from quotes.records import Quote, Speaker
from quotes.speakers.identity import speaker_key
from quotes.store.database import Store, StoreError, check_database
from quotes.store.rows import ArticleRows, article_rows, content_hash
from quotes.store.schema import SCHEMA_VERSION


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "quotes.db"


@pytest.fixture
def store(path: Path):
    with Store(path) as store:
        yield store


def rows(path: Path, sql: str, params: list | None = None, immutable: bool = False) -> list[dict]:
    """Read what is committed, through a connection of its own."""
    conn = sqlite3.connect(f"{path.as_uri()}?immutable={int(immutable)}", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params or [])]
    finally:
        conn.close()


def speaker_named(path: Path, name: str) -> dict:
    [speaker] = rows(path, "SELECT * FROM speakers WHERE name = ?", [name])
    return speaker


def aliases_of(path: Path, name: str) -> set[str]:
    sql = "SELECT alias FROM aliases JOIN speakers ON speakers.id = speaker_id WHERE name = ?"
    return {row["alias"] for row in rows(path, sql, [name])}


# Saving and re-saving

def test_rows_sent_as_json_store_what_the_records_store(tmp_path: Path):
    """Ingest's workers work the rows out and send them as plain data to the writer."""
    items = [talks_article(), ministry_article()]
    with Store(tmp_path / "records.db") as store:
        store.save_many(items)
    sent = []
    for article, quotes in items:
        plain = json.loads(json.dumps(vars(article_rows(article, quotes))))
        sent.append((article, ArticleRows.from_plain(plain)))
    with Store(tmp_path / "rows.db") as store:
        store.save_rows(sent)
    table = "SELECT * FROM {} ORDER BY 1"
    for name in ("articles", "quotes", "speakers", "aliases", "quote_counts"):
        by_records = rows(tmp_path / "records.db", table.format(name))
        by_rows = rows(tmp_path / "rows.db", table.format(name))
        for row in by_records + by_rows:
            row.pop("ingested_at", None)
        assert by_rows == by_records, name
    assert len(rows(tmp_path / "rows.db", "SELECT * FROM quotes")) == sum(len(q) for _, q in items)



def test_save_stores_article_quotes_and_speakers(store: Store, path: Path):
    store.save(*talks_article())
    assert store.counts() == {"articles": 1, "quotes": 2, "speakers": 1, "aliases": 2}
    [article] = rows(path, "SELECT * FROM articles")
    assert article["title"] == "Blinken arrives in Beijing"
    assert article["words"] == len(article["text"].split())
    assert article["quote_count"] == 2
    assert article["source_path"] == "articles/talks.txt"
    quotes = rows(path, "SELECT * FROM quotes ORDER BY start")
    assert [q["type"] for q in quotes] == ["direct", "indirect"]
    assert quotes[0]["text"] == "We are at a critical moment, and we must keep talking."
    assert quotes[0]["cue_text"] == "told"
    assert quotes[0]["source_text"] == "Mr Blinken"
    assert {(q["published"], q["publisher"]) for q in quotes} == {("2023-06-18", "Example News")}


def test_resaving_replaces_instead_of_adding(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article())
    before = store.counts()
    speakers_before = rows(path, "SELECT id, name, quote_count FROM speakers ORDER BY id")
    store.save(*talks_article())
    store.save(*ministry_article())
    assert store.counts() == before
    assert rows(path, "SELECT id, name, quote_count FROM speakers ORDER BY id") == speakers_before


def test_resaving_a_changed_article_replaces_its_quotes(store: Store, path: Path):
    store.save(*talks_article())
    article, quotes = talks_article()
    store.save(article, quotes[:1])
    assert [q["type"] for q in rows(path, "SELECT type FROM quotes")] == ["direct"]
    assert speaker_named(path, "Antony Blinken")["quote_count"] == 1


def test_a_quote_found_again_keeps_its_number(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article())
    numbers = {q["text"]: q["id"] for q in rows(path, "SELECT id, text FROM quotes")}
    store.save(*talks_article())
    assert {q["text"]: q["id"] for q in rows(path, "SELECT id, text FROM quotes")} == numbers
    article, quotes = talks_article()
    store.save(article, quotes[1:])
    kept = {q["text"]: q["id"] for q in rows(path, "SELECT id, text FROM quotes")}
    assert kept == {text: number for text, number in numbers.items() if text in kept}
    assert len(kept) == len(numbers) - 1
    # The search index follows the numbers.
    [found] = rows(path, "SELECT rowid, text FROM quotes_fts WHERE quotes_fts MATCH 'stabilise'")
    assert found == {"rowid": numbers[found["text"]], "text": found["text"]}


def test_an_article_twice_in_one_batch_is_stored_once(store: Store, path: Path):
    article, quotes = talks_article()
    store.save_many([(article, quotes), (article, quotes[:1])])
    assert store.counts()["quotes"] == 1
    assert speaker_named(path, "Antony Blinken")["quote_count"] == 1


def test_has_recognises_unchanged_articles(store: Store):
    article, quotes = talks_article()
    assert not store.has(article.id, content_hash(article))
    store.save(article, quotes)
    assert store.has(article.id, content_hash(article))
    edited, _ = talks_article(article.text.replace("Sunday", "Monday"))
    assert not store.has(edited.id, content_hash(edited))
    assert not store.has("another-id", content_hash(article))


@pytest.mark.parametrize("field", ["text", "title", "published", "url"])
def test_content_hash_changes_with_what_is_stored(field: str):
    article, _ = talks_article()
    changed, _ = talks_article()
    setattr(changed, field, getattr(article, field) + " (updated)")
    assert content_hash(changed) != content_hash(article)


def test_save_many_commits_in_batches(store: Store, path: Path):
    speakers = [blinken(), wang_yi()]
    items = (article_quoting(n, speakers[n % 2]) for n in range(7))
    assert store.save_many(items, batch_size=3) == 7
    assert store.counts() == {"articles": 7, "quotes": 7, "speakers": 2, "aliases": 2}
    assert speaker_named(path, "Antony Blinken")["quote_count"] == 4


def test_readers_see_each_batch_while_the_writer_goes_on(store: Store, path: Path):
    seen_by_reader = []

    def items():
        for n in range(6):
            seen_by_reader.append(len(rows(path, "SELECT id FROM articles")))
            yield article_quoting(n, blinken())

    store.save_many(items(), batch_size=2)
    assert rows(path, "PRAGMA journal_mode") == [{"journal_mode": "wal"}]
    assert seen_by_reader == [0, 0, 2, 2, 4, 4]


def test_an_invalid_record_keeps_the_articles_read_before_it(store: Store, path: Path):
    article, quotes = article_quoting(3, blinken())
    quotes[0].content = [(0, len(article.text) + 5)]
    items = [article_quoting(1, blinken()), article_quoting(2, blinken()), (article, quotes)]
    message = r"article 'article-3', quote 1: span \(0, \d+\) is outside"
    with pytest.raises(StoreError, match=message):
        store.save_many(items, batch_size=10)
    assert [r["id"] for r in rows(path, "SELECT id FROM articles ORDER BY id")] == [
        "article-1",
        "article-2",
    ]


@pytest.mark.parametrize(
    "break_quote, message",
    [
        (lambda q: setattr(q, "content", []), "no content spans"),
        (lambda q: setattr(q, "content", [(5, 2)]), r"span \(5, 2\) is outside"),
        (lambda q: setattr(q, "cue", [(-1, 2)]), r"span \(-1, 2\) is outside"),
        (lambda q: setattr(q, "source", [(0, 10_000)]), r"span \(0, 10000\) is outside"),
        (lambda q: setattr(q, "speaker", Speaker("  ")), "a speaker has an empty name"),
    ],
)
def test_invalid_quotes_are_refused_and_nothing_is_written(
    store: Store, path: Path, break_quote, message: str
):
    store.save(*talks_article())
    article, quotes = ministry_article()
    break_quote(quotes[1])
    with pytest.raises(StoreError, match=message):
        store.save(article, quotes)
    assert store.counts() == {"articles": 1, "quotes": 2, "speakers": 1, "aliases": 2}


def test_text_that_is_not_valid_unicode_is_refused(store: Store, path: Path):
    article, quotes = talks_article(TALKS_TEXT.replace("caf\u00e9", "caf\udce9"))
    with pytest.raises(StoreError, match="article 'talks': the text is not valid Unicode"):
        store.save(article, quotes)
    article, quotes = article_quoting(1, blinken())
    quotes[0].speaker = Speaker("Wang \udcff", "person")
    with pytest.raises(StoreError, match="cannot store text that is not valid Unicode"):
        store.save(article, quotes)
    assert store.counts() == {"articles": 0, "quotes": 0, "speakers": 0, "aliases": 0}


# Speakers and aliases


@pytest.mark.parametrize(
    "speaker, key",
    [
        (Speaker("Antony Blinken", "person"), "person:antony blinken"),
        (Speaker("  Antony \n Blinken ", "person"), "person:antony blinken"),
        (Speaker("ANTONY BLINKEN", "person"), "person:antony blinken"),
        (Speaker("Stra\u00dfe Ministry", "organization"), "organization:strasse ministry"),
        (Speaker("Blinken", "unknown"), "unknown:blinken"),
    ],
)
def test_speaker_key(speaker: Speaker, key: str):
    assert speaker_key(speaker) == key


def test_one_speaker_across_articles_with_all_aliases(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article())
    speaker = speaker_named(path, "Antony Blinken")
    assert (speaker["quote_count"], speaker["article_count"]) == (3, 2)
    assert aliases_of(path, "Antony Blinken") == {"Antony Blinken", "Mr Blinken", "Blinken"}
    ministry = speaker_named(path, "China's foreign ministry")
    assert ministry["kind"] == "organization"
    assert aliases_of(path, "China's foreign ministry") == {
        "China's foreign ministry",
        "China\u2019s foreign ministry",
    }


def test_the_same_name_of_another_kind_is_another_speaker(store: Store, path: Path):
    store.save(*article_quoting(1, Speaker("Jordan", "person")))
    store.save(*article_quoting(2, Speaker("Jordan", "organization")))
    kinds = rows(path, "SELECT kind FROM speakers WHERE name = 'Jordan' ORDER BY kind")
    assert kinds == [{"kind": "organization"}, {"kind": "person"}]


def test_role_and_affiliation_keep_the_latest_known(store: Store, path: Path):
    store.save(*talks_article())  # role given, no affiliation
    store.save(*ministry_article())  # no role, affiliation "US"
    speaker = speaker_named(path, "Antony Blinken")
    assert (speaker["role"], speaker["affiliation"]) == ("US secretary of state", "US")
    store.save(*article_quoting(1, blinken(role="former secretary of state")))
    assert speaker_named(path, "Antony Blinken")["role"] == "former secretary of state"


def test_speakers_left_without_quotes_are_deleted_with_their_aliases(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article(with_wang=True))
    store.save(*ministry_article(with_wang=False))
    names = {row["name"] for row in rows(path, "SELECT name FROM speakers")}
    assert names == {"Antony Blinken"}
    assert {row["alias"] for row in rows(path, "SELECT alias FROM aliases")} == {
        "Antony Blinken",
        "Mr Blinken",
        "Blinken",
    }


def test_a_speaker_only_reporting_others_is_kept(store: Store, path: Path):
    store.save(*ministry_article())
    ministry = speaker_named(path, "China's foreign ministry")
    assert ministry["quote_count"] == 0
    [nested] = rows(path, "SELECT * FROM quotes WHERE reported_by_id = ?", [ministry["id"]])
    assert nested["speaker_id"] == speaker_named(path, "Wang Yi")["id"]


def test_speaker_counts_match_the_quotes_after_many_changes(store: Store, path: Path):
    store.save(*talks_article())
    store.save_many([ministry_article(), talks_article(), ministry_article(with_wang=False)])
    store.save_many(article_quoting(n, [blinken(), wang_yi()][n % 2]) for n in range(5))
    store.save(*ministry_article())
    store.save_many([article_quoting(n, blinken()) for n in range(5)])
    counted = rows(
        path,
        """SELECT speakers.id, quote_count, article_count,
                  count(quotes.id) AS quotes, count(DISTINCT article_id) AS articles
           FROM speakers LEFT JOIN quotes ON speaker_id = speakers.id GROUP BY speakers.id""",
    )
    assert counted
    for speaker in counted:
        assert (speaker["quote_count"], speaker["article_count"]) == (
            speaker["quotes"],
            speaker["articles"],
        )


# Spans round-trip


def test_every_stored_span_round_trips(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article())
    quotes = rows(
        path, "SELECT quotes.*, articles.text AS article_text FROM quotes JOIN articles "
        "ON articles.id = article_id"
    )
    assert len(quotes) == 4
    for quote in quotes:
        text = quote["article_text"]
        content = json.loads(quote["content"])
        assert quote["text"] == " ".join(text[s:e] for s, e in content)
        assert (quote["start"], quote["end"]) == (content[0][0], content[-1][1])
        assert quote["cue_text"] == " ".join(text[s:e] for s, e in json.loads(quote["cue"]))
        assert quote["source_text"] == " ".join(text[s:e] for s, e in json.loads(quote["source"]))


def test_stored_pieces_are_the_ones_saved(store: Store, path: Path):
    article, quotes = talks_article()
    store.save(article, quotes)
    [stored] = rows(path, "SELECT content FROM quotes WHERE type = 'direct'")
    text = article.text
    assert [text[s:e] for s, e in json.loads(stored["content"])] == [
        "We are at a critical moment,",
        "and we must keep talking.",
    ]


def test_offsets_count_characters_in_sql_too(store: Store, path: Path):
    store.save(*talks_article())
    [quote] = rows(
        path,
        """SELECT quotes.text, substr(articles.text, start + 1, "end" - start) AS sliced
           FROM quotes JOIN articles ON articles.id = article_id WHERE type = 'indirect'""",
    )
    assert quote["sliced"] == quote["text"] == "both sides wanted to stabilise relations"


# Full-text search


def search(path: Path, table: str, query: str) -> list[str]:
    column = "text" if table == "quotes" else "id"
    sql = (
        f"SELECT {table}.{column} AS found FROM {table} JOIN {table}_fts"
        f" ON {table}_fts.rowid = {table}.rowid WHERE {table}_fts MATCH ? ORDER BY found"
    )
    return [row["found"] for row in rows(path, sql, [query])]


@pytest.mark.parametrize("query", ["juncture", "junctures", "JUNCTURE"])
def test_quote_search_matches_word_stems(store: Store, path: Path, query: str):
    store.save(*talks_article())
    store.save(*ministry_article())
    assert search(path, "quotes", query) == ["the junctures ahead would test both countries"]


@pytest.mark.parametrize(
    "query, found",
    [("stabilising", ["talks"]), ("demanding", ["ministry"]), ("title:beijing", ["talks"])],
)
def test_article_search_covers_title_and_text(store: Store, path: Path, query: str, found):
    store.save(*talks_article())
    store.save(*ministry_article())
    assert search(path, "articles", query) == found


def test_search_index_follows_resaves(store: Store, path: Path):
    store.save(*talks_article())
    store.save(*ministry_article())
    store.save(*ministry_article())
    assert search(path, "quotes", "juncture") == ["the junctures ahead would test both countries"]
    store.save(*talks_article(talks_article()[0].text.replace("Sunday", "Tuesday")))
    assert search(path, "articles", "Sunday") == []
    assert search(path, "articles", "Tuesday") == ["talks"]
    store.save(*ministry_article(with_wang=False))
    assert search(path, "quotes", "interfering") == []
    for table in ("quotes", "articles"):
        rows(path, f"INSERT INTO {table}_fts ({table}_fts, rank) VALUES ('integrity-check', 1)")


def test_optimize_gathers_statistics_and_keeps_search_working(store: Store, path: Path):
    store.save_many(article_quoting(n, blinken()) for n in range(20))
    store.save(*ministry_article())
    store.optimize()
    analysed = {row["idx"] for row in rows(path, "SELECT idx FROM sqlite_stat1")}
    assert {"idx_quotes_speaker_id", "idx_quotes_published"} <= analysed
    assert search(path, "quotes", "juncture") == ["the junctures ahead would test both countries"]


# Bad databases


@pytest.fixture
def make_read_only():
    """Make a file or directory read-only, even for root (chattr +i), or skip."""
    frozen: list[Path] = []

    def make(target: Path) -> None:
        target.chmod(0o555 if target.is_dir() else 0o444)
        chattr = os.access(target, os.W_OK) and shutil.which("chattr")
        if chattr and subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False).returncode == 0:
            frozen.append(target)
        if os.access(target, os.W_OK):
            pytest.skip("making a file read-only needs a non-root user or chattr")

    yield make
    for target in frozen:
        subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.mark.parametrize("what", ["file", "directory"])
def test_read_only_database_is_refused_and_kept(path: Path, make_read_only, what: str):
    with Store(path) as store:
        store.save(*talks_article())
    make_read_only(path if what == "file" else path.parent)
    with pytest.raises(StoreError) as error:
        Store(path)
    assert str(error.value) in {
        f"{path} is read-only; check the permissions of the file and of its directory",
        f"cannot open {path}; check that it and its directory are readable and writable",
    }
    assert len(rows(path, "SELECT id FROM quotes", immutable=True)) == 2


def test_new_database_in_a_read_only_directory(tmp_path: Path, make_read_only):
    make_read_only(tmp_path)
    with pytest.raises(StoreError, match="cannot open .*quotes.db; check that it"):
        Store(tmp_path / "quotes.db")


def test_database_locked_by_another_writer(path: Path):
    with Store(path) as store:
        store.save(*talks_article())
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match=r"is locked by another process .*\(waited 0.2s\)"):
            Store(path, timeout=0.2)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(rows(path, "SELECT id FROM quotes")) == 2


def test_save_while_another_writer_holds_the_lock(path: Path):
    with Store(path, timeout=0.2) as store:
        store.save(*talks_article())
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM aliases")
        with pytest.raises(StoreError, match="is locked by another process"):
            store.save(*ministry_article())
        other.execute("ROLLBACK")
        other.close()
        assert store.counts() == {"articles": 1, "quotes": 2, "speakers": 1, "aliases": 2}
        store.save(*ministry_article())
        assert store.counts()["articles"] == 2


def test_file_that_is_not_a_database_is_left_alone(path: Path):
    content = b"Antony Blinken said this is not a database.\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError, match=f"^{path} is not a SQLite database$"):
        Store(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_left_alone(path: Path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="is a SQLite database but not a quotes database"):
        Store(path)
    assert rows(path, "SELECT name FROM sqlite_master") == [{"name": "notes"}]


def test_database_from_a_newer_version_is_refused(path: Path):
    with Store(path) as store:
        store.save(*talks_article())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer version of quotes"):
        Store(path)
    assert len(rows(path, "SELECT id FROM quotes")) == 2


def test_missing_directories_are_created(tmp_path: Path):
    path = tmp_path / "new" / "deeper" / "quotes.db"
    with Store(path) as store:
        store.save(*talks_article())
    assert rows(path, "SELECT count(*) AS n FROM quotes") == [{"n": 2}]


def test_directory_that_cannot_be_created(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(StoreError, match="cannot create directory .*a-file is not a directory"):
        Store(tmp_path / "a-file" / "quotes.db")


def test_path_that_is_a_directory(tmp_path: Path):
    with pytest.raises(StoreError, match="is a directory, not a database file"):
        Store(tmp_path)


def test_reopening_keeps_everything(path: Path):
    with Store(path) as store:
        store.save(*talks_article())
    with Store(path) as store:
        assert store.counts() == {"articles": 1, "quotes": 2, "speakers": 1, "aliases": 2}


# Checking a database without writing to it (for serve and look-ups)


def test_check_database_accepts_a_quotes_database(store: Store, path: Path):
    store.save(*talks_article())
    assert check_database(str(path)) == SCHEMA_VERSION


@pytest.mark.parametrize(
    "prepare, message",
    [
        (lambda p: None, "no such database; run `quotes ingest` first"),
        (lambda p: p.write_bytes(b"\x00\xff" * 600), "is not a SQLite database"),
        (lambda p: p.write_bytes(b""), "is empty; run `quotes ingest` first"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_check_database_explains_what_is_wrong(path: Path, prepare, message: str):
    prepare(path)
    with pytest.raises(StoreError, match=message):
        check_database(str(path))


def test_quote_without_speaker_is_stored_with_none(store: Store, path: Path):
    article, quotes = talks_article()
    quotes[1].speaker = None
    store.save(article, quotes)
    assert rows(path, "SELECT speaker_id FROM quotes WHERE type = 'indirect'") == [
        {"speaker_id": None}
    ]
    quote = Quote(
        type="direct",
        content=[at(article.text, "critical moment")],
        cue=[],
        cue_lemma=None,
        source=[],
        rule="floating",
        confidence=0.4,
    )
    store.save(article, [quote])
    [stored] = rows(path, "SELECT cue_text, source_text, cue FROM quotes")
    assert stored == {"cue_text": None, "source_text": None, "cue": "[]"}
