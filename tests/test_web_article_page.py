"""An article's page: the full text with every quote highlighted, coloured by speaker."""

from __future__ import annotations

import re

import pytest
from sample_records import ministry_article, talks_article
from web_helpers import build_db, crowd_article, elements_text, html_text, page

from quotes.web.pages.article import speaker_legend


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(
        tmp_path_factory.mktemp("article") / "quotes.db",
        talks_article(),
        ministry_article(),
        crowd_article(),
    )


def article_text(html: str) -> str:
    return html.split('<div class="article-text">')[1].split("</div>")[0]


def test_every_quote_is_highlighted_exactly(db_path):
    html = article_text(page(db_path, "/quotes/articles/talks"))
    assert elements_text(html, "mark", "data-quote") == {
        "1": ["We are at a critical moment,", "and we must keep talking."],
        "2": ["both sides wanted to stabilise relations"],
    }
    assert html_text(html) == talks_article()[0].text


def test_paragraphs_are_kept(db_path):
    html = article_text(page(db_path, "/quotes/articles/ministry"))
    assert html.count("<p>") == 2
    assert html_text(html) == ministry_article()[0].text


def test_highlights_are_coloured_by_speaker_and_name_them(db_path):
    html = article_text(page(db_path, "/quotes/articles/ministry"))
    marks = re.findall(r"<mark ([^>]*)>", html)
    assert [re.search(r'class="quote-highlight (\S+)"', m)[1] for m in marks] == [
        "speaker-colour-0",
        "speaker-colour-1",
    ]
    assert [re.search(r'data-speaker="([^"]*)"', m)[1] for m in marks] == [
        "Wang Yi, reported by China&#39;s foreign ministry",  # a nested report
        "Antony Blinken",
    ]
    links = re.findall(r'<a class="quote-highlight-link" href="([^"]+)">', html)
    assert links == ["/quotes/quotes/3", "/quotes/quotes/4"]  # focusable, and lead to the quote


def test_a_link_to_a_quote_lands_on_its_first_words(db_path):
    html = article_text(page(db_path, "/quotes/articles/talks"))
    anchors = re.findall(r'<mark [^>]*id="(quote-\d+)"[^>]*>(?:<a [^>]*>)?([^<]*)', html)
    assert anchors == [("quote-1", "We are at a critical moment,"), ("quote-2", "both sides wanted to stabilise relations")]
    quote_page = page(db_path, "/quotes/quotes/1")
    assert 'href="/quotes/articles/talks#quote-1">' in quote_page


def test_legend_lists_speakers_in_order_of_appearance(db_path):
    html = " ".join(page(db_path, "/quotes/articles/ministry").split())
    legend = html.split('class="speaker-legend"')[1].split("</section>")[0]
    assert re.findall(r'speaker-colour-\d"[^>]*></span> <a href="([^"]+)">([^<]+)</a>', legend) == [
        ("/quotes/speakers/2", "Wang Yi"),
        ("/quotes/speakers/1", "Antony Blinken"),
    ]


def test_many_speakers_reuse_colours_with_numbers_and_unknown_speakers_are_grey(db_path):
    html = page(db_path, "/quotes/articles/crowd")
    colours = re.findall(r'class="quote-highlight (\S+)"', article_text(html))
    assert colours == [f"speaker-colour-{n % 8}" for n in range(10)] + ["speaker-colour-none"]
    assert 'data-speaker="unknown speaker"' in html
    assert html.count('class="legend-entry"') == 11
    # colours repeat beyond eight speakers: each highlight and legend entry gets a number
    numbers = re.findall(r'data-number="(\d+)"', article_text(html))
    assert numbers == [str(n) for n in range(1, 11)]
    legend = html.split('class="speaker-legend"')[1].split("</section>")[0]
    assert re.findall(r'legend-swatch speaker-colour-\d" aria-hidden="true">(\d+)</span>', legend) == numbers


def test_few_speakers_need_no_numbers(db_path):
    assert "data-number" not in article_text(page(db_path, "/quotes/articles/ministry"))


def test_quotes_of_the_article_link_to_their_pages(db_path):
    html = " ".join(page(db_path, "/quotes/articles/ministry").split())
    listing = html.split('class="article-quotes"')[1]
    assert '<a href="/quotes/quotes/3">Wang Yi demanded</a>' in listing
    assert "(reported by China&#39;s foreign ministry)" in listing


def test_meta_line_links_to_the_original(db_path):
    html = " ".join(page(db_path, "/quotes/articles/talks").split())
    assert '<span class="article-publisher">Example News</span> &middot; <time' in html
    assert 'href="https://example.org/talks" rel="nofollow noopener noreferrer">original article' in html
    assert '<a class="tally-quotes" href="/quotes/quotes_view?article_id=talks">2 quotes</a>' in html


def test_legend_of_no_quotes_is_empty():
    assert speaker_legend([]) == {}
