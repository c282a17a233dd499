"""Reporting cues as data: which words introduce what someone said, and in what tone.

Each cue lemma has a class (`speech`, `cognition`, `evidential`) and a stance
(`neutral` "said", `distancing` "claimed", `concessive` "admitted", `emphatic`
"insisted", `critical` "accused"). Only speech cues make quotes by default; the other
classes are kept so that users can ask for them.
"""

from __future__ import annotations

from typing import NamedTuple


class Cue(NamedTuple):
    lemma: str
    cls: str
    stance: str


def _words(block: str) -> list[str]:
    return block.split()


SPEECH = {
    "neutral": _words("""
        say tell add state note announce report explain write ask reply respond comment
        mention describe tweet post testify remark declare recount relay answer continue
        speak brief inform publish quote cite reiterate repeat confirm suggest propose
        recommend predict conclude summarise summarize outline detail observe point
        agree disclose reveal"""),
    "distancing": _words("claim allege contend assert purport maintain"),
    "concessive": _words("admit concede acknowledge grant confess"),
    "emphatic": _words("insist stress emphasise emphasize warn vow pledge promise urge "
                       "demand argue caution underline underscore"),
    "critical": _words("accuse deny criticise criticize blame condemn denounce dismiss "
                       "reject slam attack complain lament protest object counter retort "
                       "rebut dispute question challenge decry"),
}
COGNITION = _words("""
    believe think know feel want hope expect fear worry wish plan intend seek try aim
    consider suspect doubt understand realise realize assume suppose guess imagine
    remember decide prefer""")
EVIDENTIAL = _words("show indicate find reveal suggest estimate")

SPEECH_NOUNS = _words("""
    statement interview remarks remark speech tweet testimony letter announcement email
    briefing conference comments comment readout post message""")

_LEXICON: dict[str, Cue] = {}
for _stance, _lemmas in SPEECH.items():
    for _lemma in _lemmas:
        _LEXICON.setdefault(_lemma, Cue(_lemma, "speech", _stance))
for _lemma in COGNITION:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "cognition", "neutral"))
for _lemma in EVIDENTIAL:
    _LEXICON.setdefault(_lemma, Cue(_lemma, "evidential", "neutral"))

ACCORDING_TO = Cue("according to", "speech", "neutral")


def cue_for(lemma: str) -> Cue | None:
    """The cue entry for a verb lemma, or None if it does not report anything."""
    return _LEXICON.get(lemma.lower())


def is_speech_noun(lemma: str) -> bool:
    return lemma.lower() in SPEECH_NOUNS
