"""Error pages: whatever went wrong on whatever page, Datasette's own included, the reader
gets the site's page (navigation, search box, what was wrong, where to go) and a status
that says whose fault it was: 400 for an address the page cannot use (a bad `_sort`,
`_next`, `_where` or date), 404 for what does not exist, 500 only for our own bugs.
JSON addresses get `{"ok": false, "error": ..., "status": ...}`.
"""

from __future__ import annotations

import sqlite3
import traceback
from dataclasses import dataclass
from urllib.parse import parse_qsl

from datasette.utils.asgi import Base400, Response
from markupsafe import Markup

from quotes.web.pages.params import shown

BAD_ADDRESS = (
    ValueError, OverflowError, UnicodeError,
    sqlite3.ProgrammingError, sqlite3.OperationalError, sqlite3.DataError, sqlite3.Warning,
)  # fmt: skip
"""What a view raises on an address it cannot use: a number that is not one, a column that
does not exist, SQL that is not one statement."""

BUSY = ("database is locked", "database table is locked")
SHOWN_PARAMETERS = 6


@dataclass
class Problem:
    status: int
    title: str
    message: str


def problem(exception: BaseException, request) -> Problem:
    """The status, title and message for `exception`, raised while answering `request`."""
    if isinstance(exception, Base400):
        message = str(exception.args[0]) if exception.args else ""
        title = {404: "Not found", 403: "Forbidden"}.get(exception.status, "This address cannot be shown")
        if exception.status == 404:
            message = _not_found(message)
        return Problem(exception.status, title, message)
    from datasette.views.base import DatasetteError

    if isinstance(exception, DatasetteError):
        message = exception.message
        if exception.message_is_html:
            message = Markup(message).striptags()
        # Datasette says 500 for some bad parameters ("Cannot sort table by nope")
        status = 400 if exception.status >= 500 and request.query_string else exception.status
        return Problem(status, exception.title or "This address cannot be shown", str(message))
    if isinstance(exception, sqlite3.OperationalError) and any(busy in str(exception) for busy in BUSY):
        return Problem(503, "Busy", "The database is busy being written to: try again in a moment.")
    if isinstance(exception, BAD_ADDRESS) and request.query_string:
        return Problem(400, "This address cannot be shown", _bad_parameters(request))
    return Problem(500, "Something went wrong", "Something went wrong on our side while making this page.")


def _not_found(message: str) -> str:
    if message in ("", "404") or message.startswith(("Database not found", "Table not found")):
        return "There is no page at this address: it may have moved, or the link may be mistyped."
    return message


def _bad_parameters(request) -> str:
    given = [f"{name}={shown(value, 30)}" for name, value in parse_qsl(request.query_string)[:SHOWN_PARAMETERS]]
    return (
        "One of the parameters of this address is not one this page can use"
        + (f" ({', '.join(given)})" if given else "")
        + ": check it, or start again from the links above."
    )


async def error_response(datasette, request, exception: BaseException) -> Response:
    found = problem(exception, request)
    if found.status >= 500:
        traceback.print_exception(exception)
    if request.path.split("?")[0].endswith(".json"):
        return Response.json({"ok": False, "error": found.message, "status": found.status, "title": found.title}, status=found.status)
    html = await datasette.render_template(
        "quotes_error.html",
        {"status": found.status, "title": found.title, "error": found.message},
        request=request,
        view_name="error",
    )
    return Response.html(html, status=found.status)
