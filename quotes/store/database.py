"""SQLite storage for articles, their quotes and speakers: one writer, any number of readers.

    store = Store("db/quotes.db")
    if not store.has(article.id, rows.content_hash(article)):
        store.save(article, quotes)

The database runs in WAL mode, so Datasette can read it while an ingest writes.
Every write happens inside one `BEGIN IMMEDIATE` transaction: a failure (a locked
or read-only file, a bad record) leaves what was stored before untouched.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from quotes.errors import StoreError
from quotes.records import Article, Quote, Speaker
from quotes.store import derived, links, schema
from quotes.store.keys import canonical_url, text_hash
from quotes.store.readonly import UnmergedChanges, connect_read_only
from quotes.store.rows import (
    ID,
    QUOTE_COLUMNS,
    REPORTED_BY_ID,
    SPEAKER_ID,
    TEXT,
    ArticleRows,
    article_rows,
    combine_mentions,
)

DEFAULT_BATCH_SIZE = 200
DEFAULT_TIMEOUT = 5.0
CACHE_KIB = 65536
COUNTED_TABLES = ("articles", "quotes", "speakers", "aliases")


def check_database(path: str) -> int:
    """Check, without writing, that `path` is a quotes database; return its schema version."""
    if not os.path.exists(path):
        raise StoreError(f"{path}: no such database; run `quotes ingest` first to create it")
    if os.path.isdir(path):
        raise StoreError(f"{path} is a directory, not a database file")
    if not os.path.isfile(path):
        raise StoreError(f"{path} is not a regular file, so not a database")
    with _described_errors(path, DEFAULT_TIMEOUT):
        conn = connect_read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    _check_version(path, version, tables)
    if version == 0:
        raise StoreError(f"{path} is empty; run `quotes ingest` first to fill it")
    return version


class Store:
    """The quotes database, opened for writing; creates or upgrades the schema on open."""

    def __init__(self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = str(path)
        self.timeout = timeout
        _prepare_directory(self.path)
        with self._errors():
            self.db = Database(sqlite3.connect(self.path, timeout=timeout, isolation_level=None))
        try:
            with self._errors():
                self.db.execute("PRAGMA foreign_keys = ON")
                if self.db.journal_mode != "wal":
                    self.db.enable_wal()
                # Safe in WAL mode: a power cut can lose the last commits, never corrupt.
                self.db.execute("PRAGMA synchronous = NORMAL")
                # 64 MB of pages (SQLite's default is 2 MB): a large database's indexes stay
                # in memory while a batch updates them; a sixth faster on 13,000 quotes.
                self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                with self._transaction():
                    self._migrate()
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def has(self, article_id: str, content_hash: str, fingerprint: str | None = None) -> bool:
        """Is this article stored, unchanged since it was saved (with `fingerprint`, if given)?"""
        with self._errors():
            row = self.db.execute(
                "SELECT 1 FROM articles WHERE id = ? AND content_hash = ?"
                " AND (? IS NULL OR fingerprint = ?)",
                [article_id, content_hash, fingerprint, fingerprint],
            ).fetchone()
        return row is not None

    def duplicate_of(self, article: Article) -> str | None:
        """The id of another stored article with the same canonical URL or text, if any."""
        with self._errors():
            row = self.db.execute(
                "SELECT id FROM articles WHERE id != ? AND text_hash = ?"
                " UNION ALL SELECT id FROM articles WHERE id != ? AND canonical_url = ? LIMIT 1",
                [article.id, text_hash(article.text), article.id, canonical_url(article.url)],
            ).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Rows in each table: articles, quotes, speakers, aliases."""
        with self._errors():
            return {table: self.db[table].count for table in COUNTED_TABLES}

    def save(self, article: Article, quotes: list[Quote], fingerprint: str | None = None) -> None:
        """Store one article and its quotes in one transaction, replacing any earlier version."""
        self.save_many([(article, quotes)], fingerprint=fingerprint)

    def save_many(
        self,
        items: Iterable[tuple[Article, list[Quote]]],
        batch_size: int = DEFAULT_BATCH_SIZE,
        fingerprint: str | None = None,
    ) -> int:
        """Store (article, quotes) pairs, committing every `batch_size` articles; return the count.

        `fingerprint` names the release, engine and rules that found the quotes (see `has`).
        If `items` raises, or a record is invalid, the articles read before it are still
        committed, then the error propagates.
        """
        rows = ((article, article_rows(article, quotes)) for article, quotes in items)
        return self.save_rows(rows, batch_size, fingerprint)

    def save_rows(
        self,
        items: Iterable[tuple[Article, ArticleRows]],
        batch_size: int = DEFAULT_BATCH_SIZE,
        fingerprint: str | None = None,
    ) -> int:
        """`save_many` for articles whose rows are worked out already (`rows.article_rows`,
        in the workers of an ingest)."""
        saved = 0
        batch: list[tuple[Article, ArticleRows]] = []
        try:
            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    pending, batch = batch, []
                    self._write(pending, fingerprint)
                    saved += len(pending)
        finally:
            if batch:
                self._write(batch, fingerprint)
                saved += len(batch)
        return saved

    def optimize(self) -> None:
        """After a large ingest: gather planner statistics, merge the search indexes.

        Takes seconds per 10,000 articles; readers keep working meanwhile.
        """
        with self._errors(), self._transaction():
            self.db.execute("ANALYZE")
            for table in schema.FULL_TEXT:
                self.db.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('optimize')")

    def _write(self, batch: list[tuple[Article, ArticleRows]], fingerprint: str | None) -> None:
        """Replace the articles of `batch` and their quotes in one transaction: each step
        is one statement for the whole batch."""
        conn = self.db.conn
        # An article given twice in a batch is stored once, as given last.
        batch = list({article.id: (article, rows) for article, rows in batch}.values())
        article_ids = json.dumps([article.id for article, _ in batch])
        stored_at = datetime.now(UTC).isoformat(timespec="seconds")
        changes = _SpeakerChanges()
        with self._errors(), self._transaction():
            conn.execute(UNINDEX_QUOTES, [article_ids])
            conn.execute(UNINDEX_ARTICLES, [article_ids])
            conn.execute(schema.COUNT_BATCH, {"article_ids": article_ids, "sign": -1})
            old_quotes: dict[str, list[tuple]] = defaultdict(list)
            for article_id, *old in conn.execute(SELECT_OLD_QUOTES, [article_ids]):
                old_quotes[article_id].append(old)
            conn.execute(DELETE_OLD_QUOTES, [article_ids])
            conn.executemany(UPSERT_ARTICLE, [_article_row(article, rows, stored_at, fingerprint)
                                              for article, rows in batch])
            speaker_ids = self._upsert_speakers(batch)
            new_quotes = []
            for article, rows in batch:
                old = old_quotes.get(article.id, [])
                new = _keep_numbers(old, [_numbered(row, speaker_ids) for row in rows.quotes])
                changes.replace([(speaker, reporter) for _, _, speaker, reporter in old],
                                [(row[SPEAKER_ID], row[REPORTED_BY_ID]) for row in new])
                new_quotes.extend(new)
            # Numbers kept first: a new quote must not take the number of a kept one.
            new_quotes.sort(key=lambda row: row[ID] is None)
            conn.executemany(INSERT_QUOTE, new_quotes)
            conn.execute(INDEX_QUOTES, [article_ids])
            conn.execute(INDEX_ARTICLES, [article_ids])
            conn.execute(schema.COUNT_BATCH, {"article_ids": article_ids, "sign": 1})
            conn.execute(schema.DROP_ZERO_COUNTS)
            self._update_speakers(changes)
            derived.latest_roles(conn, sorted(changes.touched))

    def _upsert_speakers(self, batch: list[tuple[Article, ArticleRows]]) -> dict[str, int]:
        """Insert or update each speaker quoted in the batch, following the editors' fixes
        (`speaker_fixes`: merged and renamed speakers); return their row ids by key.

        A speaker quoted in many articles of the batch is written once."""
        conn = self.db.conn
        speakers: dict[str, Speaker] = {}
        namesakes: dict[str, list[str]] = {}
        for _, rows in batch:
            for key, name, kind, role, affiliation, org_type, aliases, others in rows.speakers:
                speakers[key] = combine_mentions(
                    speakers.get(key), Speaker(name, kind, role, affiliation, set(aliases), org_type))
                namesakes.setdefault(key, []).extend(others)
        fixes = speakers and conn.execute(ANY_FIX).fetchone()[0]
        fixed: dict[str, Speaker] = {}
        targets: dict[str, str] = {}
        for key, speaker in speakers.items():
            target, name, kind = key, _collapse(speaker.name), speaker.kind
            fix = conn.execute(SELECT_FIX, [key]).fetchone() if fixes else None
            if fix is not None:
                target, name, kind = fix
            targets[key] = target
            fixed[key] = Speaker(name, kind, speaker.role, speaker.affiliation, speaker.aliases | {speaker.name},
                                 speaker.org_type if kind == "organization" else None)
        quoted = Counter(row[SPEAKER_ID] for _, rows in batch for row in rows.quotes)
        counts: Counter[str] = Counter()
        for key, target in targets.items():
            counts[target] += quoted[key]
        plan = links.link_keys(conn, fixed, targets, namesakes, counts)
        conn.executemany(UPSERT_SPEAKER, [
            [targets[key], s.name, s.kind, s.role, s.affiliation, s.org_type, links.surname_of(s)]
            for key, s in fixed.items() if plan.targets[key] == targets[key]])
        row_ids = dict(conn.execute(SELECT_SPEAKER_IDS, [json.dumps(sorted(set(plan.targets.values())))]))
        ids = {key: row_ids[target] for key, target in plan.targets.items()}
        plan.record(conn, row_ids)
        conn.executemany(
            "INSERT OR IGNORE INTO aliases (speaker_id, alias) VALUES (?, ?)",
            [(ids[key], alias) for key, speaker in fixed.items() for alias in _aliases(speaker)],
        )
        return ids

    def _update_speakers(self, changes: _SpeakerChanges) -> None:
        """Apply the count changes, then delete speakers no quote refers to any more."""
        conn = self.db.conn
        conn.executemany(
            "UPDATE speakers SET quote_count = quote_count + ?, article_count = article_count + ?"
            " WHERE id = ?",
            changes.deltas(),
        )
        touched = json.dumps(sorted(changes.touched))
        orphans = json.dumps([row[0] for row in conn.execute(SELECT_ORPHANS, [touched])])
        conn.execute(
            "DELETE FROM aliases WHERE speaker_id IN (SELECT value FROM json_each(?))", [orphans]
        )
        conn.execute(
            "DELETE FROM speaker_links WHERE speaker_id IN (SELECT value FROM json_each(?))", [orphans]
        )
        conn.execute("DELETE FROM speakers WHERE id IN (SELECT value FROM json_each(?))", [orphans])

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for edits outside `save` (merging speakers, say); a
        failure rolls it all back and is described in one line."""
        with self._errors(), self._transaction():
            yield self.db.conn

    def _migrate(self) -> None:
        """Bring the schema up to date (`schema`), then what today's rules compute (`derived`)."""
        conn = self.db.conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = set(self.db.table_names()) | set(self.db.view_names())
        _check_version(self.path, version, tables)
        for step in schema.MIGRATIONS[version:]:
            step(conn)
        # Always written: this also fails fast, before any work, on a read-only database.
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        derived.refresh(conn, migrated=version < schema.SCHEMA_VERSION)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _errors(self) -> AbstractContextManager[None]:
        return _described_errors(self.path, self.timeout)


