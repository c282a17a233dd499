"""People's names: titles, name forms and gender cues.

    name_words("Mr Blinken’s") -> ["Blinken"]
    title_gender("Mrs") -> "f"
    first_name_gender("Hatice") -> "f"
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": None, "dr": None,
              "sir": "m", "dame": "f", "lord": "m", "lady": "f", "madam": "f", "prof": None,
              "professor": None, "rev": None, "sheikh": "m", "mme": "f", "mlle": "f", "herr": "m"}
ROLE_TITLES = set("""president secretary senator sen rep representative gov governor minister
prime chancellor judge justice gen general col colonel pope king queen prince princess
chairman chairwoman chair commissioner mayor ambassador director chief vice deputy premier
leader speaker spokesman spokeswoman spokesperson sheriff officer lt sgt capt captain admiral
cardinal archbishop bishop father imam rabbi crown emir sultan chancellor legislator
lawmaker congressman congresswoman assemblyman assemblywoman councillor councilman
councilwoman councilor mp mep attorney inspector superintendent constable marshal lieutenant
sergeant major commander""".split())
ANONYMOUS_NOUNS = set("""official officials source sources spokesperson spokesman
spokeswoman aide aides person people diplomat diplomats insider insiders officer officers
analyst analysts member members adviser advisers advisor advisors resident residents witness
witnesses interviewee interviewees employee employees worker workers""".split())
"""Nouns of people a source is described by ("a US official", "sources close to ...")."""
TITLES = set(HONORIFICS) | ROLE_TITLES | {"former", "late", "st", "acting", "interim"}
GENDERED_NOUNS = {
    "m": set("""he him his mr sir lord king prince spokesman chairman congressman assemblyman
        councilman businessman father son husband brother uncle nephew grandfather fiancé
        widower boyfriend man boy actor emperor duke baron count sheikh""".split()),
    "f": set("""she her mrs ms miss dame lady madam queen princess spokeswoman chairwoman
        congresswoman assemblywoman councilwoman businesswoman mother daughter wife sister
        aunt niece grandmother fiancée fiancee widow girlfriend woman girl actress empress
        duchess baroness countess""".split()),
}
FIRST_NAMES = {
    "m": set("""aaron abdul abdullah abdel adam adil adrian ahmed ahmad akira alan alberto
        alec alexander alexei alexey ali alistair andre andrei andrew andrés angel anthony
        antonio antony ashraf ayman barack bashar ben benjamin bernie bill bob boris boyko brad
        brendan brett brian bruno carlos charles christopher chuck claude colin cyril
        dan daniel dave david dick dmitry dominic donald doug dylan ed edward emmanuel eric
        erik evan fernando francis francisco frank fred friedrich gabriel gavin geert george
        gerald gordon greg gustavo hamid hans harry hassan hugo hunter ian ibrahim igor imran
        isaac ivan jack jacob jair jake james jamal jamie jared javier jeff jeremy jerome
        jim jimmy joe joel john johnny jon jonathan jorge jose josé joseph josh joshua juan
        justin kevin khaled kyriakos lars leonid liam lloyd luis luiz mahmoud
        marco marcus mario mark martin matt matteo matthew max michael miguel mike mikhail
        mitch mohammad mohammed mohamed muhammad naftali narendra nasser neil nick nicolas
        nicolás nikolai oleg olaf oliver omar oscar pablo patrick paul pedro pete peter
        philip phil pierre qasem rafael ralph ramzan raul recep ricardo richard rishi rob
        robert roberto rodrigo roger ron ronald rudy russell ryan saad sadiq salman samuel
        scott sean sebastian sergei sergey shinzo simon stefan stephen steve steven steffen
        tayyip ted tedros thomas tim timothy tom tony viktor vladimir volodymyr walter
        william yahya yair yasser yevgeny yoshihide yuri""".split()),
    "f": set("""agnès agnes alexandra alice alina alison amanda amy ana angela angelina
        ann anna anne annalena antonia ashley barbara beatriz betty brigitte carla carmen
        carol caroline carrie catherine cecilia charlotte chloe christina christine claire
        claudia cristina daniela deborah diana diane dilma donna elena elisabeth eliza
        elizabeth ellen elisa emily emma esther eva fatima fiona florence frances gabriela
        giorgia gloria grace hannah hatice heather helen helena hillary ingrid irene isabel
        isabella jacinda jane janet jennifer jessica jill joan joanna josephine judith julia
        julie karen kamala kate katherine kathleen katie kaja katya kelly kristalina kristi
        laura lauren leila linda lisa liz lucy maria marie marine marina martha mary maya
        megan melania melissa mia michelle monica nadia nancy natalia natalie nicola nicole
        nikki nina olga olivia pamela patricia paula penny priti rachel rebecca regina rita
        rosa ruth sally samantha sandra sara sarah sharon simone sofia sophie
        stephanie susan suzanne svetlana tanya tatiana theresa tracy ursula valentina
        valerie vanessa veronika veronica victoria virginia wendy yulia yvette zuzana""".split()),
}
POSSESSIVE = re.compile(r"[’']s?$")
GLUED_AGE = re.compile(r",\d.*$")
"""An age written onto a name: "Okafor,60"."""
INITIAL = re.compile(r"^\w\.?$")
SUFFIXES = {"jr", "jr.", "sr", "sr.", "junior", "senior"}
GENERATIONS = SUFFIXES | {"ii", "iii", "iv"}
"""Generational suffixes, lower case: "Joseph R. Biden Jr.", "Martin Luther King III"
(a name keeps "II" and "III", which are also regnal numbers: "Elizabeth II")."""


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Erdoğan" -> "erdogan", "Straße" -> "strasse"
    (cached: names and words recur through an article)."""
    if text.isascii():
        return text.replace("’", "'").lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in TITLES


def name_words(name: str) -> list[str]:
    """The words of a person's name without titles or a possessive ending ("Jr." stays:
    "Donald Trump Jr." is not "Donald Trump")."""
    words = [GLUED_AGE.sub("", POSSESSIVE.sub("", w)).rstrip(",") for w in name.split()]
    words = [w for w in words if w]
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    return words


def title_gender(word: str) -> str | None:
    """"m" or "f" for a gendered title or noun ("Mrs", "spokesman"), else None."""
    word = word.lower().rstrip(".")
    for gender, nouns in GENDERED_NOUNS.items():
        if word in nouns:
            return gender
    return HONORIFICS.get(word)


def first_name_gender(word: str) -> str | None:
    word = word.lower()
    for gender, names in FIRST_NAMES.items():
        if word in names:
            return gender
    return None


def same_person(short: list[str], long: list[str]) -> bool:
    """Is the name `short` a form of `long`? ("Erdogan" of "Recep Tayyip Erdoğan",
    "Tayyip Erdogan" too; "Hunter Biden" is not a form of "Joe Biden")."""
    a, b = [fold(w) for w in short], [fold(w) for w in long]
    if len(b) > 1 and b[-1] in SUFFIXES and (not a or a[-1] not in SUFFIXES):
        if a == b[:-1]:
            return False  # "Donald Trump" beside "Donald Trump Jr.": the father
        b = b[:-1]
    if not a or len(a) > len(b):
        return False
    if len(a) == 1:  # "Spana" is a form of "Monica Schoch-Spana"
        return a[0] in b or a[0] in {part for w in b[1:] for part in w.split("-")}
    return a[-1] == b[-1] and set(a) <= set(b)
