"""Reporting cues as data: which words introduce what someone said, and in what tone.

Each cue lemma has a class (`speech`, `cognition`, `evidential`) and a stance
(`neutral` "said", `distancing` "claimed", `concessive` "admitted", `emphatic`
"insisted", `approving` "praised", `critical` "accused"). Only speech cues make quotes by default; the other
classes are kept so that users can ask for them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CUE_CLASSES = ("speech", "cognition", "evidential")
DEFAULT_CUE_CLASSES = ("speech",)


class Cue(NamedTuple):
    lemma: str
    cls: str
    stance: str
    reports: bool = True
    """False for speech acts that classify a cue but do not introduce content."""


def _words(block: str) -> list[str]:
    return block.split()


SPEECH = {
    "neutral": _words("""
        say tell add state note announce report explain write ask reply respond comment
        mention describe tweet post testify remark declare recount relay answer continue
        speak brief inform publish quote cite reiterate repeat confirm suggest propose
        recommend predict conclude summarise summarize outline detail observe point
        agree disclose reveal recall clarify elaborate specify email text wonder muse
        advise shout yell exclaim proclaim whisper mutter quip joke hint imply concur
        reaffirm remind read deem assure reassure insinuate"""),
    "distancing": _words("claim allege contend assert purport maintain"),
    "concessive": _words("admit concede acknowledge grant confess"),
    "emphatic": _words("insist stress emphasise emphasize warn vow pledge promise urge "
                       "demand argue caution underline underscore threaten boast swear "
                       "guarantee"),
    "critical": _words("accuse deny criticise criticize blame condemn denounce dismiss "
                       "reject slam attack complain lament protest object counter retort "
                       "rebut dispute question challenge decry bemoan"),
}
SPEECH_ACTS = {
    "neutral": _words("""
        talk discuss address refer express voice offer release issue list name call
        label dub term brand echo message phone telephone interview request invite
        instruct order plead beg implore petition lobby campaign chant cry apologize
        apologise decline correct put spell sum go characterize characterise press raise
        encourage affirm reassert"""),
    "emphatic": _words("tout"),
    "approving": _words("praise thank congratulate applaud hail commend defend welcome"),
    "critical": _words("blast charge mock rail chide rebuke scold reprimand lash rip knock "
                       "bash hammer scoff fire hit contradict vent ridicule assail lambaste"),
}
"""Verbs that name a speech act but rarely introduce what was said ("called for",
"praised", "talked about"): they classify cues, they do not find quotes by themselves."""
COGNITION = _words("""
    believe think know want hope expect fear worry wish intend seek aim consider suspect
    doubt realise realize assume suppose guess imagine remember decide prefer recognize
    recognise learn""")
COGNITION_STATES = _words("""
    feel see view regard understand support oppose favor favour endorse back push look
    vote refuse need mean try plan""")
"""Attitudes that classify a cue ("supports", "wants") but whose complements are rarely
an attributed thought in annotated news ("I mean, ...", "we'll see if ...")."""
ATTITUDE_ADJECTIVES = _words("""
    confident convinced concerned worried optimistic pessimistic hopeful sure certain
    skeptical sceptical afraid fearful doubtful eager determined""")
"""Adjectives whose clause is a thought of their subject's: "aides are confident (that)
...", "she is convinced the deal will fail" (cognition cues, as written: "concerned" is
no cue as a verb, "the report concerned ..."); of `INTENT_ADJECTIVES` their infinitive
is an intention: "is eager | to get the book out"."""
INTENT_ADJECTIVES = set(_words("eager determined"))
EVIDENTIAL = _words("show indicate find reveal suggest estimate")
EVIDENTIAL_STATES = _words("seem appear")

OBJECT_CONTENT = set(_words("""
    call talk accuse describe refer criticize say defend decline cite announce express urge
    praise point promise propose question report blame vow threaten dismiss mention blast
    denounce mock order recall tout list warn charge acknowledge thank slam repeat confirm
    emphasize note argue rail voice plead applaud reiterate label disclose outline stress
    detail hail apologize rip recount decry complain rebut state lament chide
    seem appear show endorse expect oppose refuse prefer aim learn remember regard
    criticise emphasise apologise"""))
"""Verbs whose objects and prepositional arguments are what was said or meant ("called
for a recount", "accused Republicans of ...", "expressed concern that ..."): the speech
verbs whose arguments matched an annotated attribution at least 60% of the time in
PolNeAR's train split, the cognition and evidential verbs (only used when asked for) at
45% (`benchmarks/object_verbs.py` lists the figures), and British spellings of them."""

SPEECH_NOUNS = _words("""
    statement interview remarks remark speech tweet testimony letter announcement email
    briefing conference comments comment readout post message criticism response reply
    argument allegation allegations accusation accusations critique complaint words
    claim claims warning promise pledge""")

_LEXICON: dict[str, Cue] = {}
for _stance, _lemmas in SPEECH.items():
    for _lemma in _lemmas:
        _LEXICON.setdefault(_lemma, Cue(_lemma, "speech", _stance))
for _stance, _lemmas in SPEECH_ACTS.items():
    for _lemma in _lemmas:
        _LEXICON.setdefault(_lemma, Cue(_lemma, "speech", _stance, reports=False))
for _lemma in COGNITION:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "cognition", "neutral"))
for _lemma in COGNITION_STATES:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "cognition", "neutral", reports=False))
for _lemma in EVIDENTIAL:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "evidential", "neutral"))
for _lemma in EVIDENTIAL_STATES:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "evidential", "neutral", reports=False))

ACCORDING_TO = Cue("according to", "speech", "neutral")

PHRASAL = {("lay", "out"): Cue("lay out", "speech", "neutral")}
"""Verbs that report only with their particle: "laid out (in detail) that ...", not "laid
a wreath"."""


LIGHT_VERB_CUES = {("make", "clear"): Cue("make clear", "speech", "emphatic"),
                   ("make", "case"): Cue("make the case", "speech", "emphatic")}
"""A light verb and the word that makes it a cue ("made (it) clear that ...", "made the
case that ...", "makes a case for ..."): the cue runs from the verb to that word."""


def light_verb_cue(lemma: str, word: str) -> Cue | None:
    """The cue entry for a light verb and the word after it ("make" "clear"), if any."""
    return LIGHT_VERB_CUES.get((lemma.lower(), word.lower()))


CLAUSE_ONLY = {"deem", "lay out", "assure", "reassure"}
"""Cues that report a clause ("deemed that the deal breaks the law", "laid out that ...",
"assured voters that ..."), never their object ("deemed the deal void", "laid out the
cables", "reassured his counterpart", "is assured of winning")."""


def reports_objects(lemma: str) -> bool:
    """Whether a cue's object may be what was said, for the learned filter to judge."""
    return lemma.lower() not in CLAUSE_ONLY


def phrasal_cue(lemma: str, particle: str) -> Cue | None:
    """The cue entry for a verb and its particle ("lay" "out"), if it reports."""
    return PHRASAL.get((lemma.lower(), particle.lower()))


def cue_for(lemma: str) -> Cue | None:
    """The cue entry for a verb lemma, or None if it does not report anything."""
    return _LEXICON.get(lemma.lower())


def cue_for_word(word: str, lemma: str) -> Cue | None:
    """The cue entry for a verb as written and as the parser lemmatised it. When the
    parser's lemma is not a cue but the word's own is a thought or evidence, the word's:
    spaCy lemmatises "hopes", "hoped" and "hoping" as "hop" ("hopping" stays "hop", no
    cue). Speech cues keep the parser's lemma: what the speech rules see is unchanged."""
    cue = cue_for(lemma)
    if cue is not None or lemma.lower() in _LEXICON:
        return cue
    fallback = cue_for(word_lemma(word))
    return fallback if fallback is not None and fallback.cls != "speech" else None


def attitude_adjective(word: str, classes: tuple[str, ...] = ("speech",)) -> Cue | None:
    """The cue entry for an adjective of attitude as written ("confident"), if its class
    (cognition) is in `classes`."""
    word = word.lower()
    return Cue(word, "cognition", "neutral") if word in ATTITUDE_ADJECTIVES and "cognition" in classes else None


def cue_lemmas() -> list[str]:
    """Every verb lemma in the lexicon, of every class."""
    return sorted(_LEXICON)


def takes_object(lemma: str) -> bool:
    return lemma.lower() in OBJECT_CONTENT


def reporting_cue(lemma: str, classes: tuple[str, ...] = ("speech",)) -> Cue | None:
    """The cue entry for a verb that introduces content, if its class is in `classes`."""
    cue = _LEXICON.get(lemma.lower())
    return cue if cue is not None and cue.reports and cue.cls in classes else None


def is_speech_noun(lemma: str) -> bool:
    return lemma.lower() in SPEECH_NOUNS


CONTENT_NOUNS = {
    ("speech", "neutral"): _words("""statement announcement assertion suggestion message
        argument explanation answer"""),
    ("speech", "distancing"): _words("claim contention allegation"),
    ("speech", "concessive"): _words("admission acknowledgment acknowledgement concession"),
    ("speech", "emphatic"): _words("insistence warning promise pledge vow assurance threat"),
    ("speech", "critical"): _words("accusation charge denial complaint criticism"),
    ("cognition", "neutral"): _words("""belief hope fear view concern expectation worry doubt
        conviction feeling impression assumption suspicion"""),
    ("evidential", "neutral"): _words("evidence finding indication sign"),
}
"""Nouns whose "that" clause is what was said or thought: "her claim that ...",
"the belief that ..."."""
_NOUNS = {lemma: Cue(lemma, cls, stance) for (cls, stance), lemmas in CONTENT_NOUNS.items()
          for lemma in lemmas}


def noun_cue(lemma: str, classes: tuple[str, ...] = ("speech",)) -> Cue | None:
    """The cue entry for a noun that takes a content clause, if its class is in `classes`."""
    cue = _NOUNS.get(lemma.lower())
    return cue if cue is not None and cue.cls in classes else None


IRREGULAR = dict(pair.split(":") for pair in """said:say told:tell wrote:write written:write
    spoke:speak spoken:speak thought:think knew:know known:know felt:feel found:find
    understood:understand sought:seek meant:mean chose:choose chosen:choose
    forgot:forget forgotten:forget saw:see seen:see heard:hear shown:show""".split())
NOT_CUES = set("""have has had having be is are was were been being am do does did will would
    shall should can could may might must not also""".split())
LETTERS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def word_lemma(word: str) -> str:
    """The lexicon's lemma for an inflected word, without a parser: "warned" -> "warn"."""
    word = word.lower()
    if word in IRREGULAR or word in _LEXICON or word in SPEECH_NOUNS:
        return IRREGULAR.get(word, word)
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e", "-")),
                                 ("ed", ("", "e", "-")), ("es", ("",)), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            for ending in replacements:
                candidate = stem[:-1] if ending == "-" and stem[-1:] == stem[-2:-1] else stem + ending
                if (ending != "-" or candidate != stem) and (candidate in _LEXICON or candidate in SPEECH_NOUNS):
                    return candidate
    return word


def phrase_class(phrase: str) -> str:
    """The class of a cue as written ("has repeatedly warned", "according to", ":"):
    that of its first word in the lexicon; `punctuation` without words, else `other`."""
    words = LETTERS.findall(phrase)
    if not words:
        return "punctuation"
    for word in words:
        lemma = word_lemma(word)
        if lemma == "according":
            return "speech"
        if lemma in NOT_CUES:
            continue
        if lemma in SPEECH_NOUNS:
            return "speech"
        if lemma in _LEXICON:
            return _LEXICON[lemma].cls
    return "other"