UPSERT_ARTICLE = """
INSERT INTO articles (id, title, url, publisher, published, author, words, quote_count,
                      text, ignored, content_hash, source_path, ingested_at,
                      text_hash, canonical_url, fingerprint)
VALUES (:id, :title, :url, :publisher, :published, :author, :words, :quote_count,
        :text, :ignored, :content_hash, :source_path, :ingested_at,
        :text_hash, :canonical_url, :fingerprint)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, url = excluded.url, publisher = excluded.publisher,
    published = excluded.published, author = excluded.author, words = excluded.words,
    quote_count = excluded.quote_count, text = excluded.text, ignored = excluded.ignored,
    content_hash = excluded.content_hash, source_path = excluded.source_path,
    ingested_at = excluded.ingested_at, text_hash = excluded.text_hash,
    canonical_url = excluded.canonical_url, fingerprint = excluded.fingerprint
"""

UPSERT_SPEAKER = """
INSERT INTO speakers (key, name, kind, role, affiliation, org_type, surname)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET
    role = coalesce(excluded.role, role),
    affiliation = coalesce(excluded.affiliation, affiliation),
    org_type = coalesce(org_type, excluded.org_type)
"""

SELECT_FIX = "SELECT speaker_key, name, kind FROM speaker_fixes WHERE key = ?"
ANY_FIX = "SELECT EXISTS (SELECT 1 FROM speaker_fixes)"
SELECT_SPEAKER_IDS = "SELECT key, id FROM speakers WHERE key IN (SELECT value FROM json_each(?))"

