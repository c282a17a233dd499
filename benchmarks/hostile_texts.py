"""Texts written to hurt: the pathological inputs of issue 17, and news-like prose of any
length (sentences made from our own word lists, no copied text), for bench_hostile.py.

    write_cases(folder) -> {case name: path}
"""

from __future__ import annotations

import random
from pathlib import Path

NAMES = ["Maria Lopez", "Tomas Berg", "Amina Diallo", "Kenji Sato", "Ruth Okafor", "Pavel Novak",
         "Elena Rossi", "David Chen", "Sara Lindqvist", "Omar Haddad"]
ROLES = ["the finance minister", "the mayor", "a union leader", "the health secretary",
         "the party's spokesperson", "the central bank governor", "an opposition MP"]
ORGANISATIONS = ["the ministry of transport", "the city council", "the World Health Organization",
                 "the central bank", "the electoral commission", "the teachers' union"]
SUBJECTS = ["the government", "the council", "the new plan", "the budget", "the strike",
            "the hospital", "the court", "the bridge project", "the ceasefire", "the school"]
VERBS = ["will cost", "has delayed", "could change", "must protect", "has ignored", "would help",
         "will not solve", "has improved", "might threaten", "cannot replace"]
OBJECTS = ["the lives of ordinary families", "the city's water supply", "thousands of jobs",
           "the rights of workers", "the trust of voters", "the next election",
           "the country's economy", "the talks with its neighbours", "small businesses",
           "the safety of patients"]
TIMES = ["on Tuesday", "last week", "in March", "this year", "after the vote", "since 2019"]
CUES = ["said", "added", "warned", "told reporters", "insisted", "claimed"]


def clause(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def prose_sentence(rng: random.Random) -> str:
    sentence = f"{clause(rng)} {rng.choice(TIMES)}"
    return sentence[0].upper() + sentence[1:] + "."


def quote_sentence(rng: random.Random) -> str:
    name, cue = rng.choice(NAMES), rng.choice(CUES)
    shape = rng.randrange(5)
    words = clause(rng)
    if shape == 0:
        return f"“{words[0].upper()}{words[1:]},” {name}, {rng.choice(ROLES)}, {cue}."
    if shape == 1:
        return f"{name} {cue} that {words} {rng.choice(TIMES)}."
    if shape == 2:
        return f"“{words[0].upper()}{words[1:]},” she {cue}. “We will not stop.”"
    if shape == 3:
        return f"According to {rng.choice(ORGANISATIONS)}, {words}."
    return f"{name[0:1].upper()}{name[1:]} {cue} {rng.choice(SUBJECTS)} “{words}”."


def article(chars: int, quote_share: float, seed: int = 17) -> str:
    """About `chars` characters of news-like paragraphs; `quote_share` of the sentences quote
    someone."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < chars:
        sentences = [quote_sentence(rng) if rng.random() < quote_share else prose_sentence(rng)
                     for _ in range(rng.randint(2, 4))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def nested_quotes(chars: int) -> str:
    """Quotes within quotes within quotes, on one line: “A said ‘B said “C said ‘...’”’”."""
    marks = [("“", "”"), ("‘", "’")]
    opening, closing, size, depth = [], [], 0, 0
    while size < chars:
        left, right = marks[depth % 2]
        opening.append(f"{NAMES[depth % len(NAMES)].split()[0]} said {left}")
        closing.append(right)
        size += len(opening[-1]) + 1
        depth += 1
    return "".join(opening) + "we said so" + "".join(reversed(closing)) + "\n"


def nested_singles(chars: int) -> str:
    """Opening single quotation marks, one per word, never closed: ‘a ‘b ‘c ..."""
    return " ".join(f"‘w{n}" for n in range(chars // 5))[:chars] + "\n"


CASES = {
    "normal article (5,000 characters)": lambda: article(5_000, 0.4),
    '16,000 × "': lambda: '"' * 16_000,
    "16,000 × )": lambda: ")" * 16_000,
    "16,000 × !": lambda: "!" * 16_000,
    "200 KB of nested quotes": lambda: nested_quotes(200_000),
    "200 KB of unclosed ‘ quotes": lambda: nested_singles(200_000),
    "0.9 M characters of prose": lambda: article(900_000, 0.05),
    "0.9 M characters full of quotes": lambda: article(900_000, 0.95),
    "3 M characters of prose, --max-chars 4000000": lambda: article(3_000_000, 0.05),
    "30 MB of prose": lambda: article(30_000_000, 0.05),
}
OPTIONS = {"3 M characters of prose, --max-chars 4000000": ["--max-chars", "4000000"]}
"""Options given with a case, to a `quotes` that has them."""


def write_cases(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Each case as a .txt file in `folder`."""
    paths = {}
    for number, (name, make) in enumerate(CASES.items()):
        if names and not any(wanted in name for wanted in names):
            continue
        path = folder / f"case{number}.txt"
        path.write_text(make(), encoding="utf-8")
        paths[name] = path
    return paths
