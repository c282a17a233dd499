"""A corpus of fictional articles for the ingest tests, and engine loaders that worker
processes can import (they are found by module name, so they live here, not in a test).

Every article names its speaker, quotes them directly and reports them once, so the
spaCy engine finds quotes in each; every one differs in names, places and numbers, so
none is a duplicate of another.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from quotes.nlp import Document, Engine, EngineUnavailable
from quotes.pipeline.batches import EngineSpec

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Edith", "Farid", "Greta", "Hugo", "Iris", "Jonas"]
LAST = ["Ruiz", "Okafor", "Lindqvist", "Patel", "Moreau", "Haddad", "Novak", "Brennan"]
PLACES = ["Port Ellery", "Merrow", "Aldwick", "Fenmouth", "Castlebay", "Dunmore"]
THINGS = ["bridge", "library", "ferry terminal", "swimming pool", "market hall", "tram line"]

CRASH = "SEGFAULT-HERE"
"""An article containing this kills the worker process that parses it (see `crashing`)."""


def article(number: int) -> dict:
    """A short fictional news article, different for every `number`."""
    name = f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"
    surname = name.split()[1]
    place = PLACES[number % len(PLACES)]
    thing = THINGS[number % len(THINGS)]
    cost = 2 + number * 3
    text = (
        f"{place} council voted on Tuesday to rebuild the {thing}, closed since the floods "
        f"of {1990 + number % 30}.\n\n"
        f"\u201cWe have waited long enough for this {thing},\u201d said council leader {name}. "
        f"\u201cWork starts in the spring and will cost about {cost} million pounds.\u201d\n\n"
        f"{surname} said the council had borrowed {cost // 2} million pounds for the work. "
        f"Residents of {place} told reporters that the old {thing} had been part of the "
        f"town for {40 + number} years.\n\n"
        f"According to the council, the new {thing} should open in {2026 + number % 4}."
    )
    return {"id": f"article-{number:03d}", "title": f"{place} to rebuild its {thing}",
            "url": f"https://gazette.example/{number:03d}/{thing.replace(' ', '-')}",
            "text": text}


def write_corpus(path: Path, count: int, extra: Iterable[dict] = ()) -> Path:
    """`count` articles (and `extra` ones) as JSON Lines at `path`."""
    with path.open("w", encoding="utf-8") as file:
        for item in [*(article(n) for n in range(count)), *extra]:
            file.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


class Crashing(Engine):
    """The spaCy engine, except that the process dies on a text containing `CRASH`, as a
    worker does when the kernel kills it for memory."""

    name = "crashing"

    def __init__(self) -> None:
        self.engine = EngineSpec("spacy")()

    def parse(self, texts: Iterable[str]) -> Iterator[Document]:
        def checked() -> Iterator[str]:
            for text in texts:
                if CRASH in text:
                    os._exit(9)
                yield text

        return self.engine.parse(checked())


def crashing() -> Engine:
    return Crashing()


def unavailable() -> Engine:
    raise EngineUnavailable("the test model is not installed: pip install test-model")


def table(db, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def snapshot(db) -> dict:
    """Everything a user sees in the database, without row ids and timestamps."""
    return {
        "articles": table(db, "SELECT id, title, quote_count, content_hash FROM articles"
                              " ORDER BY id"),
        "quotes": table(db, "SELECT article_id, text, type, start, \"end\", cue_lemma,"
                            " source_text FROM quotes ORDER BY article_id, start, \"end\""),
        "speakers": table(db, "SELECT name, kind, quote_count, article_count FROM speakers"
                              " ORDER BY key"),
    }


def check_whole(db) -> None:
    """Assert that every stored article is stored whole: its quotes, their speakers'
    counts and the search indexes agree with it."""
    assert table(db, "PRAGMA integrity_check") == [("ok",)]
    assert table(db, "SELECT id FROM articles WHERE quote_count !="
                     " (SELECT count(*) FROM quotes WHERE article_id = articles.id)") == []
    assert table(db, "SELECT id FROM speakers WHERE quote_count !="
                     " (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id)") == []
    for index in ("quotes_fts", "articles_fts"):
        table(db, f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
