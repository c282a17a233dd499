"""How many quotes a selection holds, and how they divide by speaker, kind of speaker, type,
stance, outlet, year and month: fast on a million quotes.

- Every quote: from the counts the store keeps (`quote_counts`, `speakers.quote_count`);
  with the hidden types left out, only the number and the counts by type (the store
  keeps no other counts without them).
- At most `quote_list.MAX_COUNTED_QUOTES` matching quotes: all of it in one read of them.
- One speaker's quotes, however many: months and outlets from the index on
  (speaker_id, published, publisher), without reading the quotes; with the hidden types
  left out, from one read of their quotes (as their page counts them).
- Otherwise only the number, counted up to COUNT_CAP.

The counts by type always include the hidden types (summaries), so that a reader can pick
them; `Counts.hidden` says how many of them the selection holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from datasette.database import Database, QueryInterrupted

from quotes.web.pages import quote_list
from quotes.web.pages.selection import HIDDEN_TYPES, Selection
from quotes.web.pages.speaker import speaker_spread
from quotes.web.pages.tallies import IS_HIDDEN, database_tally, hidden_args

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
TYPES_SQL = "SELECT value, count FROM quote_counts WHERE facet = 'type' AND count > 0"
HIDDEN_TIME_LIMIT_MS = 50
"""Counting the hidden quotes of a selection (which the page does not list) gives up after this."""
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
    hidden: int | None = None
    """Quotes of the hidden types the selection holds (listed or not); None if not counted."""

    @property
    def partial(self) -> bool:
        """Are counts other than by type missing?"""
        return not self.facets or set(self.facets) <= {"type"}


async def count_selection(database: Database, selection: Selection, hidden: bool, limit: int) -> Counts:
    if selection.is_everything() and selection.hides(hidden) and await _many(database):
        counts = await _precounted_types(database, limit + 1)
    elif selection.is_everything() and not selection.hides(hidden):
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
    hidden = sum(number for value, number in facets["type"] if value in HIDDEN_TYPES)
    return Counts(total, False, _ordered(facets, limit), years, {}, hidden)


async def _many(database: Database) -> bool:
    """Too many quotes to count in one read?"""
    return (await database_tally(database)).total > quote_list.MAX_COUNTED_QUOTES


async def _precounted_types(database: Database, limit: int) -> Counts:
    """Every quote but the hidden types: how many, and by type (the hidden ones too)."""
    tally = await database_tally(database)
    types = [(value, number) for value, number in await database.execute(TYPES_SQL)]
    return Counts(tally.quotes, False, _ordered({"type": types}, limit), None, {}, tally.hidden)


async def _counted(database: Database, selection: Selection, hidden: bool, limit: int) -> Counts:
    where, values = selection.where(hidden)
    total = await _capped_count(database, where, values)
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    hides = selection.hides(hidden)
    hidden_count = await _hidden_count(database, selection) if hides and total <= quote_list.MAX_COUNTED_QUOTES else None
    if total <= quote_list.MAX_COUNTED_QUOTES:
        if hidden_count is not None and hidden_count <= quote_list.MAX_COUNTED_QUOTES:
            where, values = selection.where(False)  # the hidden types too, counted by type only
            facets, months = await _one_read(database, where, values, limit, hidden_apart=True)
        else:
            facets, months = await _one_read(database, where, values, limit)
        if not hides and facets is not None and hidden:
            hidden_count = sum(number for value, number in facets["type"] if value in HIDDEN_TYPES)
        return Counts(total, capped, facets, months, {}, hidden_count)
    one_speaker = set(selection.filters) == {"speaker_id"} and not (selection.fts or selection.since or selection.until)
    if one_speaker and hides:
        return await _speaker_spread(database, selection, limit)
    if one_speaker:
        return await _speaker_periods(database, selection, total, capped, limit)
    return Counts(total, capped, None, None, {})


async def _capped_count(database: Database, where: str, values: dict, cap: int = COUNT_CAP, **options) -> int:
    sql = f"SELECT count(*) FROM (SELECT 1 FROM quotes WHERE {where} LIMIT {cap + 1})"
    return (await database.execute(sql, values, **options)).single_value()


async def _hidden_count(database: Database, selection: Selection) -> int | None:
    """How many quotes of the hidden types the selection would hold (up to a little more
    than MAX_COUNTED_QUOTES), or None when that takes too long."""
    where, values = selection.where(False)
    try:
        return await _capped_count(
            database, f"{where} AND {IS_HIDDEN}", {**values, **hidden_args()}, quote_list.MAX_COUNTED_QUOTES,
            custom_time_limit=HIDDEN_TIME_LIMIT_MS,
        )  # fmt: skip
    except QueryInterrupted:
        return None


async def _speaker_spread(database: Database, selection: Selection, limit: int) -> Counts:
    """One speaker's quotes without the hidden types, as their page counts them."""
    spread = await speaker_spread(database, int(selection.filters["speaker_id"]))
    facets = {
        "publisher": [(p.publisher, p.count) for p in spread.publications],
        "type": list(spread.types.items()),
    }
    return Counts(spread.tally.quotes, False, _ordered(facets, limit), spread.months, {}, spread.tally.hidden)


async def _one_read(
    database: Database, where: str, values: dict, limit: int, hidden_apart: bool = False
) -> tuple[dict | None, list | None]:
    """Every facet and the months of the quotes `where` picks, in one read of them; with
    `hidden_apart`, the hidden types count by type only."""
    columns = {
        "speaker_id": "speaker_id", "speaker_kind": "speaker_kind", "type": "type",
        "stance": "stance", "publisher": "publisher", "year": "substr(published, 1, 4)",
        "month": "substr(published, 1, 7)",
    }  # fmt: skip
    selects = ", ".join(f"{expression} AS {name}" for name, expression in columns.items())
    shown_only = " AND type NOT IN (SELECT value FROM json_each(:hidden_types))" if hidden_apart else ""
    parts = [
        f"SELECT * FROM (SELECT '{name}' AS facet, {name} AS value, count(*) AS count FROM matching"
        f" WHERE {name} IS NOT NULL{'' if name == 'type' else shown_only} GROUP BY {name}"
        + ("" if name in ("month", "year") else f" ORDER BY count DESC, value LIMIT {int(limit)}")
        + ")"
        for name in columns
    ]
    if hidden_apart:
        values = {**values, **hidden_args()}
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
