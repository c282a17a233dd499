"""How many quotes a speaker, an article or the whole database has, as the listings show
them: the quotes of the shown types, and apart, those of the hidden ones (summaries).

    tallies = await speaker_tallies(database, [(3, 5)])   # {3: Tally(quotes=4, hidden=1)}
    "4 quotes (and 1 summary)"                             # the `tally` macro of _site.html

The store keeps each speaker's and each article's count of every type
(`speakers.quote_count`, `articles.quote_count`) and the database's counts by type
(`quote_counts`); the number of hidden ones among a speaker's or an article's quotes is
counted here, from their rows. A database without hidden types costs no query.

Counting reads every quote of the speakers shown: 200 ms for the 30 most quoted of a
million quotes. Each speaker's count of hidden quotes is kept (SPLIT_CACHE) while their
stored quote count and the database's counts by type stay the same, so that only the first
visit after a change pays for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from datasette.database import Database

from quotes.web.pages.selection import HIDDEN_TYPES


@dataclass(frozen=True)
class Tally:
    """Quotes of the shown types, and of the hidden types (summaries)."""

    quotes: int
    hidden: int = 0

    @property
    def total(self) -> int:
        return self.quotes + self.hidden


HIDDEN_PRESENT_SQL = """
SELECT count(*) FROM quote_counts WHERE facet = 'type' AND count > 0
AND value IN (SELECT value FROM json_each(:hidden_types))
"""
TYPE_COUNTS_SQL = "SELECT value, count FROM quote_counts WHERE facet = 'type' AND count > 0 ORDER BY value"
SPLIT_CACHE_SIZE = 100_000
"""Speakers whose hidden quotes are kept counted, per database."""
_SPLITS: dict[tuple[str, str | None], tuple[tuple, dict[object, tuple[int, int]]]] = {}
"""(database name, file) -> (its counts by type, {speaker id: (quote_count, hidden ones)})."""
HIDDEN_BY_SQL = """
SELECT {column}, count(*) FROM quotes
WHERE {column} IN (SELECT value FROM json_each(:ids)) AND type IN (SELECT value FROM json_each(:hidden_types))
GROUP BY {column}
"""
SPLIT_BY_SQL = """
SELECT {column}, {hidden} AS hidden, count(*) FROM quotes
WHERE {column} IN (SELECT value FROM json_each(:ids)) GROUP BY 1, 2
"""
IS_HIDDEN = "type IN (SELECT value FROM json_each(:hidden_types))"


def hidden_args() -> dict[str, str]:
    """The `:hidden_types` parameter of the SQL here and of the pages."""
    return {"hidden_types": json.dumps(HIDDEN_TYPES)}


async def hidden_present(database: Database) -> bool:
    """Does the database hold quotes of a hidden type?"""
    rows = await database.execute(HIDDEN_PRESENT_SQL, hidden_args())
    return bool(rows.single_value())


async def database_tally(database: Database) -> Tally:
    """Every quote of the database, from the counts the store keeps."""
    quotes = hidden = 0
    for value, number in await database.execute(TYPE_COUNTS_SQL):
        if value in HIDDEN_TYPES:
            hidden += number
        else:
            quotes += number
    return Tally(quotes, hidden)


async def split_tallies(
    database: Database, column: str, totals: Iterable[tuple[object, int]], hidden_present: bool
) -> dict[object, Tally]:
    """{key: Tally} for (key, count of every type) pairs of `column` ("speaker_id",
    "article_id"): the hidden ones counted among the rows, the rest by difference."""
    every: dict[object, int] = {key: total for key, total in totals}
    if not hidden_present or not every:
        return {key: Tally(total) for key, total in every.items()}
    kept = await _kept_splits(database) if column == "speaker_id" else {}
    missing = [key for key, total in every.items() if kept.get(key, (None, 0))[0] != total]
    counted: dict[object, int] = {}
    if missing:
        rows = await database.execute(
            HIDDEN_BY_SQL.format(column=column), {"ids": json.dumps(missing), **hidden_args()}
        )
        counted = {key: number for key, number in rows}
        if column == "speaker_id" and len(kept) + len(missing) > SPLIT_CACHE_SIZE:
            kept.clear()
        for key in missing:
            kept[key] = (every[key], counted.get(key, 0))
    hidden = {key: counted.get(key, 0) if key in missing else kept[key][1] for key in every}
    return {key: Tally(total - hidden[key], hidden[key]) for key, total in every.items()}


async def _kept_splits(database: Database) -> dict[object, tuple[int, int]]:
    """The hidden quotes counted for speakers of `database`, emptied when its counts by
    type change (an ingest, a re-extraction)."""
    types = tuple(tuple(row) for row in await database.execute(TYPE_COUNTS_SQL))
    key = (database.name, database.path)
    kept = _SPLITS.get(key)
    if kept is None or kept[0] != types:
        kept = _SPLITS[key] = (types, {})
    return kept[1]


async def reported_tallies(database: Database, speaker_ids: list[int], hidden_present: bool) -> dict[int, Tally]:
    """{speaker id: Tally} of the quotes each of `speaker_ids` reports (others' words), for
    those reporting any."""
    if not speaker_ids:
        return {}
    sql = SPLIT_BY_SQL.format(column="reported_by_id", hidden=IS_HIDDEN if hidden_present else "0")
    rows = await database.execute(sql, {"ids": json.dumps(speaker_ids), **hidden_args()})
    found: dict[int, list[int]] = {}
    for speaker_id, hidden, number in rows:
        found.setdefault(speaker_id, [0, 0])[1 if hidden else 0] += number
    return {speaker_id: Tally(*numbers) for speaker_id, numbers in found.items()}
