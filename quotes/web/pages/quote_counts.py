"""How many quotes a selection holds, and how they divide by speaker, kind of speaker, type,
stance, outlet, year and month: fast on a million quotes.

- Every quote: from the counts the store keeps (`quote_counts`, `speakers.quote_count`).
- At most `quote_list.MAX_COUNTED_QUOTES` matching quotes: all of it in one read of them.
- One speaker's quotes, however many: months and outlets from the index on
  (speaker_id, published, publisher), without reading the quotes.
- Otherwise only the number, counted up to COUNT_CAP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from datasette.database import Database, QueryInterrupted

from quotes.web.pages import quote_list
from quotes.web.pages.selection import HIDDEN_TYPES, Selection

COUNT_CAP = 10_000
"""Matching quotes are counted up to this many ("more than 10,000")."""

FACETS = ("speaker_id", "speaker_kind", "type", "stance", "publisher", "year")
IN_YEAR_ORDER = ("year",)

PRECOUNTED_SQL = """
SELECT facet, value, count FROM quote_counts WHERE facet IN ('type', 'stance', 'publisher', 'year')
UNION ALL
SELECT 'speaker_kind', kind, sum(quote_count) FROM speakers GROUP BY kind HAVING sum(quote_count)
UNION ALL
SELECT 'speaker_id', id, quote_count FROM (
    SELECT id, quote_count FROM speakers WHERE quote_count > 0 ORDER BY quote_count DESC, id LIMIT :limit
)
"""
HIDDEN_PRESENT_SQL = """
SELECT count(*) FROM quote_counts WHERE facet = 'type' AND count > 0
AND value IN (SELECT value FROM json_each(:hidden_types))
"""
SPEAKER_NAMES_SQL = "SELECT id, name FROM speakers WHERE id IN (SELECT value FROM json_each(:ids))"
SPEAKER_PERIODS_SQL = """
SELECT 'month', substr(published, 1, 7), count(*) FROM quotes
WHERE speaker_id = :speaker_id AND published IS NOT NULL GROUP BY 2
UNION ALL
SELECT * FROM (SELECT 'publisher', publisher, count(*) AS count FROM quotes
WHERE speaker_id = :speaker_id AND publisher IS NOT NULL GROUP BY 2 ORDER BY count DESC, 2 LIMIT :limit)
"""


@dataclass
class Counts:
    total: int
    capped: bool
    """True when more than `total` quotes match (counting stopped at COUNT_CAP)."""
    facets: dict[str, list[tuple[object, int]]] | None
    """{facet: [(value, count), ...]}, at most `limit` + 1 values each; None when too costly."""
    periods: list[tuple[str, int]] | None
    """Quotes by month ("2023-06") or, for the whole database, by year; oldest first."""
    speaker_names: dict[object, str]


async def hidden_present(database: Database) -> bool:
    """Does the database hold quotes of a hidden type?"""
    rows = await database.execute(HIDDEN_PRESENT_SQL, {"hidden_types": json.dumps(HIDDEN_TYPES)})
    return bool(rows.single_value())


async def count_selection(database: Database, selection: Selection, hidden: bool, limit: int) -> Counts:
    if selection.is_everything() and not selection.hides(hidden):
        counts = await _precounted(database, limit + 1)
    else:
        counts = await _counted(database, selection, hidden, limit + 1)
    ids = [value for value, _ in (counts.facets or {}).get("speaker_id", [])]
    if ids:
        rows = await database.execute(SPEAKER_NAMES_SQL, {"ids": json.dumps(ids)})
        counts.speaker_names = {row["id"]: row["name"] for row in rows}
    return counts


async def _precounted(database: Database, limit: int) -> Counts:
    facets: dict[str, list] = {facet: [] for facet in FACETS}
    for facet, value, number in await database.execute(PRECOUNTED_SQL, {"limit": limit}):
        facets[facet].append((value, number))
    total = sum(number for _, number in facets["type"])
    years = sorted(facets["year"], key=lambda pair: str(pair[0]))
    return Counts(total, False, _ordered(facets, limit), years, {})


async def _counted(database: Database, selection: Selection, hidden: bool, limit: int) -> Counts:
    where, values = selection.where(hidden)
    total_sql = f"SELECT count(*) FROM (SELECT 1 FROM quotes WHERE {where} LIMIT {COUNT_CAP + 1})"
    total = (await database.execute(total_sql, values)).single_value()
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    if total <= quote_list.MAX_COUNTED_QUOTES:
        facets, months = await _one_read(database, where, values, limit)
        return Counts(total, capped, facets, months, {})
    one_speaker = set(selection.filters) == {"speaker_id"} and not (selection.fts or selection.since or selection.until)
    if one_speaker and not selection.hides(hidden):
        return await _speaker_periods(database, selection, total, capped, limit)
    return Counts(total, capped, None, None, {})


async def _one_read(
    database: Database, where: str, values: dict, limit: int
) -> tuple[dict | None, list | None]:
    columns = {
        "speaker_id": "speaker_id", "speaker_kind": "speaker_kind", "type": "type",
        "stance": "stance", "publisher": "publisher", "year": "substr(published, 1, 4)",
        "month": "substr(published, 1, 7)",
    }  # fmt: skip
    selects = ", ".join(f"{expression} AS {name}" for name, expression in columns.items())
    parts = [
        f"SELECT * FROM (SELECT '{name}' AS facet, {name} AS value, count(*) AS count FROM matching"
        f" WHERE {name} IS NOT NULL GROUP BY {name}"
        + ("" if name in ("month", "year") else f" ORDER BY count DESC, value LIMIT {int(limit)}")
        + ")"
        for name in columns
    ]
    sql = f"WITH matching AS MATERIALIZED (SELECT {selects} FROM quotes WHERE {where}) " + " UNION ALL ".join(parts)
    facets: dict[str, list] = {name: [] for name in columns}
    try:
        rows = await database.execute(sql, values)
    except QueryInterrupted:
        return None, None
    for facet, value, number in rows:
        facets[facet].append((value, number))
    months = sorted(facets.pop("month"), key=lambda pair: str(pair[0]))
    return _ordered(facets, limit), months


async def _speaker_periods(database: Database, selection: Selection, total: int, capped: bool, limit: int) -> Counts:
    values = {"speaker_id": selection.filters["speaker_id"], "limit": limit}
    facets: dict[str, list] = {"publisher": [], "month": []}
    for facet, value, number in await database.execute(SPEAKER_PERIODS_SQL, values):
        facets[facet].append((value, number))
    months = sorted(facets.pop("month"), key=lambda pair: str(pair[0]))
    return Counts(total, capped, _ordered(facets, limit), months, {})


def _ordered(facets: dict[str, list], limit: int) -> dict[str, list]:
    """Most frequent first (years in year order), at most `limit` values each."""
    ordered = {}
    for name, pairs in facets.items():
        if name in IN_YEAR_ORDER:
            pairs = sorted(pairs, key=lambda pair: str(pair[0]))
        else:
            pairs = sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))[:limit]
        ordered[name] = pairs
    return ordered
