"""Facets for the quote listing (quotes_view) that stay fast on a million quotes.

Datasette's column facets run one GROUP BY per facet over the matching rows: on a
million quotes each takes seconds. `QuoteFacet` counts instead:

- with no filter and no search, from the counts the store keeps (`quote_counts`, and
  `speakers.quote_count` for speakers and kinds of speaker);
- for at most `MAX_COUNTED_QUOTES` matching quotes, every facet in one read of them;
- beyond that, not at all: the facets are reported as timed out, at no cost.

Metadata turns them on: `facets: [{quotes: speaker_id}, {quotes: type}, ...]`.
The speaker_id facet shows speakers' names.
"""

from __future__ import annotations

import json

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from quotes.store.schema import COUNTED_FACETS

MAX_COUNTED_QUOTES = 5_000
"""Counting reads each matching quote once and groups it by six columns: ~10 ms per
thousand quotes, on top of reading them twice more for the page and its count."""

PRECOUNTED_SQL = """
SELECT facet, value, count FROM quote_counts WHERE facet IN (SELECT value FROM json_each(:facets))
UNION ALL
SELECT 'speaker_kind', kind, sum(quote_count) FROM speakers GROUP BY kind HAVING sum(quote_count)
UNION ALL
SELECT 'speaker_id', id, quote_count FROM (
    SELECT id, quote_count FROM speakers WHERE quote_count > 0
    ORDER BY quote_count DESC, id LIMIT :limit
)
"""
SPEAKER_NAMES_SQL = "SELECT id, name FROM speakers WHERE id IN (SELECT value FROM json_each(:ids))"


class QuoteFacet(Facet):
    """Counts of quotes by the values of columns: `quotes` facets in metadata, or
    `?_facet_quotes=column` in the address."""

    type = "quotes"

    async def facet_results(self) -> tuple[list[dict], list[str]]:
        known = set(await self.get_columns(self.sql, self.params))
        sources: dict[str, str] = {}  # column -> "metadata" or "request"; unknown names are dropped
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"]["simple"]
            if column in known:
                sources.setdefault(column, config["source"])
        columns = list(sources)
        if not columns:
            return [], []
        size = self.get_facet_size()
        try:
            counts = await self._counts(columns, size + 1)
        except QueryInterrupted:
            counts = None
        if counts is None:
            return [], columns
        names = await self._speaker_names(counts.get("speaker_id", []))
        return [
            self._result(column, sources[column], counts[column], size, names) for column in columns
        ], []

    async def _counts(self, columns: list[str], limit: int) -> dict[str, list] | None:
        """{column: [(value, count), ...] most frequent first}, or None when too costly."""
        if self._unfiltered() and set(columns) <= {*COUNTED_FACETS, "speaker_kind", "speaker_id"}:
            sql, params = PRECOUNTED_SQL, {"facets": json.dumps(columns), "limit": limit}
        elif self.row_count is not None and self.row_count <= MAX_COUNTED_QUOTES:
            sql, params = _one_read_sql(self.sql, columns, limit), self.params
        else:
            return None
        counts: dict[str, list] = {column: [] for column in columns}
        for facet, value, count in await self._execute(sql, params):
            column = columns[facet] if isinstance(facet, int) else facet
            if column in counts:
                counts[column].append((value, count))
        for pairs in counts.values():
            pairs.sort(key=lambda pair: (-pair[1], str(pair[0])))
            del pairs[limit:]
        return counts

    async def _execute(self, sql: str, params: dict):
        return await self.ds.execute(
            self.database, sql, params,
            truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"),
        )  # fmt: skip

    def _unfiltered(self) -> bool:
        """Is this the whole table: no filter, no search? (Datasette's SQL ends in `from table`.)"""
        return self.sql.rsplit(" from ", 1)[-1].strip() == escape_sqlite(self.table)

    async def _speaker_names(self, pairs: list) -> dict:
        if not pairs:
            return {}
        rows = await self.ds.execute(
            self.database, SPEAKER_NAMES_SQL, {"ids": json.dumps([value for value, _ in pairs])}
        )
        return {row["id"]: row["name"] for row in rows}

    def _result(self, column: str, source: str, pairs: list, size: int, names: dict) -> dict:
        """One facet in the shape Datasette's templates and JSON expect."""
        pairs_in_query = self.get_querystring_pairs()
        values = []
        for value, count in pairs[:size]:
            selected = (column, str(value)) in pairs_in_query
            if selected:
                toggle = path_with_removed_args(self.request, {column: str(value)})
            else:
                toggle = path_with_added_args(self.request, {column: value})
            values.append(
                {
                    "value": value,
                    "label": names.get(value, value) if column == "speaker_id" else value,
                    "count": count,
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                    "selected": selected,
                }
            )
        hide = path_with_removed_args(self.request, {f"_facet_{self.type}": column})
        return {
            "name": column,
            "type": self.type,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(hide),
            "results": values,
            "truncated": len(pairs) > size,
        }


def _one_read_sql(sql: str, columns: list[str], limit: int) -> str:
    """The `limit` most frequent values of each column over the rows of `sql`, read once;
    each row says which column by its position in `columns`."""
    names = list(map(escape_sqlite, columns))
    counts = " UNION ALL ".join(
        f"SELECT * FROM (SELECT {number} AS facet, {name} AS value, count(*) AS count"
        f" FROM matching WHERE {name} IS NOT NULL GROUP BY {name}"
        f" ORDER BY count DESC, value LIMIT {int(limit)})"
        for number, name in enumerate(names)
    )
    return f"WITH matching AS MATERIALIZED (SELECT {', '.join(names)} FROM ({sql})) {counts}"
