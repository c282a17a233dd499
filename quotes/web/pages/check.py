"""The Datasette fact-check page: `quotes check` in the browser, and as JSON for scripts.

    /-/check?claim=benefit+our+two+countries&speaker=Joe+Biden    a form, the verdict, matches
    /-/check.json?claim=...&speaker=...&limit=5                   the same check as JSON
    /-/check.json?claim=...&format=claimreview                    schema.org ClaimReview JSON-LD
    /-/check?claim=...&types=direct,indirect,mixed,summary        summaries looked at too

Summaries (what a speech was about, not its words) are left out, as by `quotes check`,
unless `types` names them: the page's "include summaries" box does. Each match links to
its quote, speaker and article pages. The JSON form answers 400 with {"ok": false,
"error": ...} for a missing or unusable claim, a bad limit or an unknown type; the page
shows the form again with what was wrong, also with status 400.
"""

from __future__ import annotations

from datasette.database import Database
from datasette.utils import tilde_encode
from datasette.utils.asgi import BadRequest, Response

from quotes.factcheck import CheckError, CheckResult, Match, check_claim
from quotes.factcheck.check import CHECKED_TYPES
from quotes.factcheck.claimreview import claim_review
from quotes.factcheck.report import spread_line
from quotes.factcheck.results import display_date
from quotes.records import QUOTE_TYPES
from quotes.web.databases import quotes_database
from quotes.web.pages import params
from quotes.web.pages.display import SUMMARY_TYPE

PATH = "/-/check"
ROUTE = r"^/-/check(?P<as_json>\.json)?$"
DEFAULT_LIMIT = 5
MAX_LIMIT = 100
ALL_TYPES = ",".join(QUOTE_TYPES)
"""The value of the "include summaries" box: every type."""


async def check_page(datasette, request) -> Response:
    as_json = bool(request.url_vars.get("as_json"))
    database = await quotes_database(datasette)
    result, error = None, None
    claim, speaker, types = "", None, tuple(CHECKED_TYPES)
    try:
        claim = params.text(request.args, "claim", limit=5_000) or ""
        speaker = params.text(request.args, "speaker", limit=200)
        limit = params.whole_number(request.args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        types = quote_types(request.args)
        if database is None:
            raise CheckError("no quotes database is attached: serve one made by `quotes ingest`")
        if claim:
            result = await database.execute_fn(lambda conn: check_claim(conn, claim, speaker, limit, types))
        elif as_json:
            raise CheckError("give the claimed words as ?claim=...")
    except (CheckError, BadRequest) as problem:
        error = str(problem.args[0] if isinstance(problem, BadRequest) else problem)
    if as_json:
        return _json(datasette, request, database, result, error)
    context = {
        "claim": claim,
        "speaker": speaker or "",
        "summaries_included": SUMMARY_TYPE in types,
        "all_types": ALL_TYPES,
        "other_types": ",".join(types) if set(types) not in (set(CHECKED_TYPES), set(QUOTE_TYPES)) else None,
        "result": result,
        "error": error,
        "matches": [(match, _links(datasette, database, match)) for match in result.matches]
        if result and database
        else [],
        "json_url": f"{datasette.urls.path(PATH)}.json?{request.query_string}",
        "display_date": display_date,
        "spread_line": spread_line,
    }
    html = await datasette.render_template("check.html", context, request=request)
    return Response.html(html, status=400 if error else 200)


def quote_types(args) -> tuple[str, ...]:
    """The quote types to look at: `types=direct,indirect` (commas, repeated or not), by
    default those `quotes check` looks at; BadRequest for an unknown one."""
    values = args.getlist("types")
    if sum(map(len, values)) > params.MAX_TEXT:
        raise BadRequest(f"types is too long: at most {params.MAX_TEXT:,} characters")
    given = [name.strip() for value in values for name in value.split(",") if name.strip()]
    if not given:
        return tuple(CHECKED_TYPES)
    unknown = sorted(set(given) - set(QUOTE_TYPES))
    if unknown:
        raise BadRequest(
            f"types can only name {', '.join(QUOTE_TYPES)}, not {', '.join(map(params.shown, unknown[:3]))}"
        )
    return tuple(dict.fromkeys(given))


def _json(datasette, request, database, result: CheckResult | None, error: str | None) -> Response:
    if error or result is None:
        return Response.json({"ok": False, "error": error}, status=400)
    if request.args.get("format") == "claimreview":
        return Response.json(claim_review(result))
    data = result.as_dict()
    for match, match_data in zip(result.matches, data["matches"], strict=False):
        match_data["urls"] = {
            page: datasette.absolute_url(request, path) if path else None
            for page, path in _links(datasette, database, match).items()
        }
    return Response.json({"ok": True, **data})


def _links(datasette, database: Database, match: Match) -> dict:
    """The paths of the match's quote, speaker, reporter and article pages, and of the
    quote it reports."""

    def row(table: str, key: object) -> str | None:
        if key is None:
            return None
        return datasette.urls.row(database.name, table, tilde_encode(str(key)))

    return {
        "quote": row("quotes", match.quote_id),
        "speaker": row("speakers", match.speaker.id if match.speaker else None),
        "reported_by": row("speakers", match.reported_by.id if match.reported_by else None),
        "article": row("articles", match.article.id),
        "reports": row("quotes", match.reports),
    }
