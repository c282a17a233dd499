"""A speaker's page: who they are, their names, their quotes over time (newest first)
and the publications quoting them."""

from __future__ import annotations

import json

from datasette.database import Database

from quotes.web.pages.selection import HIDDEN_TYPES
from quotes.web.pages.timeline import Period, timeline

__all__ = ["Period", "context", "timeline"]

NEWEST_QUOTES = 20
PUBLICATIONS = 20

SPEAKER_SQL = """
SELECT id, name, kind, org_type, role, affiliation, quote_count, article_count FROM speakers
WHERE id = :id
"""
ALIASES_SQL = "SELECT alias FROM aliases WHERE speaker_id = :id AND alias != :name ORDER BY alias"
QUOTES_SQL = """
SELECT * FROM quotes_view WHERE id IN (
    SELECT id FROM quotes WHERE speaker_id = :id
    AND type NOT IN (SELECT value FROM json_each(:hidden_types))
    ORDER BY published DESC, id DESC LIMIT :limit
) ORDER BY published DESC, id DESC
"""
MONTHS_SQL = """
SELECT substr(published, 1, 7) AS month, count(*) AS count FROM quotes
WHERE speaker_id = :id AND published IS NOT NULL GROUP BY month ORDER BY month
"""
PUBLICATIONS_SQL = """
SELECT publisher, count(*) AS count, min(published) AS first, max(published) AS last
FROM quotes WHERE speaker_id = :id AND publisher IS NOT NULL
GROUP BY publisher ORDER BY count DESC, publisher LIMIT :limit
"""
REPORTED_SQL = "SELECT count(*) FROM quotes WHERE reported_by_id = :id"


async def context(database: Database, speaker_id: str) -> dict | None:
    speaker = (await database.execute(SPEAKER_SQL, {"id": speaker_id})).first()
    if speaker is None:
        return None
    by_id = {"id": speaker["id"]}
    aliases = await database.execute(ALIASES_SQL, {**by_id, "name": speaker["name"]})
    quotes = await database.execute(
        QUOTES_SQL, {**by_id, "limit": NEWEST_QUOTES, "hidden_types": json.dumps(HIDDEN_TYPES)}
    )
    months = await database.execute(MONTHS_SQL, by_id)
    publications = await database.execute(PUBLICATIONS_SQL, {**by_id, "limit": PUBLICATIONS})
    reported = (await database.execute(REPORTED_SQL, by_id)).single_value()
    return {
        "quotes_template": "quotes_speaker.html",
        "speaker": speaker,
        "aliases": [row["alias"] for row in aliases],
        "quotes": list(quotes),
        "timeline": timeline([(row["month"], row["count"]) for row in months]),
        "publications": list(publications),
        "reported_count": reported,
    }
