"""Who an article talks about: its people (name forms clustered, with gender, role and
affiliation) and its organisations (one per normalized name, with their acronyms).

    people = People.of(doc)
    people.find(["Blinken"], token=120)   -> the referent "Antony Blinken"
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from quotes.nlp import Document, Entity
from quotes.nlp.tree import entity_head, phrase, text_of
from quotes.records import Span, Speaker
from quotes.speakers.identity import name_forms_agree
from quotes.speakers.identity import person_name as parsed_name
from quotes.speakers.mentions import (
    affiliation_after,
    appositive_description,
    described_by,
    name_span,
    role_and_affiliation,
    title_before,
    without_articles,
)
from quotes.speakers.names import (
    ANONYMOUS_NOUNS,
    POSSESSIVE,
    ROLE_TITLES,
    first_name_gender,
    fold,
    is_title,
    name_words,
    same_person,
    title_gender,
)
from quotes.speakers.organisations import is_known, normalize_org, org_type

ACRONYM = re.compile(r"[^()]+?\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)")
SPELT_OUT = re.compile(r"([^()\n.;]+?)\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)")
SPELT_OUT_REACH = 90
"""Characters after an organisation's entity where its spelt-out name and acronym may end."""
UNCLOSED = re.compile(r"\s*\([^)]*$")
FUZZY_SIMILARITY = 0.8


@dataclass(eq=False)
class Referent:
    """One person, organisation or group of an article, and the speaker it becomes."""

    speaker: Speaker
    gender: str | None = None
    plural: bool = False
    words: list[str] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)
    """Head nouns of its descriptions ("spokesperson", "site"), for "the spokesperson"."""
    tokens: list[int] = field(default_factory=list)
    """Where it is mentioned (token indexes), for recency."""

    @property
    def kind(self) -> str:
        return self.speaker.kind

    def describe(self, role: str | None, affiliation: str | None) -> None:
        """Keep the first role and affiliation the text gives."""
        if role and not self.speaker.role:
            self.speaker.role = role
            self.nouns.update(fold(w) for w in role.split())
        if affiliation and not self.speaker.affiliation:
            self.speaker.affiliation = affiliation

    def last_before(self, token: int) -> int | None:
        before = [t for t in self.tokens if t < token]
        return before[-1] if before else None


