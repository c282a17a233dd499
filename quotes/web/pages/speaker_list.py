"""The speakers page (`/DB/speakers`): a card per speaker, most quoted first, with a search
over every name they go by and a filter by kind.

    /quotes/speakers?q=blinken&kind=person

Each card: name, kind, role, how many quotes in how many articles, and the latest quote.
"""

from __future__ import annotations

import json

from datasette.database import Database

from quotes.web.pages import params
from quotes.web.pages.addresses import changed
from quotes.web.pages.display import quote_words
from quotes.web.pages.selection import HIDDEN_TYPES
from quotes.web.pages.speaker_search import SPEAKER_COLUMNS, SpeakerMatch, find_speakers

PAGE_SIZE = 30
MAX_OFFSET = 10_000
KINDS = {
    "person": "people", "organization": "organisations", "anonymous": "anonymous sources",
    "group": "groups", "unknown": "unidentified speakers",
}  # fmt: skip

LIST_SQL = f"""
SELECT {SPEAKER_COLUMNS}, NULL FROM speakers
WHERE quote_count > 0 {{kind}}
ORDER BY quote_count DESC, id LIMIT :limit OFFSET :offset
"""
TOTAL_SQL = "SELECT count(*) FROM speakers WHERE quote_count > 0 {kind}"
LATEST_SQL = """
SELECT * FROM quotes_view WHERE id = (
    SELECT id FROM quotes WHERE speaker_id = :speaker_id
    AND type NOT IN (SELECT value FROM json_each(:hidden_types))
    ORDER BY published DESC, id DESC LIMIT 1
)
"""


async def context(database: Database, request) -> dict:
    args = request.args
    query = params.text(args, "q", limit=200)
    kind = params.choice(args, "kind", KINDS, "") or None
    offset = params.whole_number(args, "_next", 0, 0, MAX_OFFSET)
    if query:
        speakers = await find_speakers(database, query, PAGE_SIZE + 1, offset, kind)
        total = None
    else:
        kind_sql = "AND kind = :kind" if kind else ""
        rows = await database.execute(
            LIST_SQL.format(kind=kind_sql), {"kind": kind, "limit": PAGE_SIZE + 1, "offset": offset}
        )
        speakers = [SpeakerMatch(*row) for row in rows]
        total = (await database.execute(TOTAL_SQL.format(kind=kind_sql), {"kind": kind})).single_value()
    more = len(speakers) > PAGE_SIZE
    speakers = speakers[:PAGE_SIZE]
    latest = await _latest_quotes(database, [speaker.id for speaker in speakers])
    return {
        "query": query or "",
        "kind": kind or "",
        "kinds": KINDS,
        "speakers": speakers,
        "latest": latest,
        "total": total,
        "offset": offset,
        "next_url": changed(request, {"_next": offset + PAGE_SIZE}) if more and offset + PAGE_SIZE <= MAX_OFFSET else None,
        "first_url": changed(request, {}) if offset else None,
        "kind_urls": {key: changed(request, {"kind": key}) for key in KINDS},
        "all_kinds_url": changed(request, {"kind": None}),
    }


async def _latest_quotes(database: Database, speaker_ids: list[int]) -> dict[int, dict]:
    """Each speaker's newest quote, its words ready to show."""

    def read(conn) -> dict[int, dict]:
        latest = {}
        cursor = conn.cursor()
        for speaker_id in speaker_ids:
            cursor.execute(LATEST_SQL, {"speaker_id": speaker_id, "hidden_types": json.dumps(HIDDEN_TYPES)})
            names = [column[0] for column in cursor.description]
            row = cursor.fetchone()
            if row is not None:
                quote = dict(zip(names, row, strict=True))
                quote["words_html"] = quote_words(quote["text"], quote["type"])
                latest[speaker_id] = quote
        return latest

    return await database.execute_fn(read)
