"""How many quotes a speaker, an article or the whole database has, as the listings show
them: the quotes of the shown types, and apart, those of the hidden ones (summaries).

    tallies = await speaker_tallies(database, [(3, 5)])   # {3: Tally(quotes=4, hidden=1)}
    "4 quotes (and 1 summary)"                             # the `tally` macro of _site.html

The store keeps each speaker's and each article's count of every type
(`speakers.quote_count`, `articles.quote_count`) and the database's counts by type
(`quote_counts`); the number of hidden ones among a speaker's or an article's quotes is
counted here, from their rows. A database without hidden types costs no query.
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
TYPE_COUNTS_SQL = "SELECT value, count FROM quote_counts WHERE facet = 'type' AND count > 0"
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
    rows = await database.execute(
        HIDDEN_BY_SQL.format(column=column), {"ids": json.dumps(list(every)), **hidden_args()}
    )
    hidden = {key: number for key, number in rows}
    return {key: Tally(total - hidden.get(key, 0), hidden.get(key, 0)) for key, total in every.items()}


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
