"""`quotes ingest --dask`: extraction on a Dask cluster (a LocalCluster on 127.0.0.1 with
two worker processes), storing by the client."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from ingest_helpers import CRASH, article, check_whole, crashing, snapshot, write_corpus

from quotes.cli import cli
from quotes.pipeline.distributed import WORKER_DIED, DaskCluster
from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import InProcess
from quotes.store.database import Store

pytestmark = pytest.mark.slow  # a local Dask cluster

distributed = pytest.importorskip(
    "distributed", reason="needs Dask's distributed scheduler: pip install 'quotes[cluster]'")


@pytest.fixture(scope="module")
def cluster():
    import dask

    # A worker that dies on a task is not given the same task again: one death is enough.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None) as local:
        yield local


def test_the_cluster_stores_what_one_process_stores(cluster, tmp_path, engine):
    corpus = write_corpus(tmp_path / "c.jsonl", 20)
    with Store(tmp_path / "one.db") as store:
        ingest([str(corpus)], store, InProcess(lambda: engine), fingerprint="quotes 0.1.0 spacy")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "dask.db"),
                                      "--dask", cluster.scheduler_address,
                                      "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text())["articles"] == 20
    assert snapshot(tmp_path / "dask.db") == snapshot(tmp_path / "one.db")


def test_a_worker_that_dies_costs_only_its_article(cluster, tmp_path):
    poison = {**article(60), "id": "poison", "text": article(60)["text"] + f"\n\n{CRASH}"}
    corpus = write_corpus(tmp_path / "c.jsonl", 0, [*map(article, range(4)), poison])
    with Store(tmp_path / "q.db") as store, DaskCluster(cluster.scheduler_address,
                                                        crashing) as extractor:
        summary = ingest([str(corpus)], store, extractor, batch_size=5)
    assert [skip.reason for skip in summary.skipped] == [f"article poison: {WORKER_DIED}"]
    assert summary.articles == 4
    check_whole(tmp_path / "q.db")


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "1s")
    import dask

    dask.config.refresh()
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    try:
        result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "q.db"),
                                          "--dask", "tcp://127.0.0.1:9"])
    finally:
        monkeypatch.undo()
        dask.config.refresh()
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: cannot connect to the Dask scheduler at tcp://127.0.0.1:9: ")
