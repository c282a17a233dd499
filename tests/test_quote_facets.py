"""Facets of the quote listing: precomputed counts when nothing is filtered, one pass over
the matching quotes otherwise, and none when too many quotes match."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlencode

import pytest
from sample_records import article_quoting, blinken, ministry_article, talks_article, wang_yi
from web_helpers import build_db, crowd_article, get, hostile_article, page, served

from quotes.records import Speaker
from quotes.store.database import Store
from quotes.web.pages import quote_list

FACETS = ["speaker_id", "speaker_kind", "type", "stance", "publisher", "year"]
"""The facets of quotes_view in db/metadata.yml."""


def facets(db_path: str, query: str = "") -> dict[str, dict]:
    """{facet: {value: count}} as the listing's JSON gives them."""
    data = get(served(db_path), f"/quotes/quotes_view.json?{query}").json()
    return {
        name: {row["value"]: row["count"] for row in facet["results"]}
        for name, facet in data["facet_results"].items()
    }


def counted(db_path: str, where: str = "1") -> dict[str, dict]:
    """The same counts, by GROUP BY over quotes_view."""
    with sqlite3.connect(db_path) as conn:
        return {
            facet: dict(
                conn.execute(
                    f"SELECT {facet}, count(*) FROM quotes_view WHERE {facet} IS NOT NULL"
                    f" AND {where} GROUP BY {facet}"
                )
            )
            for facet in FACETS
        }


@pytest.fixture
def db_path(tmp_path) -> str:
    items = [talks_article(), ministry_article(), crowd_article(), hostile_article()]
    items += [article_quoting(n, blinken() if n % 3 else wang_yi()) for n in range(40)]
    return build_db(tmp_path / "quotes.db", *items)


def test_unfiltered_facets_are_the_precomputed_counts(db_path):
    with sqlite3.connect(db_path) as conn:  # they come from quote_counts, not a GROUP BY
        assert conn.execute("SELECT count(*) FROM quote_counts").fetchone()[0] > 0
    assert facets(db_path, "_facet_size=50") == counted(db_path)


@pytest.mark.parametrize(
    "query, where",
    [
        ("_search=plan", "id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'plan')"),
        ("speaker_id=1", "speaker_id = 1"),
        ("year=2023&type=indirect", "year = '2023' AND type = 'indirect'"),
    ],
)
def test_filtered_facets_count_the_matching_quotes(db_path, query, where):
    assert facets(db_path, query + "&_facet_size=50") == counted(db_path, where)


def test_counts_follow_re_saved_articles(db_path):
    article, quotes = ministry_article()
    with Store(db_path) as store:
        store.save(article, quotes[1:])  # Wang Yi's quote is gone
        store.save(*article_quoting(99, Speaker("The protesters", "group")))
    assert facets(db_path, "_facet_size=50") == counted(db_path)


def test_counts_follow_merged_and_renamed_speakers(db_path):
    from quotes.store.speakers import merge_speakers, rename_speaker

    with Store(db_path) as store:
        rename_speaker(store, "Wang Yi", "The Foreign Office", kind="organization")
        merge_speakers(store, "Antony Blinken", ["Person 3"])
    assert facets(db_path, "_facet_size=50") == counted(db_path)


def test_too_many_matching_quotes_skips_the_facets(db_path, monkeypatch):
    monkeypatch.setattr(quote_list, "MAX_COUNTED_QUOTES", 5)
    assert facets(db_path, "type=indirect") == {}
    html = page(db_path, "/quotes/quotes_view?type=indirect")
    assert "Counts by speaker, outlet, type and time appear when at most" in html
    assert facets(db_path, "article_id=talks") == counted(db_path, "article_id = 'talks'")


def test_a_facet_name_from_the_address_must_be_a_column(db_path):
    hostile = "type' UNION SELECT 1, 2, 3 --"
    query = urlencode({"_facet_quotes": hostile, "speaker_id": 1})
    data = get(served(db_path), f"/quotes/quotes_view.json?{query}").json()
    assert set(data["facet_results"]) == set(FACETS)


def test_a_facet_asked_for_in_the_address_can_be_hidden(db_path):
    data = get(served(db_path), "/quotes/quotes_view.json?_facet_quotes=rule&speaker_id=1").json()
    rule = data["facet_results"]["rule"]
    assert [(row["value"], row["count"]) for row in rule["results"]] == [
        ("speaker-cue-ccomp", 28),
        ("quote-cue-speaker", 1),
    ]
    assert rule["hideable"] and "_facet_quotes" not in rule["toggle_url"]
    assert not data["facet_results"]["type"]["hideable"]


def test_the_quotes_table_uses_them_too(db_path):
    data = get(served(db_path), "/quotes/quotes.json?_facet_size=50").json()
    speakers = data["facet_results"]["speaker_id"]
    assert speakers["type"] == "quotes"
    assert {row["label"]: row["count"] for row in speakers["results"]}["Antony Blinken"] == 29
    assert {row["value"]: row["count"] for row in data["facet_results"]["type"]["results"]} == (
        counted(db_path)["type"]
    )
