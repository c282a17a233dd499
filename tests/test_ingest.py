"""Ingest in one process: what is stored, what a re-run skips, what an interruption keeps,
and what happens to an article the extractor fails on."""

from __future__ import annotations

import io
import json

import pytest
from ingest_helpers import article, snapshot, write_corpus
from ingest_helpers import table as rows

from quotes.pipeline import batches
from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import InProcess
from quotes.pipeline.progress import Progress
from quotes.store.database import Store

VERSION = "quotes test spacy"


@pytest.fixture
def extractor(engine):
    return InProcess(lambda: engine)


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus.jsonl", 20)


def run(paths, db, extractor, **options):
    with Store(db) as store:
        return ingest([str(p) for p in paths], store, extractor,
                      fingerprint=options.pop("fingerprint", VERSION), **options)


def test_stores_every_article_with_its_quotes(corpus, tmp_path, extractor):
    db = tmp_path / "q.db"
    summary = run([corpus], db, extractor)
    assert (summary.articles, summary.unchanged, summary.skipped) == (20, 0, [])
    assert summary.quotes == rows(db, "SELECT count(*) FROM quotes")[0][0] >= 20
    assert summary.words == sum(len(article(n)["text"].split()) for n in range(20))
    for text, content, quoted in rows(db, "SELECT a.text, q.content, q.text FROM quotes q"
                                          " JOIN articles a ON a.id = q.article_id"):
        assert " ".join(text[start:end] for start, end in json.loads(content)) == quoted
    assert set(rows(db, "SELECT fingerprint FROM articles")) == {(VERSION,)}


def test_a_rerun_skips_what_is_stored_unchanged(corpus, tmp_path, extractor):
    db = tmp_path / "q.db"
    run([corpus], db, extractor)
    before = snapshot(db)
    again = run([corpus], db, extractor)
    assert (again.articles, again.unchanged) == (0, 20)
    assert snapshot(db) == before


def test_force_and_a_new_release_extract_again(corpus, tmp_path, extractor):
    db = tmp_path / "q.db"
    run([corpus], db, extractor)
    before = snapshot(db)
    assert run([corpus], db, extractor, force=True).articles == 20
    assert run([corpus], db, extractor, fingerprint="quotes 9.9 spacy").articles == 20
    assert snapshot(db) == before
    assert set(rows(db, "SELECT fingerprint FROM articles")) == {("quotes 9.9 spacy",)}


def test_changed_rules_extract_again_without_force(corpus, tmp_path, extractor, monkeypatch):
    """A release whose rules or filter weights differ stores another fingerprint, so the
    next ingest extracts every article again; the same rules skip them."""
    from quotes import fingerprint as hashes
    from quotes.pipeline.batches import EngineSpec, fingerprint

    db = tmp_path / "q.db"
    shipped = fingerprint(EngineSpec("spacy"))
    run([corpus], db, extractor, fingerprint=shipped)
    assert run([corpus], db, extractor, fingerprint=fingerprint(EngineSpec("spacy"))).unchanged == 20
    weights = hashes.PACKAGE / "detection" / "quote_filter.json"
    monkeypatch.setattr(hashes, "_files", lambda parts: [weights])
    hashes.extraction_hash.cache_clear()
    try:
        changed = fingerprint(EngineSpec("spacy"))
    finally:
        hashes.extraction_hash.cache_clear()
    assert changed != shipped
    assert run([corpus], db, extractor, fingerprint=changed).articles == 20


def test_a_changed_article_is_extracted_again(tmp_path, extractor):
    db = tmp_path / "q.db"
    first = article(1)
    write_corpus(tmp_path / "a.jsonl", 0, [first])
    run([tmp_path / "a.jsonl"], db, extractor)
    changed = {**first, "text": first["text"].replace("council leader", "mayor")}
    write_corpus(tmp_path / "a.jsonl", 0, [changed])
    summary = run([tmp_path / "a.jsonl"], db, extractor)
    assert (summary.articles, summary.unchanged, summary.duplicates) == (1, 0, [])
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert "mayor" in rows(db, "SELECT text FROM articles")[0][0]


class InterruptedAfter(InProcess):
    """Extraction in this process, with Ctrl+C pressed after `batches` batches."""

    def __init__(self, engine, batches: int) -> None:
        super().__init__(lambda: engine)
        self.batches = batches

    def run(self, batches):
        for number, done in enumerate(super().run(batches)):
            if number == self.batches:
                raise KeyboardInterrupt
            yield done


