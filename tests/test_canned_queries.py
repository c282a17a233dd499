"""The ready-made queries in db/metadata.yml: what they answer, and that input is data."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from sample_records import at, ministry_article, talks_article
from web_helpers import build_db, get, served

from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store


def anonymous_article() -> tuple[Article, list[Quote]]:
    text = "A US official said the talks had stalled."
    article = Article(id="anon", text=text, title="Talks stall", publisher="Example News",
                      published="2023-06-20")
    quote = Quote(
        type="indirect", content=[at(text, "the talks had stalled")], cue=[at(text, "said")],
        cue_lemma="say", source=[at(text, "A US official")], rule="speaker-cue-ccomp",
        confidence=0.8, speaker=Speaker("a US official", "anonymous"),
    )
    return article, [quote]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return build_db(
        tmp_path_factory.mktemp("canned") / "quotes.db",
        talks_article(), ministry_article(), anonymous_article(),
    )


def query(db_path: str, query_name: str, **params: str) -> list[dict]:
    path = f"/quotes/{query_name}.json?_shape=array&{urlencode(params)}"
    return get(served(db_path), path).json()


def test_quotes_by_a_speaker_under_any_of_their_names(db_path):
    for name in ("Blinken", "mr blinken", "Antony"):
        rows = query(db_path, "quotes_by_speaker", name=name)
        assert [row["speaker"] for row in rows] == ["Antony Blinken"] * 3
        assert rows[0]["text"] == "the junctures ahead would test both countries"  # newest


def test_quotes_between_two_dates_include_both_days(db_path):
    rows = query(db_path, "quotes_between_dates", first_day="2023-06-19", last_day="2023-06-20")
    assert [row["published"] for row in rows] == ["2023-06-19", "2023-06-19", "2023-06-20"]
    assert query(db_path, "quotes_between_dates", first_day="2023-06-21", last_day="2023-07-01") == []


def test_who_is_quoted_most(db_path):
    rows = query(db_path, "who_is_quoted_most")
    assert [(row["name"], row["quote_count"], row["article_count"]) for row in rows][:2] == [
        ("Antony Blinken", 3, 2),
        ("Wang Yi", 1, 1),
    ]


def test_anonymous_sources_by_outlet(db_path):
    rows = query(db_path, "anonymous_sources_by_outlet")
    assert rows == [
        {"publisher": "Example News", "anonymous_quotes": 1, "all_quotes": 3,
         "percent_anonymous": 33.3}
    ]


@pytest.mark.parametrize(
    "name, params",
    [
        ("quotes_by_speaker", {"name": "x' OR 1=1; DROP TABLE quotes; --"}),
        ("quotes_between_dates", {"first_day": "2000-01-01' OR '1'='1", "last_day": "x'); DELETE FROM quotes; --"}),
    ],
)
def test_input_is_a_parameter_never_sql(db_path, name, params):
    assert query(db_path, name, **params) == []
    with Store(db_path) as store:
        assert store.counts()["quotes"] == 5


def test_queries_are_listed_on_the_database_page(db_path):
    html = get(served(db_path), "/quotes").text
    for title in ("Quotes by a speaker", "Quotes between two dates", "Who is quoted most",
                  "Anonymous sources by outlet"):
        assert title in html


def test_an_empty_or_one_letter_name_finds_nothing_and_asks_for_one(db_path):
    assert query(db_path, "quotes_by_speaker", name="") == []
    assert query(db_path, "quotes_by_speaker", name=" a ") == []
    html = get(served(db_path), "/quotes/quotes_by_speaker?name=").text
    assert "Fill in &ldquo;Name, or part of one&rdquo; to see the results." in html
    assert '<label for="qp-name">Name, or part of one</label>' in html


def test_dates_must_be_days(db_path):
    assert query(db_path, "quotes_between_dates", first_day="2023-6-1", last_day="2023-06-30") == []
    html = get(served(db_path), "/quotes/quotes_between_dates?first_day=June&last_day=2023-06-30").text
    assert "Write dates as YYYY-MM-DD" in html


def test_quotes_are_shown_as_quote_cards(db_path):
    html = get(served(db_path), "/quotes/quotes_by_speaker?name=blinken").text
    assert html.count('<article class="quote-card') == 3
    assert '<a class="quote-speaker" href="/quotes/speakers/1">Antony Blinken</a>' in html
    assert "cue_text" not in html.split("<details")[0]  # no column names before the SQL


def test_other_results_have_labelled_columns_and_linked_names(db_path):
    html = " ".join(get(served(db_path), "/quotes/who_is_quoted_most").text.split())
    assert '<th scope="col">Speaker</th><th scope="col">Kind</th>' in html
    assert '<th scope="col">id</th>' not in html and "quote_count" not in html.split("<details")[0]
    assert '<td class="col-name" data-label="Speaker"><a href="/quotes/speakers/1">Antony Blinken</a></td>' in html
    assert '<a href="/quotes/quotes_view?speaker_id=1&amp;_include=hidden">3</a>' in html
    anonymous = " ".join(get(served(db_path), "/quotes/anonymous_sources_by_outlet").text.split())
    assert '<a href="/quotes/quotes_view?publisher=Example+News&amp;speaker_kind=anonymous">1</a>' in anonymous


def test_the_sql_comes_after_the_results(db_path):
    html = get(served(db_path), "/quotes/quotes_by_speaker?name=blinken").text
    assert html.index('class="quote-cards"') < html.index('<details class="canned-query-sql">')
    assert '<nav aria-label="Site">' in html
