"""Verdicts that hold: a claim needs distinctive words, close wording alone is not a match,
possessives are written right, and each match says how far its own quote spread. The same
rules answer `quotes check` and `/-/check.json`."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from sample_records import at

from quotes.cli import cli
from quotes.factcheck import check_claim, open_database
from quotes.factcheck.verdict import distinctive_words, possessive, too_short
from quotes.normalize import words
from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store
from quotes.web.serve import make_datasette

FIGHT = "We will never give up on the fight, and we are going to win it."
DAM = "The dam on the river will be finished before the floods."
SUPPORTERS = "We are going to keep the promise we made to the supporters."


def quoted(article_id: str, sentence: str, speaker: Speaker, published: str) -> tuple[Article, list[Quote]]:
    text = f"{speaker.name} said: \u201c{sentence}\u201d"
    quote = Quote("direct", [at(text, sentence)], [at(text, "said")], "say",
                  [at(text, speaker.name)], "test", 0.9, speaker=speaker)
    return Article(article_id, text, title=f"Story {article_id}", publisher="Example Times",
                   published=published, url=f"https://example.org/{article_id}"), [quote]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("verdicts") / "quotes.db"
    reporters = Speaker("the reporters", "group")
    mayor = Speaker("Ada Example", "person", role="mayor")
    with Store(path) as store:
        store.save_many([
            quoted("fight", FIGHT, reporters, "2024-01-05"),
            quoted("dam-1", DAM, mayor, "2024-02-01"),
            quoted("dam-2", DAM, mayor, "2024-03-01"),
            quoted("dam-3", "The dam on the river will be late.", Speaker("Bo Example", "person"), "2024-01-01"),
            quoted("supporters", SUPPORTERS, Speaker("Wang Yi", "person"), "2024-04-01"),
        ])
    return str(path)


def cli_result(db_path: str, claim: str, *args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["check", claim, "--db", db_path, "--json", *args])
    return result.exit_code, json.loads(result.stdout)


def web_result(db_path: str, claim: str) -> dict:
    datasette = make_datasette(db_path)
    response = asyncio.run(datasette.client.get("/-/check.json", params={"claim": claim}))
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("claim", ["the", "and not", "OR AND NOT", "we are going", "I never said that", "NEAR"])
def test_claims_of_common_words_alone_are_too_short_to_check(db_path: str, claim: str):
    code, result = cli_result(db_path, claim)
    assert (code, result["verdict"], result["matches"]) == (1, "too short to check", [])
    assert "only common words" in result["explanation"]
    web = web_result(db_path, claim)
    assert (web["verdict"], web["explanation"]) == (result["verdict"], result["explanation"])


def test_a_long_claim_of_common_words_is_still_checked(db_path: str):
    claim = "we are going to keep the"
    assert not distinctive_words(words(claim)) and not too_short(words(claim))
    code, result = cli_result(db_path, claim)
    assert (code, result["verdict"]) == (0, "found")
    assert result["matches"][0]["label"] == "fragment"


def test_close_wording_sharing_only_common_words_is_not_found(db_path: str):
    """"the fight" changed to "the farmers": the wording is close, but the one distinctive
    word of the claim is in no quote."""
    claim = "we will never give up on the farmers"
    code, result = cli_result(db_path, claim)
    assert result["matches"] and result["matches"][0]["label"] == "altered"
    assert (code, result["verdict"]) == (1, "not found")
    assert "share too few of its distinctive words" in result["explanation"]
    assert web_result(db_path, claim)["verdict"] == "not found"


def test_close_wording_sharing_the_distinctive_words_is_found(db_path: str):
    code, result = cli_result(db_path, "the dam on the river will be finished before the rains")
    assert (code, result["verdict"]) == (0, "found")
    assert result["matches"][0]["label"] == "altered"
    assert result["explanation"] == "similar words are Ada Example's"


@pytest.mark.parametrize(
    "name, expected",
    [("Wang Yi", "Wang Yi's"), ("the reporters", "the reporters'"), ("Reuters", "Reuters'"),
     ("China's foreign ministry", "China's foreign ministry's")],
)  # fmt: skip
def test_possessives(name: str, expected: str):
    assert possessive(name) == expected


def test_the_explanation_writes_the_possessive_right(db_path: str):
    _, result = cli_result(db_path, "never give up on the fight")
    assert result["explanation"] == "the words are the reporters'"
    text = CliRunner().invoke(cli, ["check", "never give up on the fight", "--db", db_path]).stdout
    assert "reporters's" not in text


def test_the_spread_line_is_each_quotes_own(db_path: str):
    """The claim is in two different quotes: one printed in two articles, one in one."""
    result = check_claim(open_database(db_path), "the dam on the river")
    spread = {match.article.id: (match.carriers.count, match.carriers.earliest.id) for match in result.matches}
    assert spread == {"dam-1": (2, "dam-1"), "dam-2": (2, "dam-1"), "dam-3": (1, "dam-3")}
    text = CliRunner().invoke(cli, ["check", "the dam on the river", "--db", db_path]).stdout
    assert "this quote is in 2 articles; first: 1 February 2024, Story dam-1, Example Times" in text
    assert "this quote is in no other article" in text


def test_the_check_page_shows_the_same_verdict(db_path: str):
    datasette = make_datasette(db_path)
    html = asyncio.run(datasette.client.get("/-/check", params={"claim": "and not"})).text
    assert "Too short to check" in html
    assert '<li class="check-match">' not in html

