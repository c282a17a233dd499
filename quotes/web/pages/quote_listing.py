"""The quotes page (`/DB/quotes_view`): quote cards for a search and filters, in plain words,
with counts by speaker, outlet, type and time beside them.

    /quotes/quotes_view?_search=tariffs OR sanctions&speaker_id=3&from=2023&to=2023-06

Parameters: `_search` (see search_syntax), the filters of `selection` (`speaker_id`,
`type`, `publisher`, `year`, `from`, `to`...), `_sort` (newest, oldest, relevance),
`_size` (1-100) and `_next` (where the page starts). A bad value answers 400 with the
site's page saying what was wrong. The JSON and CSV exports stay Datasette's, at
`quotes_view.json` and `.csv`, with the same selection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from datasette.database import Database
from datasette.utils.asgi import BadRequest

from quotes.web.pages import params, quote_list, speaker_list
from quotes.web.pages.addresses import changed, with_args
from quotes.web.pages.display import HIT_END, HIT_START, count, display_date, quote_words
from quotes.web.pages.quote_counts import Counts, count_selection
from quotes.web.pages.selection import HIDDEN_TYPES, INCLUDE_HIDDEN, Selection
from quotes.web.pages.speaker_search import SpeakerMatch, find_speakers
from quotes.web.pages.tallies import hidden_present, split_tallies
from quotes.web.pages.timeline import Period, timeline

DEFAULT_SIZE = 30
MAX_SIZE = 100
MAX_OFFSET = 10_000
"""Pages go this deep into a listing; beyond, narrow it, or export it."""
FACET_SIZE = 10
MAX_FACET_SIZE = 50
SPEAKER_SUGGESTIONS = 3

SORTS = {"newest": "newest first", "oldest": "oldest first", "relevance": "most relevant first"}
OLD_SORTS = {("_sort", "published"): "oldest", ("_sort_desc", "published"): "newest"}
"""Datasette's sort parameters, as the links of earlier releases wrote them."""

ORDER = {"newest": "published DESC, id DESC", "oldest": "published, id"}
ROWS_SQL = "SELECT * FROM quotes_view WHERE id IN (SELECT value FROM json_each(:ids))"
HIGHLIGHT_SQL = f"""
SELECT highlight(quotes_fts, 0, '{HIT_START}', '{HIT_END}') FROM quotes_fts
WHERE quotes_fts MATCH :search AND rowid = :id
"""
NAMES_SQL = """
SELECT 'speaker', id, name FROM speakers WHERE id IN (:speaker_id, :reported_by_id)
UNION ALL SELECT 'article', id, coalesce(title, id) FROM articles WHERE id = :article_id
"""

FACET_TITLES = {
    "speaker_id": "Speaker", "publisher": "Outlet", "speaker_kind": "Kind of speaker",
    "type": "Type", "stance": "Stance of the cue", "year": "Year",
}  # fmt: skip
KIND_WORDS = speaker_list.KINDS
TYPE_HELP = {
    "direct": "the exact words, in quotation marks",
    "indirect": "reported speech, in the reporter's words",
    "mixed": "reported speech with quoted words",
    "summary": "what was said about, not the words",
}
TYPE_NOUNS = {"summary": ("summary", "summaries")}
"""How the heading names quotes of a type: "3 summaries", else "3 direct quotes"."""


@dataclass
class FacetValue:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue]
    more_url: str | None


async def context(database: Database, request, datasette) -> dict:
    """The template variables of the quotes page; raises BadRequest for a bad parameter."""
    args = request.args
    selection = Selection.from_args(args)
    sort = _sort(args, selection)
    size = params.whole_number(args, "_size", DEFAULT_SIZE, 1, MAX_SIZE) if args.get("_size") != "max" else MAX_SIZE
    offset = params.whole_number(args, "_next", 0, 0, MAX_OFFSET)
    facet_size = MAX_FACET_SIZE if args.get("_facet_size") == "max" else FACET_SIZE
    hidden = await hidden_present(database)
    ids = await _page_ids(database, selection, sort, hidden, size + 1, offset)
    rows = await _rows(database, selection, ids[:size])
    counts = await count_selection(database, selection, hidden, facet_size)
    names = await _names(database, selection)
    suggestions: list[SpeakerMatch] = []
    if selection.search and selection.search.words and not offset and "speaker_id" not in selection.filters:
        suggestions = await find_speakers(database, " ".join(selection.search.words), SPEAKER_SUGGESTIONS, whole_words=True)
    suggested = await split_tallies(database, "speaker_id", [(s.id, s.quote_count) for s in suggestions], hidden)
    next_url = None
    if len(ids) > size and offset + size <= MAX_OFFSET:
        next_url = changed(request, {"_next": offset + size})
    return {
        "selection": selection,
        "search": selection.search.typed if selection.search else "",
        "hints": selection.search.hints if selection.search else [],
        "quote_rows": rows,
        "counts": counts,
        "heading": describe(selection, counts, names, sort),
        "sort": sort,
        "sorts": {key: changed(request, {"_sort": key, "_sort_desc": None}) for key in SORTS if key != "relevance" or selection.fts},
        "filters": _active_filters(request, selection, names),
        "facets": _facets(request, counts, facet_size),
        "timeline": _timeline(request, counts),
        "suggestions": [(speaker, suggested[speaker.id]) for speaker in suggestions],
        "offset": offset,
        "next_url": next_url,
        "first_url": changed(request, {}) if offset else None,
        "deep": len(ids) > size and offset + size > MAX_OFFSET,
        "max_offset": MAX_OFFSET,
        "exports": _exports(datasette, database, selection, hidden, sort),
        "hidden_present": hidden,
        "hidden_types": HIDDEN_TYPES,
        "hides": selection.hides(hidden),
        "include_url": changed(request, {"_include": INCLUDE_HIDDEN}),
        "exclude_url": changed(request, {"_include": None}),
        "kept_filters": {name: request.args.get(name) for name in request.args if name in _KEPT},
        "type_help": TYPE_HELP,
        "max_counted": quote_list.MAX_COUNTED_QUOTES,
    }