INSERT_QUOTE = f"""
INSERT INTO quotes ({", ".join(f'"{column}"' for column in QUOTE_COLUMNS)}, speaker_kind)
VALUES ({", ".join(f"?{n}" for n in range(1, len(QUOTE_COLUMNS) + 1))},
        (SELECT kind FROM speakers WHERE id = ?{SPEAKER_ID + 1}))
"""
"""Bound by position, from lists: SQLite binds those twice as fast as by name or from named
tuples, and quotes are most of what a save writes."""


IN_BATCH = "(SELECT value FROM json_each(?))"
SELECT_OLD_QUOTES = f"""
SELECT article_id, id, text, speaker_id, reported_by_id FROM quotes WHERE article_id IN {IN_BATCH}
"""
DELETE_OLD_QUOTES = f"DELETE FROM quotes WHERE article_id IN {IN_BATCH}"
UNINDEX_QUOTES = f"""
INSERT INTO quotes_fts (quotes_fts, rowid, text)
SELECT 'delete', id, text FROM quotes WHERE article_id IN {IN_BATCH}
"""
INDEX_QUOTES = f"""
INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes WHERE article_id IN {IN_BATCH}
"""
UNINDEX_ARTICLES = f"""
INSERT INTO articles_fts (articles_fts, rowid, title, text)
SELECT 'delete', rowid, title, text FROM articles WHERE id IN {IN_BATCH}
"""
INDEX_ARTICLES = f"""
INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles
WHERE id IN {IN_BATCH}
"""

