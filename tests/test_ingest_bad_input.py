"""Bad input through `quotes ingest`: each gets a one-line reason on stderr and in the
`--report` file, nothing stored is lost, and the run goes on with the rest."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import threading
import time

import pytest
from click.testing import CliRunner
from ingest_helpers import article, table, write_corpus
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotes.cli import cli
from quotes.pipeline import ingesting as ingest_module
from quotes.pipeline.ingesting import ingest
from quotes.pipeline.parallel import InProcess
from quotes.store.database import Store

pytestmark = pytest.mark.slow  # ingest runs against locked and read-only databases

HUGE = 50 * 1024 * 1024
PAGE = (b"<html><head><title>Pier reopens</title></head><body><article><h1>Pier reopens</h1>"
        b"<p>The pier at Aldwick reopened on Saturday after two years of repairs, the harbour"
        b" master said.</p></article></body></html>")


def truncated_warc() -> bytes:
    """A WARC of two pages, cut off in the middle of the second."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    sizes = []
    for number in (1, 2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://pier.example/{number}", "response",
            payload=io.BytesIO(PAGE.replace(b"Aldwick", b"Aldwick %d" % number)),
            http_headers=headers))
        sizes.append(buffer.tell())
    return buffer.getvalue()[: (sizes[0] + sizes[1]) // 2]


BAD_INPUTS = {
    # file name: (content, what the reason says)
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00IHDR" * 50, "binary file"),
    "latin1.txt": ("Caf\xe9 owner Ren\xe9 said it was fine.".encode("latin-1"),
                   "not UTF-8 text (byte 0xe9 at offset 3)"),
    "empty.txt": (b"", "empty file"),
    "huge.txt": (None, "too long to be a news article (52,428,800 bytes, the limit is"),
    "lines.jsonl": (None, "line 2: "),
    "menu.html": ((b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
                  b"</nav></body></html>"), "no article text found"),
    "crawl.warc.gz": (truncated_warc(), "truncated"),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """One ingest of a folder of every bad input and some good articles, into a database
    that already holds articles."""
    root = tmp_path_factory.mktemp("bad")
    db = root / "q.db"
    assert run("ingest", str(write_corpus(root / "earlier.jsonl", 3)), "--db", str(db),
               "--workers", "1").exit_code == 0
    before = table(db, "SELECT id, quote_count FROM articles")
    folder = root / "inputs"
    folder.mkdir()
    for name, (content, _) in BAD_INPUTS.items():
        if content is not None:
            (folder / name).write_bytes(content)
    with (folder / "huge.txt").open("w", encoding="utf-8") as huge:
        huge.write("The council said the bridge would reopen in the spring.\n" * (HUGE // 56))
        huge.write("x" * (HUGE - huge.tell()))
    lines = [json.dumps(article(10)), '{"id": "broken", "text": "no closing brace"',
             json.dumps(article(11))]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = root / "report.json"
    result = run("ingest", str(folder), "--db", str(db), "--workers", "1", "--report", str(report))
    return result, json.loads(report.read_text()), folder, db, before


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_each_bad_input_has_a_one_line_reason(bad_run, name):
    result, report, folder, _, _ = bad_run
    reason = BAD_INPUTS[name][1]
    path = str(folder / name)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"skipped {path}: ")]
    assert len(lines) == 1 and reason in lines[0]
    [listed] = [skip for skip in report["skipped"] if skip["path"] == path]
    assert reason in listed["reason"] and "\n" not in listed["reason"]


def test_the_run_goes_on_and_keeps_what_was_stored(bad_run):
    result, report, _, db, before = bad_run
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert report["articles"] == 3  # two good lines of lines.jsonl, the WARC's first page
    assert report["error"] is None
    assert len(report["skipped"]) == len(BAD_INPUTS)
    ids = {row[0] for row in table(db, "SELECT id FROM articles")}
    assert {"article-010", "article-011"} <= ids
    assert set(before) <= set(table(db, "SELECT id, quote_count FROM articles"))
    assert report["database"]["articles"] == len(before) + 3


def test_the_malformed_json_line_is_named_by_its_number(bad_run):
    _, report, folder, _, _ = bad_run
    [skip] = [s for s in report["skipped"] if s["path"] == str(folder / "lines.jsonl")]
    assert skip["line"] == 2


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "q.db"
    assert run("ingest", str(write_corpus(tmp_path / "a.jsonl", 2)), "--db", str(db),
               "--workers", "1").exit_code == 0
    return db


def hold_write_lock(db):
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_database_locked_by_another_writer_is_a_one_line_error(stored, tmp_path):
    before = table(stored, "SELECT * FROM quotes")
    report = tmp_path / "report.json"
    locker = hold_write_lock(stored)
    try:
        result = run("ingest", str(write_corpus(tmp_path / "b.jsonl", 4)), "--db", str(stored),
                     "--workers", "1", "--report", str(report))
    finally:
        locker.rollback()
        locker.close()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        (f"Error: {stored} is locked by another process writing to it (waited 5s);"
        " try again when it has finished")]
    assert json.loads(report.read_text())["error"].startswith(f"{stored} is locked")
    assert table(stored, "SELECT * FROM quotes") == before


class LockedAfterFirstBatch(InProcess):
    """Another writer takes the database after the first batch, for `seconds`."""

    def __init__(self, engine, db, seconds: float) -> None:
        super().__init__(lambda: engine)
        self.db = db
        self.seconds = seconds
        self.released = threading.Event()

    def run(self, batches):
        for number, done in enumerate(super().run(batches)):
            if number == 1:
                threading.Thread(target=self._hold, daemon=True).start()
                time.sleep(0.1)
            yield done

    def _hold(self):
        locker = hold_write_lock(self.db)
        self.released.wait(self.seconds)
        locker.rollback()
        locker.close()


@pytest.mark.parametrize("held, stored_articles", [(0.5, 12), (30, 4)])
def test_a_lock_taken_during_the_run_is_waited_for_then_reported(
        tmp_path, engine, monkeypatch, held, stored_articles):
    monkeypatch.setattr(ingest_module, "COMMIT_ARTICLES", 1)
    db = tmp_path / "q.db"
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    extractor = LockedAfterFirstBatch(engine, db, held)
    try:
        with Store(db, timeout=2) as store:
            summary = ingest([str(corpus)], store, extractor, batch_size=4)
    finally:
        extractor.released.set()
    assert summary.articles == stored_articles
    assert table(db, "SELECT count(*) FROM articles") == [(stored_articles,)]
    if stored_articles < 12:
        assert summary.error == (f"{db} is locked by another process writing to it (waited 2s);"
                                 " try again when it has finished (everything stored before"
                                 " this is kept)")
    else:
        assert summary.error is None


@contextlib.contextmanager
def read_only(path):
    """Make `path` read-only, even for root (whom file modes do not stop)."""
    if os.geteuid() != 0:
        os.chmod(path, 0o444)
        try:
            yield
        finally:
            os.chmod(path, 0o644)
        return
    if not shutil.which("chattr"):
        pytest.skip("running as root, a read-only file needs chattr (e2fsprogs)")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("running as root, a read-only file needs chattr +i, which this"
                    " file system refuses")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_is_a_one_line_error(stored, tmp_path):
    before = table(stored, "SELECT * FROM quotes")
    report = tmp_path / "report.json"
    with read_only(stored):
        result = run("ingest", str(write_corpus(tmp_path / "b.jsonl", 4)), "--db", str(stored),
                     "--workers", "1", "--report", str(report))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {stored} is read-only; check the permissions of the file and of its directory"]
    assert "read-only" in json.loads(report.read_text())["error"]
    assert table(stored, "SELECT * FROM quotes") == before


def test_nothing_readable_fails_with_every_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x00\x01PNG\x00" * 40)
    result = run("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "photo.txt"),
                 "--db", str(tmp_path / "q.db"))
    assert result.exit_code == 1
    assert [line.split(": ")[-1] for line in result.stderr.splitlines()[:2]] == [
        "empty file", "binary file"]
