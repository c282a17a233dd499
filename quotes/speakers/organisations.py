"""Organisations: what type they are, and one normalized name for every way of writing them.

    org_type("China's foreign ministry")   -> "government"
    org_type("Reuters")                    -> "media"
    normalize_org("the Ministry of Foreign Affairs of China")  -> "china foreign ministry"
    normalize_org("the Chinese foreign ministry")              -> "china foreign ministry"

Types: government (ministries, agencies, courts, police, armies, countries speaking as
states), international (the UN and its agencies, the EU, NATO, ...), party, media, company,
ngo, other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.speakers.countries import COUNTRIES
from quotes.speakers.names import fold

# Whole names, lower case, without "the".
KNOWN = {
    "international": """united nations|un|un security council|security council|unesco|unicef|unhcr|
        world health organization|who|world bank|international monetary fund|imf|nato|
        european union|eu|european commission|european parliament|interpol|opec|g7|g20|
        african union|asean|world trade organization|wto|iaea|
        international atomic energy agency|international criminal court|icc|
        food and agriculture organization|fao|red cross|icrc|
        international committee of the red cross|world food programme|wfp|osce""",
    "media": """reuters|associated press|ap|afp|agence france-presse|bbc|cnn|nbc|nbc news|cbs|
        cbs news|abc|abc news|fox news|pbs|npr|msnbc|sky news|al jazeera|xinhua|tass|
        ria novosti|interfax|fars|isna|irna|tasnim|sputnik|sputnik news|rudaw|bloomberg|
        politico|axios|the guardian|guardian|the times|the new york times|new york times|
        the washington post|washington post|the wall street journal|wall street journal|
        financial times|the telegraph|the daily telegraph|daily telegraph|daily mail|
        the daily mail|the independent|the economist|time|time magazine|newsweek|
        business insider|yonhap|kyodo|anadolu|anadolu agency|global times|people's daily|
        cctv|rt|dw|deutsche welle|france 24|le monde|der spiegel|kathimerini|cyprus mail|
        hurriyet|hurriyet daily news|the atlantic|vox|buzzfeed news|huffpost|the hill""",
    "party": """democrats|republicans|gop|labour|tories|conservatives|liberal democrats|
        lib dems|snp|greens|the greens|afd|cdu|spd|anc|bjp|likud|hamas|hezbollah|sinn fein|
        fidesz|ukip""",
    "company": """microsoft|google|apple|amazon|meta|facebook|twitter|x corp|tesla|boeing|
        airbus|aramco|saudi aramco|exxonmobil|shell|bp|gazprom|huawei|samsung|toyota|
        volkswagen|siemens|daimler|deutsche bahn|deutsche telekom|openai|nvidia|intel|
        netflix|uber|walmart|pfizer|moderna|astrazeneca|mahan air""",
    "ngo": """amnesty international|human rights watch|greenpeace|oxfam|
        medecins sans frontieres|doctors without borders|save the children|
        transparency international|reporters without borders|wwf""",
    "government": """white house|kremlin|pentagon|state department|fsb|cia|fbi|nsa|mi5|mi6|
        congress|senate|parliament|knesset|duma|bundestag|downing street|elysee""",
}

# Words in a name that give its type, most telling first (a "news agency" is media,
# not government; a "party" wins over "national").
KEYWORDS = [
    ("media", """news|newspaper|press agency|news agency|broadcaster|broadcasting|television|
        tv|radio|times|post|journal|herald|tribune|gazette|daily|magazine|channel|website|
        network|media|reporter|.com"""),
    ("party", "party|democrats|republicans"),
    ("ngo", "foundation|charity|ngo|watch|think tank|human rights|campaign group"),
    ("company", """company|corporation|corp|inc|ltd|llc|plc|co|group|holdings|bank|airline|
        airlines|airways|motors|technologies|industries|energy|oil|petroleum|pharmaceuticals|
        firm|manufacturer|operator|carrier|retailer"""),
    ("government", """ministry|minister|department|government|administration|agency|office|
        commission|committee|council|parliament|congress|senate|house|assembly|court|
        police|army|military|navy|air force|armed forces|guard|corps|embassy|consulate|
        cabinet|presidency|kremlin|authority|authorities|service|prosecutor|prosecutors|
        regime|state|states|province|city hall|municipality|legislature"""),
]

PHRASES = [  # written forms -> one form, applied after "X of Y" is turned into "Y X"
    ("foreign affairs ministry", "foreign ministry"),
    ("external affairs ministry", "foreign ministry"),
    ("foreign affairs department", "foreign ministry"),
    ("foreign office", "foreign ministry"),
    ("defence", "defense"),
    ("state department", "state department"),
]
MOVABLE_HEADS = ("ministry", "department", "office", "bureau", "agency", "commission")
LEGAL_SUFFIXES = {"co", "co.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "corp", "corp.", "corporation",
                  "company", "ag", "sa", "s.a.", "gmbh", "nv", "n.v.", "bv", "limited", "incorporated"}
"""Legal forms a company's name may end with: "Samsung Electronics Co." is Samsung's."""
TRADE_WORDS = {"electronics", "holdings", "group", "motor", "motors", "industries", "technologies"}
"""What a company's legal name adds to its brand ("Samsung Electronics Co.", "Ford Motor
Company"), dropped only where a legal form ends the name."""
DROPPED = {"the", "of", "'s", "’s", "and", "&"}
PARENTHESES = re.compile(r"\s*\([^)]*\)")
NON_WORD = re.compile(r"[^\w.&'’-]+")


