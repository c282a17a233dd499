"""Finding speakers by any name they go by: "blinken" finds Antony Blinken (quoted as
"Mr Blinken"), "erdogan" Recep Tayyip Erdoğan, "ant blin" both words' starts.

Names are looked up in `aliases_fts`, a full-text index of every alias (schema step
`speaker_search`); a database without it (served read-only before an upgrade) is searched
with LIKE, slower and blind to accents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasette.database import Database

from quotes.factcheck.search import STOPWORDS

WORD = re.compile(r"\w+")
MAX_WORDS = 8

SPEAKER_COLUMNS = (
    "speakers.id, speakers.name, speakers.kind, speakers.org_type, speakers.role,"
    " speakers.affiliation, speakers.quote_count, speakers.article_count"
)
FTS_MATCHES = """
SELECT speaker_id, min(alias) AS alias FROM aliases
WHERE id IN (SELECT rowid FROM aliases_fts WHERE aliases_fts MATCH :match)
GROUP BY speaker_id
"""


@dataclass
class SpeakerMatch:
    id: int
    name: str
    kind: str
    org_type: str | None
    role: str | None
    affiliation: str | None
    quote_count: int
    article_count: int
    alias: str | None
    """The name it was found by, when not its own name."""


def search_words(text: str) -> list[str]:
    return WORD.findall(text.lower())[:MAX_WORDS]


async def has_name_index(database: Database) -> bool:
    return "aliases_fts" in await database.table_names()


def matches_sql(words: list[str], whole_words: bool, fts: bool) -> tuple[str, dict]:
    """A query of (speaker_id, alias) pairs for speakers one of whose names holds every word."""
    if fts:
        suffix = "" if whole_words else "*"
        return FTS_MATCHES, {"match": " ".join(f'"{word}"{suffix}' for word in words)}
    conditions = " AND ".join(f"alias LIKE :w{n} ESCAPE '\\'" for n in range(len(words)))
    values = {f"w{n}": "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for n, word in enumerate(words)}
    return f"SELECT speaker_id, min(alias) AS alias FROM aliases WHERE {conditions} GROUP BY speaker_id", values


async def find_speakers(
    database: Database,
    text: str,
    limit: int,
    offset: int = 0,
    kind: str | None = None,
    whole_words: bool = False,
) -> list[SpeakerMatch]:
    """Speakers with a name holding every word of `text` (word starts, unless
    `whole_words`), most quoted first (those who only report others' words too); none for
    a text of stop words alone."""
    words = search_words(text)
    if not words or (whole_words and all(word in STOPWORDS for word in words)):
        return []
    sql, values = matches_sql(words, whole_words, await has_name_index(database))
    kind_filter = "WHERE speakers.kind = :kind" if kind else ""
    query = f"""
    SELECT {SPEAKER_COLUMNS}, found.alias FROM ({sql}) AS found
    JOIN speakers ON speakers.id = found.speaker_id
    {kind_filter}
    ORDER BY speakers.quote_count DESC, speakers.id LIMIT :limit OFFSET :offset
    """
    rows = await database.execute(query, {**values, "kind": kind, "limit": limit, "offset": offset})
    found = []
    for row in rows:
        match = SpeakerMatch(*row)
        if match.alias == match.name or _covers(words, match.name, whole_words):
            match.alias = None
        found.append(match)
    return found


def _covers(words: list[str], name: str, whole_words: bool) -> bool:
    """Does the speaker's own name hold the words (so no other name need be shown)?"""
    own = search_words(name)
    if whole_words:
        return all(word in own for word in words)
    return all(any(part.startswith(word) for part in own) for word in words)
