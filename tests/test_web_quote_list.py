"""quotes_view as quote cards: search, facets, sorting by date, and the exports."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sample_records import ministry_article, talks_article
from web_helpers import build_db, elements_text, get, page, served

JUNCTURES = "the junctures ahead would test both countries"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(tmp_path_factory.mktemp("list") / "quotes.db", talks_article(), ministry_article())


def cards(html: str) -> list[str]:
    return elements_text(html, "blockquote", "class").get("quote-words", [])


def test_quotes_are_cards_newest_first(db_path):
    html = page(db_path, "/quotes/quotes_view")
    assert cards(html) == [
        JUNCTURES,
        "the US stop interfering in its affairs",
        "both sides wanted to stabilise relations",
        "\u201cWe are at a critical moment, and we must keep talking.\u201d",
    ]
    assert '<table class="rows-and-columns">' not in html


def test_the_page_reads_as_quotes_not_as_a_sql_view(db_path):
    html = page(db_path, "/quotes/quotes_view")
    assert "<h1>Quotes</h1>" in html
    assert "CREATE VIEW" not in html


def test_a_card_names_speaker_cue_type_and_article(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view?_search=juncture").split())
    assert cards(html) == [JUNCTURES]
    # the role as of this quote: its own article gives none
    assert (
        '<a class="quote-speaker" href="/quotes/speakers/1">Antony Blinken</a>'
        ' <span class="quote-cue">said</span>'
    ) in html
    assert '<span class="quote-type" title="reported speech, in the reporter&#39;s words">indirect</span>' in html
    assert (
        '<a class="quote-article" href="/quotes/articles/ministry">China demands US stop interfering</a>,'
        ' <span class="quote-publisher">Example Wire</span>, <time datetime="2023-06-19">2023-06-19</time>'
    ) in html
    assert '<a class="quote-link" href="/quotes/quotes/4">quote in context</a>' in html


def test_nested_report_card_names_the_reporter(db_path):
    html = " ".join(page(db_path, "/quotes/quotes_view?_search=interfering").split())
    assert (
        '(reported by <a href="/quotes/speakers/3">China&#39;s foreign ministry</a>)'
    ) in html


@pytest.mark.parametrize(
    "search, found",
    [
        ("juncture", [JUNCTURES]),  # English stemming
        ("both countries", [JUNCTURES]),  # every word
        ("both stabilise", ["both sides wanted to stabilise relations"]),
        ('"keep talking"', ["\u201cWe are at a critical moment, and we must keep talking.\u201d"]),
        ('"talking keep"', []),  # a phrase keeps its order
    ],
)
def test_search(db_path, search, found):
    assert cards(page(db_path, f"/quotes/quotes_view?{urlencode({'_search': search})}")) == found


def test_search_without_results_says_so(db_path):
    html = page(db_path, "/quotes/quotes_view?_search=elephants")
    assert "No quotes found for &ldquo;elephants&rdquo;." in html


@pytest.mark.parametrize(
    "facet, title", [("speaker_id", "Speaker"), ("speaker_kind", "Kind of speaker"),
                     ("type", "Type"), ("stance", "Stance of the cue"),
                     ("publisher", "Publisher"), ("year", "Year")],
)  # fmt: skip
def test_facets_have_readable_names(db_path, facet, title):
    html = " ".join(page(db_path, "/quotes/quotes_view").split())
    assert (
        f'id="facet-{facet}" data-column="{facet}"> <p class="facet-info-name">'
        f' <strong>{title} <span class="facet-info-total">'
    ) in html


def test_speaker_facet_shows_names_and_filters_by_id(db_path):
    html = page(db_path, "/quotes/quotes_view")
    assert '<li><a href="http://localhost/quotes/quotes_view?speaker_id=1">Antony Blinken</a> 3</li>' in html


def test_facet_by_year_filters(db_path):
    html = page(db_path, "/quotes/quotes_view?year=2023&speaker=Wang+Yi")
    assert cards(html) == ["the US stop interfering in its affairs"]


def test_sort_oldest_first(db_path):
    html = page(db_path, "/quotes/quotes_view?_sort=published")
    assert cards(html)[0] in {
        "both sides wanted to stabilise relations",
        "\u201cWe are at a critical moment, and we must keep talking.\u201d",
    }
    assert "<strong>oldest first</strong>" in html
    assert 'href="/quotes/quotes_view?_sort_desc=published"' in html


def test_json_and_csv_exports_keep_working(db_path):
    datasette = served(db_path)
    rows = get(datasette, "/quotes/quotes_view.json?_shape=array&_search=juncture").json()
    assert [(row["text"], row["speaker"], row["year"]) for row in rows] == [
        (JUNCTURES, "Antony Blinken", "2023")
    ]
    csv = get(datasette, "/quotes/quotes_view.csv?_search=juncture").text.splitlines()
    assert len(csv) == 2 and JUNCTURES in csv[1]


def test_hiding_columns_falls_back_to_the_grid(db_path):
    html = page(db_path, "/quotes/quotes_view?_col=text")
    assert '<table class="rows-and-columns">' in html
    assert not cards(html)


def test_other_tables_keep_the_grid(db_path):
    assert '<table class="rows-and-columns">' in page(db_path, "/quotes/speakers")
