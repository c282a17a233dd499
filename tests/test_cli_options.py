"""Options every command shares: the database is `--db`, or QUOTES_DB, on every command
that reads or writes one."""

from __future__ import annotations

import sqlite3

import click
from click.testing import CliRunner

from quotes.cli import cli

GOOD = "Ann Ortiz said the bridge would reopen in the spring.\n"


def commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_with_a_database_reads_quotes_db():
    with_db = {name: command for name, command in commands(cli)
               if any(param.name == "db_path" for param in command.params)}
    assert set(with_db) == {"ingest", "serve", "check", "speakers", "merge-speakers", "rename-speaker"}
    for name, command in with_db.items():
        [option] = [param for param in command.params if param.name == "db_path"]
        assert option.envvar == "QUOTES_DB", name
        assert option.opts == ["--db"], name


def test_ingest_then_speakers_use_the_database_quotes_db_names(tmp_path):
    article = tmp_path / "bridge.txt"
    article.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "elsewhere.db"
    env = {"QUOTES_DB": str(db)}
    result = CliRunner().invoke(cli, ["ingest", str(article), "--workers", "1"], env=env)
    assert result.exit_code == 0, result.output
    assert sqlite3.connect(db).execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
    listed = CliRunner().invoke(cli, ["speakers"], env=env)
    assert "Ann Ortiz" in listed.output


def test_an_error_of_any_stage_is_one_line_with_its_exit_status(tmp_path):
    """A store error exits 1, a check error 2 (1 is "not found"); never a traceback."""
    missing = str(tmp_path / "missing.db")
    listed = CliRunner().invoke(cli, ["speakers", "--db", missing])
    checked = CliRunner().invoke(cli, ["check", "the bridge would reopen", "--db", missing])
    for result, status in ((listed, 1), (checked, 2)):
        assert result.exit_code == status
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert "Traceback" not in result.output
