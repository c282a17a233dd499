"""A speaker's page: who they are, their names, their quotes over time, who quotes them."""

from __future__ import annotations

import pytest
from sample_records import article_quoting, blinken
from web_helpers import build_db, elements_text, page

from quotes.web.pages.speaker import Period, timeline


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    from sample_records import ministry_article, talks_article

    return build_db(tmp_path_factory.mktemp("speaker") / "quotes.db", talks_article(), ministry_article())


def flat(html: str) -> str:
    return " ".join(html.split())


def test_name_kind_role_affiliation_and_aliases(db_path):
    html = flat(page(db_path, "/quotes/speakers/1"))
    assert '<h1 class="speaker-name">Antony Blinken</h1>' in html
    assert (
        '<span class="speaker-kind kind-person">person</span> &middot; <span class="speaker-role">US secretary'
        ' of state</span> &middot; <span class="speaker-affiliation">US</span>'
    ) in html
    assert elements_text(html, "span", "class")["speaker-alias"] == ["Blinken", "Mr Blinken"]
    assert '<a class="tally-quotes" href="/quotes/quotes_view?speaker_id=1">3 quotes</a> in 2 articles' in html


def test_quotes_newest_first_as_cards(db_path):
    html = page(db_path, "/quotes/speakers/1")
    cards = elements_text(html.split('class="speaker-quotes"')[1], "blockquote", "class")
    assert cards["quote-words"] == [
        "the junctures ahead would test both countries",  # 2023-06-19
        "both sides wanted to stabilise relations",  # 2023-06-18, later in the article
        "\u201cWe are at a critical moment, and we must keep talking.\u201d",
    ]


def test_publications_quoting_the_speaker(db_path):
    html = flat(page(db_path, "/quotes/speakers/1"))
    publications = html.split('class="speaker-publications"')[1].split("</section>")[0]
    assert (
        '<a href="/quotes/quotes_view?speaker_id=1&amp;publisher=Example+News">Example News</a>'
        '</td> <td class="type-int">2</td> <td>18 June 2023</td> <td>18 June 2023</td>'
    ) in publications
    assert publications.index("Example News") < publications.index("Example Wire")


def test_timeline_links_to_the_quotes_of_each_month(db_path):
    html = flat(page(db_path, "/quotes/speakers/1"))
    assert (
        '<a href="/quotes/quotes_view?speaker_id=1&amp;from=2023-06&amp;to=2023-06"'
        ' title="June 2023: 3 quotes">'
    ) in html


def test_a_reporting_organisation_shows_the_quotes_it_reports(db_path):
    html = flat(page(db_path, "/quotes/speakers/3"))
    assert "<h1 class=\"speaker-name\">China&#39;s foreign ministry</h1>" in html
    assert (
        'reports the words of others in <a class="tally-quotes" href="/quotes/quotes_view?reported_by_id=3">1 quote</a>'
    ) in html


def test_a_busy_speaker_shows_the_latest_quotes_and_links_to_all(tmp_path):
    items = [article_quoting(n, blinken()) for n in range(30)]
    html = flat(page(build_db(tmp_path / "quotes.db", *items), "/quotes/speakers/1"))
    assert html.count('class="quote-card ') == 20
    assert "Latest quotes, newest first" in html
    assert '<a href="/quotes/quotes_view?speaker_id=1">All 30 quotes by Antony Blinken</a>' in html


@pytest.mark.parametrize(
    "months, expected",
    [
        ([], []),
        ([("2023-06", 4)], [("2023-06", 4, 100)]),
        # empty months are shown
        ([("2023-11", 2), ("2024-02", 4)],
         [("2023-11", 2, 50), ("2023-12", 0, 0), ("2024-01", 0, 0), ("2024-02", 4, 100)]),
        # more than two years: by year
        ([("2019-05", 1), ("2021-01", 1), ("2022-12", 2)],
         [("2019", 1, 50), ("2020", 0, 0), ("2021", 1, 50), ("2022", 2, 100)]),
        # dates that are not ISO are left as they are
        ([("June 2023", 3)], [("June 2023", 3, 100)]),
    ],
)
def test_timeline(months, expected):
    assert timeline(months) == [Period(*period) for period in expected]


def test_an_organisation_shows_its_type(tmp_path):
    from quotes.records import Speaker

    ministry = Speaker("Ministry of Finance", "organization", org_type="government")
    html = flat(page(build_db(tmp_path / "quotes.db", article_quoting(1, ministry)), "/quotes/speakers/1"))
    assert '<span class="speaker-kind kind-organization">organization</span> <span class="speaker-org-type">(government)</span>' in html
