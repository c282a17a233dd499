"""Checking a claim: does the database hold these words, whose are they, where and when?

    conn = open_database("db/quotes.db")
    result = check_claim(conn, "benefit our two countries", speaker="Joe Biden")
    result.verdict                 # "misattributed"
    result.explanation             # "the words are Xi Jinping's"
    result.matches[0].label        # "fragment"

How it looks: full-text search (FTS5) finds candidate quotes holding the claim's rarest
key words close together (then, if that is not enough, all but one of them, then any of
them). Each candidate's normalized text (`quotes.normalized`) tells whether it holds the
claim word for word; rapidfuzz picks the closest of the others, and a word alignment
(worddiff.py) measures how far their wording differs from the claim's.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection
from pathlib import Path

from quotes.factcheck.results import TOO_SHORT, Carriers, CheckError, CheckResult, Match
from quotes.factcheck.search import Search
from quotes.factcheck.verdict import (
    claimed_speaker_ids,
    distinctive_words,
    mark_reports,
    rank,
    too_short,
    too_short_explanation,
    verdict_of,
)
from quotes.factcheck.worddiff import Words
from quotes.normalize import normalize
from quotes.records import QUOTE_TYPES
from quotes.store.readonly import connect_read_only
from quotes.store.schema import SCHEMA_VERSION

MAX_CLAIM_WORDS = 200


MMAP_SIZE = 2**30
"""Read the database through memory mapping, up to 1 GiB: faster than read() calls."""


CONTEXT_CHARS = 600
"""How far around a quote to look for the sentence it sits in."""


def open_database(path: str | Path) -> sqlite3.Connection:
    """Open a quotes database read-only, upgrading its schema first if it is older.

    Raises CheckError when `path` is not a usable quotes database. The usual case does
    not import quotes.store, as sqlite-utils takes most of a second to import.
    """
    conn = None
    try:
        conn = _connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        version = None
    if conn is not None and version == SCHEMA_VERSION:
        return conn
    if conn is not None:
        conn.close()
    from quotes.store.database import Store, StoreError, check_database

    try:
        if check_database(str(path)) < SCHEMA_VERSION:  # raises StoreError saying what is wrong
            Store(path).close()
    except StoreError as error:
        raise CheckError(str(error)) from error
    return _connect(path)


def _connect(path: str | Path) -> sqlite3.Connection:
    conn = connect_read_only(path)  # on read-only media too
    conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
    return conn


CHECKED_TYPES = ("direct", "indirect", "mixed")
"""The quote types a check looks at by default: a summary ("called for [the release of
the prisoners]") names what a speech was about, not its words."""


def check_claim(
    conn: sqlite3.Connection, claim: str, speaker: str | None = None, limit: int = 5,
    types: Collection[str] = CHECKED_TYPES,
) -> CheckResult:
    """Look the claimed words up; with `speaker`, say whether they are that speaker's.
    Only quotes of `types` are matched (summaries are left out unless asked for)."""
    unknown = set(types) - set(QUOTE_TYPES)
    if unknown or not types:
        raise CheckError(f"unknown quote type {', '.join(sorted(unknown))}; the types are {', '.join(QUOTE_TYPES)}"
                         if unknown else "no quote type to look at")
    try:
        return _check_claim(conn, claim, speaker, limit, types)
    except sqlite3.DatabaseError as error:
        raise CheckError(f"the database could not be read: {error}") from error


def _check_claim(conn: sqlite3.Connection, claim: str, speaker: str | None, limit: int,
                 types: Collection[str]) -> CheckResult:
    claimed = Words.of(claim)
    if not claimed.normalized:
        raise CheckError("the claim has no words to look up")
    if len(claimed.normalized) > MAX_CLAIM_WORDS:
        raise CheckError(
            f"the claim has {len(claimed.normalized):,} words; look up at most"
            f" {MAX_CLAIM_WORDS} (a sentence or two)"
        )
    _require_schema(conn)
    if too_short(claimed.normalized):
        return CheckResult(claim, speaker, TOO_SHORT, too_short_explanation(claimed.normalized))
    search = Search(conn, claimed, types)
    matches = search.run()
    mark_reports(matches)
    claimed_ids = claimed_speaker_ids(conn, speaker, matches)
    matches.sort(key=lambda match: rank(match, claimed_ids))
    verdict, explanation = verdict_of(matches, speaker, claimed_ids, distinctive_words(claimed.normalized))
    shown = matches[:limit]
    _add_context(conn, shown)
    carriers: dict[str, Carriers] = {}
    for match in shown:
        words = normalize(match.text)
        if words not in carriers:
            carriers[words] = search.carriers(words)
        match.carriers = carriers[words]
    return CheckResult(claim, speaker, verdict, explanation, shown)


SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")


def _add_context(conn: sqlite3.Connection, matches: list[Match]) -> None:
    """Set each match's context: the sentence(s) of the article the quote sits in."""
    for match in matches:
        offset = max(match.start - CONTEXT_CHARS, 0)
        row = conn.execute(
            "SELECT substr(text, ?, ?), length(text) FROM articles WHERE id = ?",
            [offset + 1, match.end - offset + CONTEXT_CHARS, match.article.id],
        ).fetchone()
        if row is None:
            continue
        window, length = row
        start, end = sentence_around(window, match.start - offset, match.end - offset)
        cut_before = start == 0 and offset > 0
        cut_after = end == len(window) and offset + end < length
        match.context = "…" * cut_before + window[start:end].strip() + "…" * cut_after


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence(s) holding text[start:end] begin and end; line breaks end them too."""
    sentence_start = 0
    for boundary in SENTENCE_END.finditer(text, 0, min(start + 2, len(text))):
        if boundary.end() <= start:
            sentence_start = boundary.end()
    following = SENTENCE_END.search(text, max(end - 1, sentence_start))
    if following is None:
        return sentence_start, len(text)
    return sentence_start, following.start() + len(following.group().rstrip())


def _require_schema(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(quotes)")}
    if not columns:
        raise CheckError("this is not a quotes database: it has no quotes table")
    if "normalized" not in columns:
        raise CheckError(
            "this database predates `quotes check`: run `quotes check` or `quotes ingest`"
            " on it once to upgrade it"
        )
