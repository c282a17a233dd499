"""Databases as an older schema wrote them, to test the upgrade steps of quotes/store/schema.py.

    database_at(path, schema.MIGRATIONS.index(schema.add_normalized_text), talks_article())

saves the records with today's store, then copies them into a database built by the
first steps of the schema only: the columns those steps did not have are left behind.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quotes.records import Article, Quote
from quotes.store import schema
from quotes.store.database import Store

TABLES = ("articles", "speakers", "aliases", "quotes")


def database_at(path: Path, version: int, *items: tuple[Article, list[Quote]]) -> Path:
    """A database at schema `version` (the number of steps applied) holding `items`."""
    current = path.with_name(f"{path.stem}-current.db")
    with Store(current) as store:
        for article, quotes in items:
            store.save(article, quotes)
    conn = sqlite3.connect(path)
    for step in schema.MIGRATIONS[:version]:
        step(conn)
    conn.execute("ATTACH DATABASE ? AS current", [str(current)])
    for table in TABLES:
        columns = ", ".join(
            f'"{row[1]}"' for row in conn.execute(f"PRAGMA main.table_info({table})")
        )
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
    for table in schema.FULL_TEXT:
        conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.execute("DETACH DATABASE current")
    conn.close()
    return path
