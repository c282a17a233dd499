"""Ingest with worker processes: the same database as one process, a worker that dies
costs only its article, and an engine that cannot load stops the run with its reason."""

from __future__ import annotations

import pytest
from ingest_helpers import CRASH, article, check_whole, crashing, snapshot, unavailable, write_corpus

from quotes.pipeline.batches import EngineSpec
from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import WORKER_DIED, InProcess, ProcessPool
from quotes.store.database import Store

pytestmark = pytest.mark.slow  # worker processes that load the NLP engine


def run(corpus, db, extractor, **options):
    with Store(db) as store, extractor:
        return ingest([str(corpus)], store, extractor, fingerprint="test", **options)


def test_workers_store_what_one_process_stores(tmp_path, engine):
    corpus = write_corpus(tmp_path / "c.jsonl", 24)
    alone = run(corpus, tmp_path / "one.db", InProcess(lambda: engine))
    pooled = run(corpus, tmp_path / "two.db", ProcessPool(EngineSpec("spacy"), workers=2),
                 batch_size=3)
    assert (pooled.articles, pooled.quotes, pooled.skipped) == (24, alone.quotes, [])
    assert snapshot(tmp_path / "two.db") == snapshot(tmp_path / "one.db")


def test_a_worker_that_dies_costs_only_its_article(tmp_path):
    poison = {**article(50), "id": "poison", "text": article(50)["text"] + f"\n\n{CRASH}"}
    corpus = write_corpus(tmp_path / "c.jsonl", 0, [*map(article, range(5)), poison,
                                                    *map(article, range(5, 10))])
    summary = run(corpus, tmp_path / "q.db", ProcessPool(crashing, workers=2),
                  batch_size=3)
    assert [skip.reason for skip in summary.skipped] == [f"article poison: {WORKER_DIED}"]
    assert summary.articles == 10 and summary.error is None
    check_whole(tmp_path / "q.db")


def test_an_engine_that_cannot_load_stops_the_run_with_its_reason(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    summary = run(corpus, tmp_path / "q.db", ProcessPool(unavailable, workers=2))
    assert summary.error == "the test model is not installed: pip install test-model"
    assert summary.articles == 0


@pytest.mark.parametrize("extractor", [InProcess, ProcessPool])
def test_a_run_with_nothing_to_extract_loads_no_engine(tmp_path, extractor):
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    run(corpus, tmp_path / "q.db", InProcess(EngineSpec("spacy")))
    loader = unavailable  # fails if it is ever called
    again = run(corpus, tmp_path / "q.db",
                extractor(loader) if extractor is InProcess else extractor(loader, workers=2))
    assert (again.unchanged, again.error) == (2, None)
