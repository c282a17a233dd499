"""Fact-check look-up: does the database hold these words, whose are they, where and when?

    conn = open_database("db/quotes.db")
    result = check(conn, "benefit our two countries", speaker="Joe Biden")
    result.verdict                 # "misattributed"
    result.explanation             # "the words are Xi Jinping's"
    result.matches[0].label        # "fragment"

How it looks: full-text search (FTS5) finds candidate quotes, first holding the claim as a
phrase, then holding all its key words, then (if that is not enough) any of its rarer
words, best first. Each candidate's normalised text (`quotes.normalized`) tells whether
it holds the claim word for word; otherwise a word alignment measures how far the
wording differs, and rapidfuzz scores the stretch that corresponds to the claim.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz.fuzz import ratio

from .namematch import names_match
from .schema import SCHEMA_VERSION
from .normalize import contains, normalize
from .worddiff import Words, align, diff

LABELS = ("exact", "fragment", "altered", "related")
"""exact: the whole stored quote; fragment: part of it; altered: the wording differs;
related: shares the claim's key words."""

VERDICTS = ("attributed", "misattributed", "unattributed", "not found", "found")

ALTERED_MIN_SIMILARITY = 0.7
"""Share of words an alignment must have in common (2 * shared / total) to be `altered`."""
RELATED_MIN_SHARE = 0.5
"""Share of the claim's key words a quote must hold to be `related`."""
CANDIDATES = 300
"""Most quotes the word-for-word (phrase) search brings back."""
FUZZY_CANDIDATES = 40
"""Most quotes each looser search brings back, best (bm25) first."""
LEAVE_ONE_OUT_MAX = 6
"""Claims with up to this many key words are also looked for with each one left out."""
RUN_LENGTH = 3
"""Longer claims are also looked for by runs of this many key words."""
NEAR_SLACK = 10
"""How many words a stored quote may have beyond the claim's between its key words."""
COMMON_WORD_QUOTES = 1000
"""A word in this many quotes is too common to look for on its own."""
RARE_WORDS = 4
"""How many of the rarest key words the last search, for any of them, uses."""
CARRIERS_LIMIT = 5000
"""Most articles counted as carrying the same words."""
MAX_CLAIM_WORDS = 200
CONTEXT_CHARS = 600
"""How far around a quote to look for the sentence it sits in."""

STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be been but by can could did do does for
    from had has have he her him his i if in into is it its me my no not of on or our she
    so than that the their them then there these they this those to up us was we were
    what when which who will with would you your s t
    """.split()
)
"""Words too common to tell quotes apart: left out of the key words."""


class CheckError(Exception):
    """A claim or database the look-up cannot work with, described in one line."""


@dataclass
class Person:
    """A stored speaker: a person, organisation, group or anonymous source."""

    id: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None


@dataclass
class Source:
    """An article a quote appears in."""

    id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None


@dataclass
class Carriers:
    """The articles whose quotes carry the same words, earliest first."""

    count: int
    capped: bool
    """True when there are more than `count` (counting stopped at CARRIERS_LIMIT)."""
    articles: list[Source]

    @property
    def earliest(self) -> Source | None:
        return self.articles[0] if self.articles else None


@dataclass
class Match:
    label: str
    score: int
    """How close the claim is to the stored words it corresponds to, 0-100 (rapidfuzz)."""
    quote_id: int
    text: str
    type: str
    cue: str | None
    confidence: float | None
    """How sure the extraction was of this quote and its speaker, 0-1."""
    start: int
    end: int
    speaker: Person | None
    reported_by: Person | None
    article: Source
    words: str
    """The stored words the claim corresponds to, normalised."""
    diff: list[tuple[str, str]] | None = None
    """For `altered` and `related`: ("=" | "-" | "+", text) pieces, see worddiff.py."""
    reports: int | None = None
    """The id of a quote by someone else that this one holds: this one reports it."""
    context: str | None = None
    carriers: Carriers | None = None


@dataclass
class CheckResult:
    claim: str
    speaker: str | None
    """The speaker the claim names, if any."""
    verdict: str
    explanation: str
    matches: list[Match] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.verdict != "not found"

    def as_dict(self) -> dict:
        data = asdict(self)
        for match, match_data in zip(self.matches, data["matches"]):
            if match.carriers is not None:
                match_data["carriers"]["earliest"] = asdict(match.carriers.earliest)
        return data


def open_database(path: str | Path) -> sqlite3.Connection:
    """Open a quotes database read-only, upgrading its schema first if it is older.

    Raises CheckError when `path` is not a usable quotes database. The usual case does
    not import quotes.store, as sqlite-utils takes most of a second to import.
    """
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        version = None
    if version == SCHEMA_VERSION:
        return conn
    from .store import Store, StoreError, check_database

    try:
        if check_database(str(path)) < SCHEMA_VERSION:  # raises StoreError saying what is wrong
            Store(path).close()
    except StoreError as error:
        raise CheckError(str(error)) from error
    return sqlite3.connect(uri, uri=True)


def check(
    conn: sqlite3.Connection, claim: str, speaker: str | None = None, limit: int = 5
) -> CheckResult:
    """Look the claimed words up; with `speaker`, say whether they are that speaker's."""
    claimed = Words.of(claim)
    if not claimed.normalized:
        raise CheckError("the claim has no words to look up")
    if len(claimed.normalized) > MAX_CLAIM_WORDS:
        raise CheckError(
            f"the claim has {len(claimed.normalized):,} words; look up at most"
            f" {MAX_CLAIM_WORDS} (a sentence or two)"
        )
    _require_schema(conn)
    matches = _Search(conn, claimed).run(limit)
    _mark_reports(matches)
    claimed_ids = _claimed_ids(conn, speaker, matches)
    matches.sort(key=lambda match: _rank(match, claimed_ids))
    verdict, explanation = _verdict(matches, speaker, claimed_ids)
    shown = matches[:limit]
    _add_context(conn, shown)
    carriers: dict[str, Carriers] = {}
    for match in shown:
        if match.label == "related":
            continue  # its words are not the claim's
        if match.words not in carriers:
            carriers[match.words] = _carriers(conn, match.words)
        match.carriers = carriers[match.words]
    return CheckResult(claim, speaker, verdict, explanation, shown)


