"""The Stanza engine: clear errors when it cannot run, and a real `stanza.Pipeline` run.

The parsing tests run the tiny English pipeline that the `stanza_tiny_models` fixture
trains (tests/stanza_tiny.py) and installs in the layout `quotes models download`
makes. It is undertrained: the tests check what the code does with Stanza's output
(loading offline, batches, pieces, offsets, multi-word tokens, quotes, the database),
on sentences close to the ones it was trained on.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from stanza_tiny import STANZA_EXTRA

stanza = pytest.importorskip("stanza", reason=STANZA_EXTRA)

import torch

from quotes.nlp import EngineUnavailable, load_engine
from quotes.pipeline.extract import article_json, extract_articles
from quotes.reading.corpus import read_articles
from quotes.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROCESSORS = {"tokenize", "mwt", "pos", "lemma", "depparse", "ner"}
NO_CUDA = "needs a CUDA device: torch.cuda.is_available() is False on this machine"


def run_quotes(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, text=True,
                          check=False, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_missing_models(tmp_path):
    with pytest.raises(EngineUnavailable) as error:
        load_engine("stanza", model_dir=str(tmp_path))
    assert str(error.value) == (f"Stanza English models not found in {tmp_path}: "
                                "run `quotes models download`")


def test_model_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_STANZA_DIR", str(tmp_path / "shared"))
    with pytest.raises(EngineUnavailable, match=f"not found in {tmp_path / 'shared'}:"):
        load_engine("stanza")


def test_missing_stanza_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "stanza", None)  # what `import stanza` meets when absent
    with pytest.raises(EngineUnavailable) as error:
        load_engine("stanza")
    assert str(error.value) == ("the stanza engine needs the stanza extra: "
                                "pip install 'quotes[stanza]'")


@pytest.mark.slow
def test_incomplete_models(stanza_models_dir):
    (stanza_models_dir / "en" / "depparse" / "tiny.pt").unlink()
    with pytest.raises(EngineUnavailable) as error:
        load_engine("stanza", model_dir=str(stanza_models_dir))
    assert str(error.value) == (f"Stanza English models incomplete in {stanza_models_dir} "
                                "(missing depparse/tiny): run `quotes models download`")


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncated", "not a model"])
def test_damaged_models(stanza_models_dir, damage):
    model = stanza_models_dir / "en" / "pos" / "tiny.pt"
    model.write_bytes(model.read_bytes()[:1000] if damage == "truncated" else b"<html>Not found</html>")
    with pytest.raises(EngineUnavailable) as error:
        load_engine("stanza", model_dir=str(stanza_models_dir), use_gpu=False)
    message = str(error.value)
    assert message.startswith(f"could not load the Stanza models in {stanza_models_dir} (")
    assert message.endswith("): run `quotes models download` to repair them")
    assert "\n" not in message


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without a CUDA device")
def test_gpu_requested_without_cuda(tmp_path):
    with pytest.raises(EngineUnavailable, match="a GPU was requested but torch .* sees no CUDA"):
        load_engine("stanza", model_dir=str(tmp_path), use_gpu=True)


@pytest.mark.slow
@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without a CUDA device")
def test_ingest_gpu_flag_without_cuda(tmp_path):
    result = run_quotes("ingest", str(EXAMPLES / "river-clean-up.txt"), "--engine", "stanza", "--gpu",
                        "--workers", "1", "--db", str(tmp_path / "quotes.db"),
                        env={"QUOTES_STANZA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Error: a GPU was requested but torch {torch.__version__} sees no CUDA device: "
        "drop the GPU option or install a CUDA build of torch")


def refuse_network(*args, **kwargs):
    raise OSError("this test has no network")


@pytest.fixture(scope="module")
def engine(stanza_tiny_models):
    """The tiny pipeline, loaded with every network connection refused.

    It runs on one torch thread: on a machine busy with other work, torch's threads
    spinning for a core make these tests ten times slower.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse_network)
        patch.setattr(socket, "create_connection", refuse_network)
        patch.setattr(socket, "getaddrinfo", refuse_network)
        loaded = load_engine("stanza", model_dir=str(stanza_tiny_models), batch_size=2, use_gpu=False)
    yield loaded
    torch.set_num_threads(threads)


