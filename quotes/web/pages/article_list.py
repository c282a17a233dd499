"""The articles page (`/DB/articles`): title, outlet, date and quote count of each article
(summaries apart), newest first, searchable by their words and narrowed by outlet and dates.

    /quotes/articles?q=sanctions&publisher=Example+Wire&from=2023
"""

from __future__ import annotations

from datasette.database import Database

from quotes.web.pages import params
from quotes.web.pages.addresses import changed
from quotes.web.pages.search_syntax import parse_search
from quotes.web.pages.tallies import hidden_present, split_tallies

PAGE_SIZE = 50
MAX_OFFSET = 10_000
COUNT_CAP = 10_000
OUTLETS = 30

ARTICLES_SQL = """
SELECT id, title, publisher, published, quote_count, words FROM articles
WHERE {where} ORDER BY published DESC, id DESC LIMIT :limit OFFSET :offset
"""
TOTAL_SQL = "SELECT count(*) FROM (SELECT 1 FROM articles WHERE {where} LIMIT :cap)"
OUTLETS_SQL = """
SELECT value, count FROM quote_counts WHERE facet = 'publisher' ORDER BY count DESC, value LIMIT :limit
"""


async def context(database: Database, request) -> dict:
    args = request.args
    typed = params.text(args, "q")
    search = parse_search(typed) if typed else None
    publisher = params.text(args, "publisher")
    since, until = params.date_range(params.text(args, "from"), params.text(args, "to"))
    offset = params.whole_number(args, "_next", 0, 0, MAX_OFFSET)
    conditions, values = [], {}
    if search and search.fts:
        conditions.append("rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :search)")
        values["search"] = search.fts
    if publisher:
        conditions.append("publisher = :publisher")
        values["publisher"] = publisher
    if since:
        conditions.append("published >= :since")
        values["since"] = since
    if until:
        conditions.append("published < :until")
        values["until"] = until
    where = " AND ".join(conditions) or "1"
    rows = list(await database.execute(
        ARTICLES_SQL.format(where=where), {**values, "limit": PAGE_SIZE + 1, "offset": offset}
    ))
    total = (await database.execute(TOTAL_SQL.format(where=where), {**values, "cap": COUNT_CAP + 1})).single_value()
    outlets = [row["value"] for row in await database.execute(OUTLETS_SQL, {"limit": OUTLETS})]
    if publisher and publisher not in outlets:
        outlets.append(publisher)
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    tallies = await split_tallies(
        database, "article_id", [(row["id"], row["quote_count"]) for row in rows], await hidden_present(database)
    )
    return {
        "articles": rows,
        "tallies": tallies,
        "total": min(total, COUNT_CAP),
        "capped": total > COUNT_CAP,
        "query": typed or "",
        "hints": search.hints if search else [],
        "publisher": publisher or "",
        "outlets": outlets,
        "since": params.text(args, "from") or "",
        "until": params.text(args, "to") or "",
        "offset": offset,
        "next_url": changed(request, {"_next": offset + PAGE_SIZE}) if more and offset + PAGE_SIZE <= MAX_OFFSET else None,
        "first_url": changed(request, {}) if offset else None,
        "filtered": bool(conditions),
    }