_KEPT = ("speaker_id", "reported_by_id", "article_id", "speaker_kind", "type", "stance", "publisher", "year", "_include", "_size")
"""Parameters the search form carries over as hidden fields."""


def _sort(args, selection: Selection) -> str:
    for (name, value), sort in OLD_SORTS.items():
        if args.get(name) == value:
            return sort
    if args.get("_sort_desc") or (args.get("_sort") and args.get("_sort") not in SORTS):
        raise BadRequest(
            "_sort must be newest, oldest or relevance (most relevant first, when searching), not "
            + params.shown(args.get("_sort") or args.get("_sort_desc") or "")
        )
    sort = params.choice(args, "_sort", SORTS, "newest")
    if sort == "relevance" and not selection.fts:
        raise BadRequest("_sort=relevance needs words to search for (_search=...)")
    return sort


async def _page_ids(database: Database, selection: Selection, sort: str, hidden: bool, limit: int, offset: int) -> list[int]:
    if sort == "relevance":
        where, values = selection.where(hidden, search=False)
        sql = (
            "SELECT quotes.id FROM quotes JOIN (SELECT rowid AS hit, rank FROM quotes_fts"
            " WHERE quotes_fts MATCH :search) ON hit = quotes.id"
            f" WHERE {where} ORDER BY rank, quotes.id LIMIT :limit OFFSET :offset"
        )
        values["search"] = selection.fts
    else:
        where, values = selection.where(hidden)
        sql = f"SELECT id FROM quotes WHERE {where} ORDER BY {ORDER[sort]} LIMIT :limit OFFSET :offset"
    rows = await database.execute(sql, {**values, "limit": limit, "offset": offset})
    return [row[0] for row in rows]


async def _rows(database: Database, selection: Selection, ids: list[int]) -> list[dict]:
    """The quotes_view rows of `ids`, in that order, each with its words as HTML
    (`words_html`), the words the search matched highlighted."""
    if not ids:
        return []
    by_id = {row["id"]: dict(row) for row in await database.execute(ROWS_SQL, {"ids": json.dumps(ids)})}
    marked: dict[int, str] = {}
    if selection.fts:
        search = selection.fts

        def highlights(conn) -> dict[int, str]:
            found = {}
            for quote_id in ids:
                row = conn.execute(HIGHLIGHT_SQL, {"search": search, "id": quote_id}).fetchone()
                if row is not None and row[0] is not None:
                    found[quote_id] = row[0]
            return found

        marked = await database.execute_fn(highlights)
    rows = []
    for quote_id in ids:
        row = by_id.get(quote_id)
        if row is None:
            continue
        row["words_html"] = quote_words(row["text"], row["type"], marked.get(quote_id), row["cue_text"])
        rows.append(row)
    return rows


async def _names(database: Database, selection: Selection) -> dict[tuple[str, object], str]:
    """Names of the speakers and titles of the article the filters pick."""
    filters = selection.filters
    if not {"speaker_id", "reported_by_id", "article_id"} & set(filters):
        return {}
    values = {name: filters.get(name) for name in ("speaker_id", "reported_by_id", "article_id")}
    return {(kind, key): name for kind, key, name in await database.execute(NAMES_SQL, values)}


