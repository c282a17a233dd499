"""The fact-check page /-/check in Datasette, and its JSON form, on the seed database."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from html import unescape
from pathlib import Path

import pytest
from seed_database import SEED_TITLE, build_seed_database, seed_article

from quotes.store.database import Store
from quotes.web.serve import make_datasette

HYPING = "stop hyping up the China threat theory"


@pytest.fixture(scope="session")
def seed_db(engine, tmp_path_factory) -> str:
    return str(build_seed_database(tmp_path_factory.mktemp("check-page") / "quotes.db", engine))


@pytest.fixture(scope="session")
def datasette(seed_db: str):
    return make_datasette(seed_db)


def get(datasette, path: str, params: dict | None = None, status: int = 200):
    response = asyncio.run(datasette.client.get(path, params=params))
    assert response.status_code == status, f"{path}: {response.status_code}"
    return response


def links(html: str) -> dict[str, str]:
    """Link text -> href, for every link on the page."""
    return {
        unescape(re.sub(r"<[^>]+>", "", text)).strip(): unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html, re.DOTALL)
    }


def test_empty_form(datasette):
    html = get(datasette, "/-/check").text
    assert '<form class="check-form" action="/-/check" method="get">' in html
    assert 'name="claim" value=""' in html
    assert 'name="speaker" value=""' in html
    assert '<p class="check-verdict' not in html


def test_menu_links_to_the_page(datasette):
    assert '<a href="/-/check">Check a quote</a>' in get(datasette, "/").text


def test_verdict_and_matches_with_links_that_work(datasette):
    html = get(datasette, "/-/check", {"claim": "benefit our two countries",
                                       "speaker": "Joe Biden"}).text
    assert 'name="claim" value="benefit our two countries"' in html
    assert 'name="speaker" value="Joe Biden"' in html
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert "Misattributed : the words are Xi Jinping's." in text
    assert "fragment score 100 · Xi Jinping (person, President, China)" in text
    assert "19 June 2023" in text
    page_links = links(html)
    assert page_links["Xi Jinping"].startswith("/quotes/speakers/")
    quote = page_links[
        "the United States and China can cooperate to “benefit our two countries”"
    ]
    article = page_links[SEED_TITLE]
    for path in (page_links["Xi Jinping"], quote, article):
        assert get(datasette, path).status_code == 200
    assert "benefit our two countries" in get(datasette, quote).text
    assert page_links["JSON"] == "/-/check.json?claim=benefit+our+two+countries&speaker=Joe+Biden"


def test_nested_report_links_the_reporter(datasette):
    html = get(datasette, "/-/check", {"claim": HYPING}).text
    assert "reported by <a href=\"/quotes/speakers/" in html
    reporter = links(html)["China’s ministry of foreign affairs"]
    assert "China’s ministry of foreign affairs" in get(datasette, reporter).text


def test_altered_words_show_a_diff(datasette):
    html = get(datasette, "/-/check", {
        "claim": "we are communicating as clearly as possible to avoid misunderstandings"}).text
    assert '<span class="check-label altered">altered</span>' in html
    assert "<del>possible</del>" in html


def test_not_found(datasette):
    html = get(datasette, "/-/check", {"claim": "the moon is made of cheese"}).text
    assert '<p class="check-verdict not-found" role="status">' in html
    assert "no stored quote holds these words" in html


def test_claim_is_escaped(datasette):
    html = get(datasette, "/-/check", {"claim": '<script>alert("x")</script> hyping'}).text
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_claim_without_words(datasette):
    html = get(datasette, "/-/check", {"claim": "?!"}, status=400).text
    assert '<p class="message-error">the claim has no words to look up</p>' in html


def test_json_for_scripts(datasette):
    data = get(datasette, "/-/check.json", {"claim": HYPING, "limit": "1"}).json()
    assert data["ok"] is True
    assert data["verdict"] == "found"
    [match] = data["matches"]
    assert (match["label"], match["speaker"]["name"]) == ("fragment", "Wang Yi")
    assert match["article"]["published"] == "2023-06-19"
    urls = match["urls"]
    assert urls["quote"] == f"http://localhost/quotes/quotes/{match['quote_id']}"
    assert urls["speaker"] == f"http://localhost/quotes/speakers/{match['speaker']['id']}"
    reporter = match["reported_by"]
    assert urls["reported_by"] == f"http://localhost/quotes/speakers/{reporter['id']}"
    assert urls["article"] == f"http://localhost/quotes/articles/{seed_article().id}"


def test_claimreview_json(datasette):
    review = get(datasette, "/-/check.json", {"claim": "benefit our two countries",
                                              "format": "claimreview"}).json()
    assert review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["author"]["name"] == "Xi Jinping"


@pytest.mark.parametrize(
    "params, error",
    [
        ({}, "give the claimed words as ?claim=..."),
        ({"claim": "..."}, "the claim has no words to look up"),
        ({"claim": "hyping", "limit": "0"}, "limit must be a whole number from 1 to 100, not \u201c0\u201d"),
        ({"claim": "hyping", "limit": "many"},
         "limit must be a whole number from 1 to 100, not \u201cmany\u201d"),
    ],
)
def test_json_errors(datasette, params: dict, error: str):
    response = get(datasette, "/-/check.json", params, status=400)
    assert response.json() == {"ok": False, "error": error}


def test_database_without_the_normalized_column(tmp_path: Path):
    """As if written by another tool: the page says what to do instead of failing."""
    path = tmp_path / "quotes.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE quotes DROP COLUMN normalized")
    conn.commit()
    conn.close()
    datasette = make_datasette(str(path), immutable=True)
    data = get(datasette, "/-/check.json", {"claim": "anything"}, status=400).json()
    assert "predates `quotes check`" in data["error"]
