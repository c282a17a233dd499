"""Hostile parameters on every page type: never a 500. An HTML page answers with the site's
own page (navigation, search box, what was wrong), JSON with `{"ok": false, ...}`."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlencode

import pytest
from sample_records import ministry_article, talks_article
from web_helpers import build_db, hostile_article, served

LONG_NUMBER = "9" * 4400
"""Past Python's limit on converting digits to int (4,300)."""

HOSTILE = [
    {"_sort": "nonexistent"}, {"_sort_desc": "nonexistent"}, {"_sort": "rank"},
    {"_next": "abc"}, {"_next": "-1"}, {"_next": LONG_NUMBER}, {"_next": "\u00b2"},
    {"_size": "abc"}, {"_size": "0"}, {"_size": "-1"}, {"_size": "\u00b2"}, {"_size": LONG_NUMBER},
    {"_size": "max"}, {"limit": "\u00b2"}, {"limit": LONG_NUMBER}, {"limit": "-3"},
    {"_facet": "nope"}, {"_facet_quotes": "nope"}, {"_facet_array": "nope"}, {"_facet_date": "nope"},
    {"_facet_size": "abc"}, {"_facet_size": LONG_NUMBER},
    {"_where": "1;"}, {"_where": "1) union select 1 --"}, {"_where": "nope = 1"},
    {"_search": '"'}, {"_search": ""}, {"_search": "+"}, {"_search": "OR"}, {"_search": "NEAR("},
    {"_search": "a AND"}, {"_search": '"', "_searchmode": "raw"}, {"_search": "x" * 5000},
    {"_search_text": '"'}, {"from": "2023-13"}, {"to": "abc"}, {"from": "2024", "to": "2023"},
    {"year": "20x3"}, {"speaker_id": "abc"}, {"speaker_id": "1e9"}, {"speaker_id": LONG_NUMBER},
    {"type": "<script>alert(1)</script>"}, {"published__gt": "abc"}, {"published__startswith": "x"},
    {"nonexistent__exact": "1"}, {"id__in": "abc"}, {"id__gt": "\u00b2"}, {"_col": "nope"},
    {"_nocol": "nope"}, {"_labels": "abc"}, {"_shape": "nope"}, {"_json": "nope"},
    {"_timelimit": "abc"}, {"_ttl": "abc"}, {"_stream": "abc"}, {"_dl": "abc"},
    {"_extras": "nope"}, {"_include": "everything"}, {"claim": "\x00"}, {"claim": "x" * 6000},
    {"speaker": "y" * 500}, {"format": "nope"}, {"q": '"'}, {"q": "OR"}, {"q": "x" * 600},
    {"kind": "nope"}, {"name": ""}, {"name": "%"}, {"first_day": "abc", "last_day": "abc"},
    {"_hash": "1"}, {"_context": "1"}, {"sql": "select randomblob(100"},
    {"types": "bogus"}, {"types": ","}, {"types": "summary," * 200}, {"types": "\x00"},
]  # fmt: skip

PAGES = [
    "/", "/quotes/quotes_view", "/quotes/quotes/1", "/quotes/speakers/1",
    "/quotes/articles/talks", "/quotes/speakers", "/quotes/articles", "/-/check", "/-/check.json",
    "/quotes", "/quotes/quotes", "/quotes/aliases", "/quotes/quotes_view.json", "/quotes/quotes.json",
    "/quotes/quotes_view.csv", "/quotes/quotes/1.json", "/quotes/quotes_by_speaker",
    "/quotes/quotes_between_dates", "/quotes.json",
]  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(tmp_path_factory.mktemp("hostile") / "quotes.db", talks_article(), ministry_article(), hostile_article())


def fetch(datasette, path: str) -> tuple[int, str, str]:
    response = asyncio.run(datasette.client.get(path))
    return response.status_code, response.headers.get("content-type", ""), response.text


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_hostile_parameter_makes_a_500(db_path, page):
    datasette = served(db_path)
    failures = []
    for params in HOSTILE:
        path = f"{page}?{urlencode(params)}"
        code, content_type, body = fetch(datasette, path)
        if code >= 500:
            failures.append(f"{code} {path[:120]}")
        elif "json" in content_type:
            data = json.loads(body)
            if code >= 400 and not (isinstance(data, dict) and data.get("ok") is False):
                failures.append(f"{code} JSON without ok: false {path[:120]}")
        elif "html" in content_type and '<nav aria-label="Site">' not in body:
            failures.append(f"{code} without the site's navigation {path[:120]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path, message",
    [
        ("/quotes/quotes?_sort=nonexistent", "Cannot sort table by nonexistent"),
        ("/quotes/quotes_view.json?_next=abc", None),
        ("/quotes/quotes?_where=1;", "One of the parameters of this address is not one this page can use"),
        ("/-/check?claim=hyping&limit=%C2%B2", "limit must be a whole number from 1 to 100"),
        ("/quotes/speakers?kind=nope", "kind must be one of person"),
        ("/quotes/articles?from=tomorrow", "from must be a date written 2023, 2023-06 or 2023-06-19"),
    ],
)
def test_bad_parameters_say_what_was_wrong_with_status_400(db_path, path, message):
    code, content_type, body = fetch(served(db_path), path)
    assert code == 400
    if "json" in content_type:
        assert json.loads(body)["ok"] is False
    else:
        assert message in body
        assert 'action="/quotes/quotes_view"' in body  # a search box to go on with


def test_an_address_that_does_not_exist_gets_the_sites_404(db_path):
    for path in ("/nope", "/quotes/nope", "/quotes/quotes/999999", "/quotes/articles/nope"):
        code, _, body = fetch(served(db_path), path)
        assert code == 404, path
        assert '<nav aria-label="Site">' in body and "Not found" in body


def test_the_error_page_names_no_python_internals(db_path):
    _, _, body = fetch(served(db_path), "/quotes/quotes?_where=1;")
    for internal in ("Traceback", "ProgrammingError", "sqlite3", "invalid literal"):
        assert internal not in body
