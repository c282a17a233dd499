"""Bring spaCy's ClearNLP-style dependencies to Universal Dependencies.

Two steps: prepositions become `case` dependents of their noun (spaCy hangs the noun
below the preposition as `pobj`; UD hangs the preposition below the noun), then labels
are renamed. Afterwards the rules see the same shapes from spaCy and from Stanza.
"""

from __future__ import annotations

from quotes.nlp.document import Document

LABELS = {
    "ROOT": "root",
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "prt": "compound:prt",
    "neg": "advmod",
    "relcl": "acl:relcl",
    "dative": "iobj",
    "npadvmod": "obl:npmod",
    "quantmod": "advmod",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "attr": "xcomp",
    "intj": "discourse",
    "meta": "dep",
    "prep": "obl",
    "agent": "obl:agent",
    "pobj": "obl",
    "pcomp": "advcl",
}
PREDICATES = {"VERB", "AUX", "ADJ"}


def to_ud(doc: Document) -> None:
    """Rewrite `doc`'s spaCy dependencies in place as UD."""
    tokens = doc.tokens
    for prep in tokens:
        if prep.deprel not in ("prep", "agent"):
            continue
        objects = [t for t in tokens[prep.i + 1:prep.i + 40]
                   if t.head == prep.i and t.deprel in ("pobj", "pcomp")]
        if not objects:
            continue
        obj = objects[0]
        governor = tokens[prep.head]
        if obj.deprel == "pcomp":
            obj.deprel = "advcl" if governor.upos in PREDICATES else "acl"
            role = "mark"
        elif prep.deprel == "agent":
            obj.deprel = "obl:agent"
            role = "case"
        else:
            obj.deprel = "obl" if governor.upos in PREDICATES else "nmod"
            role = "case"
        obj.head = prep.head if prep.head != prep.i else obj.i
        if prep.head == prep.i:
            obj.deprel = "root"
        prep.head, prep.deprel = obj.i, role
    for token in tokens:
        token.deprel = LABELS.get(token.deprel, token.deprel)
    doc._children = None