def describe(selection: Selection, counts: Counts, names: dict, sort: str) -> str:
    """The selection in plain words: "225 quotes by Donald Trump in 2023, newest first"."""
    filters = selection.filters
    parts = [_number(selection, counts)]
    if "speaker_id" in filters:
        parts.append(f"by {names.get(('speaker', filters['speaker_id']), 'speaker ' + str(filters['speaker_id']))}")
    if "speaker_kind" in filters:
        kind = str(filters["speaker_kind"])
        parts.append(f"by {KIND_WORDS.get(kind, kind)}")
    if "reported_by_id" in filters:
        parts.append(f"reported by {names.get(('speaker', filters['reported_by_id']), 'speaker ' + str(filters['reported_by_id']))}")
    if "stance" in filters:
        parts.append(f"with a {filters['stance']} cue")
    if "article_id" in filters:
        parts.append(f"in \u201c{names.get(('article', filters['article_id']), filters['article_id'])}\u201d")
    if "publisher" in filters:
        parts.append(f"in {filters['publisher']}")
    if "year" in filters:
        parts.append(f"in {filters['year']}")
    parts.extend(_dates_in_words(selection))
    if selection.search and selection.search.fts:
        parts.append(f"matching \u201c{selection.search.typed}\u201d")
    return " ".join(parts) + f", {SORTS[sort]}"


def _number(selection: Selection, counts: Counts) -> str:
    """"4 quotes", "2 summaries", "4 quotes and 1 summary" (hidden types listed too), "more
    than 10,000 quotes"."""
    noun, plural = "quote", "quotes"
    if "type" in selection.filters:
        kind = str(selection.filters["type"])
        noun, plural = TYPE_NOUNS.get(kind, (f"{kind} quote", f"{kind} quotes"))
    listed_too = selection.include_hidden and "type" not in selection.filters
    if counts.capped:
        return f"more than {counts.total:,} {plural}" + (" and summaries" if listed_too else "")
    if not listed_too or not counts.hidden:
        return count(counts.total, noun, plural)
    return f"{count(counts.total - counts.hidden, 'quote')} and {count(counts.hidden, 'summary', 'summaries')}"


def _dates_in_words(selection: Selection) -> list[str]:
    since, until = selection.since_typed, selection.until_typed
    if since and until:
        if since == until:
            return [f"in {display_date(since)}" if len(since) < 10 else f"on {display_date(since)}"]
        return [f"from {display_date(since)} to {display_date(until)}"]
    if since:
        return [f"since {display_date(since)}"]
    if until:
        return [f"until {display_date(until)}"]
    return []


def _active_filters(request, selection: Selection, names: dict) -> list[tuple[str, str]]:
    """(what, address without it) for each filter in use."""
    active = []
    labels = {
        "speaker_id": lambda v: f"by {names.get(('speaker', v), v)}",
        "reported_by_id": lambda v: f"reported by {names.get(('speaker', v), v)}",
        "article_id": lambda v: f"in \u201c{names.get(('article', v), v)}\u201d",
        "speaker_kind": lambda v: f"by {KIND_WORDS.get(v, v)}",
        "type": lambda v: " ".join(TYPE_NOUNS.get(v, ("", f"{v} quotes"))[1:]),
        "stance": lambda v: f"{v} cue",
        "publisher": lambda v: f"in {v}",
        "year": lambda v: f"in {v}",
    }
    for name, value in selection.filters.items():
        active.append((labels[name](value), changed(request, {name: None})))
    dates = _dates_in_words(selection)
    if dates:
        active.append((dates[0], changed(request, {"from": None, "to": None, "published__startswith": None})))
    if selection.search:
        active.append((f"matching \u201c{selection.search.typed}\u201d", changed(request, {"_search": None, "_sort": None})))
    return active


def _facets(request, counts: Counts, size: int) -> dict[str, Facet]:
    if counts.facets is None:
        return {}
    facets = {}
    for name, pairs in counts.facets.items():
        if not pairs:
            continue
        current = request.args.get(name)
        values = []
        for value, number in pairs[:size] if name != "year" else pairs:
            label = counts.speaker_names.get(value, str(value)) if name == "speaker_id" else str(value)
            selected = current is not None and current == str(value)
            url = changed(request, {name: None if selected else value})
            values.append(FacetValue(label, number, url, selected))
        more = changed(request, {"_facet_size": "max"}) if len(pairs) > size and name != "year" else None
        facets[name] = Facet(name, FACET_TITLES[name], values, more)
    return facets


def _timeline(request, counts: Counts) -> list[tuple[Period, str]]:
    if not counts.periods:
        return []
    return [
        (period, changed(request, {"from": period.label, "to": period.label, "published__startswith": None, "year": None}))
        for period in timeline(counts.periods)
    ]


def _exports(datasette, database: Database, selection: Selection, hidden: bool, sort: str) -> dict[str, str]:
    args = selection.export_args(hidden)
    if sort == "oldest":
        args["_sort"] = "published"
    else:
        args["_sort_desc"] = "published"
    return {
        "JSON": with_args(datasette.urls.table(database.name, "quotes_view", format="json"), {**args, "_shape": "objects"}),
        "CSV": with_args(datasette.urls.table(database.name, "quotes_view", format="csv"), {**args, "_size": "max"}),
    }
