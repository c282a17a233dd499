from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.reading.corpus import PassedOver, Skipped, read_articles
from quotes.records import Article

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    items = list(read_articles([str(EXAMPLES)]))
    passed_over = [item for item in items if isinstance(item, PassedOver)]
    assert [item.path for item in passed_over] == [str(EXAMPLES / "README.md")]
    assert [item for item in items if isinstance(item, Skipped) and item not in passed_over] == []
    return [item for item in items if isinstance(item, Article)]


def test_demo_corpus_is_the_seed_and_five_fictional_articles(articles):
    assert len(articles) == 6
    seed = [
        article
        for article in articles
        if article.path.endswith("seed-blinken-china-2023-06-19.txt")
    ]
    assert len(seed) == 1
    fictional = [article for article in articles if article not in seed]
    for article in fictional:
        assert article.publisher == "Quotes demo (fictional)" or "(fictional)" in article.text


def test_demo_articles_have_titles_dates_and_distinct_ids(articles):
    assert all(article.title and article.published for article in articles)
    assert len({article.id for article in articles}) == len(articles)


@pytest.mark.parametrize(
    "construction, pattern",
    [
        ("said X after a quote", r"[”\"],? said [a-z ]*[A-Z]\w+ [A-Z]\w+"),
        ("X said after a quote", r"[”\"],? [A-Z]\w+ said\."),
        ("split quote", r"[”\"],? (?:he|she) said, [“\"]"),
        ("said that", r"\bsaid that\b"),
        ("according to", r"\b[Aa]ccording to\b"),
        ("participle cue", r", saying\b"),
        ("colon header", r"\bsaid:\n\n[“\"]"),
        ("anonymous source", r"\bA senior official\b"),
        ("organisation speaking", r"The ministry of [\w ]+ said\b"),
        ("it added", r"\bIt added\b"),
        ("book title in quotes", r"for [“\"]The Salt Road[”\"]"),
        ("scare quotes", r"a [“\"]literary breakfast[”\"]"),
    ],
)
def test_demo_corpus_covers_each_construction(articles, construction, pattern):
    assert any(re.search(pattern, article.text) for article in articles), construction


def test_furniture_in_the_demo_corpus_is_marked(articles):
    marked = {
        Path(article.path).name: [article.text[s:e].split("\n")[0] for s, e in article.ignored]
        for article in articles
    }
    assert marked["river-clean-up.txt"] == [
        "Volunteers at Ell Bridge",
        "By Quotes demo staff (fictional)",
    ]
    assert marked["seed-blinken-china-2023-06-19.txt"] == [
        "Anthony Blinken and Wang Yi",
        "Antony Blinken",
        "By Press Association",
    ]
    assert marked["library-hours.html"] == []
