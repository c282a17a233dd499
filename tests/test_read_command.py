from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "quotes", "read", *args],
        check=False,
        capture_output=True,
        text=True,
        input=input,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_read_lists_articles_and_reports_skips_on_stderr(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run(str(FIXTURES / "articles.jsonl"), str(missing))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    first = json.loads((FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert lines[0] == f"gazette-001\t{first['title']}\t{len(first['text'])} characters"
    assert len(lines) == 3
    assert result.stderr == f"skipped {missing}: no such file or directory\n"


def test_read_json_gives_one_article_object_per_line():
    result = run("--json", str(FIXTURES / "seed-blinken-china-2023-06-19.txt"))
    assert result.returncode == 0
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["title"] == "Top US diplomat to meet Chinese President in bid to ease tensions"
    assert article["published"] == "2023-06-19"
    start, end = article["ignored"][-1]
    assert article["text"][start:end].startswith("By Press Association")


def test_read_from_stdin():
    result = run("-", input='{"text": "The mayor said yes."}\n{oops\n')
    assert result.returncode == 0
    assert result.stdout.startswith("sha-")
    assert result.stderr.startswith("skipped <stdin>: line 2: invalid JSON:")


def test_read_exits_with_1_when_nothing_could_be_read(tmp_path):
    result = run(str(tmp_path / "nothing-here"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
