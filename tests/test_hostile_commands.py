"""Hostile conditions for the commands, run as a user runs them (issue 17): SIGTERM from
`timeout`, systemd or `docker stop`; a full disk and /dev/full; a database on read-only
media. Each is one line of error or a reported stop, never a traceback, and nothing
stored is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from ingest_helpers import check_whole, table, write_corpus

pytestmark = pytest.mark.slow  # commands in subprocesses, ingest runs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ARTICLE = EXAMPLES / "river-clean-up.txt"


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def quotes(*args: str, wrapper: tuple[str, ...] = (), **options) -> subprocess.CompletedProcess:
    return subprocess.run([*wrapper, sys.executable, "-m", "quotes", *args], capture_output=True, text=True,
                          env=environment(), check=False, timeout=600, **options)


def start(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quotes", *args], env=environment(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def stored(db: Path) -> int:
    try:
        return table(db, "SELECT count(*) FROM articles")[0][0]
    except sqlite3.Error:  # not created yet
        return 0


def assert_clean(result_stderr: str) -> None:
    assert "Traceback" not in result_stderr and "Exception ignored" not in result_stderr, result_stderr


# -- SIGTERM -----------------------------------------------------------------------------

def test_sigterm_stops_an_ingest_like_ctrl_c_with_its_summary_and_report(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 300)
    db, report = tmp_path / "q.db", tmp_path / "report.json"
    process = start("ingest", str(corpus), "--db", str(db), "--workers", "2", "--report", str(report))
    deadline = time.monotonic() + 300
    while stored(db) == 0:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no article stored in time"
        time.sleep(0.05)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGTERM)  # as `timeout` and `docker stop` do: the command only
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 143
    assert_clean(errors)
    assert errors.strip().splitlines()[-1].startswith("Stopped by SIGTERM: every article counted above is stored")
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert alive == [], "worker processes outlived the run"
    summary = json.loads(report.read_text())
    assert (summary["interrupted"], summary["signal"]) == (True, "SIGTERM")
    assert 0 < summary["articles"] == stored(db) < 300
    assert f"{summary['articles']:,} articles ingested" in errors
    check_whole(db)


def test_sigterm_stops_extract_with_whole_lines_written(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 300)
    output = tmp_path / "quotes.jsonl"
    process = start("extract", str(corpus), "-o", str(output))
    deadline = time.monotonic() + 300
    while not output.exists() or output.stat().st_size == 0:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "nothing written in time"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 143
    assert_clean(errors)
    assert errors.strip().splitlines()[-1].startswith("Interrupted after")
    lines = output.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < 300
    assert all(json.loads(line)["quotes"] for line in lines)


# -- full disks ----------------------------------------------------------------------------

def test_extract_to_a_full_output_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:  # `quotes extract ... > /dev/full`
        to_stdout = subprocess.run([sys.executable, "-m", "quotes", "extract", str(ARTICLE)], stdout=full,
                                   stderr=subprocess.PIPE, text=True, env=environment(), check=False)
    assert to_stdout.returncode == 1
    assert to_stdout.stderr == "Error: cannot write to standard output: no space left on device\n"
    to_file = quotes("extract", str(ARTICLE), "-o", "/dev/full")
    assert to_file.returncode == 1
    assert to_file.stderr == "Error: cannot write to /dev/full: no space left on device\n"


def test_ingest_report_to_a_full_disk_is_one_line_and_the_articles_are_stored(tmp_path):
    db = tmp_path / "q.db"
    result = quotes("ingest", str(ARTICLE), "--db", str(db), "--workers", "1", "--report", "/dev/full")
    assert result.returncode == 1
    assert_clean(result.stderr)
    assert result.stderr.splitlines()[-1] == "Error: cannot write to /dev/full: no space left on device"
    assert "1 articles ingested" in result.stderr
    assert stored(db) == 1


def user_namespace() -> tuple[str, ...]:
    """A command prefix that runs as root of a new user and mount namespace, where a
    process may mount a small or read-only file system; skips the test if the kernel or
    the container forbids it."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-r", "-m", "true"], check=False).returncode:
        pytest.skip("needs util-linux unshare with unprivileged user and mount namespaces")
    return (unshare, "-r", "-m")


def in_namespace(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run `script` (sh, with $QUOTES set to the quotes command) in a new namespace."""
    command = f"{sys.executable} -m quotes"
    return subprocess.run([*user_namespace(), "sh", "-c", f'QUOTES="{command}"; {script}', "sh", *args],
                          capture_output=True, text=True, env=environment(), check=False, timeout=600)


def test_extract_on_a_full_disk_is_one_line(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    result = in_namespace('mount -t tmpfs -o size=8k tmpfs "$1" && $QUOTES extract "$2" "$2" "$2" "$2" -o "$1/out.jsonl"',
                          str(disk), str(ARTICLE))
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"Error: cannot write to {disk}/out.jsonl: no space left on device\n"


# -- read-only media -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("published")
    db = folder / "quotes.db"
    result = quotes("ingest", str(EXAMPLES), "--db", str(db), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert not Path(f"{db}-wal").exists()
    return db


def test_check_and_speakers_read_a_database_on_read_only_media(database):
    """A read-only mount: SQLite cannot create the WAL index beside the file."""
    script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && ! touch "$1/x" 2>/dev/null'
              ' && $QUOTES check "benefit our two countries" --db "$2" -n 1 && $QUOTES speakers --db "$2" -n 3')
    result = in_namespace(script, str(database.parent), str(database))
    assert result.returncode == 0, result.stderr
    assert "FOUND: the words are Xi Jinping's" in result.stdout
    assert "Antony Blinken" in result.stdout or "Xi Jinping" in result.stdout
    assert list(database.parent.iterdir()) == [database]


def test_a_read_only_database_with_changes_left_in_its_wal_says_what_to_do(database, tmp_path):
    copy = tmp_path / "quotes.db"
    shutil.copy(database, copy)
    Path(f"{copy}-wal").write_bytes(b"\0" * 4096)  # what a copy taken mid-write carries
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && $QUOTES speakers --db "$2"'
    result = in_namespace(script, str(tmp_path), str(copy))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: cannot read {copy}: its last changes are still in {copy}-wal")
    assert result.stderr.count("\n") == 1


def test_a_stop_during_a_commit_waits_until_the_stored_articles_are_counted(tmp_path):
    """SIGTERM right after the rows are committed: the summary still counts every article
    stored, then the stop takes its course."""
    from quotes.pipeline.ingesting import Summary, Terminated, _Writer, sigterm_as_interrupt
    from quotes.pipeline.progress import Progress
    from quotes.records import Article
    from quotes.store.keys import PendingArticles
    from quotes.store.rows import article_rows

    class StoreStoppedAfterCommit:
        saved = 0

        def save_rows(self, waiting, **options):
            self.saved += len(waiting)
            os.kill(os.getpid(), signal.SIGTERM)  # arrives before the counts are made

    articles = [Article(f"a{n}", "The mayor said the bridge would reopen.") for n in range(3)]
    summary = Summary()
    store = StoreStoppedAfterCommit()
    writer = _Writer(store, None, summary, PendingArticles(), Progress(enabled=False))
    writer.waiting = [(article, article_rows(article, [])) for article in articles]
    with sigterm_as_interrupt(), pytest.raises(Terminated):
        writer.flush()
    assert store.saved == summary.articles == 3
