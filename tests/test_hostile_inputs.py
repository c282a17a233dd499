"""Hostile input, in process (issue 17): runs of punctuation, articles too long or too
slow, nested quotes without full stops, named pipes and devices, documentation in a
folder, duplicate ids, malformed gold, speakers without letters, aliases that depended
on batch boundaries. The command-line cases (signals, full disks, read-only media) are
in test_hostile_commands.py."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time

import pytest
from click.testing import CliRunner
from ingest_helpers import article, write_corpus
from ingest_helpers import table as rows
from sample_records import at

from quotes.cli import cli
from quotes.evaluation import GoldError, read_gold, read_predictions
from quotes.limits import MAX_CHARS
from quotes.nlp.base import Engine
from quotes.nlp.chunks import MAX_PUNCTUATION_RUN, MAX_SENTENCE_TOKENS, cut_punctuation_runs
from quotes.nlp.document import Document, Sentence, Token
from quotes.pipeline import batches
from quotes.pipeline.batches import extract_each
from quotes.pipeline.extract import extract_articles, parse_pieces
from quotes.pipeline.ingesting import SAME_ID, ingest
from quotes.pipeline.parallel import InProcess
from quotes.pipeline.timelimit import ArticleTimeout, TimeLimit
from quotes.reading.corpus import PassedOver, Skipped, is_documentation, read_articles
from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store

QUOTED = "“We will rebuild the bridge,” said council leader Ana Ruiz. She said the work starts in May."


def reads_within(seconds: float, paths: list[str], **options) -> list:
    """read_articles over `paths`, failing (not hanging) if it does not finish in time."""
    found: list = []
    reader = threading.Thread(target=lambda: found.extend(read_articles(paths, **options)),
                              daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), f"reading {paths} blocked"
    return found


# -- runs of punctuation, pieces, sentences ------------------------------------------------

@pytest.mark.parametrize("mark", ['"', ")", "!", "“", "‘"])
def test_a_run_of_punctuation_is_cut_before_the_tokenizer_and_offsets_hold(engine, mark):
    """16,000 quotation marks took the tokenizer 80 s (time grows with the square of the run)."""
    text = f"Ann Ortiz said no. {mark * 16_000} Ben Ruiz said yes."
    cut = cut_punctuation_runs(text)
    assert len(cut) == len(text) and cut.count(mark) == MAX_PUNCTUATION_RUN + text.count(mark) - 16_000
    doc = engine.parse_one(text)
    assert doc.text == text
    assert sum(token.text == mark for token in doc.tokens) <= MAX_PUNCTUATION_RUN
    for token in doc.tokens:
        assert text[token.start:token.end] == token.text
    said = [token for token in doc.tokens if token.text == "said"]
    assert len(said) == 2


def test_short_runs_and_words_are_left_alone():
    text = "Wait... what?! (Really.) “‘Yes,’ he said.” ----- 2+2=4 under_score_____________"
    assert cut_punctuation_runs(text) is text


def test_a_long_article_is_extracted_piece_by_piece_with_spans_into_the_whole(engine, monkeypatch):
    monkeypatch.setattr(engine, "chunk_limit", 300)
    text = "\n\n".join(QUOTED.replace("Ana Ruiz", name) for name in ("Ana Ruiz", "Ben Okafor", "Iris Novak",
                                                                   "Hugo Patel", "Greta Moreau"))
    pieces = list(parse_pieces([Article("long", text)], engine))
    assert len(pieces) > 1
    assert all(len(doc.text) <= 300 for _, doc in pieces), "a document holds more than a piece"
    assert [piece.offset for piece, _ in pieces] == sorted(piece.offset for piece, _ in pieces)
    [(article, quotes)] = list(extract_articles([Article("long", text)], engine))
    assert article.text == text
    speakers = {quote.speaker.name for quote in quotes if quote.speaker}
    assert {"Ana Ruiz", "Greta Moreau"} <= speakers
    for quote in quotes:
        for start, end in quote.content + quote.cue + quote.source:
            assert 0 <= start <= end <= len(text)
        assert "rebuild the bridge" in quote.text(text) or "work starts" in quote.text(text)


class Recording(Engine):
    """An engine that records what it is given to parse at once."""

    chunk_limit = 50
    batch_chars = 120

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def parse_pieces(self, texts):
        batch = list(texts)
        self.batches.append(batch)
        for text in batch:
            yield Document(text, [Token(0, text[:1], 0, 1, "", "X", "X", "", 0, "root", 0)],
                           [Sentence(0, 1, 0, 0)])


def test_the_parser_is_never_given_more_than_a_bounded_batch():
    engine = Recording()
    texts = ["word " * 30, "short", "x" * 200, "another " * 5]
    docs = list(engine.parse(texts))
    assert [doc.text for doc in docs] == texts
    for batch in engine.batches:
        assert len(batch) == 1 or sum(map(len, batch)) <= engine.batch_chars
        assert all(len(piece) <= engine.chunk_limit for piece in batch)


def test_a_sentence_without_full_stops_is_cut_and_its_tree_stays_inside(engine):
    text = " ".join(f"Ann said “Ben said ‘Chloe said{' ' if n % 2 else ''}" for n in range(120))
    doc = engine.parse_one(text)
    assert len(doc.tokens) > 2 * MAX_SENTENCE_TOKENS
    for number, sentence in enumerate(doc.sentences):
        assert sentence.last - sentence.first < MAX_SENTENCE_TOKENS
        for i in sentence.tokens:
            assert doc.tokens[i].sent == number
            assert sentence.first <= doc.tokens[doc.tokens[i].head].i <= sentence.last


# -- the time limit ----------------------------------------------------------------------

def spin(seconds: float) -> None:
    """Work in Python for `seconds` (what slow rules do), where a time limit can stop it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def test_time_limit_raises_in_the_thread_that_works_and_only_there():
    limit = TimeLimit(0.2)
    with pytest.raises(ArticleTimeout), limit.counting():
        spin(5)
    limit.reset()
    with limit.counting():
        spin(0.05)
    spin(0.3)  # a limit taken back never fires later


