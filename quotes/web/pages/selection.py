"""Which quotes a listing shows: filters read from the address, as SQL over `quotes`.

    selection = Selection.from_args(request.args)      # raises BadRequest for bad values
    where, params = selection.where()

Quotes of the types in HIDDEN_TYPES are left out unless asked for (`_include=hidden`) or
picked (`type=summary`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from datasette.utils.asgi import BadRequest

from quotes.web.pages import params
from quotes.web.pages.search_syntax import SearchQuery, parse_search

HIDDEN_TYPES: tuple[str, ...] = ("summary",)
"""Quote types the listings leave out by default: what a speech was about ("defended his
decision"), not words anyone said."""

INCLUDE_HIDDEN = "hidden"
"""`_include=hidden` lists the hidden types too."""

NUMBER_FILTERS = ("speaker_id", "reported_by_id")
TEXT_FILTERS = ("article_id", "speaker_kind", "type", "stance", "publisher")
FILTERS = (*NUMBER_FILTERS, *TEXT_FILTERS, "year")
"""Parameters that pick quotes by a column of `quotes` (year: of `published`)."""


@dataclass
class Selection:
    filters: dict[str, int | str] = field(default_factory=dict)
    search: SearchQuery | None = None
    since: str | None = None
    """First day included (ISO date)."""
    until: str | None = None
    """Day after the last one included."""
    since_typed: str | None = None
    until_typed: str | None = None
    include_hidden: bool = False

    @classmethod
    def from_args(cls, args: Mapping) -> Selection:
        filters: dict[str, int | str] = {}
        for name in NUMBER_FILTERS:
            number = params.identifier(args, name)
            if number is not None:
                filters[name] = number
        for name in TEXT_FILTERS:
            value = params.text(args, name)
            if value is not None:
                filters[name] = value
        year = params.text(args, "year")
        if year is not None:
            params.period(year, "year")
            if len(year) != 4:
                raise BadRequest(f"year must be written with four digits, not {params.shown(year)}")
            filters["year"] = year
        typed = params.text(args, "_search")
        since_typed, until_typed = params.text(args, "from"), params.text(args, "to")
        startswith = params.text(args, "published__startswith")
        if startswith and not (since_typed or until_typed):
            since_typed = until_typed = startswith  # the address of a bar of a speaker's timeline
        since, until = params.date_range(since_typed, until_typed)
        include = params.text(args, "_include")
        if include not in (None, INCLUDE_HIDDEN):
            raise BadRequest(f"_include can only be {INCLUDE_HIDDEN}, not {params.shown(include)}")
        return cls(
            filters=filters,
            search=parse_search(typed) if typed else None,
            since=since,
            until=until,
            since_typed=since_typed,
            until_typed=until_typed,
            include_hidden=include == INCLUDE_HIDDEN,
        )

    @property
    def fts(self) -> str | None:
        return self.search.fts if self.search else None

    def hides(self, hidden_present: bool) -> bool:
        """Does it leave hidden types out (when the database holds any)?"""
        return hidden_present and not self.include_hidden and "type" not in self.filters

    def is_everything(self) -> bool:
        """No filter, no search, no dates: every quote (hidden types aside)."""
        return not (self.filters or self.fts or self.since or self.until)

    def where(self, hidden_present: bool, search: bool = True) -> tuple[str, dict]:
        """SQL conditions on `quotes` and their parameters; `search=False` leaves the
        full-text search to the caller (a join that ranks by relevance)."""
        conditions, values = [], {}
        for name, value in self.filters.items():
            if name == "year":
                conditions.append("substr(published, 1, 4) = :year")
            else:
                conditions.append(f"{name} = :{name}")
            values[name] = value
        if self.since:
            conditions.append("published >= :since")
            values["since"] = self.since
        if self.until:
            conditions.append("published < :until")
            values["until"] = self.until
        if self.hides(hidden_present):
            conditions.append("type NOT IN (SELECT value FROM json_each(:hidden_types))")
            values["hidden_types"] = json.dumps(HIDDEN_TYPES)
        if search and self.fts:
            conditions.append("id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :search)")
            values["search"] = self.fts
        return " AND ".join(conditions) or "1", values

    def export_args(self, hidden_present: bool) -> dict[str, str]:
        """The same selection in Datasette's table parameters, for the JSON and CSV exports
        of quotes_view."""
        args = {name: str(value) for name, value in self.filters.items()}
        if self.since:
            args["published__gte"] = self.since
        if self.until:
            args["published__lt"] = self.until
        if self.hides(hidden_present):
            args["type__notin"] = ",".join(HIDDEN_TYPES)
        if self.fts:
            args["_search"] = self.fts
            args["_searchmode"] = "raw"
        return args
