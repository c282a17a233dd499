"""The verdict on a claim from its matches: which come first, which report another's words,
whether the words are the claimed speaker's, and whether the claim can be checked at all.

A verdict rests on distinctive words: a claim of stop words, common words or search
operators alone ("the", "and not", "we are going") is "too short to check", and a quote
whose wording is close to the claim's ("altered") supports a verdict only when it shares
the claim's distinctive words, not only common ones.
"""

from __future__ import annotations

import json
import math
import sqlite3

from quotes.factcheck.names import article_texts, names_match
from quotes.factcheck.results import LABELS, VERBATIM, WORD_MATCHES, Match
from quotes.factcheck.search import STOPWORDS

COMMON_WORDS = frozenset(
    """
    say says said saying tell tells told telling think thinks thought know knows knew known
    go goes going went gone get gets got make makes made want wants wanted need needs come
    comes came take takes took see sees saw seen look looks give gives gave put keep kept let
    mean means seem seems feel try use used work call called ask asked like just now very well
    really still even back only more most much many some other new good first last next same
    own sure right never always ever here how why where yes one two three people time times
    year years day days way thing things lot something nothing everything anything someone
    everyone should must may might shall being am near
    """.split()
)
"""Frequent English words that say little about which quote is meant, beyond the stop words
(and `near`, an operator of full-text search, like `and`, `or` and `not`)."""


LONG_CLAIM_WORDS = 6
"""A claim this long is checked even when all its words are common: its wording tells."""


def distinctive_words(words: list[str]) -> list[str]:
    """The words of a claim (normalized) that tell quotes apart, once each."""
    unique = dict.fromkeys(words)
    return [word for word in unique if len(word) > 1 and word not in STOPWORDS | COMMON_WORDS]


def too_short(words: list[str]) -> bool:
    """Too little to look up: no distinctive word, and too few words for the wording to tell."""
    return not distinctive_words(words) and len(words) < LONG_CLAIM_WORDS


def too_short_explanation(words: list[str]) -> str:
    shown = ", ".join(f"\u201c{word}\u201d" for word in list(dict.fromkeys(words))[:4])
    return f"the claim has only common words ({shown}), found in countless quotes: give more of the quote"


def holds_claim(match: Match, distinctive: list[str]) -> bool:
    """Does this match hold the claim's words well enough to support a verdict? Word for
    word, yes; altered, when its words include at least half the claim's distinctive words."""
    if match.label in VERBATIM:
        return True
    if match.label not in WORD_MATCHES:
        return False
    if not distinctive:
        return False
    shared = set(distinctive) & set(match.words.split())
    return len(shared) >= math.ceil(len(distinctive) / 2)


def mark_reports(matches: list[Match]) -> None:
    """A quote holding another speaker's matching quote, in the same article, reports it.

    ("The ministry said Wang had demanded that the US stop ..." holds Wang Yi's words.)
    """
    word_matches = [match for match in matches if match.label in WORD_MATCHES]
    for outer in word_matches:
        for inner in word_matches:
            if (
                inner is not outer
                and inner.article.id == outer.article.id
                and outer.start <= inner.start <= inner.end <= outer.end
                and (inner.start, inner.end) != (outer.start, outer.end)
                and speaker_id(inner) != speaker_id(outer)
            ):
                outer.reports = inner.quote_id
                break


def speaker_id(match: Match) -> int | None:
    return match.speaker.id if match.speaker else None


def claimed_speaker_ids(conn: sqlite3.Connection, claimed: str | None, matches: list[Match]) -> set[int]:
    """The ids of the speakers and reporters in `matches` that `claimed` names (or an alias)."""
    if not claimed:
        return set()
    people = {
        person.id: person
        for match in matches
        for person in (match.speaker, match.reported_by)
        if person is not None
    }
    aliases: dict[int, list[str]] = {person_id: [] for person_id in people}
    rows = conn.execute(
        "SELECT speaker_id, alias FROM aliases"
        " WHERE speaker_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(people))],
    )
    for person_id, alias in rows:
        aliases[person_id].append(alias)
    return {
        person_id
        for person_id, person in people.items()
        if names_match(claimed, person.name, aliases[person_id], article_texts(conn, [
            match.article.id for match in matches if person_id in (speaker_id(match), reporter_id(match))]))
    }


def reporter_id(match: Match) -> int | None:
    return match.reported_by.id if match.reported_by else None


TYPE_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}


def rank(match: Match, claimed_ids: set[int]) -> tuple:
    """Best first: word for word, then altered, then related; a speaker's own words before
    reports of them; the claimed speaker's; closest label and wording; the tightest quote;
    direct speech; the earliest."""
    return (
        tier(match.label),
        match.reports is not None,
        speaker_id(match) not in claimed_ids,
        LABELS.index(match.label),
        -match.score,
        -len(match.words) / max(len(match.text), 1),
        TYPE_ORDER.get(match.type, 3),
        match.article.published or "9999",
        match.quote_id,
    )


def tier(label: str) -> int:
    """0: word for word (exact, fragment), 1: altered, 2: related."""
    return {"exact": 0, "fragment": 0, "altered": 1}.get(label, 2)


def verdict_of(
    matches: list[Match], claimed: str | None, claimed_ids: set[int], distinctive: list[str]
) -> tuple[str, str]:
    """The verdict and a one-line explanation, from the best tier of matches found.

    Quotes that report another speaker's words do not make the words the reporter's;
    altered quotes sharing only common words with the claim do not make it found.
    """
    word_matches = [match for match in matches if holds_claim(match, distinctive)]
    if not word_matches:
        if any(match.label in WORD_MATCHES for match in matches):
            return "not found", (
                "no stored quote holds these words (some have similar wording, but share"
                " too few of its distinctive words)"
            )
        related = " (some quotes share its key words)" if matches else ""
        return "not found", f"no stored quote holds these words{related}"
    best_tier = tier(word_matches[0].label)
    in_tier = [match for match in word_matches if tier(match.label) == best_tier]
    own_words = [match for match in in_tier if match.reports is None] or in_tier
    wording = "the words" if best_tier == 0 else "similar words"
    supporting = [match for match in own_words if speaker_id(match) in claimed_ids]
    if supporting:
        return "attributed", f"{wording} are {_whose(supporting[0])}"
    attributed = [match for match in own_words if match.speaker is not None]
    if not attributed:
        verdict = "unattributed" if claimed else "found"
        return verdict, f"{wording} are in the database, but who said them is not known"
    top = attributed[0]
    explanation = f"{wording} are {_whose(top)}"
    if top.reported_by is None:
        # No stored reporter, but the claimed speaker's quote may hold these words.
        reporters = [
            match.speaker for match in in_tier
            if match.reports == top.quote_id and speaker_id(match) in claimed_ids
        ]
        if reporters and reporters[0] is not None:
            explanation += f"; {reporters[0].name} reported them"
    return ("misattributed" if claimed else "found"), explanation


def _whose(match: Match) -> str:
    assert match.speaker is not None
    reported = f" (reported by {match.reported_by.name})" if match.reported_by else ""
    return f"{possessive(match.speaker.name)}{reported}"


def possessive(name: str) -> str:
    """"Wang Yi's", "the reporters'", "Reuters'": a name ending in s takes an apostrophe alone
    (as AP style has it for names)."""
    name = name.strip()
    return f"{name}'" if name.lower().endswith("s") else f"{name}'s"
