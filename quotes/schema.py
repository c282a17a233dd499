"""The database schema, as SQL, and the steps that bring a database up to date.

`MIGRATIONS[n]` takes a database from version n to n + 1 (`PRAGMA user_version`);
version 0 is an empty file. Add a step to change the schema, never edit an old one.
"""

from __future__ import annotations

import sqlite3

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
"""Porter stems ("junctures" finds "juncture"); diacritics are ignored ("Lapid" finds "Lápid")."""

TABLES = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    url TEXT,
    publisher TEXT,
    published TEXT,
    author TEXT,
    words INTEGER NOT NULL,
    quote_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    ignored TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    source_path TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT,
    affiliation TEXT,
    quote_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE aliases (
    id INTEGER PRIMARY KEY,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    alias TEXT NOT NULL,
    UNIQUE (speaker_id, alias)
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id),
    type TEXT NOT NULL,
    cue_text TEXT,
    cue_lemma TEXT,
    cue_class TEXT,
    stance TEXT,
    reported_by_id INTEGER REFERENCES speakers(id),
    source_text TEXT,
    published TEXT,
    publisher TEXT,
    article_id TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    content TEXT NOT NULL,
    cue TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL,
    rule TEXT
);
"""

INDEXES = {
    "articles": ["published", "publisher"],
    "speakers": ["kind", "name"],
    "aliases": ["alias"],
    "quotes": [
        "article_id",
        "speaker_id",
        "reported_by_id",
        "type",
        "cue_lemma",
        "cue_class",
        "stance",
        "published",
        "publisher",
    ],
}

FULL_TEXT = {"quotes": ["text"], "articles": ["title", "text"]}

QUOTES_VIEW = """
CREATE VIEW quotes_view AS
SELECT
    quotes.id,
    quotes.published,
    speakers.name AS speaker,
    speakers.kind AS speaker_kind,
    quotes.type,
    quotes.text,
    quotes.cue_text,
    quotes.cue_lemma,
    quotes.stance,
    reporters.name AS reported_by,
    articles.title AS article,
    articles.url,
    quotes.publisher,
    quotes.article_id,
    quotes.speaker_id,
    quotes.confidence,
    quotes.rule
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN speakers AS reporters ON reporters.id = quotes.reported_by_id
"""


def full_text_sql(table: str, columns: list[str]) -> str:
    """An FTS5 index on `columns` of `table`, named and shaped as sqlite-utils' `enable_fts()`.

    No triggers: per-row FTS5 triggers made bulk ingest three times slower, so the store
    indexes each batch in one statement. After editing these tables with another tool,
    run `sqlite-utils rebuild-fts db/quotes.db quotes articles`.
    """
    return (
        f"CREATE VIRTUAL TABLE {table}_fts USING FTS5 ({', '.join(columns)}, "
        f"tokenize='{FTS_TOKENIZER}', content=\"{table}\")"
    )


def create_v1(conn: sqlite3.Connection) -> None:
    """Tables, indexes on every column Datasette filters or facets on, FTS, the view."""
    statements = [s for s in TABLES.split(";") if s.strip()]
    statements += [
        f"CREATE INDEX idx_{table}_{column} ON {table} ({column})"
        for table, columns in INDEXES.items()
        for column in columns
    ]
    statements += [full_text_sql(table, columns) for table, columns in FULL_TEXT.items()]
    statements.append(QUOTES_VIEW)
    for statement in statements:
        conn.execute(statement)


def add_duplicate_keys_and_extractor(conn: sqlite3.Connection) -> None:
    """Articles get `text_hash` and `canonical_url`, indexed, to store a duplicate once, and
    `extractor`, the release and engine that found their quotes, to tell what a new
    release must extract again."""
    from .dedupe import canonical_url, text_hash

    for column in ("text_hash", "canonical_url", "extractor"):
        conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    rows = conn.execute("SELECT rowid, text, url FROM articles").fetchall()
    conn.executemany(
        "UPDATE articles SET text_hash = ?, canonical_url = ? WHERE rowid = ?",
        [(text_hash(text), canonical_url(url), rowid) for rowid, text, url in rows],
    )
    for column in ("text_hash", "canonical_url"):
        conn.execute(f"CREATE INDEX idx_articles_{column} ON articles ({column})")


MIGRATIONS = [create_v1, add_duplicate_keys_and_extractor]
SCHEMA_VERSION = len(MIGRATIONS)
TABLE_NAMES = ("articles", "speakers", "aliases", "quotes")
