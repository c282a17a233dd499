"""The database schema, as SQL, and the named steps that bring a database up to date.

`MIGRATIONS[n]` takes a database from version n to n + 1 (`PRAGMA user_version`);
version 0 is an empty file. Add a step to change the schema, never edit an old one.

The steps are frozen: SQL only, never today's rules. A column whose values today's rules
compute (speaker keys, organisation types, normalized words, article keys) is added empty,
and `derived.refresh` fills it with the rules of the running release.
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


SPEAKER_FIXES = """
CREATE TABLE speaker_fixes (
    key TEXT PRIMARY KEY,
    speaker_key TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    action TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""
"""An editor's fixes, applied by every later ingest: a speaker `key` (as resolution gives
it) belongs to the speaker `speaker_key`, named `name` (`action`: merge or rename)."""


def speakers_v2(conn: sqlite3.Connection) -> None:
    """Organisation types and the editors' fixes. (Speakers then took the keys of
    `speakers.identity`; today `derived.refresh` keys them, whenever those rules change.)"""
    conn.execute("ALTER TABLE speakers ADD COLUMN org_type TEXT")
    conn.execute("CREATE INDEX idx_speakers_org_type ON speakers (org_type)")
    conn.execute(SPEAKER_FIXES)


def add_normalized_text(conn: sqlite3.Connection) -> None:
    """`quotes.normalized`: the quote's words as `quotes check` compares them (filled by
    `derived.refresh` with `quotes.normalize`)."""
    conn.execute("ALTER TABLE quotes ADD COLUMN normalized TEXT")


BROWSING_VIEW = """
CREATE VIEW quotes_view AS
SELECT
    quotes.id,
    quotes.published,
    (SELECT name FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker,
    quotes.speaker_kind,
    quotes.type,
    quotes.text,
    quotes.cue_text,
    quotes.cue_lemma,
    quotes.stance,
    (SELECT name FROM speakers WHERE speakers.id = quotes.reported_by_id) AS reported_by,
    (SELECT title FROM articles WHERE articles.id = quotes.article_id) AS article,
    (SELECT url FROM articles WHERE articles.id = quotes.article_id) AS url,
    quotes.publisher,
    quotes.article_id,
    quotes.speaker_id,
    quotes.confidence,
    quotes.rule,
    substr(quotes.published, 1, 4) AS year,
    (SELECT role FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker_role,
    (SELECT affiliation FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker_affiliation,
    quotes.reported_by_id
FROM quotes
"""

COUNTED_FACETS = {
    "type": "type",
    "stance": "stance",
    "publisher": "publisher",
    "year": "substr(published, 1, 4)",
}
"""Columns of quotes_view whose quote counts the store keeps in `quote_counts`. Counts by
speaker and by kind of speaker come from `speakers.quote_count`, which merges keep right."""

SPEAKER_KIND_TRIGGERS = [
    """CREATE TRIGGER quotes_speaker_kind_follows_speaker AFTER UPDATE OF speaker_id ON quotes
    BEGIN
        UPDATE quotes SET speaker_kind = (SELECT kind FROM speakers WHERE id = NEW.speaker_id)
        WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER speakers_kind_to_quotes AFTER UPDATE OF kind ON speakers
    WHEN OLD.kind IS NOT NEW.kind
    BEGIN
        UPDATE quotes SET speaker_kind = NEW.kind WHERE speaker_id = NEW.id;
    END""",
]
"""Keep `quotes.speaker_kind` right when an editor merges speakers (quotes move to another
speaker) or renames one with another kind; the store sets it when it inserts a quote."""


def count_quotes_sql(articles: str) -> str:
    """Add `:sign` times the quotes of `articles` (a SELECT of ids) to `quote_counts`."""
    counts = " UNION ALL ".join(
        f"SELECT '{facet}' AS facet, {facet} AS value, count(*) AS count FROM counted"
        f" WHERE {facet} IS NOT NULL GROUP BY {facet}"
        for facet in COUNTED_FACETS
    )
    columns = ", ".join(f"{expression} AS {facet}" for facet, expression in COUNTED_FACETS.items())
    return f"""
INSERT INTO quote_counts (facet, value, count)
SELECT facet, value, count * :sign FROM (
    WITH counted AS (SELECT {columns} FROM quotes WHERE article_id IN ({articles}))
    {counts}
) WHERE true
ON CONFLICT (facet, value) DO UPDATE SET count = count + excluded.count
"""


COUNT_BATCH = count_quotes_sql("SELECT value FROM json_each(:article_ids)")
DROP_ZERO_COUNTS = "DELETE FROM quote_counts WHERE count = 0"


def add_quote_browsing(conn: sqlite3.Connection) -> None:
    """What the web pages need to stay fast on a million quotes.

    - `quotes.speaker_kind`, the kind of the quote's speaker, indexed and kept right by
      triggers: filtering quotes by kind needs no join;
    - `quote_counts`: quotes by type, stance, publisher and year, kept up to date by the
      store, for the facets of the unfiltered quote listing;
    - `quotes_view` takes speaker and article fields through subqueries instead of joins,
      so SQLite counts and groups it without touching the other tables, and gains year,
      speaker role and affiliation and the reporter's id (new columns at the end);
    - indexes for a speaker's quotes by date and publisher (read from the index alone),
      quotes by year, the most-quoted speakers, quote counts by kind of speaker.
    """
    statements = [
        "ALTER TABLE quotes ADD COLUMN speaker_kind TEXT",
        "UPDATE quotes SET speaker_kind = (SELECT kind FROM speakers WHERE id = quotes.speaker_id)",
        *SPEAKER_KIND_TRIGGERS,
        "CREATE INDEX idx_quotes_speaker_kind ON quotes (speaker_kind)",
        "CREATE INDEX idx_quotes_year ON quotes (substr(published, 1, 4))",
        "CREATE INDEX idx_quotes_speaker_published ON quotes (speaker_id, published, publisher)",
        "CREATE INDEX idx_speakers_quote_count ON speakers (quote_count)",
        "CREATE INDEX idx_speakers_kind_quote_count ON speakers (kind, quote_count)",
        ("CREATE TABLE quote_counts (facet TEXT NOT NULL, value TEXT NOT NULL,"
        " count INTEGER NOT NULL, PRIMARY KEY (facet, value)) WITHOUT ROWID"),
        "DROP VIEW quotes_view",
        BROWSING_VIEW,
    ]
    for statement in statements:
        conn.execute(statement)
    conn.execute(count_quotes_sql("SELECT id FROM articles"), {"sign": 1})


def add_duplicate_keys_and_extractor(conn: sqlite3.Connection) -> None:
    """Articles get `text_hash` and `canonical_url`, indexed, to store a duplicate once
    (filled by `derived.refresh`), and `extractor`, what found their quotes, to tell what a
    new release must extract again."""
    for column in ("text_hash", "canonical_url", "extractor"):
        conn.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    for column in ("text_hash", "canonical_url"):
        conn.execute(f"CREATE INDEX idx_articles_{column} ON articles ({column})")


def fingerprints(conn: sqlite3.Connection) -> None:
    """`articles.extractor` becomes `articles.fingerprint` (release, engine, a hash of the
    rules: `quotes.fingerprint`), and `settings` keeps facts about the database as a whole,
    such as the hash of the rules its speakers are keyed by."""
    conn.execute("ALTER TABLE articles RENAME COLUMN extractor TO fingerprint")
    conn.execute(SETTINGS)


SETTINGS = "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"

SPEAKER_VIEW = """
CREATE VIEW quotes_view AS
SELECT
    quotes.id,
    quotes.published,
    (SELECT name FROM speakers WHERE speakers.id = quotes.speaker_id) AS speaker,
    quotes.speaker_kind,
    quotes.type,
    quotes.text,
    quotes.cue_text,
    quotes.cue_lemma,
    quotes.stance,
    (SELECT name FROM speakers WHERE speakers.id = quotes.reported_by_id) AS reported_by,
    (SELECT title FROM articles WHERE articles.id = quotes.article_id) AS article,
    (SELECT url FROM articles WHERE articles.id = quotes.article_id) AS url,
    quotes.publisher,
    quotes.article_id,
    quotes.speaker_id,
    quotes.confidence,
    quotes.rule,
    substr(quotes.published, 1, 4) AS year,
    quotes.speaker_role,
    quotes.speaker_affiliation,
    quotes.reported_by_id,
    quotes.via
FROM quotes
"""


def speakers_as_quoted(conn: sqlite3.Connection) -> None:
    """One person under several name forms, and roles as of each quote.

    - `quotes.speaker_role`, `quotes.speaker_affiliation`: the role and affiliation the
      quote's own article gives its speaker (older quotes take their speaker's one role);
      `quotes.via`: the document the words were given in when the speaker is its author
      ("the complaint", filed by the prosecutors who speak); `quotes_view` shows these;
    - `speaker_links`: other keys of a speaker, other forms of its name ("person:joe
      biden" for Joseph R. Biden), given by `store.identity` as speakers are saved;
    - `speaker_namesakes`: pairs of person keys an article named as two people ("Donald
      Trump", "Donald Trump Jr."), never linked;
    - `speakers.surname`: a person's surname, folded, to find their other name forms
      (filled by `derived.refresh`).
    """
    statements = [
        "ALTER TABLE quotes ADD COLUMN speaker_role TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_affiliation TEXT",
        "ALTER TABLE quotes ADD COLUMN via TEXT",
        """UPDATE quotes SET speaker_role = (SELECT role FROM speakers WHERE id = quotes.speaker_id),
               speaker_affiliation = (SELECT affiliation FROM speakers WHERE id = quotes.speaker_id)""",
        ("CREATE TABLE speaker_links (key TEXT PRIMARY KEY,"
         " speaker_id INTEGER NOT NULL REFERENCES speakers(id))"),
        "CREATE INDEX idx_speaker_links_speaker_id ON speaker_links (speaker_id)",
        ("CREATE TABLE speaker_namesakes (key TEXT NOT NULL, other TEXT NOT NULL,"
         " PRIMARY KEY (key, other)) WITHOUT ROWID"),
        "ALTER TABLE speakers ADD COLUMN surname TEXT",
        "CREATE INDEX idx_speakers_surname ON speakers (surname)",
        "DROP VIEW quotes_view",
        SPEAKER_VIEW,
    ]
    for statement in statements:
        conn.execute(statement)


def speaker_search(conn: sqlite3.Connection) -> None:
    """`aliases_fts`: a full-text index of every name a speaker goes by, kept in step with
    `aliases` by triggers, for the speaker search of the web pages ("blinken" finds Antony
    Blinken, "erdogan" Recep Tayyip Erdoğan) on a hundred thousand speakers."""
    for statement in [
        (
            "CREATE VIRTUAL TABLE aliases_fts USING FTS5 (alias, content='aliases', content_rowid='id',"
            " tokenize='unicode61 remove_diacritics 2')"
        ),
        (
            "CREATE TRIGGER aliases_fts_insert AFTER INSERT ON aliases BEGIN"
            " INSERT INTO aliases_fts (rowid, alias) VALUES (new.id, new.alias); END"
        ),
        (
            "CREATE TRIGGER aliases_fts_delete AFTER DELETE ON aliases BEGIN"
            " INSERT INTO aliases_fts (aliases_fts, rowid, alias) VALUES ('delete', old.id, old.alias); END"
        ),
        (
            "CREATE TRIGGER aliases_fts_update AFTER UPDATE ON aliases BEGIN"
            " INSERT INTO aliases_fts (aliases_fts, rowid, alias) VALUES ('delete', old.id, old.alias);"
            " INSERT INTO aliases_fts (rowid, alias) VALUES (new.id, new.alias); END"
        ),
        "INSERT INTO aliases_fts (aliases_fts) VALUES ('rebuild')",
    ]:
        conn.execute(statement)


MIGRATIONS = [create_v1, speakers_v2, add_normalized_text, add_quote_browsing,
              add_duplicate_keys_and_extractor, fingerprints, speakers_as_quoted, speaker_search]
SCHEMA_VERSION = len(MIGRATIONS)
TABLE_NAMES = ("articles", "speakers", "aliases", "quotes")
