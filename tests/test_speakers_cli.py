"""`quotes speakers`, `quotes merge-speakers` and `quotes rename-speaker`: listing speakers,
and editors' fixes that later ingests respect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli

pytestmark = pytest.mark.slow  # each test ingests a corpus and runs the command line

ROOT = Path(__file__).resolve().parent.parent

MINISTRY = ("China’s ministry of foreign affairs said on Monday that the talks were useful. "
            "It said America had a responsibility to halt the decline.\n\n"
            "Antony Blinken, the US secretary of state, said both sides wanted better lines of "
            "communication, according to a US official.\n")
FOREIGN_MINISTRY = ("The Chinese foreign ministry said the visit would help. "
                    "Antony Blinkin said he was hopeful, a US official said.\n")
LATER = "Antony Blinkin told reporters the visit had gone well.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ministry.txt").write_text(MINISTRY, encoding="utf-8")
    (folder / "foreign-ministry.txt").write_text(FOREIGN_MINISTRY, encoding="utf-8")
    path = tmp_path / "quotes.db"
    code, _, err = run("ingest", str(folder), "--db", str(path))
    assert code == 0, err
    return path


def speakers(db: Path, *options: str) -> list[dict]:
    code, out, err = run("speakers", "--db", str(db), "--json", *options)
    assert code == 0, err
    return json.loads(out)


def named(db: Path, name: str) -> dict:
    """The speaker of that name, or of that alias."""
    [speaker] = [s for s in speakers(db) if s["name"] == name] or [
        s for s in speakers(db) if name in s["aliases"]]
    return speaker


def test_speakers_lists_counts_kinds_roles_and_aliases(db):
    found = speakers(db)
    ministry = named(db, "China’s ministry of foreign affairs")
    assert (ministry["kind"], ministry["org_type"]) == ("organization", "government")
    assert (ministry["quote_count"], ministry["article_count"]) == (3, 2)
    assert {ministry["name"], *ministry["aliases"]} >= {
        "China’s ministry of foreign affairs", "The Chinese foreign ministry"}
    blinken = named(db, "Antony Blinken")
    assert (blinken["role"], blinken["affiliation"]) == ("secretary of state", "US")
    assert [s["quote_count"] for s in found] == sorted((s["quote_count"] for s in found), reverse=True)


def test_anonymous_sources_of_two_articles_are_two_speakers(db):
    officials = [s for s in speakers(db, "--kind", "anonymous") if s["name"] == "US official"]
    assert [s["article_count"] for s in officials] == [1, 1]


@pytest.mark.parametrize("kinds, expected", [
    (["person"], {"person"}),
    (["government"], {"organization"}),
    (["anonymous", "person"], {"anonymous", "person"}),
])
def test_speakers_filtered_by_kind(db, kinds, expected):
    options = [option for kind in kinds for option in ("--kind", kind)]
    assert {s["kind"] for s in speakers(db, *options)} == expected


def test_speakers_text_output_and_limit(db):
    code, out, _ = run("speakers", "--db", str(db), "-n", "1")
    assert code == 0
    [line] = out.splitlines()
    assert "foreign ministry  [organization (government)]  3 quotes in 2 articles" in line


def test_merge_speakers_moves_quotes_and_later_ingests_follow(db, tmp_path):
    keep, other = named(db, "Antony Blinken"), named(db, "Antony Blinkin")
    code, out, err = run("merge-speakers", str(keep["id"]), "Antony Blinkin", "--db", str(db), "--json")
    assert code == 0, err
    merged = json.loads(out)
    assert (merged["id"], merged["quote_count"], merged["article_count"]) == (keep["id"], 2, 2)
    assert "Antony Blinkin" in merged["aliases"]
    assert "Antony Blinkin" not in {s["name"] for s in speakers(db)}

    later = tmp_path / "later.txt"
    later.write_text(LATER, encoding="utf-8")
    code, _, err = run("ingest", str(later), "--db", str(db))
    assert code == 0, err
    assert "Antony Blinkin" not in {s["name"] for s in speakers(db)}
    assert named(db, "Antony Blinken")["quote_count"] == 3
    assert other["id"] not in {s["id"] for s in speakers(db)}


def test_rename_speaker_keeps_the_old_name_as_alias_and_later_ingests_follow(db, tmp_path):
    code, out, err = run("rename-speaker", "Antony Blinkin", "Anthony Blinken", "--db", str(db))
    assert code == 0, err
    assert out.startswith("renamed:") and "Anthony Blinken" in out
    later = tmp_path / "later.txt"
    later.write_text(LATER, encoding="utf-8")
    run("ingest", str(later), "--db", str(db))
    assert "Antony Blinkin" not in {s["name"] for s in speakers(db)}
    renamed = next(s for s in speakers(db) if s["name"] == "Anthony Blinken")
    assert renamed["quote_count"] == 2 and "Antony Blinkin" in renamed["aliases"]


def test_rename_speaker_changes_the_kind(db):
    ministry = named(db, "China’s ministry of foreign affairs")
    code, out, err = run("rename-speaker", str(ministry["id"]), "Ministry of Foreign Affairs of China",
                         "--db", str(db), "--json")
    assert code == 0, err
    assert json.loads(out)["name"] == "Ministry of Foreign Affairs of China"
    official = next(s for s in speakers(db) if s["name"] == "US official")
    code, out, err = run("rename-speaker", str(official["id"]), "Ned Price", "--kind", "person",
                         "--db", str(db), "--json")
    assert code == 0, err
    assert (json.loads(out)["name"], json.loads(out)["kind"]) == ("Ned Price", "person")


def test_rename_onto_an_existing_speaker_says_to_merge(db):
    tony = named(db, "Antony Blinkin")
    code, _, err = run("rename-speaker", str(tony["id"]), "Antony Blinken", "--db", str(db))
    assert code == 1
    assert f"merge instead: quotes merge-speakers {named(db, 'Antony Blinken')['id']} {tony['id']}" in err


@pytest.mark.parametrize("args, message", [
    (["merge-speakers", "99999", "1"], "no speaker has the id 99999"),
    (["merge-speakers", "Nobody Here", "1"], "no speaker is named 'Nobody Here'"),
    (["merge-speakers", "US official", "1"], "2 speakers are named 'US official'"),
    (["rename-speaker", "1", "   "], "the new name is empty"),
])
def test_edit_errors_are_one_line(db, args, message):
    code, _, err = run(*args, "--db", str(db))
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1


def test_merging_a_speaker_into_itself_is_refused(db):
    blinken = named(db, "Antony Blinken")
    code, _, err = run("merge-speakers", str(blinken["id"]), "Antony Blinken", "--db", str(db))
    assert code == 1 and "into itself" in err


@pytest.mark.parametrize("command", [["speakers"], ["merge-speakers", "1", "2"],
                                     ["rename-speaker", "1", "X"]])
def test_a_missing_database_is_a_one_line_error(tmp_path, command):
    missing = tmp_path / "none.db"
    code, _, err = run(*command, "--db", str(missing))
    assert code == 1 and "no such database" in err
    assert not missing.exists()


def test_speakers_command_runs_as_a_module(db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(check=False, args=[sys.executable, "-m", "quotes", "speakers", "--db", str(db), "--kind", "person"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Antony Blinken" in result.stdout
