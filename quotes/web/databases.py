"""Which attached database holds quotes: the plugin's pages work on that one and leave
any other database Datasette serves as Datasette shows it."""

from __future__ import annotations

from datasette.database import Database

QUOTES_TABLES = {"quotes", "speakers", "articles", "aliases"}


async def quotes_database(datasette) -> Database | None:
    """The first attached database with the quotes tables, if any."""
    for database in datasette.databases.values():
        if await holds_quotes(database):
            return database
    return None


async def holds_quotes(database: Database) -> bool:
    return QUOTES_TABLES <= set(await database.table_names())


async def quote_columns(database: Database, *wanted: str) -> str:
    """`wanted` columns of `quotes` for a SELECT, NULL for those an older schema lacks
    (a database served read-only before its upgrade): "speaker_role, NULL AS via"."""
    present = set(await database.table_columns("quotes"))
    return ", ".join(name if name in present else f"NULL AS {name}" for name in wanted)
