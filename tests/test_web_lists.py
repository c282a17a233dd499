"""The speakers and articles pages: our own, instead of raw tables."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sample_records import article_quoting, ministry_article, talks_article
from web_helpers import build_db, html_text, page

from quotes.records import Speaker


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    items = [talks_article(), ministry_article(), article_quoting(1, Speaker("Recep Tayyip Erdo\u011fan", "person", role="President"))]
    items += [article_quoting(n, Speaker(f"Official {n}", "anonymous")) for n in range(2, 5)]
    return build_db(tmp_path_factory.mktemp("lists") / "quotes.db", *items)


def speaker_names(html: str) -> list[str]:
    return [html_text(name) for name in re.findall(r'<h2 class="speaker-card-name">(.*?)</h2>', html)]


def test_speaker_cards_most_quoted_first(db_path):
    html = page(db_path, "/quotes/speakers")
    names = speaker_names(html)
    assert names[0] == "Antony Blinken" and len(names) == 7
    card = " ".join(html.split('data-speaker-id="1"')[1].split("</li>")[0].split())
    assert '<span class="speaker-kind kind-person">person</span> &middot; US secretary of state, US' in card
    assert '<a class="tally-quotes" href="/quotes/quotes_view?speaker_id=1">3 quotes</a> in 2 articles' in card
    assert 'Latest: <a href="/quotes/quotes/4">the junctures ahead would test both countries</a>' in card
    assert "7 speakers, most quoted first" in html_text(html)


def test_a_speaker_who_only_reports_others_is_listed_with_what_they_reported(db_path):
    html = page(db_path, "/quotes/speakers")
    assert speaker_names(html)[-1] == "China's foreign ministry"  # no quote of its own: last
    card = html_text(html.split('data-speaker-id="3"')[1].split("</li>")[0])
    assert card.split("\n\n")[-3:] == [
        "organization",
        "No quotes of their own; reports the words of others in 1 quote",
        "Latest reported: Wang Yi demanded the US stop interfering in its affairs 19 June 2023",
    ]
    assert '<a class="tally-quotes" href="/quotes/quotes_view?reported_by_id=3">1 quote</a>' in html
    assert speaker_names(page(db_path, "/quotes/speakers?q=ministry")) == ["China's foreign ministry"]
    assert speaker_names(page(db_path, "/quotes/speakers?kind=organization")) == ["China's foreign ministry"]


@pytest.mark.parametrize(
    "query, found",
    [
        ("blinken", ["Antony Blinken"]),
        ("BLINK", ["Antony Blinken"]),  # the start of a name
        ("mr blinken", ["Antony Blinken"]),  # another name he goes by
        ("erdogan", ["Recep Tayyip Erdo\u011fan"]),  # accents aside
        ("nobody here", []),
    ],
)
def test_speaker_search_by_any_name(db_path, query, found):
    assert speaker_names(page(db_path, f"/quotes/speakers?q={query}")) == found


def test_a_speaker_found_by_another_name_says_which(db_path):
    html = page(db_path, "/quotes/speakers?q=mr+blinken")
    assert "also named &ldquo;Mr Blinken&rdquo;" in html


def test_speakers_by_kind(db_path):
    html = page(db_path, "/quotes/speakers?kind=anonymous")
    assert speaker_names(html) == ["Official 2", "Official 3", "Official 4"]
    assert "3 speakers (anonymous sources), most quoted first" in html_text(html)


def test_speaker_search_without_the_name_index(db_path, tmp_path):
    """A database from before the index (served read-only, not upgraded) is searched too."""
    copy = tmp_path / "quotes.db"
    with sqlite3.connect(db_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("DROP TABLE aliases_fts")
        for trigger in ("insert", "delete", "update"):
            target.execute(f"DROP TRIGGER aliases_fts_{trigger}")
    assert speaker_names(page(str(copy), "/quotes/speakers?q=mr+blink")) == ["Antony Blinken"]


def test_articles_with_outlet_date_and_quote_count(db_path):
    html = " ".join(page(db_path, "/quotes/articles").split())
    assert ('<td><a href="/quotes/articles/ministry">China demands US stop interfering</a></td> <td>Example Wire</td>'
            ' <td><time datetime="2023-06-19">19 June 2023</time></td> <td class="type-int"><a href="/quotes/quotes_view?article_id=ministry">2</a></td>') in html  # fmt: skip
    assert "6 articles, newest first" in html_text(html)


def test_articles_searched_and_narrowed(db_path):
    assert "1 article, newest first" in html_text(page(db_path, "/quotes/articles?q=junctures"))
    assert "1 article, newest first" in html_text(page(db_path, "/quotes/articles?publisher=Example+News"))
    assert "2 articles, newest first" in html_text(page(db_path, "/quotes/articles?from=2023-06&to=2023-06"))


def test_breadcrumbs_lead_to_our_pages(db_path):
    for path, crumbs in [
        ("/quotes/quotes/1", ["/", "/quotes/quotes_view"]),
        ("/quotes/speakers/1", ["/", "/quotes/speakers"]),
        ("/quotes/articles/talks", ["/", "/quotes/articles"]),
    ]:
        html = page(db_path, path)
        trail = html.split('<nav class="crumbs" aria-label="Breadcrumb">')[1].split("</nav>")[0]
        assert re.findall(r'href="([^"]+)"', trail) == crumbs, path