def test_ctrl_c_keeps_finished_articles_and_the_next_run_goes_on(corpus, tmp_path, engine,
                                                                 extractor):
    db = tmp_path / "q.db"
    stopped = run([corpus], db, InterruptedAfter(engine, batches=2), batch_size=4)
    assert stopped.interrupted and stopped.error is None
    assert stopped.articles == 8
    assert rows(db, "SELECT count(*) FROM articles") == [(8,)]
    stored_quotes = rows(db, "SELECT sum(quote_count) FROM articles")[0][0]
    assert rows(db, "SELECT count(*) FROM quotes") == [(stored_quotes,)]

    resumed = run([corpus], db, extractor)
    assert (resumed.articles, resumed.unchanged) == (12, 8)
    clean = tmp_path / "clean.db"
    run([corpus], clean, extractor)
    assert snapshot(db) == snapshot(clean)


class FailingOn(InProcess):
    """Extraction in this process, except that the rules fail on one article."""

    def __init__(self, engine, article_id: str) -> None:
        super().__init__(lambda: engine)
        self.article_id = article_id

    def run(self, batches):
        for batch, results in super().run(batches):
            for result in results:
                if result["article_id"] == self.article_id:
                    result.update(rows=None, error="IndexError: list index out of range")
            yield batch, results


def test_an_article_the_extractor_fails_on_is_reported_and_the_rest_stored(corpus, tmp_path,
                                                                          engine):
    db = tmp_path / "q.db"
    summary = run([corpus], db, FailingOn(engine, "article-004"))
    assert summary.articles == 19
    [skip] = summary.skipped
    assert skip.path == str(corpus)
    assert skip.reason == "article article-004: IndexError: list index out of range"
    assert rows(db, "SELECT count(*) FROM articles WHERE id = 'article-004'") == [(0,)]


def test_a_quote_that_would_not_round_trip_is_not_stored(corpus, tmp_path, engine, monkeypatch):
    """The rules return, for the first article of each batch, a span past the end of the text."""
    extract_document = batches.extract_document

    def out_of_range(article, *options):
        quotes = extract_document(article, *options)
        if article.id in ("article-000", "article-010"):
            quotes[0].content = [(0, 10**6)]
        return quotes

    monkeypatch.setattr(batches, "extract_document", out_of_range)
    summary = run([corpus], tmp_path / "q.db", InProcess(lambda: engine), batch_size=10)
    assert summary.articles == 18
    assert len(summary.skipped) == 2
    assert all("is outside the text" in skip.reason for skip in summary.skipped)


def test_progress_shows_articles_and_words_per_second(corpus, tmp_path, extractor):
    stream = io.StringIO()
    run([corpus], tmp_path / "q.db", extractor, progress=Progress(enabled=True, stream=stream))
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("20 articles, ")
    assert "articles/s" in last and "words/s" in last


def test_summary_as_json_names_every_skip(tmp_path, extractor):
    (tmp_path / "in").mkdir()
    write_corpus(tmp_path / "in" / "a.jsonl", 2)
    (tmp_path / "in" / "b.jsonl").write_text('{"text": "fine"}\n{oops\n', encoding="utf-8")
    summary = run([tmp_path / "in"], tmp_path / "q.db", extractor)
    plain = json.loads(json.dumps(summary.as_dict()))
    assert plain["articles"] == 3
    assert plain["skipped"] == [{"path": str(tmp_path / "in" / "b.jsonl"), "line": 2,
                                 "reason": plain["skipped"][0]["reason"]}]
    assert plain["skipped"][0]["reason"].startswith("line 2: ")


def test_thoughts_are_stored_when_asked_for_and_dropped_when_not(tmp_path, engine):
    from quotes.pipeline.batches import EngineSpec, fingerprint

    corpus = tmp_path / "thoughts.jsonl"
    corpus.write_text(json.dumps({"id": "t", "text": "Ann Ortiz believes that the bridge is safe."}) + "\n")
    db = tmp_path / "q.db"
    classes = ("speech", "cognition")
    stored = fingerprint(EngineSpec("spacy"), classes)
    run([corpus], db, InProcess(lambda: engine, classes), fingerprint=stored)
    assert rows(db, "SELECT cue_lemma, cue_class FROM quotes") == [("believe", "cognition")]
    # The default classes are another extraction: the article is extracted again.
    again = run([corpus], db, InProcess(lambda: engine), fingerprint=fingerprint(EngineSpec("spacy")))
    assert (again.articles, again.unchanged) == (1, 0)
    assert rows(db, "SELECT count(*) FROM quotes") == [(0,)]