class _Search:
    """Candidate quotes from full-text search, labelled against the claim."""

    def __init__(self, conn: sqlite3.Connection, claimed: Words) -> None:
        self.conn = conn
        self.claimed = claimed
        self.claim = " ".join(claimed.normalized)
        unique = list(dict.fromkeys(claimed.normalized))
        self.key_words = [word for word in unique if word not in STOPWORDS] or unique
        self.seen: set[int] = set()
        self.matches: list[Match] = []

    def run(self, limit: int) -> list[Match]:
        """Word-for-word matches first; then, while fewer than `limit`, looser ones."""
        self.add(_fts(self.conn, _phrase(self.claimed.normalized), CANDIDATES))
        if self.count("exact", "fragment") >= limit:
            return self.matches
        self.add(_fts(self.conn, self.near_query(), FUZZY_CANDIDATES, ranked=True))
        if self.count("exact", "fragment", "altered") == 0:
            rare = self.rare_words()
            if rare:
                query = " OR ".join(_phrase([word]) for word in rare)
                self.add(_fts(self.conn, query, FUZZY_CANDIDATES, ranked=True))
        return self.matches

    def count(self, *labels: str) -> int:
        return sum(match.label in labels for match in self.matches)

    def near_query(self) -> str:
        """Quotes with the key words close together; or all but one of them (a changed word),
        or, for long claims, any run of them."""
        words = self.key_words
        if len(words) <= LEAVE_ONE_OUT_MAX:
            groups = [words] + [words[:i] + words[i + 1:] for i in range(len(words))]
        else:
            groups = [words] + [words[i:i + RUN_LENGTH] for i in range(0, len(words), RUN_LENGTH)]
        distance = len(self.claimed.normalized) + NEAR_SLACK
        return " OR ".join(
            f"NEAR({' '.join(_phrase([word]) for word in group)}, {distance})"
            for group in groups
            if group
        )

    def rare_words(self) -> list[str]:
        """The key words found in fewest quotes, leaving out common ones."""
        counts = {word: _count(self.conn, _phrase([word])) for word in self.key_words}
        rare = [word for word in self.key_words if counts[word] < COMMON_WORD_QUOTES]
        return sorted(rare, key=counts.__getitem__)[:RARE_WORDS]

    def add(self, quote_ids: list[int]) -> None:
        new = [quote_id for quote_id in quote_ids if quote_id not in self.seen]
        self.seen.update(new)
        for row in _quote_rows(self.conn, new):
            match = self.label(row)
            if match is not None:
                self.matches.append(match)

    def label(self, row: sqlite3.Row) -> Match | None:
        """The claim against one stored quote: a Match, or None if they have too little in common."""
        stored = row["normalized"] or normalize(row["text"])
        if stored == self.claim:
            return _match(row, "exact", 100, self.claim)
        if contains(stored, self.claim):
            return _match(row, "fragment", 100, self.claim)
        stored_words = set(stored.split())
        shared = sum(word in stored_words for word in self.key_words)
        if shared < min(2, len(self.key_words)) or shared < RELATED_MIN_SHARE * len(self.key_words):
            return None
        written = Words.of(row["text"])
        alignment = align(written.normalized, self.claimed.normalized)
        if alignment is None:
            return None
        window = " ".join(written.normalized[alignment.start:alignment.end])
        score = round(ratio(window, self.claim))
        label = "altered" if alignment.similarity >= ALTERED_MIN_SIMILARITY else "related"
        return _match(row, label, score, window, diff(alignment, written, self.claimed))


