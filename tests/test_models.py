"""`quotes models`: where Stanza models live, downloading them, reporting what is installed.

Downloads run against a miniature Stanza hub on 127.0.0.1 (the `stanza_mirror` fixture,
same layout as the real hub) or against a closed port for the failure path.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

stanza = pytest.importorskip("stanza", reason="needs the stanza extra (pip install 'quotes[stanza]')")

from quotes.cli import cli
from quotes.nlp import models

pytestmark = pytest.mark.slow  # downloads from a local hub

ROOT = Path(__file__).resolve().parent.parent


def run_quotes(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, check=False,
                          text=True, env=environment, cwd=ROOT, timeout=120)


def file_names(mirror) -> set[str]:
    return {f"{processor}/{package}" for processor, (package, _) in mirror.models.items()}


@pytest.fixture
def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("argument, env, expected", [
    ("/data/models", {"QUOTES_STANZA_DIR": "/elsewhere"}, "/data/models"),
    (None, {"QUOTES_STANZA_DIR": "/elsewhere"}, "/elsewhere"),
    (None, {"QUOTES_STANZA_DIR": ""}, stanza.resources.common.DEFAULT_MODEL_DIR),
])
def test_model_dir_precedence(monkeypatch, argument, env, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert models.model_dir(argument) == Path(expected)


def test_download_failure_is_one_line(closed_port_url, tmp_path):
    result = run_quotes("models", "download", "--dir", str(tmp_path / "m"),
                        "--url", closed_port_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith(f"Error: could not download Stanza models from {closed_port_url}/")
    assert "Connection refused" in error


def test_download_url_from_environment(closed_port_url, tmp_path):
    result = run_quotes("models", "download", "--dir", str(tmp_path / "m"),
                        env={"QUOTES_STANZA_URL": closed_port_url})
    assert result.returncode == 1
    assert f"could not download Stanza models from {closed_port_url}/" in result.stderr


def test_download_fetches_every_model_file(stanza_mirror, tmp_path):
    target = tmp_path / "stanza"
    result = run_quotes("models", "download", "--dir", str(target), "--url", stanza_mirror.url)
    assert result.returncode == 0, result.stderr
    assert f"Downloading {stanza_mirror.url}/models/en/ner/ontonotes_charlm.pt" in result.stderr
    assert result.stderr.endswith(f"Installed {len(stanza_mirror.models)} model files "
                                  f"(0 MB) in {target}\n")
    for processor, (package, _) in stanza_mirror.models.items():
        path = target / "en" / processor / f"{package}.pt"
        assert path.read_bytes() == stanza_mirror.model_bytes(processor, package)


def test_download_again_keeps_files(stanza_mirror, stanza_models_dir):
    stanza_mirror.requests.clear()
    result = CliRunner().invoke(cli, ["models", "download", "--dir", str(stanza_models_dir),
                                      "--url", stanza_mirror.url])
    assert result.exit_code == 0, result.output
    assert stanza_mirror.requests == [stanza_mirror.resources_path]


def test_status_ready(stanza_mirror, stanza_models_dir):
    result = CliRunner().invoke(cli, ["models", "status", "--dir", str(stanza_models_dir),
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ready"] and report["problem"] is None
    assert report["dir"] == str(stanza_models_dir)
    names = {f"{f['processor']}/{f['package']}" for f in report["files"]}
    assert names == file_names(stanza_mirror)
    assert report["size"] == sum(len(stanza_mirror.model_bytes(*n.split("/"))) for n in names)


@pytest.mark.parametrize("damage, problem", [
    ("empty dir", "Stanza English models not found in {dir}: run `quotes models download`"),
    ("no ner file", "some model files are missing: run `quotes models download`"),
    ("bad json", "{dir}/resources.json is not valid JSON"),
])
def test_status_not_ready(stanza_models_dir, damage, problem):
    if damage == "empty dir":
        stanza_models_dir = stanza_models_dir.parent / "empty"
    elif damage == "no ner file":
        (stanza_models_dir / "en" / "ner" / "ontonotes_charlm.pt").unlink()
    else:
        (stanza_models_dir / "resources.json").write_text('{"en": ')
    result = CliRunner().invoke(cli, ["models", "status", "--dir", str(stanza_models_dir)])
    assert result.exit_code == 1
    assert f"directory: {stanza_models_dir}" in result.output
    assert f"NOT READY - {problem.format(dir=stanza_models_dir)}" in result.output


def test_list_shows_missing_file(stanza_mirror, stanza_models_dir):
    (stanza_models_dir / "en" / "ner" / "ontonotes_charlm.pt").unlink()
    result = CliRunner().invoke(cli, ["models", "list", "--dir", str(stanza_models_dir)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert set(lines) == set(stanza_mirror.models)
    assert "missing" in lines["ner"]
    assert "0.0 MB" in lines["tokenize"]
    assert str(stanza_models_dir / "en" / "tokenize" / "combined.pt") in lines["tokenize"]


def test_list_json_when_nothing_is_installed(tmp_path):
    result = CliRunner().invoke(cli, ["models", "list", "--dir", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == []


@pytest.mark.parametrize("command", [
    ["status"], ["status", "--dir", "{tmp}"], ["list", "--dir", "{tmp}"],
    ["download", "--dir", "{tmp}", "--url", "http://127.0.0.1:9"],
])
def test_commands_need_the_stanza_extra(tmp_path, command):
    shadow = tmp_path / "without_stanza" / "stanza"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'stanza'\")\n")
    result = run_quotes("models", *[part.format(tmp=tmp_path) for part in command],
                        env={"PYTHONPATH": f"{shadow.parent}{os.pathsep}{ROOT}"})
    assert result.returncode == 1
    assert result.stderr == "Error: the stanza engine needs the stanza extra: " \
                            "pip install 'quotes[stanza]'\n"
