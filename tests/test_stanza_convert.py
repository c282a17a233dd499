"""from_stanza: Stanza documents become our UD Document, with offsets into the original text.

The Stanza documents are real `stanza.Document` objects read from hand-written CoNLL-U
fixtures (tests/fixtures/stanza/*.conllu) over the texts beside them, so no model is needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stanza_tiny import STANZA_EXTRA

pytest.importorskip("stanza", reason=STANZA_EXTRA)

from stanza.utils.conll import CoNLL

from quotes.nlp.stanza_engine import from_stanza

FIXTURES = Path(__file__).parent / "fixtures" / "stanza"


def load(name: str):
    """The fixture's text and its parse as Stanza's pipeline would hand it over."""
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    doc = CoNLL.conll2doc(input_file=str(FIXTURES / f"{name}.conllu"))
    doc.text = text
    doc.build_ents()  # what Stanza's NER processor does after tagging
    return text, doc


@pytest.fixture(scope="module")
def blinken():
    return from_stanza(*reversed(load("blinken")))


@pytest.fixture(scope="module")
def quote():
    return from_stanza(*reversed(load("quote")))


def test_tokens_are_words(blinken, quote):
    assert [t.text for t in blinken.tokens] == ["Mr", "Blinken", "said", "the", "talks", "were", "useful", ".", "China", "'s", "foreign", "ministry", "said", "they", "do", "n't", "agree", "and", "will", "not", "talk", ".", "Wang", "Yi", "can", "not", "comment", "."]
    assert [t.text for t in quote.tokens] == ["“", "We", "do", "n’t", "agree", ",", "”", "Mr", "Blinken", "said", "."]
    assert [t.i for t in blinken.tokens] == list(range(len(blinken.tokens)))


@pytest.mark.parametrize("name", ["blinken", "quote"])
def test_offsets_round_trip(name):
    text, doc = load(name)
    converted = from_stanza(doc, text)
    expanded = {"will", "not"} if name == "blinken" else set()
    for token in converted.tokens:
        if token.sent == 1 and token.text in expanded:
            continue  # "won't" -> "will" "not", checked below
        assert text[token.start:token.end] == token.text


@pytest.mark.parametrize("surface, words", [
    # no word offsets in the fixture: split by matching the words against the token
    ("don't", [("do", 75, 77), ("n't", 77, 80)]),
    # word offsets given by Stanza: kept
    ("cannot", [("can", 111, 114), ("not", 114, 117)]),
    # an expansion, not a split: the first word keeps the token, the rest are zero-width
    ("won't", [("will", 91, 96), ("not", 96, 96)]),
])
def test_multi_word_token_spans(blinken, surface, words):
    start = blinken.text.index(surface)
    first = blinken.token_at(start)
    got = [(t.text, t.start, t.end) for t in blinken.tokens[first:first + len(words)]]
    assert got == words


def test_curly_apostrophe_split(quote):
    assert [(t.text, t.start, t.end) for t in quote.tokens[2:4]] == [("do", 6, 8), ("n’t", 8, 11)]
    assert quote.text[6:11] == "don’t"


@pytest.mark.parametrize("dependent, deprel, head", [
    ("Mr", "compound", "Blinken"),
    ("Blinken", "nsubj", "said"),
    ("said", "root", "said"),
    ("talks", "nsubj", "useful"),
    ("were", "cop", "useful"),
    ("useful", "ccomp", "said"),
    (".", "punct", "said"),
])
def test_heads_and_deprels(blinken, dependent, deprel, head):
    sentence = blinken.sentences[0]
    by_text = {blinken.tokens[i].text: blinken.tokens[i] for i in sentence.tokens}
    token = by_text[dependent]
    assert (token.deprel, blinken.tokens[token.head].text) == (deprel, head)


def test_heads_cross_multi_word_tokens(blinken):
    agree = next(t for t in blinken.tokens if t.text == "agree")
    talk = next(t for t in blinken.tokens if t.text == "talk")
    assert [blinken.tokens[i].text for i in blinken.children(agree.i)] == ["they", "do", "n't",
                                                                           "talk"]
    assert [(blinken.tokens[i].text, blinken.tokens[i].deprel)
            for i in blinken.children(talk.i)] == [("and", "cc"), ("will", "aux"),
                                                   ("not", "advmod")]
    assert blinken.tokens[agree.head].text == "said" and agree.deprel == "ccomp"


def test_every_sentence_has_one_root(blinken):
    roots = [t.i for t in blinken.tokens if t.head == t.i]
    assert [blinken.tokens[i].text for i in roots] == ["said", "said", "comment"]
    assert all(blinken.tokens[i].deprel == "root" for i in roots)
    assert blinken.subtree(roots[0]) == list(blinken.sentences[0].tokens)


def test_sentences(blinken, quote):
    assert [(s.start, s.end, s.first, s.last) for s in blinken.sentences] == [
        (0, 38, 0, 7), (40, 102, 8, 21), (103, 126, 22, 27)]
    assert [blinken.text[s.start:s.end] for s in blinken.sentences] == [
        "Mr Blinken said the talks were useful.",
        "China's foreign ministry said they don't agree and won't talk.",
        "Wang Yi cannot comment."]
    assert {t.sent for t in blinken.tokens[8:22]} == {1}
    assert [(s.start, s.end) for s in quote.sentences] == [(2, 36)]


def test_entities(blinken, quote):
    assert [(e.text, e.label, e.first, e.last) for e in blinken.entities] == [
        ("Blinken", "PERSON", 1, 1), ("China", "GPE", 8, 8), ("Wang Yi", "PERSON", 22, 23)]
    for doc in (blinken, quote):
        for entity in doc.entities:
            assert doc.text[entity.start:entity.end] == entity.text
            assert (entity.start, entity.end) == doc.span(entity.first, entity.last)
    assert blinken.entity_at(23).text == "Wang Yi"
    assert [(e.text, e.start, e.end) for e in quote.entities] == [("Blinken", 23, 30)]


@pytest.mark.parametrize("word, lemma, upos, xpos, feats", [
    ("said", "say", "VERB", "VBD", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"),
    ("n't", "not", "PART", "RB", "Polarity=Neg"),
    ("will", "will", "AUX", "MD", "VerbForm=Fin"),
    ("'s", "'s", "PART", "POS", ""),
])
def test_word_annotations(blinken, word, lemma, upos, xpos, feats):
    token = next(t for t in blinken.tokens if t.text == word)
    assert (token.lemma, token.upos, token.xpos, token.feats) == (lemma, upos, xpos, feats)


def test_feature_lookup(blinken):
    negation = next(t for t in blinken.tokens if t.text == "n't")
    assert negation.feat("Polarity") == "Neg"
    assert blinken.tokens[0].feat("Polarity") is None


def test_tokens_without_offsets_are_refused():
    conllu = "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    with pytest.raises(ValueError, match="stanza token 'Hello' has no character offsets"):
        from_stanza(CoNLL.conll2doc(input_str=conllu), "Hello")
