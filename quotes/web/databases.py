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
