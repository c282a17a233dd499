"""Noun phrases in the parse: their words, the name in apposition, and the role and
affiliation that a title or an appositive gives a person.

    "US secretary of state Antony Blinken"  -> role "secretary of state", affiliation "US"
    "China's top diplomat Wang Yi"          -> role "top diplomat", affiliation "China"
    "Carrie Lam, the chief executive of Hong Kong"
                                            -> role "chief executive of Hong Kong",
                                               affiliation "Hong Kong"
"""

from __future__ import annotations

import re

from quotes.nlp import Document, Entity
from quotes.nlp.tree import entity_head, phrase, text_of
from quotes.speakers.countries import country_of
from quotes.speakers.names import HONORIFICS, POSSESSIVE, first_name_gender

ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
            "our"}
AFFILIATION_ENTITIES = ("GPE", "NORP", "ORG")
MODIFIERS = ("compound", "amod", "nmod:poss", "nmod")
AFFILIATION_PREPOSITIONS = {"of", "for", "at", "from", "with", "to"}
MAX_ROLE_WORDS = 12
GENERIC = {"state", "government", "the state"}
"""Words the recogniser takes for organisations that are no affiliation ("Secretary of State")."""


def without_articles(doc: Document, tokens: list[int]) -> list[int]:
    while len(tokens) > 1 and doc.tokens[tokens[0]].text.lower() in ARTICLES:
        tokens = tokens[1:]
    return tokens


def appositive_name(doc: Document, head: int) -> int | None:
    """The name set beside a description: "The Vice President, Mike Pence" -> Pence,
    "television broadcaster PBS" -> PBS, "The chair of the judges, Professor Ian
    Whitlow" -> Whitlow (the parser may hang it on "judges")."""
    described = phrase(doc, head)
    for node in [head] + [i for i in described if i != head]:
        for child in doc.children(node):
            token = doc.tokens[child]
            if token.deprel not in ("appos", "flat") or child < described[0]:
                continue
            if node != head and not (token.deprel == "appos" and child > described[-1]):
                continue
            entity = doc.entity_at(child)
            if (token.upos == "PROPN" or entity) and (
                    entity is None or entity.label in ("PERSON", "ORG", "GPE", "NORP")):
                return child
    return None


def described_by(doc: Document, name_head: int) -> int | None:
    """The description a name stands in apposition to: "the prosecutor general of Tehran,
    Ali Alghasi Mehr" -> prosecutor."""
    token = doc.tokens[name_head]
    if token.deprel != "appos" or doc.tokens[token.head].upos != "NOUN":
        return None
    described = token.head
    while doc.tokens[described].deprel == "nmod" and doc.tokens[doc.tokens[described].head].upos == "NOUN" \
            and any(doc.tokens[c].text.lower() == "of" for c in doc.children(described)):
        described = doc.tokens[described].head  # "the chair of the judges, Ian Whitlow"
    return described  # not "a statement from her younger brother, King ...": the brother


def appositive_description(doc: Document, name_head: int) -> list[int] | None:
    """"Carrie Lam, the chief executive of Hong Kong," -> the tokens of the description."""
    for child in doc.children(name_head):
        token = doc.tokens[child]
        entity = doc.entity_at(child)
        if token.deprel == "appos" and (token.upos == "NOUN" or (
                token.upos == "PROPN" and (entity is None or entity.label != "PERSON"))):
            return without_articles(doc, phrase(doc, child))
    return None


def affiliation_after(doc: Document, name_head: int) -> str | None:
    """"Yvette Cooper of the Labour Party" -> "Labour Party"."""
    for child in doc.children(name_head):
        entity = doc.entity_at(child)
        if doc.tokens[child].deprel != "nmod" or entity is None or entity.label not in ("ORG", "GPE"):
            continue
        if any(doc.tokens[c].text.lower() in ("of", "from", "at") for c in doc.children(child)):
            return _affiliation_name(entity)
    return None


def name_span(doc: Document, entity: Entity) -> tuple[int, int]:
    """A person entity's tokens, widened to the left over a first name the recogniser left
    out ("Antony" in "Secretary of State Antony J. Blinken")."""
    first = entity.first
    inside = range(entity.first, entity.last + 1)
    while first > 0:
        token = doc.tokens[first - 1]
        if token.upos != "PROPN" or token.head not in inside or doc.entity_at(first - 1) is not None \
                or first_name_gender(token.text) is None:
            break
        first -= 1
    return first, entity.last


