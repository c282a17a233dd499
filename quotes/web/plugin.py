"""The Datasette plugin: what a quotes database adds to Datasette's pages.

- the home page: quote search, counts, newest quotes, most-quoted speakers;
- `quotes_view`: quotes as readable cards instead of a grid;
- the row pages of `quotes`, `speakers` and `articles`: a quote in its paragraph, a
  speaker's quotes over time, an article with its quotes highlighted;
- the fact-check page, `/-/check` (and `/-/check.json`), in Datasette's menu.

The page logic lives in `quotes.web.pages`, one module per page. `quotes serve` registers
this module; the hooks do nothing for databases that do not hold quotes, so it is
harmless next to other databases.
"""

from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from datasette.utils.asgi import asgi_static

from quotes.web.databases import holds_quotes, quotes_database
from quotes.web.pages import article, check, home, quote, speaker
from quotes.web.pages.quote_list import MAX_COUNTED_QUOTES, QuoteFacet

STATIC_DIR = Path(__file__).parent / "static"
STATIC_ROUTE = "-/quotes-static"
ROW_PAGES = {"quotes": quote.context, "speakers": speaker.context, "articles": article.context}
CARD_COLUMNS = {
    "id", "text", "type", "speaker", "speaker_id", "cue_text", "article", "article_id",
    "publisher", "published",
}  # fmt: skip
"""The `quotes_view` columns a quote card needs; with fewer (`?_col=`), the grid shows."""
MMAP_BYTES = 2**31
"""SQLite caps this at its build's limit (2 GB by default); beyond, it reads as usual."""
CACHE_KIB = 64 * 1024


@hookimpl
def extra_template_vars(view_name, database, table, columns, request, datasette):
    """Variables for our templates; `row.html` extends `quotes_template` when given."""

    async def page_vars() -> dict:
        if view_name == "index":
            quotes_db = await quotes_database(datasette)
            return {} if quotes_db is None else await home.context(quotes_db)
        db = datasette.databases.get(database) if database else None
        if db is None or not await holds_quotes(db):
            return {}
        if view_name == "row" and table in ROW_PAGES:
            pks = urlsafe_components(request.url_vars["pks"])
            return (len(pks) == 1 and await ROW_PAGES[table](db, pks[0])) or {}
        if view_name == "table" and table == "quotes_view":
            return {
                "quote_cards": CARD_COLUMNS <= set(columns or ()),
                "max_counted_quotes": MAX_COUNTED_QUOTES,
                # a reader's page: no "(view)" label, no CREATE VIEW below the cards
                "is_view": False,
                "view_definition": None,
            }
        return {}

    return page_vars


@hookimpl
def prepare_connection(conn):
    """Read through memory-mapped pages, with a larger page cache: a search or a speaker's
    page reads thousands of quotes scattered over a large file, three times (rows, count,
    facets)."""
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


@hookimpl
def register_facet_classes():
    return [QuoteFacet]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(f"{STATIC_ROUTE}/quotes.css")]


@hookimpl
def register_routes():
    return [(rf"^/{STATIC_ROUTE}/(?P<path>.*)$", asgi_static(STATIC_DIR)), (check.ROUTE, check.check_page)]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path(check.PATH), "label": "Check a quote"}]


@hookimpl
def prepare_jinja2_environment(env):
    """`tilde_encode`, for links to rows whose key holds `/` or `.` (article ids)."""
    env.filters["tilde_encode"] = tilde_encode


