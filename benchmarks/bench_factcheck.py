"""Fact-check verdicts as a fact-checker meets them: `python benchmarks/bench_factcheck.py`.

Builds a database (`quotes ingest`'s pipeline, spaCy engine) from the annotated articles
of `quotes_gold.jsonl` (the 40 sample articles: ../shared/samples and the seed article)
and of the name-forms set (`name_forms_gold.jsonl`, texts of our own: one person under
several name forms across articles), then, for every annotated quote of 8 words or more
that holds someone's words (types direct, indirect and mixed: the types `quotes check`
looks at; a summary names what a speech was about, and a fact-checker's claim is words)
and whose speaker is a named person or organisation, checks three claims:

  (a) an exact fragment of 8-15 of its words, with the annotated speaker: `attributed`;
  (b) the same fragment with one word changed: `attributed`, the top match `altered`;
  (c) the same fragment with another named speaker of the same article: `misattributed`.

In the name-forms set the speaker of (a) and (b) is named as another article names them
("Joe Kowalczyk" for "Joseph R. Kowalczyk Jr."). It prints the share of right verdicts,
over every claim and over the claims whose quote the extractor found, and the causes of
the wrong ones:

  not extracted     the quote is not in the database (detection missed it)
  content cut       the quote is, but without the claimed words (detection cut it short)
  typed summary     the quote is, but stored as a summary, which `quotes check` leaves out
                    (detection took reported words for what a speech was about)
  another quote     the words are in another quote too, which the verdict goes by (a
                    nested report: "the ministry said Wang had demanded that ...")
  no speaker        the quote is stored without a speaker
  wrong speaker     its stored speaker is another entity than the annotated one
  split speaker     its stored speaker is the annotated one, under a name the claim's name
                    did not match
  common words only the changed word was the claim's only distinctive word: the quote
                    shares only common words with it, and by the verdict's rule an altered
                    quote must share half the claim's distinctive words ("we will never give
                    up on the farmers" is not "... on the fight")
  look-up           the quote and speaker are right, the look-up's verdict or label is not
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench_speakers import GOLD, NAME_FORMS_GOLD, SAMPLES, SCORER, Timings, extract, gold_with_texts, scorer

from quotes.factcheck import CHECKED_TYPES, check_claim, open_database
from quotes.factcheck.results import WORD_MATCHES, Match
from quotes.factcheck.verdict import distinctive_words, holds_claim
from quotes.nlp import load_engine
from quotes.normalize import contains, normalize
from quotes.records import Article, Quote
from quotes.speakers.identity import same_entity
from quotes.store.database import Store

MIN_WORDS, MAX_WORDS = 8, 15
NAMED_KINDS = ("person", "organization")
CHANGED_WORD = "different"


@dataclass
class Claim:
    case: str
    article: str
    text: str
    speaker: str
    expected: str
    gold_speaker: str
    found: Quote | None
    """The extracted quote matched to the annotated one, if any."""
    original: str = ""
    """For a changed claim, the exact fragment it was made from."""


def fragment(words: list[str], key: str) -> list[str]:
    """8-15 words of `words`, where a hash of `key` says (the same every run)."""
    size = min(MAX_WORDS, len(words))
    if size < len(words):
        size = MIN_WORDS + int(hashlib.sha256(key.encode()).hexdigest(), 16) % (size - MIN_WORDS + 1)
    start = int(hashlib.sha256(key[::-1].encode()).hexdigest(), 16) % (len(words) - size + 1)
    return words[start:start + size]


def changed(words: list[str]) -> list[str]:
    """One word in the middle replaced by another."""
    middle = len(words) // 2
    return [*words[:middle], CHANGED_WORD if words[middle].lower() != CHANGED_WORD else "other",
            *words[middle + 1:]]


def claims_of(docs: list[dict], found: list[tuple[Article, list[Quote]]]) -> list[Claim]:
    score = scorer()
    forms: dict[str, list[tuple[str, str]]] = {}
    for doc in docs:
        for gold in doc["quotes"]:
            if gold.get("person"):
                forms.setdefault(gold["person"], []).append((doc["id"], gold["source_name"]))
    claims = []
    for doc, (article, quotes) in zip(docs, found, strict=True):
        text = article.text
        pairs = score.match_doc(doc["quotes"], [{"content": q.content} for q in quotes], score.Tokens(text),
                                "ggt", 0.3)
        named = {g["source_name"] for g in doc["quotes"] if g.get("speaker_kind") in NAMED_KINDS}
        for n, gold in enumerate(doc["quotes"]):
            if gold.get("speaker_kind") not in NAMED_KINDS or gold.get("type") not in CHECKED_TYPES:
                continue
            piece = max((text[s:e] for s, e in gold["content"]), key=len)
            words = [w.strip("\"'“”‘’,.;:()[]") for w in piece.split()]
            words = [w for w in words if w]
            if len(words) < MIN_WORDS:
                continue
            part = fragment(words, f"{doc['id']}:{n}")
            quote = quotes[pairs[n]] if n in pairs else None
            speaker = gold["source_name"]
            other_forms = [name for article_id, name in forms.get(gold.get("person") or "", [])
                           if article_id != doc["id"] and name.split() != speaker.split()]
            claimed = other_forms[0] if other_forms else speaker
            claims.append(Claim("a exact", doc["id"], " ".join(part), claimed, "attributed", speaker, quote))
            claims.append(Claim("b one word changed", doc["id"], " ".join(changed(part)), claimed, "attributed",
                                speaker, quote, " ".join(part)))
            others = sorted(o for o in named if not same_entity(o, speaker))
            if others:
                claims.append(Claim("c other speaker", doc["id"], " ".join(part), others[0], "misattributed",
                                    speaker, quote))
    return claims


def cause(claim: Claim, verdict: str, top: Match | None, texts: dict[str, str]) -> str | None:
    """Why the verdict is wrong (None when it is right)."""
    label = top.label if top else None
    right = verdict == claim.expected and (not claim.case.startswith("b") or label == "altered")
    if right:
        return None
    if claim.found is None:
        return "not extracted"
    exact = claim.text if not claim.case.startswith("b") else claim.original
    if not contains(normalize(claim.found.text(texts[claim.article])), normalize(exact)):
        return "content cut"
    if claim.found.type not in CHECKED_TYPES:
        return "typed summary"
    stored = claim.found.speaker
    if stored is None:
        return "no speaker"
    if not same_entity(stored.name, claim.gold_speaker):
        return "wrong speaker"
    if top is not None and (top.article.id, top.start) != (claim.article, claim.found.content[0][0]):
        return "another quote"
    if claim.expected == "attributed" and verdict == "misattributed":
        return "split speaker"
    if verdict == "not found" and label in WORD_MATCHES and not holds_claim(top, distinctive_words(
            normalize(claim.text).split())):
        return "common words only"
    return "look-up"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list the wrong verdicts")
    parser.add_argument("--db", type=Path, help="keep the database built here")
    args = parser.parse_args(argv)
    for path in (SAMPLES, SCORER):
        if not path.exists():
            sys.exit(f"needs {path} (set QUOTES_SHARED to the shared/ folder)")
    engine = load_engine("spacy")
    docs = gold_with_texts(GOLD) + gold_with_texts(NAME_FORMS_GOLD)
    found = extract(docs, engine, Timings())
    with tempfile.TemporaryDirectory() as directory:
        path = args.db or Path(directory) / "factcheck.db"
        if path.exists():
            path.unlink()
        with Store(path) as store:
            store.save_many(found)
        claims = claims_of(docs, found)
        texts = {article.id: article.text for article, _ in found}
        conn = open_database(path)
        causes: Counter[str] = Counter()
        by_case: Counter[str] = Counter()
        right_by_case: Counter[str] = Counter()
        extracted = right_extracted = 0
        wrong = []
        for claim in claims:
            result = check_claim(conn, claim.text, speaker=claim.speaker, limit=1)
            top = result.matches[0] if result.matches else None
            label = top.label if top else None
            why = cause(claim, result.verdict, top, texts)
            by_case[claim.case] += 1
            right_by_case[claim.case] += why is None
            extracted += claim.found is not None
            right_extracted += claim.found is not None and why is None
            if why is not None:
                causes[why] += 1
                top = result.matches[0].speaker.name if result.matches and result.matches[0].speaker else None
                wrong.append(f"{why}: {claim.case} [{claim.article}] {claim.speaker!r} ({claim.expected}) -> "
                             f"{result.verdict} {label}, top speaker {top!r}: {claim.text!r}")
        conn.close()
        counts = {row[0]: row[1] for row in sqlite3.connect(path).execute(
            "SELECT 'quotes', count(*) FROM quotes UNION ALL SELECT 'speakers', count(*) FROM speakers")}
    total = sum(by_case.values())
    right = sum(right_by_case.values())
    print(f"Database: {len(docs)} articles, {counts['quotes']} quotes, {counts['speakers']} speakers")
    print(f"Claims: {total} from {by_case['a exact']} annotated quotes of {MIN_WORDS}+ words "
          f"({', '.join(CHECKED_TYPES)}) by named people and organisations")
    print(f"Verdicts right: {pct(right, total)} of {total} claims; {pct(right_extracted, extracted)} of the "
          f"{extracted} whose quote was extracted")
    for case in sorted(by_case):
        print(f"  {case:20} {pct(right_by_case[case], by_case[case]):>6} of {by_case[case]}")
    print("Causes of the wrong verdicts: " + (", ".join(f"{why} {n}" for why, n in causes.most_common()) or "none"))
    if args.show:
        for line in wrong:
            print("  ", line)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


if __name__ == "__main__":
    main()
