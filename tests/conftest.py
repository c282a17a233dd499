"""Shared fixtures: one spaCy engine per test session, and the bundled seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-blinken-china-2023-06-19.txt"


@pytest.fixture(scope="session")
def engine():
    from quotes.nlp import load_engine

    return load_engine("spacy")


@pytest.fixture(scope="session")
def extract(engine):
    """extract(text) -> list of quote dicts as `quotes extract` prints them."""
    from quotes.extract import article_json, extract_articles
    from quotes.records import Article

    def run(text: str, ignored=()) -> list[dict]:
        article = Article("test", text, ignored=list(ignored))
        [(article, quotes)] = list(extract_articles([article], engine))
        return article_json(article, quotes)["quotes"]

    return run
