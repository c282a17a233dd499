"""The home page: a search box over quotes, counts, the newest quotes, the most-quoted.

Its counts are those of the listings: quotes of the shown types with the summaries apart
(from the counts the store keeps), and the speakers the speakers page lists."""

from __future__ import annotations

import json

from datasette.database import Database, QueryInterrupted

from quotes.web.pages.selection import HIDDEN_TYPES
from quotes.web.pages.tallies import Tally, database_tally, split_tallies

NEWEST_QUOTES = 6
TOP_SPEAKERS = 10
COUNT_TIME_LIMIT_MS = 100
"""Counting a million quotes takes ~10 ms; on a slow disk, leave the counts out."""

COUNTS_SQL = """
SELECT
    (SELECT count(*) FROM speakers) AS speakers,
    (SELECT count(*) FROM articles) AS articles
"""
_CACHE: dict[tuple[str, str | None], dict] = {}
"""Home pages of immutable databases, which never change."""
NEWEST_SQL = """
SELECT * FROM quotes_view WHERE id IN (
    SELECT id FROM quotes WHERE type NOT IN (SELECT value FROM json_each(:hidden_types))
    ORDER BY published DESC, id DESC LIMIT :limit
) ORDER BY published DESC, id DESC
"""
TOP_SPEAKERS_SQL = """
SELECT id, name, kind, role, affiliation, quote_count, article_count
FROM speakers ORDER BY quote_count DESC, id LIMIT :limit
"""


async def cached_context(database: Database) -> dict:
    """`context`, computed once for a database opened immutable (a published site)."""
    if database.is_mutable:
        return await context(database)
    key = (database.name, database.hash)
    if key not in _CACHE:
        _CACHE[key] = await context(database)
    return _CACHE[key]


async def context(database: Database) -> dict:
    try:
        counts = (await database.execute(COUNTS_SQL, custom_time_limit=COUNT_TIME_LIMIT_MS)).first()
    except QueryInterrupted:
        counts = None
    newest = await database.execute(NEWEST_SQL, {"limit": NEWEST_QUOTES, "hidden_types": json.dumps(HIDDEN_TYPES)})
    speakers = list(await database.execute(TOP_SPEAKERS_SQL, {"limit": TOP_SPEAKERS}))
    everything = await database_tally(database)
    tallies = await split_tallies(
        database, "speaker_id", [(row["id"], row["quote_count"]) for row in speakers], bool(everything.hidden)
    )
    return {
        "quotes_database": database.name,
        "quotes_tally": everything,
        "quotes_counts": dict(counts) if counts else None,
        "newest_quotes": list(newest),
        "top_speakers": [(row, tallies.get(row["id"], Tally(0))) for row in speakers],
    }