class People:
    """The people of an article: "Antony Blinken", "Mr Blinken" and "Blinken" are one;
    a bare surname never joins two people who share it. Names in page furniture (a
    photo credit, a caption, a list of links) are no one of the article."""

    def __init__(self, doc: Document, furniture: Sequence[Span] = ()) -> None:
        self.doc = doc
        self.referents: list[Referent] = []
        self.forms: dict[tuple[str, ...], list[Referent]] = {}
        self.entities = outside(people_in(doc), furniture)
        self._over: dict[int, int] = {}
        """Token -> index of the first person entity that covers it."""
        self._from: dict[int, list[int]] = {}
        """Token -> indexes of the person entities that begin there."""
        self._heads: dict[int, int] = {}
        for index, entity in enumerate(self.entities):
            self._from.setdefault(entity.first, []).append(index)
            for token in range(entity.first, entity.last + 1):
                self._over.setdefault(token, index)
        mentions = [(e, name_words(person_name(doc, e)))
                    for e in self.entities + outside(untagged_people(doc) + apposed_people(doc), furniture)]
        mentions = [(e, words) for e, words in mentions if words and words[0][:1].isupper()]
        for _, words in sorted(mentions, key=lambda m: -len(m[1])):
            self._cluster(words)
        written: dict[int, Counter[tuple[str, ...]]] = {}
        for entity, words in mentions:
            referent = self.find(words, entity.first)
            if referent is not None:
                referent.tokens.append(entity_head(doc, entity))
                self._learn(referent, entity)
                if len(words) > 1:
                    written.setdefault(id(referent), Counter())[tuple(words)] += 1
        self._bare_surnames({i for e, _ in mentions for i in range(e.first, e.last + 1)}, furniture)
        for referent in self.referents:
            referent.tokens.sort()
            self._name_by_usage(referent, written.get(id(referent), Counter()))
            if referent.gender is None and len(referent.words) > 1:
                referent.gender = first_name_gender(referent.words[0])

    def entity_over(self, token: int) -> int | None:
        """The index in `entities` of the first person entity covering `token`."""
        return self._over.get(token)

    def entities_from(self, token: int) -> list[int]:
        """The indexes in `entities` of the person entities that begin at `token`."""
        return self._from.get(token, [])

    def entity_head(self, index: int) -> int:
        """The head token of the person entity `entities[index]` (computed once)."""
        head = self._heads.get(index)
        if head is None:
            head = self._heads[index] = entity_head(self.doc, self.entities[index])
        return head

    def _bare_surnames(self, named: set[int], furniture: Sequence[Span]) -> None:
        """Mentions by surname alone that the recogniser did not tag as a person
        ("Honcharuk filed his resignation"): a proper noun that is the surname of one
        person of the article, standing alone (not "the Trump administration")."""
        doc = self.doc
        owners: dict[str, list[Referent]] = {}
        for referent in self.referents:
            if len(referent.words) > 1:
                owners.setdefault(fold(referent.words[-1]), []).append(referent)
        for token in doc.tokens:
            if token.upos != "PROPN" or token.i in named or token.deprel in ("compound", "flat") or \
                    len(owners.get(fold(token.text), [])) != 1 or any(s <= token.start < e for s, e in furniture):
                continue
            entity = doc.entity_at(token.i)
            if entity is not None and entity.first != entity.last:
                continue
            if any(doc.tokens[c].deprel in ("compound", "flat") for c in doc.children(token.i)):
                continue
            owners[fold(token.text)][0].tokens.append(token.i)

    @staticmethod
    def _name_by_usage(referent: Referent, forms: Counter[tuple[str, ...]]) -> None:
        """Name a person by the full name the article prints most ("Antony Blinken" three
        times, not "Anthony Blinken" once in a caption), the fullest of those."""
        if len(forms) < 2:
            return
        words = max(forms, key=lambda form: (forms[form], len(form)))
        if len(words) >= len(referent.words) - 1 and same_person(list(words), referent.words) is False:
            referent.words = list(words)
            referent.speaker.name = " ".join(words)

    def _cluster(self, words: list[str]) -> None:
        key = tuple(fold(w) for w in words)
        if key in self.forms:
            return
        owners = [r for r in self.referents if same_person(words, r.words)]
        if not owners and len(words) > 1:  # "Sandy Paradis" of "Sandra Paradis"
            owners = [r for r in self.referents if len(r.words) > 1 and _one_name(words, r.words)]
        if len(owners) == 1 or (owners and len(words) == 1):
            self.forms[key] = owners
            return
        referent = Referent(Speaker(" ".join(words), "person"), words=list(words))
        self.referents.append(referent)
        self.forms[key] = [referent]

    def _learn(self, referent: Referent, entity: Entity) -> None:
        """Gender, role and affiliation from the words around one mention."""
        doc = self.doc
        words = entity.text.split()
        before = doc.tokens[entity.first - 1].text if entity.first > 0 else ""
        for word in (words[0], before):
            gender = title_gender(word)
            if gender and is_title(word):
                referent.gender = referent.gender or gender
        title = title_before(doc, entity)
        referent.describe(*role_and_affiliation(doc, title))
        referent.nouns.update(_titles_inside(words))
        head = entity_head(doc, entity)
        description = appositive_description(doc, head)
        described = described_by(doc, head)
        if description is None and described is not None:
            description = without_articles(doc, phrase(doc, described))
        if description:
            referent.describe(*role_and_affiliation(doc, description))
        referent.describe(None, affiliation_after(doc, head))
        for i in title + (description or []):
            if doc.tokens[i].deprel == "nmod:poss":
                continue  # "his sister": a woman
            gender = title_gender(doc.tokens[i].text)
            if gender:
                referent.gender = referent.gender or gender

    def find(self, words: list[str], token: int) -> Referent | None:
        """The person a name form refers to; if it fits several, the one named last before
        `token` (else first after)."""
        key = tuple(fold(w) for w in words)
        owners = self.forms.get(key)
        if owners is None:
            owners = [r for r in self.referents if same_person(words, r.words)]
        if not owners and len(words) == 1:
            owners = self._similar(words[0])
        if not owners:
            return None
        if len(owners) == 1:
            return owners[0]
        before = [(r.last_before(token), n) for n, r in enumerate(owners)]
        before = [(last, n) for last, n in before if last is not None]
        if before:
            return owners[max(before)[1]]
        return owners[0]

    def add(self, words: list[str], token: int) -> Referent:
        """A person the entity recogniser missed ("Mr Saree"): a referent of its own."""
        referent = self.find(words, token)
        if referent is None:
            referent = Referent(Speaker(" ".join(words), "person"), words=list(words))
            self.referents.append(referent)
            self.forms[tuple(fold(w) for w in words)] = [referent]
        referent.tokens.append(token)
        referent.tokens.sort()
        return referent

    def _similar(self, word: str) -> list[Referent]:
        """A surname spelt another way in the same article ("Saree" for "Sarea")."""
        target = fold(word)
        if len(target) < 4:
            return []
        found = []
        for referent in self.referents:
            surname = fold(referent.words[-1])
            if surname[:1] == target[:1] and len(referent.words) > 1 and difflib.SequenceMatcher(
                    None, surname, target).ratio() >= FUZZY_SIMILARITY:
                found.append(referent)
        return found