SELECT_ORPHANS = f"""
SELECT id FROM speakers
WHERE id IN {IN_BATCH}
  AND quote_count = 0
  AND NOT EXISTS (SELECT 1 FROM quotes WHERE reported_by_id = speakers.id)
"""


class _SpeakerChanges:
    """How a batch changes each speaker's quote and article counts, and who it touched."""

    def __init__(self) -> None:
        self.quotes: Counter[int] = Counter()
        self.articles: Counter[int] = Counter()
        self.touched: set[int] = set()

    def replace(
        self, old: list[tuple[int | None, int | None]], new: list[tuple[int | None, int | None]]
    ) -> None:
        """One article's (speaker_id, reported_by_id) pairs, before and after it was saved."""
        old_speakers = [speaker for speaker, _ in old if speaker is not None]
        new_speakers = [speaker for speaker, _ in new if speaker is not None]
        self.quotes.update(new_speakers)
        self.quotes.subtract(old_speakers)
        self.articles.update(set(new_speakers))
        self.articles.subtract(set(old_speakers))
        self.touched.update(i for pair in old + new for i in pair if i is not None)

    def deltas(self) -> list[tuple[int, int, int]]:
        """(quote count change, article count change, speaker id) for each changed speaker."""
        ids = sorted(set(self.quotes) | set(self.articles))
        return [
            (self.quotes[i], self.articles[i], i)
            for i in ids
            if self.quotes[i] or self.articles[i]
        ]