def _match(
    row: sqlite3.Row, label: str, score: int, words: str, pieces: list | None = None
) -> Match:
    def person(prefix: str) -> Person | None:
        if row[f"{prefix}_id"] is None:
            return None
        fields = ("id", "name", "kind", "role", "affiliation")
        return Person(*(row[f"{prefix}_{name}"] for name in fields))

    article = Source(
        row["article_id"], row["title"], row["publisher"], row["url"], row["published"]
    )
    return Match(
        label=label,
        score=score,
        quote_id=row["id"],
        text=row["text"],
        type=row["type"],
        cue=row["cue_text"],
        confidence=row["confidence"],
        start=row["start"],
        end=row["end"],
        speaker=person("speaker"),
        reported_by=person("reporter"),
        article=article,
        words=words,
        diff=pieces,
    )


def _phrase(words: list[str]) -> str:
    """An FTS5 phrase; normalised words hold only letters and digits, so need no escaping."""
    return '"' + " ".join(words) + '"'


def _fts(conn: sqlite3.Connection, query: str, limit: int, ranked: bool = False) -> list[int]:
    order = "ORDER BY rank" if ranked else ""
    sql = f"SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? {order} LIMIT ?"
    return [row[0] for row in conn.execute(sql, [query, limit])]


def _count(conn: sqlite3.Connection, query: str) -> int:
    """Quotes matching `query`, counted up to COMMON_WORD_QUOTES."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    return conn.execute(sql, [query, COMMON_WORD_QUOTES]).fetchone()[0]


QUOTE_ROWS = """
SELECT quotes.id, quotes.text, quotes.normalized, quotes.type, quotes.cue_text,
       quotes.confidence, quotes.start, quotes."end", quotes.article_id,
       articles.title, articles.publisher, articles.url,
       coalesce(articles.published, quotes.published) AS published,
       speakers.id AS speaker_id, speakers.name AS speaker_name,
       speakers.kind AS speaker_kind, speakers.role AS speaker_role,
       speakers.affiliation AS speaker_affiliation,
       reporters.id AS reporter_id, reporters.name AS reporter_name,
       reporters.kind AS reporter_kind, reporters.role AS reporter_role,
       reporters.affiliation AS reporter_affiliation
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN speakers AS reporters ON reporters.id = quotes.reported_by_id
WHERE quotes.id IN (SELECT value FROM json_each(?))
ORDER BY quotes.id
"""


def _quote_rows(conn: sqlite3.Connection, quote_ids: list[int]) -> list[sqlite3.Row]:
    if not quote_ids:
        return []
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(QUOTE_ROWS, [json.dumps(quote_ids)]).fetchall()


def _mark_reports(matches: list[Match]) -> None:
    """A quote holding another speaker's matching quote, in the same article, reports it.

    ("The ministry said Wang had demanded that the US stop ..." holds Wang Yi's words.)
    """
    word_matches = [match for match in matches if match.label != "related"]
    for outer in word_matches:
        for inner in word_matches:
            if (
                inner is not outer
                and inner.article.id == outer.article.id
                and outer.start <= inner.start <= inner.end <= outer.end
                and (inner.start, inner.end) != (outer.start, outer.end)
                and _speaker_id(inner) != _speaker_id(outer)
            ):
                outer.reports = inner.quote_id
                break


def _speaker_id(match: Match) -> int | None:
    return match.speaker.id if match.speaker else None


def _claimed_ids(conn: sqlite3.Connection, claimed: str | None, matches: list[Match]) -> set[int]:
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
        "SELECT speaker_id, alias FROM aliases WHERE speaker_id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(people))],
    )
    for person_id, alias in rows:
        aliases[person_id].append(alias)
    return {
        person_id
        for person_id, person in people.items()
        if names_match(claimed, person.name, aliases[person_id])
    }


TYPE_ORDER = {"direct": 0, "mixed": 1, "indirect": 2}


def _rank(match: Match, claimed_ids: set[int]) -> tuple:
    """Best first: word for word, then altered, then related; a speaker's own words before
    reports of them; the claimed speaker's; closest label and wording; the tightest quote;
    direct speech; the earliest."""
    return (
        _tier(match.label),
        match.reports is not None,
        _speaker_id(match) not in claimed_ids,
        LABELS.index(match.label),
        -match.score,
        -len(match.words) / max(len(match.text), 1),
        TYPE_ORDER.get(match.type, 3),
        match.article.published or "9999",
        match.quote_id,
    )


def _tier(label: str) -> int:
    """0: word for word (exact, fragment), 1: altered, 2: related."""
    return {"exact": 0, "fragment": 0, "altered": 1}.get(label, 2)


def _verdict(matches: list[Match], claimed: str | None, claimed_ids: set[int]) -> tuple[str, str]:
    """The verdict and a one-line explanation, from the best tier of matches found.

    Quotes that report another speaker's words do not make the words the reporter's.
    """
    word_matches = [match for match in matches if match.label != "related"]
    if not word_matches:
        related = " (some quotes share its key words)" if matches else ""
        return "not found", f"no stored quote holds these words{related}"
    best_tier = _tier(word_matches[0].label)
    in_tier = [match for match in word_matches if _tier(match.label) == best_tier]
    own_words = [match for match in in_tier if match.reports is None] or in_tier
    wording = "the words" if best_tier == 0 else "similar words"
    supporting = [match for match in own_words if _speaker_id(match) in claimed_ids]
    if supporting:
        return "attributed", f"{wording} are {_whose(supporting[0])}"
    attributed = [match for match in own_words if match.speaker is not None]
    if not attributed:
        verdict = "unattributed" if claimed else "found"
        return verdict, f"{wording} are in the database, but who said them is not known"
    top = attributed[0]
    explanation = f"{wording} are {_whose(top)}"
    reporters = [
        match.speaker for match in in_tier
        if match.reports == top.quote_id and _speaker_id(match) in claimed_ids
    ]
    if top.reported_by and top.reported_by.id in claimed_ids:
        reporters.insert(0, top.reported_by)
    if reporters and reporters[0] is not None:
        explanation += f"; {reporters[0].name} reported them"
    return ("misattributed" if claimed else "found"), explanation


def _whose(match: Match) -> str:
    assert match.speaker is not None
    reported = f" (reported by {match.reported_by.name})" if match.reported_by else ""
    return f"{match.speaker.name}'s{reported}"


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


CARRIERS = """
SELECT quotes.normalized, quotes.text, articles.id, articles.title, articles.publisher,
       articles.url, coalesce(articles.published, quotes.published)
FROM quotes JOIN articles ON articles.id = quotes.article_id
WHERE quotes.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)
"""


def _carriers(conn: sqlite3.Connection, words: str) -> Carriers:
    """The articles with a quote holding `words` (normalised), earliest first."""
    articles: dict[str, Source] = {}
    rows = conn.execute(CARRIERS, [_phrase(words.split()), CARRIERS_LIMIT]).fetchall()
    for stored, text, *article in rows:
        if contains(stored or normalize(text), words):
            articles.setdefault(article[0], Source(*article))
    ordered = sorted(articles.values(), key=lambda source: (source.published or "9999", source.id))
    return Carriers(len(ordered), len(rows) >= CARRIERS_LIMIT, ordered)


def _require_schema(conn: sqlite3.Connection) -> None:
    columns = {row[1] for row in conn.execute("PRAGMA table_info(quotes)")}
    if not columns:
        raise CheckError("this is not a quotes database: it has no quotes table")
    if "normalized" not in columns:
        raise CheckError(
            "this database predates `quotes check`: run `quotes check` or `quotes ingest`"
            " on it once to upgrade it"
        )


def display_date(published: str | None) -> str | None:
    """An ISO date as people write it: "2023-06-19T09:34" -> "19 June 2023"."""
    if not published:
        return None
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day.day} {day:%B %Y}"
