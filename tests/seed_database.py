"""The database of the fact-check tests: the seed article through the real pipeline.

The article carries the title and date its text gives ("19 June 2023, 09:34"), set here
by hand as the corpus reader would.
"""

from __future__ import annotations

from pathlib import Path

from quotes.extract import extract_articles
from quotes.nlp import Engine
from quotes.records import Article
from quotes.store import Store

SEED = Path(__file__).parent / "fixtures" / "seed-blinken-china-2023-06-19.txt"
SEED_TITLE = "Top US diplomat to meet Chinese President in bid to ease tensions"


def seed_article() -> Article:
    return Article(
        id="seed-blinken-china-2023-06-19",
        text=SEED.read_text(encoding="utf-8"),
        title=SEED_TITLE,
        published="2023-06-19",
        path=str(SEED),
    )


def build_seed_database(path: Path, engine: Engine) -> Path:
    with Store(path) as store:
        store.save_many(extract_articles([seed_article()], engine))
    return path
