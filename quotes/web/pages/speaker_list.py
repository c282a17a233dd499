"""The speakers page (`/DB/speakers`): a card per speaker, most quoted first, with a search
over every name they go by and a filter by kind.

    /quotes/speakers?q=blinken&kind=person

Each card: name, kind, role, how many quotes (summaries apart) in how many articles, the
quotes of others they report, and the latest quote. Speakers who only report others'
words ("the ministry said Wang Yi had demanded ...") are listed too, after those quoted.
"""

from __future__ import annotations

from datasette.database import Database

from quotes.web.pages import params
from quotes.web.pages.addresses import changed
from quotes.web.pages.display import card_words
from quotes.web.pages.speaker_search import SPEAKER_COLUMNS, SpeakerMatch, find_speakers
from quotes.web.pages.tallies import IS_HIDDEN, Tally, hidden_args, hidden_present, reported_tallies, split_tallies

PAGE_SIZE = 30
MAX_OFFSET = 10_000
KINDS = {
    "person": "people", "organization": "organisations", "anonymous": "anonymous sources",
    "group": "groups", "document": "documents", "unknown": "unidentified speakers",
}  # fmt: skip
"""Kinds of speaker (`quotes.records.SPEAKER_KINDS`) as a reader names them in the plural."""

LIST_SQL = f"""
SELECT {SPEAKER_COLUMNS}, NULL FROM speakers
WHERE {{kind}}
ORDER BY quote_count DESC, id LIMIT :limit OFFSET :offset
"""
TOTAL_SQL = "SELECT count(*) FROM speakers WHERE {kind}"
LATEST_SQL = f"""
SELECT * FROM quotes_view WHERE id = (
    SELECT id FROM quotes WHERE speaker_id = :speaker_id AND NOT {IS_HIDDEN}
    ORDER BY published DESC, id DESC LIMIT 1
)
"""
LATEST_REPORTED_SQL = f"""
SELECT * FROM quotes_view WHERE id = (
    SELECT id FROM quotes WHERE reported_by_id = :speaker_id AND NOT {IS_HIDDEN}
    ORDER BY published DESC, id DESC LIMIT 1
)
"""
"""The newest quote a speaker reports, on the card of one with no quote of their own."""
LATEST_SUMMARY_SQL = """
SELECT * FROM quotes_view WHERE id = (
    SELECT id FROM quotes WHERE speaker_id = :speaker_id ORDER BY published DESC, id DESC LIMIT 1
)
"""
"""The newest summary, on the card of a speaker with summaries alone."""


async def context(database: Database, request) -> dict:
    args = request.args
    query = params.text(args, "q", limit=200)
    kind = params.choice(args, "kind", KINDS, "") or None
    offset = params.whole_number(args, "_next", 0, 0, MAX_OFFSET)
    if query:
        speakers = await find_speakers(database, query, PAGE_SIZE + 1, offset, kind)
        total = None
    else:
        kind_sql = "kind = :kind" if kind else "1"
        rows = await database.execute(
            LIST_SQL.format(kind=kind_sql), {"kind": kind, "limit": PAGE_SIZE + 1, "offset": offset}
        )
        speakers = [SpeakerMatch(*row) for row in rows]
        total = (await database.execute(TOTAL_SQL.format(kind=kind_sql), {"kind": kind})).single_value()
    more = len(speakers) > PAGE_SIZE
    speakers = speakers[:PAGE_SIZE]
    hidden = await hidden_present(database)
    tallies = await split_tallies(database, "speaker_id", [(s.id, s.quote_count) for s in speakers], hidden)
    reported = await reported_tallies(database, [speaker.id for speaker in speakers], hidden)
    latest = await _latest_quotes(database, [(s.id, _latest_sql(tallies[s.id])) for s in speakers])
    return {
        "query": query or "",
        "kind": kind or "",
        "kinds": KINDS,
        "speakers": speakers,
        "latest": latest,
        "tallies": tallies,
        "reported": reported,
        "total": total,
        "offset": offset,
        "next_url": changed(request, {"_next": offset + PAGE_SIZE}) if more and offset + PAGE_SIZE <= MAX_OFFSET else None,
        "first_url": changed(request, {}) if offset else None,
        "kind_urls": {key: changed(request, {"kind": key}) for key in KINDS},
        "all_kinds_url": changed(request, {"kind": None}),
    }


def _latest_sql(tally: Tally) -> str:
    """What a card shows as the speaker's latest: a quote, else a summary, else a quote
    they reported."""
    if tally.quotes:
        return LATEST_SQL
    return LATEST_SUMMARY_SQL if tally.hidden else LATEST_REPORTED_SQL


async def _latest_quotes(database: Database, speakers: list[tuple[int, str]]) -> dict[int, dict]:
    """Each speaker's latest (`_latest_sql`) with its words ready to show; `speakers` are
    (id, SQL) pairs."""

    def read(conn) -> dict[int, dict]:
        latest = {}
        cursor = conn.cursor()
        for speaker_id, sql in speakers:
            cursor.execute(sql, {"speaker_id": speaker_id, **hidden_args()})
            names = [column[0] for column in cursor.description]
            row = cursor.fetchone()
            if row is not None:
                quote = dict(zip(names, row, strict=True))
                quote["words_html"] = card_words(quote)
                quote["reported"] = sql is LATEST_REPORTED_SQL
                latest[speaker_id] = quote
        return latest

    return await database.execute_fn(read)
