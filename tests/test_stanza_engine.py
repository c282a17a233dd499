"""The Stanza engine: clear errors when it cannot run, and real parses when the models are there.

The parsing tests need the English models (`quotes models download`, from Stanza's hub);
without them they skip and say so.
"""

from __future__ import annotations

import sys

import pytest

stanza = pytest.importorskip("stanza", reason="needs the stanza extra (pip install 'quotes[stanza]')")

import torch

from quotes.nlp import (
    EngineUnavailable,
    load_engine,
    models,
)

NO_MODELS = "Stanza English models are not downloaded (quotes models download)"


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


def test_incomplete_models(stanza_models_dir):
    (stanza_models_dir / "en" / "depparse" / "combined_charlm.pt").unlink()
    with pytest.raises(EngineUnavailable) as error:
        load_engine("stanza", model_dir=str(stanza_models_dir))
    assert str(error.value) == (f"Stanza English models incomplete in {stanza_models_dir} "
                                "(missing depparse/combined_charlm): run `quotes models download`")


def test_damaged_models(stanza_models_dir):
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


@pytest.fixture(scope="module")
def engine():
    try:
        models.check_installed(models.model_dir())
    except models.ModelsMissing:
        pytest.skip(NO_MODELS)
    return load_engine("stanza", batch_size=2)


TEXT = 'Mr Blinken said the talks were useful. "We don\'t agree," Wang Yi said.\n'


def test_parse_real_text(engine):
    doc = engine.parse_one(TEXT)
    assert len(doc.sentences) == 2
    for token in doc.tokens:
        assert TEXT[token.start:token.end] == token.text
    said = next(t for t in doc.tokens if t.text == "said")
    assert (said.lemma, said.upos, said.deprel) == ("say", "VERB", "root")
    subject = [doc.tokens[i] for i in doc.children(said.i) if doc.tokens[i].deprel == "nsubj"]
    assert [t.text for t in subject] == ["Blinken"]
    assert ("do", "n't") in {(a.text, b.text) for a, b in zip(doc.tokens, doc.tokens[1:], strict=False)}
    people = {(e.text, e.label) for e in doc.entities}
    assert {("Blinken", "PERSON"), ("Wang Yi", "PERSON")} <= people


def test_batches_keep_order_and_empty_texts(engine):
    texts = ["Wang Yi spoke.", "", "The ministry said it disagreed.", "   \n", "Mr Blinken left."]
    docs = list(engine.parse(texts))
    assert [doc.text for doc in docs] == texts
    assert [len(doc.tokens) > 0 for doc in docs] == [True, False, True, False, True]
    assert docs[2].tokens[0].text == "The"


def test_long_text_parsed_in_pieces(engine, monkeypatch):
    text = "\n\n".join(["The minister said the talks would go on."] * 6)
    monkeypatch.setattr(engine, "chunk_limit", 120)
    doc = engine.parse_one(text)
    assert len(doc.sentences) == 6
    for token in doc.tokens:
        assert text[token.start:token.end] == token.text
        assert doc.tokens[token.head].sent == token.sent
