"""When two speakers are one: the key that identifies a speaker across articles, and when
two keys are forms of one name.

    speaker_key(Speaker("Antony J. Blinken", "person"))               -> "person:antony j blinken"
    speaker_key(Speaker("the Chinese foreign ministry", "organization"))
                                                        -> "organization:china foreign ministry"
    speaker_key(Speaker("US official", "anonymous"), "article-1")
                                                        -> "anonymous:article-1:us official"
    name_forms_agree("Joe Biden", "Joseph R. Biden Jr.")   -> True
    name_forms_agree("Hunter Biden", "Joe Biden")          -> False

A key is the speaker's kind and normalized name (titles, accents and punctuation aside);
anonymous sources and groups never leave their article: two articles' "a US official"
are two speakers. A person's other name forms are found by `name_forms_agree`, the store
links such keys to one speaker (`store.identity`): first-name variants and nicknames
(`nicknames`' table of English names: Joe/Joseph, Bill/William), middle names and
initials, suffixes (Jr., III) and a bare surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from quotes.records import Speaker
from quotes.speakers.names import GENERATIONS, POSSESSIVE, fold, is_title, name_words
from quotes.speakers.organisations import normalize_org

if TYPE_CHECKING:
    from nicknames import NickNamer

PER_ARTICLE = ("anonymous", "group")
SPELLING_VARIANT_LENGTH = 6
"""First names this long that differ by one letter inside ("Antony", "Anthony") are
spellings of one name; a different last letter often marks another name ("Daniel",
"Daniela")."""
GENERATION = {"junior": "jr", "senior": "sr"}
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def normalized_name(speaker: Speaker) -> str:
    """The speaker's name as compared across articles."""
    return _normalized_name(speaker.kind, speaker.name)


@lru_cache(maxsize=65536)
def _normalized_name(kind: str, name: str) -> str:
    # Cached: the store asks for every quote's speaker, and the same names recur.
    if kind == "person":
        return normalize_person(name) or fold(" ".join(name.split()))
    if kind == "organization":
        return normalize_org(name) or fold(" ".join(name.split()))
    return fold(" ".join(name.split()))


def speaker_key(speaker: Speaker, article_id: str | None = None) -> str:
    """What makes two speakers the same: kind and normalized name, and for anonymous
    sources, groups, and people and organisations an article only describes ("the New
    Jersey governor", "the campaign") the article they were quoted in."""
    per_article = speaker.kind in PER_ARTICLE or speaker.kind == "person" and is_description(speaker.name) \
        or speaker.kind == "organization" and not any(w[:1].isupper() for w in speaker.name.split())
    if per_article and article_id is not None:
        return f"{speaker.kind}:{article_id}:{normalized_name(speaker)}"
    return f"{speaker.kind}:{normalized_name(speaker)}"


def normalize_person(name: str) -> str:
    """One form per written name: titles and "Jr." dropped, accents folded, initials kept
    ("George W. Bush" and "George H. W. Bush" are two people's names)."""
    parsed = person_name(name)
    return " ".join(w for w in (parsed.first, *parsed.middles, parsed.last) if w)


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts, folded: "Joseph R. Biden Jr." -> joseph, (r,), biden, jr."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str

    @property
    def surname_only(self) -> bool:
        return not self.first


@cache
def person_name(name: str) -> PersonName:
    """`name` split by `nameparser` (particles stay with the surname: "bin Salman", "de
    Blasio"), after our own titles are taken off; a single word is a surname."""
    raw = [w.rstrip(",") for w in name.split()]
    suffix = ""
    while len(raw) > 1 and raw[-1].lower() in GENERATIONS:
        suffix, raw = GENERATION.get(fold(raw[-1]).rstrip("."), fold(raw[-1]).rstrip(".")), raw[:-1]
    words = name_words(" ".join(raw))
    if len(words) <= 1:
        return PersonName("", (), _folded(" ".join(words)), suffix)
    from nameparser import HumanName  # here: `quotes check` imports this module, and is quick

    parsed = HumanName(" ".join(words))
    first, last = _folded(parsed.first), _folded(parsed.last)
    middles = tuple(_folded(w) for w in parsed.middle.split())
    suffix = suffix or _folded(parsed.suffix)
    if not last:  # nameparser found a title or suffix where we see a name
        folded = [_folded(w) for w in words]
        first, middles, last = folded[0], tuple(folded[1:-1]), folded[-1]
    nickname = _folded(parsed.nickname)
    if nickname and first:
        middles = (*middles, nickname)
    return PersonName(first, tuple(m for m in middles if m), last, suffix)


def _folded(text: str) -> str:
    return " ".join(WORD.findall(fold(text).replace(".", " "))) if text else ""


