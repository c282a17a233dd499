"""Resolve speaker mentions within one article: "he" is Antony Blinken, "it" is the
ministry, "Mr Xi" is Xi Jinping, "a US official" is an anonymous US source.

Mentions are read in text order; each one resolves to a `Speaker` by its kind:
names (full names found elsewhere in the article win over title forms), pronouns (the
latest compatible speaker, else the nearest compatible name before), definite
descriptions ("the ministry": the latest organisation with that noun), anonymous
descriptors ("a senior official") and groups ("protesters").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .nlp import Document
from .records import Quote, Speaker

TITLES = set("""mr mrs ms miss mx dr sir dame lord lady president secretary senator sen rep
representative gov governor minister prime chancellor judge justice gen general col colonel
prof professor rev pope king queen prince princess chairman chairwoman chair commissioner
mayor ambassador director chief vice deputy premier leader speaker spokesman spokeswoman
spokesperson sheriff officer lt sgt capt captain admiral former late st""".split())
PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "i": None, "me": None}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them", "we", "us"}
PRONOUNS = set(PERSON_PRONOUNS) | THING_PRONOUNS | GROUP_PRONOUNS
ORG_NOUNS = set("""ministry department government administration agency office
committee commission council company firm corporation group party police army military
embassy court parliament congress senate house union organisation organization bank
authority authorities board foundation institute university campaign team club
association federation network newspaper paper channel broadcaster service
spokesperson""".split()) - {"spokesperson"}
ANONYMOUS_NOUNS = set("""official officials source sources spokesperson spokesman
spokeswoman aide aides person people diplomat diplomats insider insiders
officer officers analyst analysts member members adviser advisers advisor
advisors resident residents witness witnesses""".split())
INDEFINITE = {"a", "an", "one", "some", "several", "two", "three", "many", "other", "another"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
ORG_ENTITIES = {"ORG", "GPE", "NORP", "FAC"}
POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class _Mention:
    text: str
    head: int
    words: list[str]


def resolve_speakers(doc: Document, quotes: list[Quote]) -> None:
    """Set `speaker` on every quote that has a source mention, in place."""
    names = _person_names(doc)
    history: list[Speaker] = []
    by_key: dict[tuple[str, str], Speaker] = {}
    for quote in sorted(quotes, key=lambda q: q.source[0] if q.source else q.content[0]):
        if not quote.source:
            continue
        mention = _mention(doc, quote.source[0])
        if mention is None:
            continue
        speaker = _resolve(doc, mention, names, history)
        if speaker is None:
            continue
        key = (speaker.kind, speaker.name)
        speaker = by_key.setdefault(key, speaker)
        if mention.text.lower() not in PRONOUNS:
            speaker.aliases.add(mention.text)
        quote.speaker = speaker
        history.append(speaker)


def _mention(doc: Document, span: tuple[int, int]) -> _Mention | None:
    first, last = doc.token_at(span[0]), doc.token_at(span[1] - 1)
    if first is None or last is None:
        return None
    inside = range(first, last + 1)
    head = next((i for i in inside if doc.tokens[i].head not in inside or doc.tokens[i].head == i), last)
    return _Mention(doc.text[span[0]:span[1]], head, [doc.tokens[i].text for i in inside])


def _resolve(doc: Document, mention: _Mention, names: "_Names", history: list[Speaker]) -> Speaker | None:
    lower = [w.lower() for w in mention.words]
    if len(lower) == 1 and lower[0] in PERSON_PRONOUNS:
        return _latest(history, "person") or names.nearest_before(doc.tokens[mention.head].start)
    if len(lower) == 1 and lower[0] in THING_PRONOUNS:
        return _latest(history, "organization")
    if len(lower) == 1 and lower[0] in GROUP_PRONOUNS:
        return _latest(history, "group") or _latest(history, "organization")
    person = _person_in(doc, mention) or names.known(mention)
    if person:
        return names.canonical(person)
    head = doc.tokens[mention.head]
    head_word = head.text.lower()
    entity = doc.entity_at(mention.head)
    if lower[0] in INDEFINITE and head_word in ANONYMOUS_NOUNS or (
            head_word in ANONYMOUS_NOUNS and head.upos == "NOUN" and lower[0] not in DETERMINERS
            and head_word.endswith("s")):
        return Speaker(_strip_determiner(mention.text), "anonymous",
                       affiliation=_affiliation(doc, mention))
    if lower[0] in ("the", "this", "that") and len(lower) == 2 and head_word in ORG_NOUNS:
        earlier = _latest(history, "organization", head_word)
        if earlier is not None:
            return earlier
    if (entity is not None and entity.label in ORG_ENTITIES) or head_word in ORG_NOUNS:
        return Speaker(_strip_determiner(mention.text), "organization")
    if head.upos == "NOUN" and head.feat("Number") == "Plur":
        return Speaker(_strip_determiner(mention.text), "group")
    return Speaker(_strip_determiner(mention.text), "unknown")


def _latest(history: list[Speaker], kind: str, word: str | None = None) -> Speaker | None:
    for speaker in reversed(history):
        if speaker.kind == kind and (word is None or word in speaker.name.lower()):
            return speaker
    return None


def _strip_determiner(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _affiliation(doc: Document, mention: _Mention) -> str | None:
    start = doc.tokens[mention.head].start - len(mention.text)
    for entity in doc.entities:
        if entity.label in ("GPE", "NORP", "ORG") and start <= entity.start and entity.end <= doc.tokens[mention.head].end:
            return POSSESSIVE.sub("", entity.text)
    return None


def _person_in(doc: Document, mention: _Mention) -> list[str] | None:
    """Name words of the person a mention names ("Mr Blinken" -> ["Blinken"])."""
    entity = doc.entity_at(mention.head)
    if entity is not None and entity.label == "PERSON":
        return _name_words(entity.text)
    titled = len(mention.words) > 1 and mention.words[-2].lower().rstrip(".") in TITLES
    if entity is None and doc.tokens[mention.head].upos == "PROPN" and titled:
        return _name_words(mention.words[-1])
    return None


def _name_words(name: str) -> list[str]:
    """The words of a person's name without titles or a possessive ending."""
    words = [POSSESSIVE.sub("", w) for w in name.split()]
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return words


class _Names:
    """Every person name in the article, to expand "Mr Xi" into "Xi Jinping"."""

    def __init__(self, mentions: list[tuple[int, list[str]]]):
        self.mentions = mentions
        self.counts = Counter(" ".join(words) for _, words in mentions)

    def canonical(self, words: list[str]) -> Speaker:
        name = " ".join(words)
        if len(words) == 1:
            fuller = [n for n in self.counts if words[0] in n.split() and n != name]
            if fuller:
                name = max(fuller, key=lambda n: (self.counts[n], len(n)))
        return Speaker(name, "person")

    def known(self, mention: _Mention) -> list[str] | None:
        """A bare name that is part of a person's name found elsewhere ("Wang")."""
        words = _name_words(mention.text)
        if len(words) == 1 and words[0][:1].isupper() and any(
                words[0] in n.split() for n in self.counts if n != words[0]):
            return words
        return None

    def nearest_before(self, offset: int) -> Speaker | None:
        before = [words for start, words in self.mentions if start < offset]
        return self.canonical(before[-1]) if before else None


def _person_names(doc: Document) -> _Names:
    mentions = []
    for entity in doc.entities:
        if entity.label == "PERSON":
            mentions.append((entity.start, _name_words(entity.text)))
    return _Names(mentions)
