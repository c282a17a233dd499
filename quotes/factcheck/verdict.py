"""The verdict on a claim from its matches: which come first, which report another's words,
whether the words are the claimed speaker's."""

from __future__ import annotations

import json
import sqlite3

from quotes.factcheck.names import article_texts, names_match
from quotes.factcheck.results import LABELS, WORD_MATCHES, Match


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


def verdict_of(matches: list[Match], claimed: str | None, claimed_ids: set[int]) -> tuple[str, str]:
    """The verdict and a one-line explanation, from the best tier of matches found.

    Quotes that report another speaker's words do not make the words the reporter's.
    """
    word_matches = [match for match in matches if match.label in WORD_MATCHES]
    if not word_matches:
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
    return f"{match.speaker.name}'s{reported}"
