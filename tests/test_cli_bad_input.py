"""Bad input through `quotes extract` and `quotes ingest`: a reason per skip, no traceback,
a non-zero exit only when nothing could be done, and nothing stored is lost."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

from quotes.cli import cli

pytestmark = pytest.mark.slow  # ingest runs through the command line

GOOD = "Ann Ortiz said the bridge would reopen in the spring.\n"
OTHER = "Ben Ruiz said the ferry would run all winter.\n"  # not a duplicate of GOOD


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner Ren\xe9 said it was fine.".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": OTHER}) + "\n{not json\n", encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_extract_reports_each_bad_input_and_goes_on(inputs):
    result = run("extract", str(inputs), str(inputs / "missing.txt"))
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert len(ids) == 2 and "ok-1" in ids
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 5
    assert any("lines.jsonl: line 2" in line for line in skipped)
    assert any("missing.txt" in line for line in skipped)


def test_extract_fails_only_when_nothing_could_be_read(inputs):
    result = run("extract", str(inputs / "binary.txt"), str(inputs / "empty.txt"))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 2
    assert "Traceback" not in result.output


def test_ingest_keeps_what_was_stored_when_the_database_cannot_be_written(inputs, tmp_path):
    db = tmp_path / "quotes.db"
    assert run("ingest", str(inputs / "good.txt"), "--db", str(db)).exit_code == 0
    before = sqlite3.connect(db).execute("select count(*) from quotes").fetchone()[0]
    assert before == 1
    os.chmod(db, 0o444)
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("begin immediate")
    try:
        result = run("ingest", str(inputs / "lines.jsonl"), "--db", str(db))
    finally:
        locker.execute("rollback")
        locker.close()
        os.chmod(db, 0o644)
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "Error:" in result.output
    assert sqlite3.connect(db).execute("select count(*) from quotes").fetchone()[0] == before


def test_ingest_report_lists_skips_with_reasons(inputs, tmp_path):
    report = tmp_path / "report.json"
    result = run("ingest", str(inputs), "--db", str(tmp_path / "q.db"), "--report", str(report))
    assert result.exit_code == 0, result.output
    summary = json.loads(report.read_text())
    assert summary["articles"] == 2
    assert {s["reason"].split(":")[0] for s in summary["skipped"]} >= {"binary file", "empty file"}
    assert summary["database"]["quotes"] >= 2
