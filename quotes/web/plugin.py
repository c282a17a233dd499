"""The Datasette plugin: what a quotes database adds to Datasette's pages.

- the home page: quote and speaker search, counts, newest quotes, most-quoted speakers;
- pages of our own at the addresses of the `quotes_view`, `speakers` and `articles`
  tables: quote cards with search, filters and counts over time; speaker cards; the list
  of articles (their JSON and CSV exports stay Datasette's);
- the row pages of `quotes`, `speakers` and `articles`: a quote in its paragraph, a
  speaker's quotes over time, an article with its quotes highlighted;
- the fact-check page, `/-/check` (and `/-/check.json`), in the navigation;
- on every page, Datasette's own included: the site's navigation, and for any error the
  site's page with a status saying whose fault it was (400 for a bad address, never 500).

The page logic lives in `quotes.web.pages`, one module per page. `quotes serve` registers
this module; the hooks do nothing for databases that do not hold quotes, so it is
harmless next to other databases.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode, urlsafe_components
from datasette.utils.asgi import Response, asgi_static

from quotes.web.databases import holds_quotes, quotes_database
from quotes.web.pages import article, article_list, check, display, home, quote, quote_listing, speaker, speaker_list
from quotes.web.pages.errors import error_response
from quotes.web.pages.links import web_url
from quotes.web.pages.quote_list import QuoteFacet

STATIC_DIR = Path(__file__).parent / "static"
STATIC_ROUTE = "-/quotes-static"
ROW_PAGES = {"quotes": quote.context, "speakers": speaker.context, "articles": article.context}
LISTINGS = {
    "quotes_view": (quote_listing, "quotes_list.html"),
    "speakers": (speaker_list, "speakers_list.html"),
    "articles": (article_list, "articles_list.html"),
}
"""Tables whose HTML page is one of ours: the page module and its template."""
LISTING_ROUTE = rf"^/(?P<database>[^/.]+)/(?P<table>{'|'.join(LISTINGS)})$"
SITE_DESCRIPTION = "Who said what in the news: quotes, their speakers and the articles they come from."
MMAP_BYTES = 2**31
"""SQLite caps this at its build's limit (2 GB by default); beyond, it reads as usual."""
CACHE_KIB = 64 * 1024
MAX_VALUE_BYTES = 32 * 2**20
"""The largest string or blob a query may make or read (SQLite's length limit): far above
any article (`--max-chars`), far below `randomblob(300000000)`, which would take the
memory and stall every page for seconds whatever the time limit (one long C call)."""


@hookimpl
def extra_template_vars(view_name, database, table, columns, request, datasette):
    """Variables for our templates; `row.html` extends `quotes_template` when given."""

    async def page_vars() -> dict:
        quotes_db = await quotes_database(datasette)
        site = site_vars(datasette, request, quotes_db.name if quotes_db else None)
        db = datasette.databases.get(database) if database else None
        if db is None or not await holds_quotes(db):
            return site
        if view_name == "row" and table in ROW_PAGES:
            pks = urlsafe_components(request.url_vars["pks"])
            return {**site, **((len(pks) == 1 and await ROW_PAGES[table](db, pks[0])) or {})}
        return site

    return page_vars


def site_vars(datasette, request, database: str | None) -> dict:
    """What every page's navigation and head need: the quotes database, the site's title
    and description, the page's address."""
    return {
        "site": {
            "database": database,
            "title": datasette.metadata("title") or "Quotes",
            "description": datasette.metadata("description") or SITE_DESCRIPTION,
            "language": "en",
            "url": datasette.absolute_url(request, request.full_path) if request else None,
        }
    }


async def home_page(datasette, request, send):
    """The home page of a quotes database, without the table counts of Datasette's (every
    table of every database counted on each visit: most of the page's time); with no
    quotes database, Datasette's."""
    database = await quotes_database(datasette)
    if database is None:
        from datasette.views.index import IndexView

        request.scope["url_route"]["kwargs"]["format"] = None
        return await IndexView.as_view(datasette)(request, send)
    context = {
        **await home.cached_context(database),
        "databases": [{"name": name} for name in datasette.databases if name != "_internal"],
        "metadata": datasette.metadata(),
    }
    html = await datasette.render_template("index.html", context, request=request, view_name="quotes-home")
    return Response.html(html)


async def listing_page(datasette, request, send):
    """Our page for `quotes_view`, `speakers` or `articles` of a quotes database; any other
    database's table of that name gets Datasette's page."""
    route = tilde_decode(request.url_vars["database"])
    table = request.url_vars["table"]
    try:
        database = datasette.get_database(route=route)
    except KeyError:
        database = None
    if database is None or not await holds_quotes(database):
        from datasette.views.table import TableView

        request.scope["url_route"]["kwargs"]["format"] = None
        return await TableView.as_view(datasette)(request, send)
    module, template = LISTINGS[table]
    context = await module.context(database, request, datasette) if module is quote_listing else await module.context(database, request)
    context.update({"database": database.name, "table": table})
    html = await datasette.render_template(template, context, request=request, view_name="quotes-listing")
    return Response.html(html)


@hookimpl
def prepare_connection(conn):
    """Read through memory-mapped pages, with a larger page cache: a search or a speaker's
    page reads thousands of quotes scattered over a large file, three times (rows, count,
    facets). No value bigger than MAX_VALUE_BYTES."""
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


@hookimpl
def register_facet_classes():
    return [QuoteFacet]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(f"{STATIC_ROUTE}/quotes.css")]


@hookimpl
def register_routes():
    return [
        (rf"^/{STATIC_ROUTE}/(?P<path>.*)$", asgi_static(STATIC_DIR)),
        (check.ROUTE, check.check_page),
        (LISTING_ROUTE, listing_page),
        (r"^/$", home_page),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path(check.PATH), "label": "Check a quote"}]


@hookimpl
def handle_exception(datasette, request, exception):
    """Every error as the site's page (or JSON), with 400 for an address a page cannot use."""

    async def respond():
        try:
            return await error_response(datasette, request, exception)
        except Exception:  # noqa: BLE001 - then Datasette's own error page
            return None

    return respond


@hookimpl
def prepare_jinja2_environment(env):
    """Filters every template writes with, so that pages agree:

    - `tilde_encode`, for links to rows whose key holds `/` or `.` (article ids);
    - `web_url`: an address if it is http(s), else None: the one way a stored URL becomes a link;
    - `display_date` ("19 June 2023"), `count` ("3 quotes"), `quote_words` (a quote's
      words, direct ones in one pair of quotation marks, summaries after their cue),
      `in_document` ("in a complaint", for `quotes.via`); the test `iso_date`.
    """
    env.filters["tilde_encode"] = tilde_encode
    env.filters["web_url"] = web_url
    env.filters["display_date"] = display.display_date
    env.filters["count"] = display.count
    env.filters["quote_words"] = display.card_words
    env.filters["in_document"] = display.in_document
    env.tests["iso_date"] = display.is_iso_date