def title_before(doc: Document, entity: Entity) -> list[int]:
    """Tokens before a name that belong to its phrase: "US secretary of state" in
    "US secretary of state Antony Blinken", without a leading article."""
    head = entity_head(doc, entity)
    first = name_span(doc, entity)[0]
    tokens = [i for i in phrase(doc, head) if i < first]
    # keep only the run that touches the name
    run: list[int] = []
    for i in reversed(tokens):
        if run and i != run[0] - 1:
            break
        run.insert(0, i)
    while run and run[0] > 0:  # "Microsoft co-founder", split up by the parser
        before = doc.tokens[run[0] - 1]
        if before.end != doc.tokens[run[0]].start and not (
                before.head in run and before.deprel in ("compound", "amod", "nmod:poss")):
            break
        run.insert(0, run[0] - 1)
    return without_articles(doc, run) if run else []


def role_and_affiliation(doc: Document, tokens: list[int]) -> tuple[str | None, str | None]:
    """Split a description into the role and the affiliation it gives:
    "China's top diplomat" -> ("top diplomat", "China"); "Director-General of the WHO" ->
    ("Director-General of the WHO", "WHO")."""
    tokens = [i for i in without_articles(doc, tokens) if doc.tokens[i].text.lower() not in HONORIFICS
              and doc.tokens[i].text.lower().rstrip(".") not in HONORIFICS]
    if not tokens:
        return None, None
    affiliation = None
    first = doc.entity_at(tokens[0])
    if first is not None and first.label in AFFILIATION_ENTITIES and first.text.lower() not in GENERIC \
            and first.last <= tokens[-1]:  # not "Spokesperson Ned Price", tagged as one organisation
        covered = [i for i in tokens if first.first <= i <= first.last or (
            i == first.last + 1 and doc.tokens[i].deprel == "case")]
        affiliation = _affiliation_name(first)
        tokens = tokens[len(covered):]
    if affiliation is None:
        affiliation = _affiliation_in(doc, tokens)
    if affiliation is not None and not plausible_role(affiliation):
        affiliation = None  # "ImagesRepublican": page furniture
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None, affiliation
    role = text_of(doc, tokens).strip(" ,")
    if doc.tokens[tokens[0]].upos not in ("NOUN", "PROPN", "ADJ", "VERB") and len(tokens) == 1:
        return None, affiliation
    return (role if plausible_role(role) else None), (
        affiliation if affiliation is None or plausible_role(affiliation) else None)


RUN_TOGETHER = re.compile(r"[A-Z]{2,}[A-Z][a-z]|(?<!M)(?<!Ma)[a-z][A-Z]|\d(?!(?:st|nd|rd|th)\b)[a-z]|[a-z]\d")
"""Words of page furniture run together: "PRESSOhio", "moderatorFeatured", "5ptsmoderator"."""
DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d|"
                  r"\b(?:january|february|march|april|june|july|august|september|october|november|"
                  r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
QUOTE_MARKS = set("\"“”„«»")


def plausible_role(role: str) -> bool:
    """Is `role` a short title or description ("secretary of state", "top diplomat"), not
    page furniture: no words run together, no dates, no byline, no quotation marks, one
    line, at most MAX_ROLE_WORDS words, some letters?"""
    return bool(role) and role[0].isalnum() and "\n" not in role and not RUN_TOGETHER.search(role) and not DATE.search(role) \
        and not QUOTE_MARKS & set(role) and not role.lower().startswith("by ") \
        and len(role.split()) <= MAX_ROLE_WORDS and sum(c.isalpha() for c in role) >= 2


def _affiliation_in(doc: Document, tokens: list[int]) -> str | None:
    """"chief executive of Hong Kong" -> "Hong Kong": an organisation or place after
    "of", "for" or "at", or one that modifies the role ("a US official")."""
    for i in tokens:
        entity = doc.entity_at(i)
        if entity is None or entity.label not in AFFILIATION_ENTITIES or entity.text.lower() in GENERIC \
                or entity.last > tokens[-1]:
            continue
        before = doc.tokens[entity.first - 1].text.lower() if entity.first > 0 else ""
        if i == entity.first and (before in AFFILIATION_PREPOSITIONS or before in ARTICLES
                                  or entity.first == tokens[0]
                                  or doc.tokens[entity_head(doc, entity)].deprel in MODIFIERS):
            return _affiliation_name(entity)
    return None


def _affiliation_name(entity: Entity) -> str:
    """An affiliation as a name: "Chinese" -> "China", "China's" -> "China"."""
    text = POSSESSIVE.sub("", entity.text)
    if text.lower().startswith("the "):
        text = text[4:]
    if entity.label == "NORP":
        return country_of(text) or text
    return text