def _word_set(block: str) -> list[str]:
    return [w.strip() for w in block.replace("\n", "").split("|") if w.strip()]


LONG_COUNTRY_NAMES = re.compile(r"\b(?:" + "|".join(
    re.escape(form) for form in sorted(COUNTRIES, key=len, reverse=True) if " " in form or "'" in form
) + r")\b")
"""Country names of several words ("people's republic of china"), found before splitting."""

_KNOWN = {name: kind for kind, block in KNOWN.items() for name in _word_set(block)}
_KEYWORDS = [(kind, _word_set(block)) for kind, block in KEYWORDS]


def is_known(name: str) -> bool:
    """Is `name` a well-known organisation ("Reuters", "UNESCO")?"""
    key = fold(name).strip()
    return (key.removeprefix("the ")) in _KNOWN


def org_type(name: str, is_place: bool = False) -> str:
    """The type of organisation `name` is; a country speaking (`is_place`) is a government."""
    key = fold(PARENTHESES.sub("", name)).strip()
    key = key.removeprefix("the ")
    if key in _KNOWN:
        return _KNOWN[key]
    if is_place or key in COUNTRIES:
        return "government"
    words = f" {NON_WORD.sub(' ', key)} "
    for kind, keywords in _KEYWORDS:
        if any(f" {word} " in words or (word.startswith(".") and word in key) for word in keywords):
            return kind
    return "other"


@lru_cache(maxsize=65536)
def normalize_org(name: str) -> str:
    """One name for the ways of writing an organisation: countries and demonyms become the
    country, put first; "ministry of X" becomes "X ministry"; "foreign affairs ministry"
    becomes "foreign ministry"; articles, possessives and parenthesised acronyms go."""
    text = fold(PARENTHESES.sub("", name))
    countries: list[str] = []

    def named_country(match: re.Match) -> str:
        countries.append(fold(COUNTRIES[match.group(0)]))
        return " "

    text = LONG_COUNTRY_NAMES.sub(named_country, text)
    words = [w for w in NON_WORD.sub(" ", text).split() if w]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'") for w in words]
    rest: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            country = COUNTRIES.get(" ".join(words[i:i + size]))
            if country is not None and i + size <= len(words):
                if fold(country) not in countries:
                    countries.append(fold(country))
                i += size
                break
        else:
            rest.append(words[i])
            i += 1
    while rest and rest[0] in DROPPED:
        rest = rest[1:]
    while rest and rest[-1] in DROPPED:
        rest = rest[:-1]
    rest = _head_last(_without_legal_form(rest))
    phrase = " ".join(w for w in rest if w not in DROPPED)
    for written, canonical in PHRASES:
        phrase = re.sub(rf"\b{re.escape(written)}\b", canonical, phrase)
    return " ".join(sorted(set(countries)) + [phrase]).strip()


def _without_legal_form(words: list[str]) -> list[str]:
    """"samsung electronics co." -> "samsung"; "general motors" stays (no legal form)."""
    if len(words) < 2 or words[-1] not in LEGAL_SUFFIXES:
        return words
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] in DROPPED):
        words = words[:-1]
    while len(words) > 1 and words[-1] in TRADE_WORDS:
        words = words[:-1]
    return words


def _head_last(words: list[str]) -> list[str]:
    """"ministry of foreign affairs" -> "foreign affairs ministry"."""
    if len(words) > 2 and words[0] in MOVABLE_HEADS and words[1] == "of":
        return words[2:] + [words[0]]
    return words
