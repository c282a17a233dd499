"""`quotes check`: look claimed words up, label the matches, give a verdict on the speaker.

The acceptance tests run on the seed article extracted by the real pipeline (spaCy);
the rest on small hand-built databases.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from older_databases import database_at
from sample_records import at, blinken, ministry_article, talks_article
from seed_database import SEED_TITLE, build_seed_database, seed_article

from quotes.cli import cli
from quotes.factcheck import CheckError, check_claim, open_database, search
from quotes.factcheck.check import sentence_around
from quotes.factcheck.names import names_match
from quotes.factcheck.worddiff import Words, align, diff, render
from quotes.normalize import normalize
from quotes.records import Article, Quote, Speaker
from quotes.store import schema
from quotes.store.database import Store

REPO = Path(__file__).resolve().parent.parent
HYPING = "stop hyping up the China threat theory"
BENEFIT = "benefit our two countries"
COMMUNICATING = "we are communicating as clearly as possible to avoid misunderstandings"
MINISTRY = "China\u2019s ministry of foreign affairs"


@pytest.fixture(scope="session")
def seed_db(engine, tmp_path_factory) -> str:
    return str(build_seed_database(tmp_path_factory.mktemp("check") / "seed.db", engine))


def run_check(db: str, *args: str):
    """`quotes check ARGS --db DB` in process: (exit code, stdout)."""
    result = CliRunner().invoke(cli, ["check", *args, "--db", db])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def check_json(db: str, *args: str) -> dict:
    _, output = run_check(db, *args, "--json")
    return json.loads(output)


# Acceptance, on the seed article


def test_fragment_of_wang_yis_demand(seed_db: str):
    code, text = run_check(seed_db, HYPING)
    assert code == 0
    assert "FOUND: the words are Wang Yi's" in text
    assert "1. fragment" in text
    assert "19 June 2023" in text
    top = check_json(seed_db, HYPING)["matches"][0]
    assert (top["label"], top["speaker"]["name"]) == ("fragment", "Wang Yi")
    assert top["article"] == {
        "id": seed_article().id,
        "title": SEED_TITLE,
        "publisher": None,
        "url": None,
        "published": "2023-06-19",
    }
    assert "‘China threat theory’" in top["text"]
    assert top["context"].startswith("It said America had a responsibility")


def test_wang_yis_demand_is_reported_by_the_ministry(seed_db: str):
    top = check_json(seed_db, HYPING)["matches"][0]
    assert top["speaker"]["name"] == "Wang Yi"
    assert top["reported_by"]["name"] == MINISTRY
    assert f"reported by {MINISTRY}" in run_check(seed_db, HYPING)[1]


def test_words_of_xi_jinping_misattributed_to_joe_biden(seed_db: str):
    code, text = run_check(seed_db, BENEFIT, "--speaker", "Joe Biden")
    assert code == 1
    assert "MISATTRIBUTED: the words are Xi Jinping's" in text
    result = check_json(seed_db, BENEFIT, "--speaker", "Joe Biden")
    assert result["verdict"] == "misattributed"
    assert result["matches"][0]["speaker"]["name"] == "Xi Jinping"


def test_blinkens_words_altered_with_a_word_diff(seed_db: str):
    code, text = run_check(seed_db, COMMUNICATING)
    assert code == 0
    assert "1. altered" in text
    assert "Antony Blinken (person, secretary of state, US)" in text
    assert "to avoid [-possible-] misunderstandings" in text
    top = check_json(seed_db, COMMUNICATING)["matches"][0]
    assert top["label"] == "altered"
    assert top["speaker"]["name"] == "Antony Blinken"
    assert top["diff"] == [
        ["=", "we are communicating as clearly as possible to avoid"],
        ["-", "possible"],
        ["=", "misunderstandings"],
    ]


def test_words_nobody_said_are_not_found(seed_db: str):
    code, text = run_check(seed_db, "the moon is made of cheese")
    assert code == 1
    assert text.startswith("Claim: \u201cthe moon is made of cheese\u201d\nNOT FOUND:")
    assert check_json(seed_db, "the moon is made of cheese")["matches"] == []


# How claims are matched


@pytest.mark.parametrize(
    "claim, label, speaker",
    [
        ("Stop hyping up the 'China threat theory'!", "fragment", "Wang Yi"),
        ("STOP HYPING UP THE \u201cCHINA THREAT THEORY\u201d", "fragment", "Wang Yi"),
        ("China can cooperate to benefit our two countries", "fragment", "Xi Jinping"),
        ("the United States and China can cooperate to \u201cbenefit our two countries\u201d",
         "exact", "Xi Jinping"),
        ("stop hyping up the China danger theory", "altered", "Wang Yi"),
        ("stop hypeing up the China threat theory", "altered", "Wang Yi"),
        ("lift the illegal sanctions against China", "altered", "Wang Yi"),
        ("sanctions against China are illegal, says the ministry", "related", "Wang Yi"),
        ("the China threat theory is hyped, the ministry said", "related", "Wang Yi"),
    ],
)
def test_labels(seed_db: str, claim: str, label: str, speaker: str):
    top = check_json(seed_db, claim)["matches"][0]
    assert (top["label"], top["speaker"]["name"]) == (label, speaker)


def test_a_changed_word_shows_in_the_diff(seed_db: str):
    top = check_json(seed_db, "stop hyping up the China danger theory")["matches"][0]
    assert top["diff"] == [
        ["=", "stop hyping up the ‘China"], ["-", "threat"], ["+", "danger"], ["=", "theory"]
    ]


def test_related_quotes_alone_are_not_found(seed_db: str):
    claim = "sanctions against China are illegal, says the ministry"
    result = check_json(seed_db, claim)
    assert {match["label"] for match in result["matches"]} == {"related"}
    assert (result["verdict"], result["explanation"]) == (
        "not found", "no stored quote holds these words (some quotes share its key words)"
    )
    assert run_check(seed_db, claim)[0] == 1


WANG_YIS = f"the words are Wang Yi's (reported by {MINISTRY})"


@pytest.mark.parametrize(
    "speaker, verdict, explanation",
    [
        ("Wang Yi", "attributed", WANG_YIS),
        ("Wang", "attributed", WANG_YIS),
        ("Foreign Minister Wang Yi", "attributed", WANG_YIS),
        ("China's foreign ministry", "misattributed", WANG_YIS),
        ("Antony Blinken", "misattributed", WANG_YIS),
    ],
)
def test_verdict_on_a_nested_report(seed_db: str, speaker: str, verdict: str, explanation: str):
    result = check_json(seed_db, HYPING, "--speaker", speaker)
    assert (result["verdict"], result["explanation"]) == (verdict, explanation)
    assert result["matches"][0]["speaker"]["name"] == "Wang Yi"


@pytest.mark.parametrize("speaker", ["Xi Jinping", "President Xi", "Mr Xi", "xi jinping"])
def test_attributed_by_name_or_alias(seed_db: str, speaker: str):
    code, text = run_check(seed_db, BENEFIT, "--speaker", speaker)
    assert code == 0
    assert "ATTRIBUTED: the words are Xi Jinping's" in text


def test_limit_and_json_shape(seed_db: str):
    result = check_json(seed_db, HYPING, "--limit", "1")
    assert len(result["matches"]) == 1
    match = result["matches"][0]
    assert set(match) >= {
        "label", "score", "quote_id", "text", "type", "cue", "confidence", "speaker",
        "reported_by", "article", "context", "diff", "carriers", "reports",
    }
    assert match["cue"] == "demanded"
    assert 0 < match["confidence"] <= 1
    assert match["carriers"]["count"] == 1
    assert match["carriers"]["earliest"]["published"] == "2023-06-19"


def test_the_reporting_quote_ranks_after_the_words_it_reports(seed_db: str):
    first, second = check_json(seed_db, HYPING)["matches"][:2]
    assert second["speaker"]["name"] == MINISTRY
    assert second["reports"] == first["quote_id"]


def test_command_does_not_import_the_nlp_stack(seed_db: str):
    code = (
        "import sys; from quotes.cli import cli\n"
        "try: cli(['check', sys.argv[1], '--db', sys.argv[2]])\n"
        "except SystemExit as done: code = done.code\n"
        "heavy = [m for m in ('spacy', 'stanza', 'torch', 'sqlite_utils') if m in sys.modules]\n"
        "print('exit', code, 'heavy', heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code, BENEFIT, seed_db], capture_output=True,
                          text=True, env=env, cwd=REPO, check=False)
    assert done.stdout.splitlines()[-1] == "exit 0 heavy []", done.stderr


def test_exit_status_of_the_real_command(seed_db: str):
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def status(*args: str) -> int:
        command = [sys.executable, "-m", "quotes", "check", *args, "--db", seed_db]
        return subprocess.run(command, capture_output=True, env=env, cwd=REPO, check=False).returncode

    assert status(HYPING) == 0
    assert status("the moon is made of cheese") == 1
    assert status("!!!") == 2


# ClaimReview


def test_claimreview_of_a_found_claim(seed_db: str):
    _code, output = run_check(seed_db, BENEFIT, "--speaker", "Joe Biden", "--format", "claimreview")
    review = json.loads(output)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Joe Biden said: \u201cbenefit our two countries\u201d"
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Xi Jinping", "jobTitle": "President"}
    assert claim["datePublished"] == "2023-06-19"
    assert claim["firstAppearance"]["headline"] == SEED_TITLE
    assert "reviewRating" not in review


def test_claimreview_of_an_unknown_claim(seed_db: str):
    code, output = run_check(seed_db, "the moon is made of cheese", "--format", "claimreview")
    assert code == 1
    assert json.loads(output)["itemReviewed"] == {"@type": "Claim"}


# Hand-built databases: reporters, several articles, no speaker


def two_articles_with_the_same_words() -> list[tuple[Article, list[Quote]]]:
    """The same sentence by Ada Example in two articles, the later one first."""
    items = []
    for number, published in ((1, "2024-03-02"), (2, "2024-02-01")):
        text = f"Ada Example said: \u201cThe bridge will open in May.\u201d Story {number}."
        quote = Quote("direct", [at(text, "The bridge will open in May.")], [at(text, "said")],
                      "say", [at(text, "Ada Example")], "test", 0.9,
                      speaker=Speaker("Ada Example", "person", role="mayor"))
        items.append((Article(f"bridge-{number}", text, title=f"Bridge story {number}",
                              url=f"https://example.org/bridge-{number}",
                              publisher="Example Times", published=published), [quote]))
    return items


@pytest.fixture
def hand_db(tmp_path: Path) -> str:
    path = tmp_path / "hand.db"
    with Store(path) as store:
        store.save_many([talks_article(), ministry_article(), *two_articles_with_the_same_words()])
    return str(path)


def test_stored_reporter_is_given(hand_db: str):
    result = check_json(hand_db, "the US stop interfering in its affairs")
    top = result["matches"][0]
    assert (top["label"], top["speaker"]["name"]) == ("exact", "Wang Yi")
    assert top["reported_by"]["name"] == "China's foreign ministry"
    assert result["explanation"] == "the words are Wang Yi's (reported by China's foreign ministry)"
    text = run_check(hand_db, "stop interfering in its affairs")[1]
    wang = "Wang Yi (person, foreign minister, China)"
    assert f"{wang} · reported by China's foreign ministry" in text


def test_reporter_named_as_speaker(hand_db: str):
    result = check_json(hand_db, "stop interfering", "--speaker", "the foreign ministry")
    assert result["verdict"] == "misattributed"
    assert result["explanation"] == "the words are Wang Yi's (reported by China's foreign ministry)"


def test_quote_holding_another_speakers_quote_reports_it(tmp_path: Path):
    """No reporter stored, but the ministry's quote holds Wang Yi's: it reports them."""
    text = "The ministry said Wang had \u201cdemanded that the US stop interfering\u201d."
    reported = "Wang had \u201cdemanded that the US stop interfering\u201d"
    ministry_quote = Quote("mixed", [at(text, reported)], [at(text, "said")], "say",
                           [at(text, "The ministry")], "t", 0.9,
                           speaker=Speaker("China's foreign ministry", "organization"))
    wang_quote = Quote("direct", [at(text, "that the US stop interfering")], [at(text, "demanded")],
                       "demand", [at(text, "Wang")], "t", 0.9, speaker=Speaker("Wang Yi", "person"))
    with Store(tmp_path / "q.db") as store:
        store.save(Article("nested", text), [ministry_quote, wang_quote])
    result = check_json(str(tmp_path / "q.db"), "the US stop interfering",
                        "--speaker", "the ministry")
    assert (result["verdict"], result["explanation"]) == (
        "misattributed", "the words are Wang Yi's; China's foreign ministry reported them"
    )
    first, second = result["matches"]
    assert (first["speaker"]["name"], second["reports"]) == ("Wang Yi", first["quote_id"])


def test_articles_carrying_the_same_words_and_the_earliest(hand_db: str):
    result = check_json(hand_db, "the bridge will open in may")
    assert [match["label"] for match in result["matches"]] == ["exact", "exact"]
    assert result["matches"][0]["article"]["id"] == "bridge-2"  # the earliest first
    carriers = result["matches"][0]["carriers"]
    assert carriers["count"] == 2
    assert carriers["earliest"]["url"] == "https://example.org/bridge-2"
    text = run_check(hand_db, "the bridge will open in may")[1]
    assert "this quote is in 2 articles; first: 1 February 2024, Bridge story 2, Example Times" in text
    review = json.loads(run_check(hand_db, "bridge will open", "--format", "claimreview")[1])
    claim = review["itemReviewed"]
    assert claim["author"] == {"@type": "Person", "name": "Ada Example", "jobTitle": "mayor"}
    assert claim["datePublished"] == "2024-02-01"
    assert claim["firstAppearance"]["url"] == "https://example.org/bridge-2"
    assert [work["url"] for work in claim["appearance"]] == [
        "https://example.org/bridge-2", "https://example.org/bridge-1"
    ]
    publisher = {"@type": "Organization", "name": "Example Times"}
    assert claim["firstAppearance"]["publisher"] == publisher


def test_words_stored_without_a_speaker(tmp_path: Path):
    text = "\u201cNobody knows who wrote this line,\u201d the caption read."
    quote = Quote("direct", [at(text, "Nobody knows who wrote this line,")], [], None, [], "t", 0.5)
    with Store(tmp_path / "q.db") as store:
        store.save(Article("caption", text), [quote])
    code, output = run_check(str(tmp_path / "q.db"), "nobody knows who wrote this line",
                             "--speaker", "Ada Example")
    assert code == 1
    assert "UNATTRIBUTED: the words are in the database, but who said them is not known" in output
    assert "speaker unknown" in output


PEACE_TALKS = [
    "Talks on peace in the region failed.",
    "The region wants peace, not more talks.",
    "Peace talks for the region are years away.",
    "The peace talks in the region resumed.",
]


@pytest.fixture
def peace_db(tmp_path: Path) -> str:
    """Four quotes with the same key words; only the last says "peace talks in the region"."""
    path = tmp_path / "peace.db"
    with Store(path) as store:
        for number, sentence in enumerate(PEACE_TALKS):
            text = f"Ada Example said: \u201c{sentence}\u201d"
            quote = Quote("direct", [at(text, sentence)], [at(text, "said")], "say",
                          [at(text, "Ada Example")], "test", 0.9, speaker=Speaker("Ada Example"))
            store.save(Article(f"peace-{number}", text, published="2024-01-01"), [quote])
    return str(path)


@pytest.mark.parametrize(
    "claim, label",
    [
        ("peace talks in the region", "fragment"),  # found by the phrase
        ("peace talks in the region stalled", "altered"),  # by its first half
    ],
)
def test_too_many_quotes_hold_the_key_words(peace_db: str, monkeypatch, claim: str, label: str):
    """With room for two candidates, searching by key words brings back the first two
    quotes; the quote is found by the claim as written, or one half of it."""
    monkeypatch.setattr(search, "CANDIDATES", 2)
    result = check_claim(open_database(peace_db), claim)
    assert (result.matches[0].label, result.matches[0].text) == (label, PEACE_TALKS[3])


def test_quotes_stored_without_normalized_text(hand_db: str):
    """Rows written by another tool may lack `normalized`: they are still found."""
    conn = sqlite3.connect(hand_db)
    conn.execute("UPDATE quotes SET normalized = NULL")
    conn.commit()
    result = check_claim(open_database(hand_db), "we are at a critical moment and we must keep talking")
    assert [match.label for match in result.matches] == ["exact"]
    assert result.matches[0].carriers.count == 1


# Errors: one line, exit status 2


@pytest.mark.parametrize(
    "claim, message",
    [
        ("", "Error: the claim has no words to look up"),
        ("\u201c \u2014 \u201d", "Error: the claim has no words to look up"),
        ("word " * 201, "Error: the claim has 201 words; look up at most 200 (a sentence or two)"),
    ],
)
def test_claims_that_cannot_be_looked_up(hand_db: str, claim: str, message: str):
    result = CliRunner().invoke(cli, ["check", claim, "--db", hand_db])
    assert (result.exit_code, result.stderr.strip()) == (2, message)


@pytest.mark.parametrize(
    "prepare, message",
    [
        (lambda path: None, "no such database; run `quotes ingest` first to create it"),
        (lambda path: path.write_bytes(b"not a database at all" * 100), "is not a SQLite database"),
        (lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)"),
         "is a SQLite database but not a quotes database"),
    ],
)
def test_databases_that_cannot_be_used(tmp_path: Path, prepare, message: str):
    path = tmp_path / "q.db"
    prepare(path)
    result = CliRunner().invoke(cli, ["check", "anything", "--db", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_damaged_search_index(hand_db: str):
    conn = sqlite3.connect(hand_db)
    conn.execute("DROP TABLE quotes_fts")
    conn.commit()
    result = CliRunner().invoke(cli, ["check", "critical moment", "--db", hand_db])
    assert result.exit_code == 2
    assert result.stderr == "Error: the database could not be read: no such table: quotes_fts\n"


def test_check_on_a_connection_without_the_column(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "old.db")
    schema.create_v1(conn)
    with pytest.raises(CheckError, match="predates `quotes check`"):
        check_claim(conn, "anything")


# The index: `quotes.normalized`, filled on every save and by the migration


def normalized_column(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    return conn.execute("SELECT text, normalized FROM quotes ORDER BY id").fetchall()


def test_normalized_text_is_saved_and_replaced(tmp_path: Path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.save(*talks_article())
        assert normalized_column(path)[0] == (
            "We are at a critical moment, and we must keep talking.",
            "we are at a critical moment and we must keep talking",
        )
        article, quotes = ministry_article()
        store.save(article, quotes)
        store.save(article, quotes[1:])  # re-saving replaces the quotes
    assert [row[1] for row in normalized_column(path)] == [
        "we are at a critical moment and we must keep talking",
        "both sides wanted to stabilise relations",
        "the junctures ahead would test both countries",
    ]


def test_older_database_is_upgraded_on_first_check(tmp_path: Path):
    before_check = schema.MIGRATIONS.index(schema.add_normalized_text)
    path = database_at(tmp_path / "v1.db", before_check, talks_article())
    code, output = run_check(str(path), "a critical moment")
    assert code == 0 and "1. fragment" in output
    assert normalized_column(path)[1][1] == "both sides wanted to stabilise relations"
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.SCHEMA_VERSION


def test_open_database_is_read_only(hand_db: str):
    conn = open_database(hand_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM quotes")


# The helpers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Stop hyping up the \u2018China threat theory\u2019!",
         "stop hyping up the china threat theory"),
        ("China\u2019s \u201cerroneous\u201d perception", "china s erroneous perception"),
        ("China's 'erroneous' perception", "china s erroneous perception"),
        ("China-US relations \u2014 a \u201clow point\u201d", "china us relations a low point"),
        ("Yair L\u00e1pid met Stra\u00dfe officials", "yair lapid met strasse officials"),
        ("Yair La\u0301pid", "yair lapid"),
        ("\ufb01ve \u00bd-day talks \U0001f91d", "five 1 2 day talks"),
        ("snake_case and 1,000 people", "snake case and 1 000 people"),
        ("  \n\u201c \u201d ", ""),
    ],
)
def test_normalize(text: str, expected: str):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "stored, claim, expected, similarity",
    [
        ("We must keep talking, he said.", "we must keep talking", "We must keep talking", 1.0),
        ("to avoid possible misunderstandings and miscommunications",
         "to avoid misunderstandings", "to avoid [-possible-] misunderstandings", 6 / 7),
        ("the China threat theory", "the China danger theory",
         "the China [-threat-] {+danger+} theory", 0.75),
        ("keep talking", "we must keep talking now", "{+we must+} keep talking {+now+}", 4 / 7),
        ("\u201cWe are at a critical moment,\u201d Mr Blinken said",
         "We are at a crucial moment", "We are at a [-critical-] {+crucial+} moment", 10 / 12),
        (("that the US stop hyping up the ‘China threat theory’, lift illegal unilateral"
         " sanctions against China"), "lift the illegal sanctions against China",
         "lift {+the+} illegal [-unilateral-] sanctions against China", 10 / 12),
    ],
)
def test_word_diff(stored: str, claim: str, expected: str, similarity: float):
    stored_words, claim_words = Words.of(stored), Words.of(claim)
    alignment = align(stored_words.normalized, claim_words.normalized)
    assert render(diff(alignment, stored_words, claim_words)) == expected
    assert alignment.similarity == pytest.approx(similarity)


def test_word_diff_of_unrelated_words():
    assert align(["the", "moon"], ["cheese"]) is None


@pytest.mark.parametrize(
    "claimed, name, aliases, expected",
    [
        ("Joe Biden", "Joe Biden", ["Mr Biden"], True),
        ("President Biden", "Joe Biden", ["Mr Biden"], True),
        ("biden", "Joe Biden", [], True),
        ("President Joe Biden", "Joe Biden", [], True),
        ("Jill Biden", "Joe Biden", ["Mr Biden"], False),
        ("Joe Biden", "Xi Jinping", ["Mr Xi"], False),
        ("Anthony Blinken", "Antony Blinken", [], True),
        ("Wang Wenbin", "Wang Yi", ["Wang"], False),
        ("China's foreign ministry", "China\u2019s ministry of foreign affairs", [], True),
        ("the ministry", "China\u2019s ministry of foreign affairs", [], True),
        ("Mr", "Joe Biden", [], False),
    ],
)
def test_names_match(claimed: str, name: str, aliases: list[str], expected: bool):
    assert names_match(claimed, name, aliases) is expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        ("First one. He said it was fine. Then more.", "it was fine", "He said it was fine."),
        ("\u201cIt was fine.\u201d He left. Later.", "It was fine.", "\u201cIt was fine.\u201d"),
        ("Intro line\nMr X said \u201cyes\u201d, and left.\nNext", "yes",
         "Mr X said \u201cyes\u201d, and left."),
        ("no boundary at all here", "boundary", "no boundary at all here"),
        ("The U.S. said no. Fine.", "no", "The U.S. said no."),
    ],
)
def test_sentence_around(text: str, quote: str, expected: str):
    start = text.index(quote)
    begin, end = sentence_around(text, start, start + len(quote))
    assert text[begin:end] == expected


# Summaries: what a speech was about is not the speaker's words


SUMMARY_TEXT = "Mr Blinken pressed Beijing for the release of detained American citizens on Monday."


@pytest.fixture()
def summary_db(tmp_path) -> str:
    text = SUMMARY_TEXT
    article = Article(id="pressed", text=text, title="Blinken presses Beijing", published="2023-06-19")
    summary = Quote(type="summary", content=[at(text, "Beijing for the release of detained American citizens")],
                    cue=[at(text, "pressed")], cue_lemma="press", source=[at(text, "Mr Blinken")],
                    rule="verb-object", confidence=0.6, speaker=blinken())
    path = tmp_path / "summary.db"
    with Store(path) as store:
        store.save_many([(article, [summary]), talks_article()])
    return str(path)


def test_a_check_leaves_summaries_out(summary_db: str):
    code, output = run_check(summary_db, "release of detained American citizens")
    assert code == 1
    assert "NOT FOUND" in output


def test_types_option_includes_summaries(summary_db: str):
    result = check_json(summary_db, "release of detained American citizens", "--types",
                        "direct,indirect,mixed,summary")
    assert result["verdict"] == "found"
    assert [m["type"] for m in result["matches"]] == ["summary"]


def test_types_option_narrows_to_direct_quotes(summary_db: str):
    assert check_json(summary_db, "both sides wanted to stabilise relations")["verdict"] == "found"
    result = check_json(summary_db, "both sides wanted to stabilise relations", "--types", "direct")
    assert result["verdict"] == "not found"


def test_an_unknown_type_is_a_one_line_error(summary_db: str):
    result = CliRunner().invoke(cli, ["check", "release of citizens", "--types", "paraphrase", "--db", summary_db])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: unknown quote type paraphrase; the types are direct, indirect, mixed, summary"]
