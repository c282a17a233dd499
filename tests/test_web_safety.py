"""The pages are safe to publish: text is escaped everywhere and nothing writes."""

from __future__ import annotations

import asyncio
import re

import pytest
from sample_records import talks_article
from web_helpers import IMAGE, SCRIPT, build_db, get, hostile_article, page, served

from quotes.store.database import Store
from quotes.web.serve import make_datasette

PAGES = [
    "/",
    "/quotes/quotes_view",
    "/quotes/quotes_view?_search=mayor",
    "/quotes/quotes/3",
    "/quotes/speakers/2",
    "/quotes/speakers/3",
    "/quotes/articles/x~22~3E~3Cb~3Eid",
    "/quotes/articles",
    "/quotes/speakers",
    "/quotes/quotes",
]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(
        tmp_path_factory.mktemp("safety") / "quotes.db",
        talks_article(),
        hostile_article(),
    )


def counts(db_path: str) -> dict[str, int]:
    with Store(db_path) as store:
        return store.counts()


@pytest.mark.parametrize("path", PAGES)
def test_script_and_markup_in_the_data_render_as_text(db_path, path):
    html = page(db_path, path)
    assert SCRIPT not in html and IMAGE not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "")  # only escaped forms remain


def test_the_hostile_quote_is_shown_escaped(db_path):
    html = page(db_path, "/quotes/quotes/3")
    assert "&lt;script&gt;window.injected = 1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.injected = 2&#34;&gt;" in html


@pytest.mark.parametrize("path", PAGES)
def test_only_web_addresses_become_links(db_path, path):
    html = page(db_path, path)
    assert not re.search(r"""(href|src)=["']?\s*javascript:""", html, re.IGNORECASE)


def test_an_article_id_with_markup_links_safely(db_path):
    html = page(db_path, "/quotes/quotes/3")
    assert 'href="/quotes/articles/x~22~3E~3Cb~3Eid#quote-3"' in html


def test_pages_have_no_forms_that_post(db_path):
    for path in PAGES:
        assert 'method="post"' not in page(db_path, path).lower()


@pytest.mark.parametrize(
    "path, body",
    [
        ("/quotes/quotes/-/insert", {"row": {"text": "forged"}}),
        ("/quotes/quotes/1/-/delete", {}),
        ("/quotes/quotes/1/-/update", {"update": {"text": "forged"}}),
        ("/quotes/-/create", {"table": "forged", "row": {"a": 1}}),
        ("/quotes/quotes/-/drop", {}),
    ],
)
def test_write_api_is_refused(db_path, path, body):
    before = counts(db_path)
    response = asyncio.run(served(db_path).client.post(path, json=body))
    assert response.status_code in (403, 404, 405), (path, response.status_code)
    assert counts(db_path) == before


@pytest.mark.parametrize(
    "sql", ["delete from quotes", "drop table quotes", "update quotes set text = 'forged'"]
)
def test_sql_from_the_address_bar_cannot_write(db_path, sql):
    before = counts(db_path)
    response = asyncio.run(served(db_path).client.get("/quotes.json", params={"sql": sql}))
    assert response.status_code == 400
    assert counts(db_path) == before


def test_immutable_database_is_opened_read_only(db_path):
    datasette = make_datasette(db_path, immutable=True)
    [database] = get(datasette, "/-/databases.json").json()
    assert database["is_mutable"] is False
    assert SCRIPT not in get(datasette, "/quotes/quotes/3").text