def assert_offsets(doc) -> None:
    """Every token is its slice of the text, except the zero-width rest of an expansion."""
    for token in doc.tokens:
        if token.start < token.end:
            assert doc.text[token.start:token.end] == token.text, token


@pytest.mark.slow
def test_pipeline_loads_offline(engine, stanza_tiny_models):
    assert set(engine.nlp.processors) == PROCESSORS
    assert (engine.device, engine.model_dir) == ("cpu", stanza_tiny_models)


TEXT = 'Mr Blinken said the talks were useful. "We don\'t agree," Wang Yi said.\n'


@pytest.mark.slow
def test_parse_real_text(engine):
    doc = engine.parse_one(TEXT)
    assert [TEXT[s.start:s.end] for s in doc.sentences] == [
        "Mr Blinken said the talks were useful.", '"We don\'t agree," Wang Yi said.']
    assert [t.text for t in doc.tokens] == ["Mr", "Blinken", "said", "the", "talks", "were", "useful",
                                            ".", '"', "We", "do", "n't", "agree", ",", '"', "Wang", "Yi",
                                            "said", "."]
    assert_offsets(doc)
    said = [t for t in doc.tokens if t.text == "said"]
    assert [(t.lemma, t.upos, t.deprel) for t in said] == [("say", "VERB", "root")] * 2
    assert [(t.lemma, t.upos) for t in doc.tokens[10:12]] == [("do", "AUX"), ("not", "PART")]
    assert all(doc.tokens[t.head].sent == t.sent for t in doc.tokens)
    people = {(e.text, e.label) for e in doc.entities}
    assert {("Blinken", "PERSON"), ("Wang Yi", "PERSON")} <= people


@pytest.mark.slow
def test_batches_keep_order_and_empty_texts(engine):
    texts = ["Wang Yi spoke.", "", "The ministry said it disagreed.", "   \n", "Mr Blinken left."]
    docs = list(engine.parse(texts))
    assert [doc.text for doc in docs] == texts
    assert [len(doc.tokens) > 0 for doc in docs] == [True, False, True, False, True]
    assert [t.text for t in docs[2].tokens] == ["The", "ministry", "said", "it", "disagreed", "."]


@pytest.mark.slow
def test_long_text_parsed_in_pieces(engine, monkeypatch):
    text = "\n\n".join(["The minister said the talks would go on."] * 6)
    monkeypatch.setattr(engine, "chunk_limit", 120)
    doc = engine.parse_one(text)
    assert len(doc.sentences) == 6
    assert_offsets(doc)
    for token in doc.tokens:
        assert doc.tokens[token.head].sent == token.sent
    assert [t.i for t in doc.tokens] == list(range(len(doc.tokens)))


@pytest.mark.slow
@pytest.mark.parametrize("text, words", [
    ('"We can\'t spend money we don\'t have," he said.', [("ca", "n't"), ("do", "n't")]),
    ("“They don’t want a postcard,” Whitlow said.", [("do", "n’t")]),
    ('"It\'s not good enough," she said.', [("It", "'s")]),
])
def test_multi_word_tokens_split_into_words_with_offsets(engine, text, words):
    doc = engine.parse_one(text)
    assert_offsets(doc)
    split = [(a.text, b.text) for a, b in zip(doc.tokens, doc.tokens[1:], strict=False)
             if a.end == b.start and a.text[-1].isalpha() and b.text[0] in "'’n"]
    assert split == words


def quotes_of(engine, text: str) -> list[dict]:
    [(article, quotes)] = list(extract_articles([Article("test", text)], engine))
    return article_json(article, quotes)["quotes"]


