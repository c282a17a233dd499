"""`quotes models`: where Stanza models live, downloading them, reporting what is installed.

Downloads run against a miniature Stanza hub on 127.0.0.1 (the `stanza_mirror` fixture)
serving the tiny trained models (`stanza_tiny_models`) in the hub's layout, or against
a closed port for the failure path. The mirror can serve a file corrupted, cut off
half-way, or stall half-way so that the download can be killed. The tests that need the
trained models are marked slow: training takes half a minute the first time (then the
models are cached).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from stanza_tiny import STANZA_EXTRA
from tqdm import tqdm

stanza = pytest.importorskip("stanza", reason=STANZA_EXTRA)

from quotes.cli import cli
from quotes.nlp import models

pytestmark = pytest.mark.slow  # downloads from a local hub

ROOT = Path(__file__).resolve().parent.parent
OFFLINE_HINT = ("Without network access, copy a model directory from a machine that has one "
                "and pass it with --dir or $QUOTES_STANZA_DIR")


def quotes_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotes", *args]


def quotes_env(env: dict | None = None) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}


def run_quotes(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(quotes_command(*args), capture_output=True, check=False,
                          text=True, env=quotes_env(env), cwd=ROOT, timeout=120)


def model_path(directory: Path, name: str) -> Path:
    return directory / "en" / f"{name}.pt"


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def assert_complete(directory: Path, mirror) -> None:
    """Every file the mirror serves is installed, byte for byte, and nothing else is left."""
    for name in mirror.file_names():
        assert model_path(directory, name).read_bytes() == mirror.model_bytes(name), name
    leftovers = [p for p in (directory / "en").rglob("*") if p.is_file() and p.suffix != ".pt"]
    assert leftovers == [] and list((directory / "en").glob("*/tmp*")) == []


def file_request(mirror, name: str) -> str:
    return f"/models/en/{name}.pt"


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


def test_no_network_is_one_line_naming_what_to_do(closed_port_url, tmp_path):
    result = run_quotes("models", "download", "--dir", str(tmp_path / "m"),
                        "--url", closed_port_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith(f"Error: could not download Stanza models from {closed_port_url}/"
                            f"resources_{stanza.__resources_version__}.json: ")
    assert "Connection refused" in error
    assert error.endswith(OFFLINE_HINT)


def test_download_url_from_environment(closed_port_url, tmp_path):
    result = run_quotes("models", "download", "--dir", str(tmp_path / "m"),
                        env={"QUOTES_STANZA_URL": closed_port_url})
    assert result.returncode == 1
    assert f"could not download Stanza models from {closed_port_url}/" in result.stderr


@pytest.mark.slow
def test_download_shows_progress_and_installs_every_file(stanza_mirror, tmp_path):
    target = tmp_path / "stanza"
    result = run_quotes("models", "download", "--dir", str(target), "--url", stanza_mirror.url)
    assert result.returncode == 0, result.stderr
    names = stanza_mirror.file_names()
    assert names == {f"{p}/tiny" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner",
                                          "pretrain")}
    lines = result.stderr.replace("\r", "\n").splitlines()
    for name in names:  # a progress bar per file, run to the file's size
        size = tqdm.format_sizeof(len(stanza_mirror.model_bytes(name)), divisor=1000)
        bar = f"Downloading {stanza_mirror.url}/models/en/{name}.pt: 100%|██████████| {size}/{size} ["
        assert any(line.startswith(bar) for line in lines), bar
    total = sum(len(stanza_mirror.model_bytes(n)) for n in names)
    assert result.stderr.endswith(f"Installed {len(names)} model files ({total / 1e6:.0f} MB) "
                                  f"in {target}\n")
    assert_complete(target, stanza_mirror)


@pytest.mark.slow
def test_download_again_keeps_files(stanza_mirror, stanza_models_dir):
    stanza_mirror.requests.clear()
    result = CliRunner().invoke(cli, ["models", "download", "--dir", str(stanza_models_dir),
                                      "--url", stanza_mirror.url])
    assert result.exit_code == 0, result.output
    assert stanza_mirror.requests == [stanza_mirror.resources_path]


@pytest.mark.slow
def test_corrupted_download_is_refused_then_fetched_again(stanza_mirror, tmp_path):
    target = tmp_path / "stanza"
    stanza_mirror.corrupt.add("pos/tiny")
    with pytest.raises(models.DownloadError) as error:
        models.download(target, "en", stanza_mirror.url)
    expected_md5 = md5(stanza_mirror.models / "en" / "pos" / "tiny.pt")
    assert str(error.value) == (
        f"could not download Stanza models from {stanza_mirror.url}/models/en/pos/tiny.pt: the "
        f"file's md5 checksum is not {expected_md5}, so it was deleted; run `quotes models "
        "download` again, or use another --url if it happens again")
    assert not model_path(target, "pos/tiny").exists()
    assert not models.status(target)["ready"]

    stanza_mirror.corrupt.clear()
    stanza_mirror.requests.clear()
    models.download(target, "en", stanza_mirror.url)
    assert file_request(stanza_mirror, "pos/tiny") in stanza_mirror.requests
    assert file_request(stanza_mirror, "tokenize/tiny") not in stanza_mirror.requests
    assert_complete(target, stanza_mirror)


@pytest.mark.slow
def test_file_missing_on_the_server(stanza_mirror, tmp_path):
    target = tmp_path / "stanza"
    stanza_mirror.missing.add("lemma/tiny")
    with pytest.raises(models.DownloadError) as error:
        models.download(target, "en", stanza_mirror.url)
    url = f"{stanza_mirror.url}/models/en/lemma/tiny.pt"
    assert str(error.value) == (f"could not download Stanza models from {url}: "
                                f"404 Client Error: Not Found for url: {url}")
    assert not (target / "en" / "lemma").exists() or list((target / "en" / "lemma").iterdir()) == []


@pytest.mark.slow
def test_damaged_local_file_is_fetched_again(stanza_mirror, stanza_models_dir):
    damaged = model_path(stanza_models_dir, "depparse/tiny")
    damaged.write_bytes(damaged.read_bytes()[:-10])
    stanza_mirror.requests.clear()
    models.download(stanza_models_dir, "en", stanza_mirror.url)
    assert stanza_mirror.requests == [stanza_mirror.resources_path,
                                      file_request(stanza_mirror, "depparse/tiny")]
    assert_complete(stanza_models_dir, stanza_mirror)


@pytest.mark.slow
def test_cut_connection_leaves_no_partial_file(stanza_mirror, tmp_path):
    target = tmp_path / "stanza"
    stanza_mirror.cut.add("ner/tiny")
    with pytest.raises(models.DownloadError) as error:
        models.download(target, "en", stanza_mirror.url)
    message = str(error.value)
    assert message.startswith(f"could not download Stanza models from "
                              f"{stanza_mirror.url}/models/en/ner/tiny.pt: ")
    assert "Connection broken: IncompleteRead" in message
    assert "\n" not in message and message.endswith(OFFLINE_HINT)
    assert not (target / "en" / "ner").exists() or list((target / "en" / "ner").iterdir()) == []
    fetched_before = set(stanza_mirror.requests)

    stanza_mirror.cut.clear()
    stanza_mirror.requests.clear()
    models.download(target, "en", stanza_mirror.url)
    assert file_request(stanza_mirror, "ner/tiny") in stanza_mirror.requests
    assert not (fetched_before - {stanza_mirror.resources_path,
                                  file_request(stanza_mirror, "ner/tiny")}) & set(stanza_mirror.requests)
    assert_complete(target, stanza_mirror)


def wait_for_partial_file(folder: Path, seconds: float = 30) -> bool:
    """Whether a download started writing a file in `folder` (in a temporary folder) in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.stat().st_size > 0 for p in folder.glob("tmp*/tiny.pt")):
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_interrupted_download_restarts_cleanly(stanza_mirror, tmp_path, stop):
    target = tmp_path / "stanza"
    stanza_mirror.stall.add("depparse/tiny")
    process = subprocess.Popen(
        quotes_command("models", "download", "--dir", str(target), "--url", stanza_mirror.url),
        env=quotes_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert stanza_mirror.stalled.wait(60), "the download never reached depparse"
        assert wait_for_partial_file(target / "en" / "depparse"), "nothing of depparse was written"
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode != 0
    partial = list((target / "en" / "depparse").glob("tmp*/tiny.pt"))
    if stop == signal.SIGINT:  # cleans up after itself
        assert stderr.rstrip().splitlines()[-1] == "Aborted!"
        assert "Traceback" not in stderr
        assert partial == []
    else:  # leaves the partial file in a temporary folder, for the next run to remove
        [half] = partial
        assert half.stat().st_size < len(stanza_mirror.model_bytes("depparse/tiny"))
    assert not model_path(target, "depparse/tiny").exists()
    assert not models.status(target)["ready"]

    stanza_mirror.stall.clear()
    result = CliRunner().invoke(cli, ["models", "download", "--dir", str(target),
                                      "--url", stanza_mirror.url])
    assert result.exit_code == 0, result.output
    assert_complete(target, stanza_mirror)


@pytest.mark.slow
def test_status_ready(stanza_mirror, stanza_models_dir):
    result = CliRunner().invoke(cli, ["models", "status", "--dir", str(stanza_models_dir),
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ready"] and report["problem"] is None
    assert report["dir"] == str(stanza_models_dir)
    names = {f"{f['processor']}/{f['package']}" for f in report["files"]}
    assert names == stanza_mirror.file_names()
    assert report["size"] == sum(len(stanza_mirror.model_bytes(n)) for n in names)


@pytest.mark.slow
@pytest.mark.parametrize("damage, problem", [
    ("empty dir", "Stanza English models not found in {dir}: run `quotes models download`"),
    ("no ner file", "some model files are missing: run `quotes models download`"),
    ("bad json", "{dir}/resources.json is not valid JSON"),
])
def test_status_not_ready(stanza_models_dir, damage, problem):
    if damage == "empty dir":
        stanza_models_dir = stanza_models_dir.parent / "empty"
    elif damage == "no ner file":
        model_path(stanza_models_dir, "ner/tiny").unlink()
    else:
        (stanza_models_dir / "resources.json").write_text('{"en": ')
    result = CliRunner().invoke(cli, ["models", "status", "--dir", str(stanza_models_dir)])
    assert result.exit_code == 1
    assert f"directory: {stanza_models_dir}" in result.output
    assert f"NOT READY - {problem.format(dir=stanza_models_dir)}" in result.output


@pytest.mark.slow
def test_list_shows_missing_file(stanza_mirror, stanza_models_dir):
    model_path(stanza_models_dir, "ner/tiny").unlink()
    result = CliRunner().invoke(cli, ["models", "list", "--dir", str(stanza_models_dir)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert set(lines) == {name.split("/")[0] for name in stanza_mirror.file_names()}
    assert "missing" in lines["ner"]
    size = len(stanza_mirror.model_bytes("tokenize/tiny")) / 1e6
    assert f"{size:.1f} MB" in lines["tokenize"]
    assert str(model_path(stanza_models_dir, "tokenize/tiny")) in lines["tokenize"]


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