def name_forms_agree(one: str, other: str) -> bool:
    """Can two written names be one person's? The same surname, and first names that are
    one name (the same, a variant or nickname, an initial, or a middle name used as the
    first), middle names that do not contradict, no two different suffixes. A bare surname
    agrees with every full name of that surname (the store asks that it be the only one)."""
    a, b = person_name(one), person_name(other)
    if not a.last or not b.last or not _same_surname(a.last, b.last):
        return False
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return False
    if a.surname_only or b.surname_only:
        return True
    if not (_first_names_agree(a.first, b.first) or a.first in b.middles or b.first in a.middles):
        return False
    return _middles_agree(a.middles, b.middles)


def _same_surname(a: str, b: str) -> bool:
    """"Schoch-Spana" and "Spana" (a double name shortened), "de Blasio" and "Blasio"."""
    if a == b:
        return True
    if a.rpartition(" ")[2] == b.rpartition(" ")[2]:
        return True
    if "-" not in a + b:
        return False
    parts_a, parts_b = set(re.split(r"[\s-]", a)), set(re.split(r"[\s-]", b))
    return a in parts_b or b in parts_a


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial: "J. Smith"
        return a[0] == b[0]
    if _spelling_variants(a, b):
        return True
    nicknames = _nicknamer()  # "Tony" is a nickname of "Anthony", spelt "Antony" too
    return any(full == b or _spelling_variants(full, b) for full in nicknames.canonicals_of(a)) or \
        any(full == a or _spelling_variants(full, a) for full in nicknames.canonicals_of(b))


def _spelling_variants(a: str, b: str) -> bool:
    """"Antony" and "Anthony", "Mohammed" and "Mohammad": one letter apart, not the last."""
    if min(len(a), len(b)) < SPELLING_VARIANT_LENGTH or a[-1] != b[-1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names, or their initials, agree where both names give them: "Joseph R.
    Biden" and "Joseph Robinette Biden"; not "George W. Bush" and "George H. W. Bush"."""
    if not a or not b:
        return True
    return [m[0] for m in a] == [m[0] for m in b]


@cache
def _nicknamer() -> NickNamer:
    from nicknames import NickNamer

    return NickNamer()


def is_name_form(alias: str, speaker: Speaker) -> bool:
    """Is `alias` a name of `speaker` (a title and the name, a surname, a nickname, an
    acronym), not a description that holds it ("a top Trump adviser")?"""
    if " ".join(alias.split()) == " ".join(speaker.name.split()):
        return True
    if not WORD.findall(alias):
        return False
    if speaker.kind == "person":
        named = alias.split()
        while len(named) > 1 and is_title(named[0]):
            named = named[1:]
        if any(w[:1].islower() and fold(w.split("-")[0]) not in _PARTICLES for w in named):
            return False  # "adviser", "candidates like": a description
        return name_forms_agree(" ".join(named), speaker.name) and \
            len(named) <= len(speaker.name.split()) + 1
    if speaker.kind == "organization":
        if alias.isupper() and " " not in alias.strip():
            return True  # an acronym, as the article gives it
        return normalize_org(alias) == normalize_org(speaker.name) or _without_articles(alias) == \
            _without_articles(speaker.name)
    return True


@lru_cache(maxsize=65536)
def is_description(name: str) -> bool:
    """Is a person's "name" a description ("New Jersey governor", "the princess"), as when
    an article never names them? Its last word is no name: lower case, or a title. (An
    organisation's is when no word of it is a name: "campaign", "the company".)"""
    words = [POSSESSIVE.sub("", w) for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return True
    last = words[-1]
    if not last[:1].isupper():
        return not any(c.isupper() for c in last)  # "al-Assadi" is a name
    return is_title(last) and (len(words) == 1 or not words[-2][:1].isupper()
                               or all(is_title(w) for w in words))


_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "del", "della", "der", "van", "von", "da",
              "dos", "du", "le", "la", "di", "ben", "abu", "y"}


def _without_articles(name: str) -> str:
    words = [fold(w) for w in WORD.findall(name)]
    return " ".join(w for w in words if w not in ("the", "a", "an"))


def same_entity(one: str, other: str) -> bool:
    """Do two names, as a reader would take them, name one speaker? One name's words
    within the other's ("Emergencies Ministry", "Russia's Emergencies Ministry"; "Biden",
    "Joe Biden"), or name forms of one person ("Joe Biden", "Joseph R. Biden"); never two
    people's full names with one surname ("Hunter Biden", "Joe Biden")."""
    words_a = {fold(w) for w in WORD.findall(one)} - _NOT_TELLING
    words_b = {fold(w) for w in WORD.findall(other)} - _NOT_TELLING
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    return name_forms_agree(one, other)


_NOT_TELLING = {"the", "a", "an", "s", "of"}
