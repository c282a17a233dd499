"""Shared fixtures: one spaCy engine per test session, the bundled seed article, and a
miniature Stanza model hub on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-blinken-china-2023-06-19.txt"


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

class StanzaMirror(ThreadingHTTPServer):
    """Stanza's hub in miniature: resources_<version>.json and one small file per model.

    The files are not real models; `requests` records the paths asked for.
    """

    # processor -> (package, dependencies), in the shape of Stanza's English defaults
    models: ClassVar[dict] = {
        "tokenize": ("combined", []),
        "mwt": ("combined", []),
        "pos": ("combined_charlm", [("pretrain", "conll17"), ("forward_charlm", "1billion")]),
        "lemma": ("combined_nocharlm", []),
        "depparse": ("combined_charlm", [("pretrain", "conll17"), ("forward_charlm", "1billion")]),
        "ner": ("ontonotes_charlm", [("pretrain", "conll17"), ("forward_charlm", "1billion")]),
        "pretrain": ("conll17", []),
        "forward_charlm": ("1billion", []),
    }

    def __init__(self, resources_version: str):
        super().__init__(("127.0.0.1", 0), StanzaMirrorHandler)
        self.url = f"http://127.0.0.1:{self.server_port}"
        self.resources_path = f"/resources_{resources_version}.json"
        self.requests: list[str] = []

    @staticmethod
    def model_bytes(processor: str, package: str) -> bytes:
        return f"not a real {processor} model: {package}\n".encode() * 1000

    def resources(self) -> dict:
        english: dict = {"lang_name": "English", "packages": {"default": {}}}
        for processor, (package, deps) in self.models.items():
            english[processor] = {package: {
                "md5": hashlib.md5(self.model_bytes(processor, package)).hexdigest(),
                "dependencies": [{"model": m, "package": p} for m, p in deps],
            }}
            if processor not in ("pretrain", "forward_charlm"):
                english["packages"]["default"][processor] = package
        return {"url": self.url + "/models/{lang}/{filename}", "en": english}


class StanzaMirrorHandler(BaseHTTPRequestHandler):
    server: StanzaMirror

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path == self.server.resources_path:
            body = json.dumps(self.server.resources()).encode()
        elif self.path.startswith("/models/en/") and self.path.endswith(".pt"):
            name = self.path.removeprefix("/models/en/").removesuffix(".pt")
            body = self.server.model_bytes(*name.split("/"))
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stanza_mirror():
    stanza = pytest.importorskip("stanza", reason="needs the stanza extra (pip install 'quotes[stanza]')")
    server = StanzaMirror(stanza.__resources_version__)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def stanza_models_dir(stanza_mirror, tmp_path):
    """A model directory filled from the mirror by `quotes.models.download`."""
    from quotes.nlp import models

    target = tmp_path / "stanza"
    models.download(target, "en", stanza_mirror.url)
    return target