@pytest.mark.slow
def test_a_slow_article_is_given_up_and_the_others_extracted(engine, monkeypatch):
    extract_document = batches.extract_document

    def slow_on_one(article, *options):
        if article.id == "slow":
            spin(30)
        return extract_document(article, *options)

    monkeypatch.setattr(batches, "extract_document", slow_on_one)
    articles = [Article(name, QUOTED) for name in ("first", "slow", "last")]
    started = time.monotonic()
    outcomes = list(extract_each(engine, articles, time_limit=1.0))
    assert time.monotonic() - started < 20
    assert [outcome.article.id for outcome in outcomes] == ["first", "slow", "last"]
    assert "--article-timeout" in outcomes[1].error and outcomes[1].quotes is None
    assert outcomes[0].quotes and outcomes[2].quotes


class SlowOn(Engine):
    """The spaCy engine, slow on texts holding `word` (a parser stuck on a hostile text)."""

    def __init__(self, engine: Engine, word: str) -> None:
        self.engine, self.word = engine, word

    def parse_pieces(self, texts):
        for text in texts:
            if self.word in text:
                spin(30)
            yield from self.engine.parse_pieces([text])


@pytest.mark.slow
def test_a_parse_too_slow_costs_its_article_only_even_in_another_thread(engine):
    """Dask workers extract in a thread of their pool, not in the main thread."""
    articles = [Article("a", QUOTED), Article("b", QUOTED + " Stuck."), Article("c", QUOTED)]
    outcomes: list = []
    worker = threading.Thread(target=lambda: outcomes.extend(
        extract_each(SlowOn(engine, "Stuck"), articles, time_limit=1.0)))
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert [(o.article.id, o.error is None) for o in outcomes] == [("a", True), ("b", False), ("c", True)]
    assert [outcome.article.id for outcome in extract_each(engine, articles[:1])] == ["a"]  # still works


# -- reading -----------------------------------------------------------------------------