@pytest.mark.slow
@pytest.mark.parametrize("text, quote", [
    ('"Every year the river surprises us," said organiser Grace Kim.',
     '"Every year the river surprises us,"'),
    ("“Our inspection records are complete,” a company spokesperson said. Police said it was over.",
     "“Our inspection records are complete,”"),
    (TEXT, '"We don\'t agree,"'),
])
def test_direct_quotes_are_found(engine, text, quote):
    """Who said it depends on the parse, which a tiny model gets wrong now and then."""
    found = [(q["type"], q["text"], q["cue_lemma"]) for q in quotes_of(engine, text)]
    assert ("direct", quote, "say") in found


def example_articles() -> list[Article]:
    return [a for a in read_articles([EXAMPLES]) if isinstance(a, Article)]


@pytest.mark.slow
def test_offsets_round_trip_on_the_examples(engine):
    articles = example_articles()
    assert len(articles) == 6
    for article, doc in zip(articles, engine.parse(a.text for a in articles), strict=True):
        assert doc.text == article.text
        assert_offsets(doc)
    results = list(extract_articles(articles, engine))
    assert sum(len(quotes) for _, quotes in results) > 20
    for article, quotes in results:
        for quote in article_json(article, quotes)["quotes"]:
            pieces = [article.text[start:end] for start, end in quote["content"]]
            assert quote["text"] == " ".join(pieces)
            source = " ".join(article.text[s:e] for s, e in quote["source"])
            assert quote["source_text"] == (source or None)
            assert all(0 <= s < e <= len(article.text) for s, e in quote["content"] + quote["cue"])


@pytest.mark.slow
def test_extract_command(stanza_tiny_models):
    article = EXAMPLES / "river-clean-up.txt"
    result = run_quotes("extract", str(article), "--engine", "stanza",
                        env={"QUOTES_STANZA_DIR": str(stanza_tiny_models)})
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    quotes = json.loads(line)["quotes"]
    text = article.read_text(encoding="utf-8")
    said = {(q["speaker"], q["cue_lemma"]) for q in quotes}
    assert {("Grace Kim", "say"), ("environment agency", "say"), ("police spokesperson", "say")} <= said
    every_year = next(q for q in quotes if q["speaker"] == "Grace Kim")
    start, end = every_year["content"][0]
    assert text[start:end] == ('"Every year we think we have found everything, and every year '
                               'the river surprises us,"')


@pytest.mark.slow
def test_ingest_command_fills_the_database(stanza_tiny_models, tmp_path):
    db = tmp_path / "quotes.db"
    result = run_quotes("ingest", str(EXAMPLES), "--engine", "stanza", "--cpu", "--workers", "2",
                        "--db", str(db), env={"QUOTES_STANZA_DIR": str(stanza_tiny_models)})
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT id, text, quote_count FROM articles").fetchall()
        quotes = conn.execute('SELECT article_id, text, type, start, "end", content FROM quotes').fetchall()
        speakers = {name for (name,) in conn.execute("SELECT name FROM speakers")}
    assert len(articles) == 6 and all(count > 0 for _, _, count in articles)
    assert len(quotes) == sum(count for _, _, count in articles)
    assert {"Maria Okafor", "Grace Kim", "Tom Hadley"} <= speakers
    texts = {article_id: text for article_id, text, _ in articles}
    for article_id, quote, _, start, end, content in quotes:
        pieces = [texts[article_id][s:e] for s, e in json.loads(content)]
        assert quote == " ".join(pieces)
        assert (start, end) == (json.loads(content)[0][0], json.loads(content)[-1][1])
    assert any(kind == "direct" for _, _, kind, _, _, _ in quotes)


@pytest.mark.slow
@pytest.mark.skipif(not torch.cuda.is_available(), reason=NO_CUDA)
def test_gpu(stanza_tiny_models, engine):
    on_gpu = load_engine("stanza", model_dir=str(stanza_tiny_models), use_gpu=True)
    assert on_gpu.device.startswith("cuda")
    doc, on_cpu = on_gpu.parse_one(TEXT), engine.parse_one(TEXT)
    assert [(t.text, t.start, t.end) for t in doc.tokens] == [(t.text, t.start, t.end) for t in on_cpu.tokens]
    assert_offsets(doc)
