"""The home page: search box, counts, the newest quotes and the most-quoted speakers."""

from __future__ import annotations

import re

import pytest
from sample_records import article_quoting, blinken, wang_yi
from web_helpers import build_db, elements_text, page


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> str:
    items = [article_quoting(n, blinken()) for n in range(12)]
    items += [article_quoting(n, wang_yi()) for n in range(12, 15)]
    db_path = build_db(tmp_path_factory.mktemp("home") / "quotes.db", *items)
    return " ".join(page(db_path, "/").split())


def test_search_box_searches_quotes(html):
    assert '<form class="quotes-search" action="/quotes/quotes_view" method="get" role="search">' in html
    assert '<input id="quotes-search-input" type="search" name="_search"' in html


def test_counts(html):
    assert "15 quotes by 2 speakers in 15 articles:" in html


def test_newest_quotes_first(html):
    newest = html.split('class="home-newest"')[1].split("</section>")[0]
    words = elements_text(newest, "blockquote", "class")["quote-words"]
    # article n is published on 2023-07-(n % 28 + 1): 14, 13, 12, ... are the newest
    assert words == [f"the plan number {n} would work" for n in (14, 13, 12, 11, 10, 9)]


def test_most_quoted_speakers_with_counts(html):
    speakers = html.split('class="top-speakers"')[1].split("</ol>")[0]
    assert re.findall(r'<a href="(/quotes/speakers/\d+)">([^<]+)</a> <span class="top-speaker-count">([^<]+)</span>', speakers) == [
        ("/quotes/speakers/1", "Antony Blinken", "12 quotes"),
        ("/quotes/speakers/2", "Wang Yi", "3 quotes"),
    ]
    assert '<span class="top-speaker-role">foreign minister, China</span>' in speakers


def test_links_to_browse(html):
    for link in ("/quotes/quotes_view", "/quotes/speakers", "/quotes/articles", "/quotes#queries"):
        assert f'href="{link}"' in html


def test_stylesheet_is_served(tmp_path):
    from web_helpers import get, served

    db_path = build_db(tmp_path / "quotes.db")
    assert 'href="/-/quotes-static/quotes.css"' in page(db_path, "/")
    css = get(served(db_path), "/-/quotes-static/quotes.css")
    assert ".quote-card" in css.text and css.headers["content-type"].startswith("text/css")


def test_speaker_search_and_the_check_page_from_the_home_page(html):
    assert '<form class="speakers-search" action="/quotes/speakers" method="get" role="search">' in html
    assert '<label for="speakers-search-input">Find a speaker</label>' in html
    assert '<p class="home-check"><a href="/-/check">Check a quote</a>' in html


def test_every_page_has_the_sites_navigation(html):
    nav = html.split('<nav aria-label="Site">')[1].split("</nav>")[0]
    for link in ("/quotes/quotes_view", "/quotes/speakers", "/quotes/articles", "/-/check"):
        assert f'href="{link}"' in nav


def test_no_placeholder_in_the_footer(html):
    assert "`quotes ingest`" not in html and "Data source:" not in html
