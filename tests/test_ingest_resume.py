"""`quotes ingest` stopped half-way, by Ctrl+C or kill -9: every article stored is
whole, no worker process is left behind, and the same command again finishes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from ingest_helpers import check_whole, table, write_corpus

pytestmark = pytest.mark.slow  # ingest runs stopped by kill -9 and Ctrl+C

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 300
"""Enough that a stop comes well before the end even when the test lags behind the run:
the workers are at most a few batches ahead of what is stored."""


def start(corpus, db, *options) -> subprocess.Popen:
    """`quotes ingest` with two workers, in a process group of its own (as in a terminal)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.Popen(
        [sys.executable, "-m", "quotes", "ingest", str(corpus), "--db", str(db),
         "--workers", "2", *options],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def stored(db) -> int:
    try:
        return table(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.Error:  # not created yet
        return 0


def wait_for_a_commit(process, db, timeout=300) -> None:
    deadline = time.monotonic() + timeout
    while stored(db) == 0:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no article stored in time"
        time.sleep(0.05)


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus.jsonl", ARTICLES)


def finish(corpus, db, tmp_path, stopped_at: int) -> None:
    """Run the same command again: it skips what is stored and stores the rest."""
    report = tmp_path / "report.json"
    process = start(corpus, db, "--report", str(report))
    _, errors = process.communicate(timeout=600)
    assert process.returncode == 0, errors
    summary = json.loads(report.read_text())
    assert summary["unchanged"] == stopped_at
    assert summary["unchanged"] + summary["articles"] == ARTICLES
    assert stored(db) == ARTICLES
    check_whole(db)


def test_kill_9_keeps_whole_articles_and_the_next_run_goes_on(corpus, tmp_path):
    db = tmp_path / "q.db"
    process = start(corpus, db)
    wait_for_a_commit(process, db)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert len(workers) >= 1
    process.kill()
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert alive == [], "worker processes outlived their parent"
    stopped_at = stored(db)
    assert 0 < stopped_at < ARTICLES, "the run was not stopped half-way"
    check_whole(db)
    finish(corpus, db, tmp_path, stopped_at)


def test_ctrl_c_stores_what_is_done_and_says_how_to_go_on(corpus, tmp_path):
    db = tmp_path / "q.db"
    process = start(corpus, db)
    wait_for_a_commit(process, db)
    workers = psutil.Process(process.pid).children(recursive=True)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in errors
    assert errors.strip().splitlines()[-1] == (
        "Interrupted: every article counted above is stored; run the same command again"
        " to go on.")
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert alive == []
    stopped_at = stored(db)
    assert 0 < stopped_at < ARTICLES
    assert f"{stopped_at:,} articles ingested" in errors
    check_whole(db)
    finish(corpus, db, tmp_path, stopped_at)
