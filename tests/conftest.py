"""Shared fixtures: one spaCy engine per test session, the bundled seed article, a tiny
trained Stanza pipeline, and a miniature Stanza model hub on 127.0.0.1 serving it.

A test run started in the background by a shell (`make test &`) inherits Ctrl+C (SIGINT)
ignored, and so would every command the tests start: the tests that press Ctrl+C would
then test nothing. The run takes Ctrl+C back first, as a terminal gives it."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from stanza_tiny import STANZA_EXTRA

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-blinken-china-2023-06-19.txt"

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def engine():
    from quotes.nlp import load_engine

    return load_engine("spacy")


@pytest.fixture(scope="session")
def extract(engine):
    """extract(text) -> list of quote dicts as `quotes extract` prints them."""
    from quotes.pipeline.extract import article_json, extract_articles
    from quotes.records import Article

    def run(text: str, ignored=()) -> list[dict]:
        article = Article("test", text, ignored=list(ignored))
        [(article, quotes)] = list(extract_articles([article], engine))
        return article_json(article, quotes)["quotes"]

    return run

@pytest.fixture(scope="session")
def quotes_of(engine):
    """quotes_of(text) -> the Quote records of `text`, speakers resolved, in text order."""
    from quotes.pipeline.extract import extract_articles
    from quotes.records import Article

    def run(text: str):
        [(_, quotes)] = list(extract_articles([Article("test", text)], engine))
        return sorted(quotes, key=lambda q: q.content[0])

    return run




@pytest.fixture(scope="session")
def stanza_tiny_models(request, tmp_path_factory) -> Path:
    """A tiny English Stanza pipeline, trained by tests/stanza_tiny.py, installed as
    `quotes models download` installs the hub's models. Read-only: copy it to damage it.

    Trained once and kept in pytest's cache (.pytest_cache/d/stanza-tiny/) until the
    corpus, the training script, Stanza or torch change; without the cache (-p
    no:cacheprovider), trained once per session in a temporary directory.
    """
    pytest.importorskip("stanza", reason=STANZA_EXTRA)
    import stanza_tiny

    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("stanza-tiny") if cache is not None else tmp_path_factory.mktemp("stanza-tiny")
    target = Path(root) / stanza_tiny.fingerprint()
    if not (target / "resources.json").is_file():
        train_tiny_models(target)
    return target


def train_tiny_models(target: Path) -> None:
    """Train into a directory of its own beside `target`, then move it in place (unless
    another test run got there first), and remove the models of older fingerprints."""
    fresh = Path(tempfile.mkdtemp(dir=target.parent, prefix=f"{target.name}.training-")) / "models"
    result = subprocess.run([sys.executable, str(Path(__file__).parent / "stanza_tiny.py"), str(fresh)],
                            capture_output=True, text=True, check=False, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"training the tiny Stanza models failed:\n{result.stderr[-3000:]}")
    print(result.stdout.strip())
    try:
        fresh.rename(target)
    except OSError:  # trained meanwhile by another run
        pass
    for path in target.parent.iterdir():
        if path == fresh.parent or (".training-" not in path.name and path != target):
            shutil.rmtree(path, ignore_errors=True)


class StanzaMirror(ThreadingHTTPServer):
    """Stanza's hub in miniature, on 127.0.0.1: `resources_<version>.json` and the model
    files of a model directory (the tiny trained models), at the URLs it names.

    `requests` records the paths asked for. To test failures, name files
    (`"ner/tiny"`) in `missing` (404), `corrupt` (served with one byte changed), `cut`
    (half served, then the connection closes) or `stall` (half served, then nothing
    until the server stops; `stalled` is set when that happens).
    """

    def __init__(self, models: Path, resources_version: str):
        super().__init__(("127.0.0.1", 0), StanzaMirrorHandler)
        self.models = models
        self.url = f"http://127.0.0.1:{self.server_port}"
        self.resources_path = f"/resources_{resources_version}.json"
        self.requests: list[str] = []
        self.missing: set[str] = set()
        self.corrupt: set[str] = set()
        self.cut: set[str] = set()
        self.stall: set[str] = set()
        self.stalled = threading.Event()
        self.closing = threading.Event()

    def resources(self) -> dict:
        resources = json.loads((self.models / "resources.json").read_text(encoding="utf-8"))
        return resources | {"url": self.url + "/models/{lang}/{filename}"}

    def file_names(self) -> set[str]:
        """`processor/package` of every model file the mirror serves."""
        english = self.resources()["en"]
        return {f"{processor}/{package}" for processor, packages in english.items()
                if processor not in ("lang_name", "packages", "default_processors")
                for package in packages}

    def model_bytes(self, name: str) -> bytes:
        return (self.models / "en" / f"{name}.pt").read_bytes()

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()


class StanzaMirrorHandler(BaseHTTPRequestHandler):
    server: StanzaMirror

    def do_GET(self):
        self.server.requests.append(self.path)
        name = self.path.removeprefix("/models/en/").removesuffix(".pt")
        if self.path == self.server.resources_path:
            body = json.dumps(self.server.resources()).encode()
        elif self.path.startswith("/models/en/") and name in self.server.file_names() - self.server.missing:
            body = self.server.model_bytes(name)
        else:
            self.send_error(404)
            return
        if name in self.server.corrupt:
            body = body[:100] + bytes([body[100] ^ 0xFF]) + body[101:]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if name in self.server.cut or name in self.server.stall:
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            if name in self.server.stall:
                self.server.stalled.set()
                self.server.closing.wait(60)
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stanza_mirror(stanza_tiny_models):
    stanza = pytest.importorskip("stanza", reason=STANZA_EXTRA)
    server = StanzaMirror(stanza_tiny_models, stanza.__resources_version__)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.closing.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def stanza_models_dir(stanza_mirror, tmp_path):
    """A model directory filled from the mirror by `quotes.models.download`: yours to damage."""
    from quotes.nlp import models

    target = tmp_path / "stanza"
    models.download(target, "en", stanza_mirror.url)
    return target
