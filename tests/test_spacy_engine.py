"""The spaCy engine: UD labels and shapes, offsets into the original text, long texts."""

from __future__ import annotations

import itertools

from quotes.nlp import load_engine
from quotes.nlp.chunks import chunk_spans

TEXT = "Top diplomat to visit Beijing\n\nMr Blinken told reporters that the talks were useful.\n"


def test_offsets_point_into_the_original_text(engine):
    doc = engine.parse_one(TEXT)
    assert doc.text == TEXT
    for token in doc.tokens:
        assert TEXT[token.start:token.end] == token.text
    for entity in doc.entities:
        assert TEXT[entity.start:entity.end] == entity.text
    assert not any(t.text.isspace() for t in doc.tokens)


def test_labels_and_shapes_follow_universal_dependencies(engine):
    doc = engine.parse_one("Mr Blinken told reporters in Beijing that the talks were useful.")
    by_text = {t.text: t for t in doc.tokens}
    told = by_text["told"]
    assert told.deprel == "root" and told.head == told.i
    assert by_text["Blinken"].deprel == "nsubj"
    assert by_text["reporters"].deprel in ("obj", "iobj")
    assert by_text["Beijing"].deprel == "obl" and by_text["Beijing"].head == told.i
    assert by_text["in"].deprel == "case" and by_text["in"].head == by_text["Beijing"].i
    assert by_text["useful"].head == told.i or by_text["were"].head == told.i
    assert {t.deprel for t in doc.tokens}.isdisjoint({"dobj", "pobj", "prep", "ROOT", "poss"})


def test_a_line_break_starts_a_sentence(engine):
    doc = engine.parse_one(TEXT)
    assert [TEXT[s.start:s.end] for s in doc.sentences] == [
        "Top diplomat to visit Beijing", "Mr Blinken told reporters that the talks were useful."]


def test_chunk_spans_cut_at_paragraphs_and_cover_the_text():
    text = "para one.\n\npara two is here.\n\npara three."
    spans = chunk_spans(text, 20)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(text[s - 2:s] == "\n\n" for s, _ in spans[1:])


def test_long_text_is_parsed_in_pieces_with_offsets_kept():
    engine = load_engine("spacy")
    engine.chunk_limit = 60
    text = "\n\n".join(f"Ann Ortiz said the bridge number {n} was safe." for n in range(6))
    doc = engine.parse_one(text)
    assert len(doc.sentences) == 6
    for token in doc.tokens:
        assert text[token.start:token.end] == token.text
        assert doc.tokens[token.head].sent == token.sent
    assert [doc.tokens[i].text for i in range(len(doc.tokens)) if doc.tokens[i].deprel == "root"] == ["said"] * 6
