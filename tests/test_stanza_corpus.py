"""The training corpus of the tiny Stanza models (tests/fixtures/stanza/corpus.conllu):
up to date with corpus.txt, and a treebank Stanza's trainers can read."""

from __future__ import annotations

import pytest
import stanza_corpus
from stanza_tiny import STANZA_EXTRA

BIOES_NEXT = {"O": "OBS", "S": "OBS", "E": "OBS", "B": "IE", "I": "IE"}


def test_corpus_is_built_from_its_text(engine):
    assert stanza_corpus.build(engine) == stanza_corpus.CONLLU.read_text(encoding="utf-8"), (
        "corpus.conllu is out of date: run .venv/bin/python tests/stanza_corpus.py")


@pytest.fixture(scope="module")
def treebank():
    pytest.importorskip("stanza", reason=STANZA_EXTRA)
    from stanza.utils.conll import CoNLL

    return CoNLL.conll2doc(input_file=str(stanza_corpus.CONLLU))


def test_paragraphs_are_the_text(treebank):
    paragraphs: list[list[str]] = []
    for sentence in treebank.sentences:
        if any(comment.startswith("# newpar") for comment in sentence.comments):
            paragraphs.append([])
        paragraphs[-1].append(sentence.text)
    assert [" ".join(p) for p in paragraphs] == stanza_corpus.paragraphs()


def test_sentences_are_trees(treebank):
    for sentence in treebank.sentences:
        heads = [word.head for word in sentence.words]
        assert heads.count(0) == 1, sentence.text
        assert all(0 <= head <= len(sentence.words) for head in heads), sentence.text


def test_tokens_are_the_text_and_contractions_split_into_words(treebank):
    contractions = set()
    for sentence in treebank.sentences:
        rebuilt = "".join(t.text + ("" if t.spaces_after == "" else " ") for t in sentence.tokens)
        assert rebuilt.rstrip() == sentence.text
        for token in sentence.tokens:
            if len(token.words) > 1:
                assert "".join(word.text for word in token.words) == token.text
                contractions.add(token.text.lower())
    assert {"don't", "can't", "won't", "it's", "cannot", "don’t"} <= contractions


def test_entity_tags_are_bioes(treebank):
    labels = set()
    for sentence in treebank.sentences:
        previous = "O"
        for token in sentence.tokens:
            tag = token.ner
            assert tag[0] in BIOES_NEXT[previous[0]], (sentence.text, token.text, tag)
            if tag != "O":
                labels.add(tag[2:])
            previous = tag
        assert previous[0] in "OSE", sentence.text
    assert {"PERSON", "ORG", "GPE", "DATE"} <= labels