def test_max_chars_skips_long_texts_without_reading_them_whole(tmp_path):
    (tmp_path / "book.txt").write_text("The council said no. " * 150, encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"x" * 5000)
    lines = [json.dumps({"id": "long", "text": "y" * 3000}), json.dumps({"id": "ok", "text": "Fine, she said."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([str(tmp_path)], max_chars=1000))
    reasons = {os.path.basename(item.path): item.reason for item in items if isinstance(item, Skipped)}
    assert "3,150 characters, the limit is 1,000 characters: --max-chars" in reasons["book.txt"]
    assert "5,000 bytes" in reasons["huge.txt"]
    assert [item.id for item in items if isinstance(item, Article)] == ["ok"]
    assert "too long" in reasons["feed.jsonl"]


def test_every_command_that_reads_articles_has_max_chars_with_one_default():
    readers = {name: command for name, command in cli.commands.items()
               if any(param.name == "max_chars" for param in command.params)}
    assert set(readers) == {"extract", "ingest", "read", "evaluate"}
    for command in readers.values():
        [option] = [param for param in command.params if param.name == "max_chars"]
        assert option.default == MAX_CHARS
    assert {name for name, command in cli.commands.items()
            if any(param.name == "article_timeout" for param in command.params)} == {"extract", "ingest"}


def test_a_named_pipe_or_a_device_named_on_the_command_line_is_refused_at_once(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    items = reads_within(10, [str(fifo), os.devnull, str(tmp_path)])
    assert [type(item) for item in items] == [Skipped, Skipped, Skipped]
    assert "named pipe (FIFO)" in items[0].reason and "give - to read standard input" in items[0].reason
    assert "character device" in items[1].reason
    assert items[2].path == str(fifo) and "named pipe" in items[2].reason  # met in the folder


@pytest.mark.parametrize("name, documentation", [
    ("README.md", True), ("LICENSE", True), ("NOTICE.txt", True), ("CHANGELOG.rst", True),
    ("LICENSE-MIT", True), ("readme", True),
    ("changelog.blog.budget-vote.html", False), ("history-of-the-ferry.txt", False),
    ("license-plate-thefts.txt", False), ("README.html", False), ("notices.jsonl", False),
])
def test_documentation_is_known_by_name_and_type(name, documentation):
    assert is_documentation(name) is documentation


def test_a_news_page_named_like_documentation_is_read_and_what_is_passed_over_is_said(tmp_path):
    page = "<html><head><title>Budget vote</title></head><body><article><p>" + \
        "The council approved the budget on Tuesday, its leader said. " * 5 + "</p></article></body></html>"
    (tmp_path / "changelog.blog.budget-vote.html").write_text(page, encoding="utf-8")
    (tmp_path / "README.md").write_text("What these pages are.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("Permission is granted.", encoding="utf-8")
    items = list(read_articles([str(tmp_path)]))
    assert [item.path for item in items if isinstance(item, PassedOver)] == [
        str(tmp_path / "LICENSE"), str(tmp_path / "README.md")]
    [page_article] = [item for item in items if isinstance(item, Article)]
    assert "approved the budget" in page_article.text
    result = CliRunner().invoke(cli, ["read", str(tmp_path)])
    assert result.exit_code == 0
    assert f"passed over {tmp_path / 'README.md'}: documentation, not an article" in result.stderr


# -- ingest: duplicate ids, aliases ------------------------------------------------------

def test_the_same_id_twice_in_a_run_is_a_duplicate_and_the_first_is_kept(tmp_path, engine):
    corpus = write_corpus(tmp_path / "c.jsonl", 2, [{**article(5), "id": "article-000"}])
    with Store(tmp_path / "q.db") as store:
        summary = ingest([str(corpus)], store, InProcess(lambda: engine), fingerprint="test")
    assert summary.articles == 2
    [duplicate] = summary.duplicates
    assert (duplicate.id, duplicate.duplicate_of, duplicate.reason) == ("article-000", "article-000", SAME_ID)
    assert rows(tmp_path / "q.db", "SELECT text FROM articles WHERE id = 'article-000'") == [
        (article(0)["text"],)]
    assert summary.as_dict()["duplicates"][0]["reason"] == SAME_ID


def government(name: str, number: int) -> tuple[Article, list[Quote]]:
    text = f"{name} said the talks would resume, article {number}."
    speaker = Speaker(name, "organization")  # its name is not among its aliases: the store adds it
    quote = Quote("indirect", [at(text, "the talks would resume")], [at(text, "said")], "say",
                  [at(text, name)], "test", 0.9, speaker=speaker)
    return Article(f"a{number}", text), [quote]


def test_aliases_are_the_same_whatever_the_batches(tmp_path):
    """One speaker under two names in different articles: committed together or apart,
    the same alias rows (a run's commits fall where time says)."""
    items = [government("the US government", 1), government("the U.S. government", 2),
             government("the US government", 3)]
    stored = []
    for batch_size in (1, 2, 3):
        db = tmp_path / f"q{batch_size}.db"
        with Store(db) as store:
            store.save_many(items, batch_size=batch_size)
        stored.append(rows(db, "SELECT s.key, a.alias FROM aliases a JOIN speakers s"
                               " ON s.id = a.speaker_id ORDER BY 1, 2"))
    assert stored[0] == stored[1] == stored[2]
    assert {alias for _, alias in stored[0]} == {"the US government", "the U.S. government"}


# -- gold and predictions ----------------------------------------------------------------

PYTHON_WORDS = ("iterable", "NoneType", "unpack", "subscriptable", "not supported between",
                "attribute", "Traceback", "'str'", "'int'", "'list'", "'dict'")
"""What Python's own messages say ("'int' object is not iterable"), never a user's."""


@pytest.mark.parametrize("record, message", [
    ({"id": "a", "text": "Ann said so.", "quotes": "Ann said so"}, '"quotes" must be a list of objects, not a string'),
    ({"id": "a", "text": "Ann said so.", "quotes": 5}, '"quotes" must be a list of objects, not a number'),
    ({"id": "a", "text": "Ann said so.", "quotes": {"content": [[0, 3]]}}, "not an object"),
    ({"id": "a", "text": "Ann said so.", "quotes": [[0, 3]]}, "a list holding a list"),
    ({"id": "a", "text": "Ann said so.", "quotes": [{"content": [0, 3]}]}, 'quote 1: "content" must be a list of'),
    ({"id": "a", "text": "Ann said so.", "quotes": [{"content": [[0, "3"]]}]}, "pairs of whole numbers"),
    ({"id": "a", "text": "Ann said so.", "quotes": [{"content": [[0, 3]], "cue": "said"}]}, '"cue" must be'),
    ({"id": "a", "text": 12, "quotes": []}, '"text" must be a string, not a number'),
    ({"id": ["a"], "text": "Ann said so."}, '"id" must be a string or a number, not a list'),
    (["a", "Ann said so."], "expected a JSON object, not a list"),
])
def test_malformed_gold_is_one_line_in_the_terms_of_the_file(tmp_path, record, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as error:
        read_gold(path)
    assert str(error.value).startswith(f"{path}:1: ") and message in str(error.value)
    assert not any(word in str(error.value) for word in PYTHON_WORDS), str(error.value)
    result = CliRunner().invoke(cli, ["evaluate", str(path)])
    assert result.exit_code == 1 and result.output == f"Error: {error.value}\n"


def test_malformed_predictions_and_a_pipe_for_gold_are_one_line(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps({"id": "a", "quotes": ["Ann said so"]}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="pred.jsonl:1: \"quotes\" must be a list of objects"):
        read_predictions(path)
    fifo = tmp_path / "gold.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(GoldError, match="not a regular file"):
        read_gold(fifo)


# -- the check command ---------------------------------------------------------------------

@pytest.mark.parametrize("speaker", ["...", "", "  ", "1234", "“”"])
def test_a_speaker_without_letters_is_a_usage_error(tmp_path, speaker):
    result = CliRunner().invoke(cli, ["check", "benefit our two countries", "--speaker", speaker,
                                      "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "--speaker" in result.output and "names no one" in result.output


def test_a_database_that_is_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "quotes.db"
    os.mkfifo(fifo)
    results = []
    runner = threading.Thread(target=lambda: results.extend(
        CliRunner().invoke(cli, [*command, "--db", str(fifo)])
        for command in (["check", "some words"], ["speakers"])), daemon=True)
    runner.start()
    runner.join(20)
    assert not runner.is_alive(), "opening a named pipe as a database blocked"
    for result in results:
        assert result.exit_code in (1, 2)
        assert result.output == f"Error: {fifo} is not a regular file, so not a database\n"
    with pytest.raises(sqlite3.Error):
        from quotes.store.readonly import connect_read_only

        connect_read_only(fifo)
