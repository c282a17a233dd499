"""NLP engines: each turns texts into `Document`s in Universal Dependencies conventions.

    engine = load_engine("spacy")
    for doc in engine.parse(texts): ...

The rules that find quotes only ever see `Document`, never spaCy or Stanza objects.
"""

from __future__ import annotations

from quotes.nlp.base import Engine, EngineUnavailable
from quotes.nlp.document import Document, Entity, Sentence, Token

ENGINES = ("spacy", "stanza")


def load_engine(name: str = "spacy", **options) -> Engine:
    """Load an engine by name; raises EngineUnavailable with a one-line reason."""
    if name == "spacy":
        from quotes.nlp.spacy_engine import SpacyEngine

        return SpacyEngine(**options)
    if name == "stanza":
        from quotes.nlp.stanza_engine import StanzaEngine

        return StanzaEngine(**options)
    raise EngineUnavailable(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Document", "Engine", "EngineUnavailable", "Entity", "Sentence", "Token",
           "load_engine"]
