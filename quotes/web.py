"""The Datasette plugin: what a quotes database adds to Datasette's pages.

`quotes serve` registers this module; the hooks do nothing for databases that do not
hold quotes, so it is harmless next to other databases.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.database import Database, QueryInterrupted

QUOTES_TABLES = {"quotes", "speakers", "articles"}

COUNTS_SQL = """
SELECT
    (SELECT count(*) FROM quotes) AS quotes,
    (SELECT count(*) FROM speakers) AS speakers,
    (SELECT count(*) FROM articles) AS articles
"""


@hookimpl
def extra_template_vars(template, datasette):
    """For the home page: the database holding the quotes, and how many it holds."""
    if template != "index.html":
        return {}

    async def quotes_home_vars() -> dict:
        database = await quotes_database(datasette)
        if database is None:
            return {}
        try:
            counts = dict((await database.execute(COUNTS_SQL)).first())
        except QueryInterrupted:
            counts = None
        return {"quotes_database": database.name, "quotes_counts": counts}

    return quotes_home_vars


async def quotes_database(datasette) -> Database | None:
    """The first attached database with the quotes tables, if any."""
    for database in datasette.databases.values():
        if QUOTES_TABLES <= set(await database.table_names()):
            return database
    return None