class Organisations:
    """The organisations of an article, one per normalized name; "(WHO)" after a name
    makes "WHO" another name for it. Names in page furniture ("Picture: PA") are none
    of the article's."""

    def __init__(self, doc: Document, furniture: Sequence[Span] = ()) -> None:
        self.doc = doc
        self.by_name: dict[str, Referent] = {}
        self.referents: list[Referent] = []
        for entity in sorted(outside(doc.entities, furniture), key=lambda e: -len(e.text)):  # full names first
            if entity.label != "ORG" and not (entity.label == "PERSON" and is_known(entity.text)):
                continue
            if titled_person(doc, entity) is not None or only_a_title(entity):
                continue  # "Spokesperson Ned Price", "State Councilor": people
            text = org_name(entity.text)
            referent = self.add(text, entity_head(doc, entity))
            acronym = ACRONYM.match(doc.text, entity.start, entity.end + 12)
            if acronym and acronym.group(1)[0] == text[0]:
                self.by_name.setdefault(normalize_org(acronym.group(1)), referent)
                referent.speaker.aliases.add(acronym.group(1))
            else:
                self._spelt_out(entity, referent)

    def _spelt_out(self, entity: Entity, referent: Referent) -> None:
        """"United Nations Educational, Scientific and Cultural Organization (UNESCO)",
        the recogniser's entity cut at a comma: the whole name, given its acronym, is the
        organisation's name, and the acronym another."""
        found = SPELT_OUT.match(self.doc.text, entity.start, entity.end + SPELT_OUT_REACH)
        if found is None:
            return
        name, acronym = " ".join(found.group(1).split()).strip(" ,"), found.group(2)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name)
                           if w[0].isupper())
        if initials.upper() != acronym.replace(".", "").upper() or len(name) <= len(referent.speaker.name):
            return
        referent.speaker.aliases.add(referent.speaker.name)
        referent.speaker.name = name
        referent.speaker.aliases.add(acronym)
        for key in (normalize_org(name), normalize_org(acronym)):
            self.by_name.setdefault(key, referent)

    def find(self, name: str) -> Referent | None:
        return self.by_name.get(normalize_org(name))

    def add(self, name: str, token: int, place: bool = False) -> Referent:
        key = normalize_org(name)
        referent = self.by_name.get(key) or (None if place else self._shortened(key))
        if referent is None:
            speaker = Speaker(name, "organization", org_type=org_type(name, is_place=place))
            referent = Referent(speaker, plural=False)
            self.by_name[key] = referent
            self.referents.append(referent)
            words = [fold(w) for w in name.split()]
            referent.nouns.update(words[-1:])
        referent.tokens.append(token)
        referent.tokens.sort()
        return referent


    def _shortened(self, key: str) -> Referent | None:
        """The one organisation of the article whose name holds every word of `key`: "the
        House" of "the United States House of Representatives"; none if several do ("the
        foreign ministry" of China's and Russia's)."""
        words = set(key.split())
        if not words:
            return None
        owners = {id(r): r for name, r in self.by_name.items() if words < set(name.split())}
        return next(iter(owners.values())) if len(owners) == 1 else None