def _article_row(article: Article, rows: ArticleRows, stored_at: str,
                 fingerprint: str | None) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "publisher": article.publisher,
        "published": article.published,
        "author": article.author,
        "words": rows.words,
        "quote_count": len(rows.quotes),
        "text": article.text,
        "ignored": rows.ignored,
        "content_hash": rows.content_hash,
        "source_path": article.path,
        "ingested_at": stored_at,
        "text_hash": rows.text_hash,
        "canonical_url": rows.canonical_url,
        "fingerprint": fingerprint,
    }


def _numbered(row: list, speaker_ids: dict[str, int]) -> list:
    """A copy of a quote row with the speaker ids for its speaker keys."""
    row = row.copy()
    row[SPEAKER_ID] = speaker_ids.get(row[SPEAKER_ID])
    row[REPORTED_BY_ID] = speaker_ids.get(row[REPORTED_BY_ID])
    return row


def _keep_numbers(old: list[tuple], new: list[list]) -> list[list]:
    """A quote found again in its article (the same words) keeps its number, so that links
    to it stay good when the article is ingested again; new quotes get new numbers."""
    if not old:
        return new
    numbers: dict[str, deque[int]] = defaultdict(deque)
    for number, text, _, _ in old:
        numbers[text].append(number)
    for row in new:
        if numbers.get(row[TEXT]):
            row[ID] = numbers[row[TEXT]].popleft()
    return new


def _aliases(speaker: Speaker) -> list[str]:
    forms = {_collapse(alias) for alias in speaker.aliases | {speaker.name}}
    return sorted(form for form in forms if form)


def _collapse(name: str) -> str:
    return " ".join(name.split())


def _check_version(path: str, version: int, tables: set[str]) -> None:
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer version of quotes (schema {version}); upgrade quotes"
        )
    if version == 0 and tables:
        raise StoreError(f"{path} is a SQLite database but not a quotes database")
    if version > 0 and not set(schema.TABLE_NAMES) <= tables:
        raise StoreError(f"{path} is not a quotes database: tables are missing")


def _prepare_directory(path: str) -> None:
    if os.path.isdir(path):
        raise StoreError(f"{path} is a directory, not a database file")
    if os.path.exists(path) and not os.path.isfile(path):
        raise StoreError(f"{path} is not a regular file, so not a database")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
    except FileExistsError as error:
        raise StoreError(
            f"cannot create directory {directory}: {error.filename} is not a directory"
        ) from error
    except OSError as error:
        raise StoreError(f"cannot create directory {directory}: {error.strerror}") from error


@contextmanager
def _described_errors(path: str, timeout: float) -> Iterator[None]:
    """Turn sqlite3 errors into a StoreError saying what happened to `path`."""
    try:
        yield
    except UnmergedChanges as error:
        raise StoreError(f"cannot read {path}: {error}") from error
    except sqlite3.Error as error:
        raise StoreError(_describe(error, path, timeout)) from error
    except UnicodeEncodeError as error:
        raise StoreError(f"{path}: cannot store text that is not valid Unicode (an unpaired"
                         f" surrogate, \\u{ord(error.object[error.start]):04x})") from error


def _describe(error: sqlite3.Error, path: str, timeout: float) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (
            f"{path} is locked by another process writing to it (waited {timeout:g}s);"
            " try again when it has finished"
        )
    if name.startswith("SQLITE_READONLY"):
        return f"{path} is read-only; check the permissions of the file and of its directory"
    if name.startswith("SQLITE_NOTADB"):
        return f"{path} is not a SQLite database"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"cannot open {path}; check that it and its directory are readable and writable"
    if name.startswith("SQLITE_FULL"):
        return f"cannot write to {path}: the disk is full"
    if name.startswith("SQLITE_CORRUPT"):
        return f"{path} is corrupt: {error}"
    return f"{path}: {error}"
