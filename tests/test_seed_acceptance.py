"""The foundation issue's acceptance list, on the seed article, through the commands."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import SEED

from quotes.cli import cli
from quotes.web.serve import make_datasette


@pytest.fixture(scope="module")
def seed_quotes():
    result = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    return json.loads(line)


def find(article, words):
    matches = [q for q in article["quotes"] if words in q["text"]]
    assert matches, f"no quote containing {words!r}"
    return matches[0]


def test_article_title_and_offsets_round_trip(seed_quotes):
    text = SEED.read_text(encoding="utf-8")
    assert seed_quotes["title"] == "Top US diplomat to meet Chinese President in bid to ease tensions"
    for quote in seed_quotes["quotes"]:
        assert quote["text"] == " ".join(text[s:e] for s, e in quote["content"])
        assert quote["source_text"] == (" ".join(text[s:e] for s, e in quote["source"]) or None)
        assert all(text[s:e] for s, e in quote["cue"])


@pytest.mark.parametrize("words, cue, mention, speaker, kind, qtype", [
    ("coincides with a critical juncture", "said", "China’s ministry of foreign affairs",
     "China’s ministry of foreign affairs", "organization", "mixed"),
    ("America had a responsibility to halt", "said", "It",
     "China’s ministry of foreign affairs", "organization", None),
    ("we are communicating as clearly as possible", "said", "Mr Blinken", "Antony Blinken",
     "person", None),
    ("he hoped to be able to meet with Mr Xi in the coming months", "said", "Mr Biden",
     "Joe Biden", "person", "indirect"),
    ("benefit our two countries", "saying", "Mr Xi", "Xi Jinping", "person", None),
    ("Mr Blinken met earlier on Monday with China’s top diplomat Wang Yi for about three hours",
     "according to", "a US official", None, "anonymous", None),
])
def test_acceptance_list(seed_quotes, words, cue, mention, speaker, kind, qtype):
    text = SEED.read_text(encoding="utf-8")
    quote = find(seed_quotes, words)
    assert " ".join(text[s:e] for s, e in quote["cue"]) == cue
    assert quote["source_text"] == mention
    if speaker:
        assert quote["speaker"] == speaker
    assert quote["speaker_kind"] == kind
    if qtype:
        assert quote["type"] == qtype


def test_no_quote_from_the_latest_news_list(seed_quotes):
    text = SEED.read_text(encoding="utf-8")
    furniture_start = text.index("Latest World News")
    assert all(s < furniture_start for q in seed_quotes["quotes"] for s, _ in q["content"])


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "quotes.db"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["ingest", str(SEED), "--db", str(path), "--force"])
        assert result.exit_code == 0, result.output
    return path


def counts(path):
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("articles", "quotes", "speakers", "aliases")}


def test_ingesting_twice_keeps_the_same_rows(seed_db):
    before = counts(seed_db)
    result = CliRunner().invoke(cli, ["ingest", str(SEED), "--db", str(seed_db), "--force"])
    assert result.exit_code == 0, result.output
    assert counts(seed_db) == before
    assert before["articles"] == 1 and before["quotes"] >= 6


def test_served_database_answers_and_searches(seed_db):
    datasette = make_datasette(str(seed_db))

    def get(path):
        response = asyncio.run(datasette.client.get(path))
        assert response.status_code == 200, path
        return response

    get("/")
    get("/quotes/quotes")
    rows = get("/quotes/quotes.json?_search=juncture&_shape=array").json()
    assert len(rows) == 1
    assert "coincides with a critical juncture" in rows[0]["text"]
    with sqlite3.connect(seed_db) as db:
        name = db.execute("select name from speakers where id = ?", [rows[0]["speaker_id"]]).fetchone()[0]
    assert name == "China’s ministry of foreign affairs"