def _titles_inside(words: list[str]) -> set[str]:
    """The role titles a person entity begins with ("King" in "King Maha Vajiralongkorn",
    "Pope" in "Pope Francis"), folded: what "the king" or "the Pope" points back to."""
    titles: set[str] = set()
    for word in words[:-1]:
        title = fold(word).rstrip(".")
        if title not in ROLE_TITLES:
            break
        titles.add(title)
    return titles


def _one_name(words: list[str], other: list[str]) -> bool:
    """Name forms of one person (a nickname, a middle initial), with the same suffix or
    none: "Donald Trump" and "Donald Trump Jr." are two people of the article."""
    one, two = parsed_name(" ".join(words)), parsed_name(" ".join(other))
    return one.suffix == two.suffix and name_forms_agree(" ".join(words), " ".join(other))


def outside(entities: Sequence[Entity], furniture: Sequence[Span]) -> list[Entity]:
    """The entities that do not start inside one of the `furniture` spans."""
    if not furniture:
        return list(entities)
    return [e for e in entities if not any(start <= e.start < end for start, end in furniture)]


def people_in(doc: Document) -> list[Entity]:
    """The person entities, less the well-known organisations the recogniser took for
    people ("Rudaw")."""
    return [e for e in doc.entities if e.label == "PERSON" and not is_known(e.text)]


def untagged_people(doc: Document) -> list[Entity]:
    """Names the recogniser missed or took for something else, found by a known first
    name ("novelist Ruth Adeyemi" -> "Ruth Adeyemi") or a title before them ("Princess
    Ubolratana Mahidol")."""
    return _first_named(doc) + _titled(doc)


def titled_person(doc: Document, entity: Entity) -> Entity | None:
    """The name in an "organisation" the recogniser made of a title and a name:
    "Spokesperson Ned Price" -> "Ned Price"."""
    if entity.label != "ORG" or entity.first == entity.last or not is_title(doc.tokens[entity.first].text):
        return None
    first = entity.first
    while first < entity.last and is_title(doc.tokens[first].text):
        first += 1
    text = doc.text[doc.tokens[first].start:entity.end]
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha()
                                           for w in words) or is_known(text) or org_type(text) != "other":
        return None
    return Entity(doc.tokens[first].start, entity.end, "PERSON", first, entity.last, text)


def only_a_title(entity: Entity) -> bool:
    """Is the "organisation" a title alone ("State Councilor"), no name of anything?"""
    words = entity.text.split()
    return entity.label == "ORG" and is_title(words[-1]) and not any(w.lower() in ("of", "for") for w in words)


