"""The database of the fact-check tests: the seed article through the real pipeline,
read by the corpus reader (title, date "19 June 2023, 09:34", page furniture) and
extracted with the engine the tests share."""

from __future__ import annotations

from pathlib import Path

from quotes.nlp import Engine
from quotes.pipeline.extract import extract_articles
from quotes.reading.corpus import read_articles
from quotes.records import Article
from quotes.store.database import Store

SEED = Path(__file__).parent / "fixtures" / "seed-blinken-china-2023-06-19.txt"
SEED_TITLE = "Top US diplomat to meet Chinese President in bid to ease tensions"


def seed_article() -> Article:
    [article] = read_articles([str(SEED)])
    assert isinstance(article, Article), article
    return article


def build_seed_database(path: Path, engine: Engine) -> Path:
    with Store(path) as store:
        store.save_many(extract_articles([seed_article()], engine))
    return path