def _titled(doc: Document) -> list[Entity]:
    """Capitalised proper nouns after a capitalised title, tagged as nothing: "Princess
    Ubolratana Mahidol" (not "General Motors", an organisation's name)."""
    found = []
    for token in doc.tokens[1:]:
        title = doc.tokens[token.i - 1]
        if token.upos != "PROPN" or not token.text[:1].isupper() or not title.text[:1].isupper() or \
                not is_title(title.text) or doc.entity_at(token.i) is not None or doc.entity_at(title.i) is not None:
            continue
        last = token.i
        while last + 1 < len(doc.tokens) and last - token.i < 2 and doc.tokens[last + 1].upos == "PROPN" \
                and doc.tokens[last + 1].text[:1].isupper() and doc.entity_at(last + 1) is None:
            last += 1
        text = doc.text[token.start:doc.tokens[last].end]
        if is_title(doc.tokens[last].text) or is_known(text) or org_type(text) != "other" or \
                not all(w.replace("-", "").isalpha() for w in text.split()):
            continue
        found.append(Entity(token.start, doc.tokens[last].end, "PERSON", token.i, last, text))
    return found + [person for entity in doc.entities if (person := titled_person(doc, entity)) is not None]


def _first_named(doc: Document) -> list[Entity]:
    found = []
    for token in doc.tokens:
        entity = doc.entity_at(token.i)
        if token.upos != "PROPN" or first_name_gender(token.text) is None or (
                entity is not None and entity.label == "PERSON"):
            continue
        last = token.i
        while last + 1 < len(doc.tokens) and doc.tokens[last + 1].upos == "PROPN" \
                and doc.tokens[last + 1].text[:1].isupper() and last - token.i < 3 \
                and (doc.entity_at(last + 1) is None or doc.entity_at(last + 1) is entity):
            last += 1
        if last > token.i and (token.i == 0 or doc.tokens[token.i - 1].upos != "PROPN"
                               or is_title(doc.tokens[token.i - 1].text)):
            text = doc.text[token.start:doc.tokens[last].end]
            found.append(Entity(token.start, doc.tokens[last].end, "PERSON", token.i, last, text))
    return found


def apposed_people(doc: Document) -> list[Entity]:
    """Names the recogniser missed or took for an organisation, set beside a person's
    description: "a State Department spokesperson, Morgan Ortagus," -> "Morgan Ortagus"
    (two words or more, capitalised, no organisation's word in them)."""
    found = []
    for token in doc.tokens:
        described = doc.tokens[token.head]
        if token.deprel != "appos" or token.upos != "PROPN" or described.upos != "NOUN" or \
                described.feat("Number") == "Plur" or fold(described.lemma) not in ROLE_TITLES | ANONYMOUS_NOUNS:
            continue
        entity = doc.entity_at(token.i)
        if entity is not None and entity.label == "PERSON":
            continue
        if entity is not None:
            first, last = entity.first, entity.last
        else:
            first = last = token.i
            while first > 0 and doc.tokens[first - 1].head == token.i and doc.tokens[first - 1].deprel in ("compound", "flat"):
                first -= 1
        text = doc.text[doc.tokens[first].start:doc.tokens[last].end]
        words = text.split()
        if len(words) < 2 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words) or \
                is_known(text) or org_type(text) != "other" or any(is_title(w) for w in words):
            continue
        found.append(Entity(doc.tokens[first].start, doc.tokens[last].end, "PERSON", first, last, text))
    return found


def person_name(doc: Document, entity: Entity) -> str:
    """The name a person entity gives, without a word the recogniser took in before it
    that is no name ("Telling Jeb Bush")."""
    first, last = name_span(doc, entity)
    while first < last and doc.tokens[first].upos in ("VERB", "ADV", "ADP", "PRON", "SCONJ", "CCONJ", "AUX"):
        first += 1
    return text_of(doc, list(range(first, last + 1)))


def org_name(text: str) -> str:
    """An organisation's name as the recogniser found it, without a leading article or
    an unclosed parenthesis ("Commission on ... Freedom (USCIRF")."""
    words = UNCLOSED.sub("", POSSESSIVE.sub("", text)).split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).strip(" ,")
