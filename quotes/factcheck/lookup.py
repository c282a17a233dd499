"""Fact-check look-up: does the database hold these words, whose are they, where and when?

    conn = open_database("db/quotes.db")
    result = check(conn, "benefit our two countries", speaker="Joe Biden")
    result.verdict                 # "misattributed"
    result.explanation             # "the words are Xi Jinping's"
    result.matches[0].label        # "fragment"

How it looks: full-text search (FTS5) finds candidate quotes holding the claim's rarest
key words close together (then, if that is not enough, all but one of them, then any of
them). Each candidate's normalised text (`quotes.normalized`) tells whether it holds the
claim word for word; rapidfuzz picks the closest of the others, and a word alignment
(worddiff.py) measures how far their wording differs from the claim's.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz.fuzz import partial_ratio, ratio
from rapidfuzz.process import extract

from quotes.factcheck.names import names_match
from quotes.factcheck.worddiff import Words, align, diff
from quotes.normalize import contains, normalize
from quotes.store.schema import SCHEMA_VERSION

LABELS = ("exact", "fragment", "altered", "related")
"""exact: the whole stored quote; fragment: part of it; altered: the wording differs;
related: shares the claim's key words."""
VERBATIM = ("exact", "fragment")
WORD_MATCHES = ("exact", "fragment", "altered")
"""Labels of quotes that hold the claim's words (related ones only share some)."""

ALTERED_MIN_SIMILARITY = 0.7
"""Share of words an alignment must have in common (2 * shared / total) to be `altered`."""
RELATED_MIN_SHARE = 0.5
"""Share of the claim's key words a quote must hold to be `related`."""
CANDIDATES = 300
"""Most quotes each full-text search brings back."""
FUZZY_CANDIDATES = 15
"""Most quotes not holding the claim word for word that each search looks at closely."""
SEARCH_WORDS = 3
"""How many of the claim's rarest key words the searches use (then each of the rarest
SEARCH_WORDS + 1 left out in turn)."""
NEAR_SLACK = 3
"""How many more words a stored quote may have than the claim between its key words."""
COUNT_LIMIT = 2000
"""Words are counted (to find the rarest) up to this many quotes."""
CARRIERS_LIMIT = 1000
"""Most quotes looked at to count the articles carrying the same words."""
MAX_CLAIM_WORDS = 200
MMAP_SIZE = 2**30
"""Read the database through memory mapping, up to 1 GiB: faster than read() calls."""
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
    """True when there may be more than `count` (counting stopped at CARRIERS_LIMIT quotes)."""
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
        for match, match_data in zip(self.matches, data["matches"], strict=False):
            if match.carriers is not None:
                match_data["carriers"]["earliest"] = asdict(match.carriers.earliest)
        return data


def open_database(path: str | Path) -> sqlite3.Connection:
    """Open a quotes database read-only, upgrading its schema first if it is older.

    Raises CheckError when `path` is not a usable quotes database. The usual case does
    not import quotes.store, as sqlite-utils takes most of a second to import.
    """
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    conn = None
    try:
        conn = _connect(uri)
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
    return _connect(uri)


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True)
    conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
    return conn


def check(
    conn: sqlite3.Connection, claim: str, speaker: str | None = None, limit: int = 5
) -> CheckResult:
    """Look the claimed words up; with `speaker`, say whether they are that speaker's."""
    try:
        return _check(conn, claim, speaker, limit)
    except sqlite3.DatabaseError as error:
        raise CheckError(f"the database could not be read: {error}") from error


def _check(conn: sqlite3.Connection, claim: str, speaker: str | None, limit: int) -> CheckResult:
    claimed = Words.of(claim)
    if not claimed.normalized:
        raise CheckError("the claim has no words to look up")
    if len(claimed.normalized) > MAX_CLAIM_WORDS:
        raise CheckError(
            f"the claim has {len(claimed.normalized):,} words; look up at most"
            f" {MAX_CLAIM_WORDS} (a sentence or two)"
        )
    _require_schema(conn)
    search = _Search(conn, claimed)
    matches = search.run()
    _mark_reports(matches)
    claimed_ids = _claimed_ids(conn, speaker, matches)
    matches.sort(key=lambda match: _rank(match, claimed_ids))
    verdict, explanation = _verdict(matches, speaker, claimed_ids)
    shown = matches[:limit]
    _add_context(conn, shown)
    carriers: dict[str, Carriers] = {}
    for match in shown:
        if match.label not in WORD_MATCHES:
            continue  # its words are not the claim's
        if match.words not in carriers:
            carriers[match.words] = search.carriers(match.words)
        match.carriers = carriers[match.words]
    return CheckResult(claim, speaker, verdict, explanation, shown)


class _Search:
    """Candidate quotes from full-text search, labelled against the claim.

    Searches use the claim's rarest key words: a database has many quotes with "one" or
    "week", few with "Wenbin", and FTS5 reads through every quote of a word it looks for.
    """

    def __init__(self, conn: sqlite3.Connection, claimed: Words) -> None:
        self.conn = conn
        self.claimed = claimed
        self.claim = " ".join(claimed.normalized)
        self.key_words = _key_words(claimed.normalized)
        self.counts = {word: _count(conn, word) for word in self.key_words}
        self.texts: dict[int, tuple[str, str]] = {}
        """Normalised text and article id of every quote looked at, by quote id."""
        self.complete = False
        """Did the first search bring back every quote holding the claim word for word?"""
        self.matches: list[Match] = []

    def run(self) -> list[Match]:
        """Quotes holding the claim's words, word for word or altered; if there are none,
        quotes holding all but one of its rarest key words; if none either, any of them."""
        rarest = self.rarest(self.key_words)
        if not rarest:
            return self.matches
        found = self.fetch(self.near(rarest[:SEARCH_WORDS], NEAR_SLACK))
        self.consider(found)
        self.complete = len(found) < CANDIDATES
        if not self.complete:
            self.narrow(rarest)
        if self.count(*WORD_MATCHES):
            return self.matches
        # All but one of the rarest key words: the claim may have changed one.
        words = rarest[:SEARCH_WORDS + 1]
        groups = [words[:i] + words[i + 1:] for i in range(len(words))] if len(words) > 1 else []
        loose = [self.fetch(self.near(group, NEAR_SLACK)) for group in groups]
        self.consider([quote_id for found in loose for quote_id in found])
        if not self.count(*WORD_MATCHES):
            rare = [word for word in rarest if self.counts[word] < CANDIDATES]
            if len(rare) > 1:
                self.consider(self.fetch(" OR ".join(_phrase([word]) for word in rare)))
        return self.matches

    def narrow(self, rarest: list[str]) -> None:
        """Too many quotes hold the key words near each other to look at them all: look for
        them exactly as far apart as in the claim, then for the claim as written; and, as
        a word may be wrong, for each half of the claim."""
        found = self.fetch(self.near(rarest[:SEARCH_WORDS], 1))
        self.consider(found)
        if len(found) >= CANDIDATES:
            # FTS5 reads through every quote holding any word of a phrase: slow with
            # common words, so only done when nothing narrower will do.
            found = self.fetch(_phrase(self.claimed.normalized))
            self.consider(found)
        self.complete = len(found) < CANDIDATES
        if self.count(*VERBATIM):
            return
        middle = len(self.claimed.normalized) // 2
        for half in (self.claimed.normalized[:middle], self.claimed.normalized[middle:]):
            if len(half) < 2 or not all(self.counts.get(word, 1) for word in half):
                continue  # too short, or holds the wrong word
            words = self.rarest(_key_words(half))[:SEARCH_WORDS]
            self.consider(self.fetch(self.near(words, 1) if len(words) > 1 else _phrase(half)))

    def near(self, words: list[str], slack: int) -> str:
        """An FTS5 query for quotes holding `words` no further apart than in the claim,
        give or take `slack` words."""
        claim = self.claimed.normalized
        places = [claim.index(word) for word in words]
        between = max(places) - min(places) + 1 - len(words)
        return _near(words, max(between, 0) + slack)

    def count(self, *labels: str) -> int:
        return sum(match.label in labels for match in self.matches)

    def rarest(self, words: list[str]) -> list[str]:
        """The words some quote holds, rarest first (and, among words too common to count
        exactly, longer first). A word no quote holds (misspelt, changed) is left out."""
        for word in words:
            if word not in self.counts:
                self.counts[word] = _count(self.conn, word)
        present = [word for word in words if self.counts[word]]
        return sorted(present, key=lambda word: (self.counts[word], -len(word)))

    def fetch(self, query: str, limit: int | None = None) -> list[int]:
        """Ids of quotes matching a full-text query, at most `limit` (CANDIDATES)."""
        sql = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?"
        return [row[0] for row in self.conn.execute(sql, [query, limit or CANDIDATES])]

    def normalized_texts(self, quote_ids: list[int]) -> dict[int, tuple[str, str]]:
        """(normalised text, article id) of these quotes, read once per look-up."""
        missing = [quote_id for quote_id in quote_ids if quote_id not in self.texts]
        rows = self.conn.execute(NORMALIZED_TEXTS, [json.dumps(missing)])
        for quote_id, stored, text, article_id in rows:
            # A quote stored by another tool may lack its normalised text.
            self.texts[quote_id] = (stored if stored is not None else normalize(text), article_id)
        return {quote_id: self.texts[quote_id] for quote_id in quote_ids if quote_id in self.texts}

    def carriers(self, words: str) -> Carriers:
        """The articles with a quote holding `words` (normalised), earliest first."""
        if words == self.claim and self.complete:
            holding = [quote_id for quote_id, (stored, _) in self.texts.items()
                       if contains(stored, words)]
            capped = False
        else:
            split = words.split()
            rarest = self.rarest(_key_words(split))[:SEARCH_WORDS]
            holding = self.fetch(_near(rarest, len(split)), CARRIERS_LIMIT) if rarest else []
            capped = len(holding) >= CARRIERS_LIMIT
        article_ids = {
            article_id
            for stored, article_id in self.normalized_texts(holding).values()
            if contains(stored, words)
        }
        cursor = self.conn.execute(ARTICLE_SOURCES, [json.dumps(sorted(article_ids))])
        articles = sorted((Source(*row) for row in cursor), key=_earliest_first)
        return Carriers(len(articles), capped, articles)

    def consider(self, quote_ids: list[int]) -> None:
        """Label the closest of these quotes: all that hold the claim word for word, and the
        FUZZY_CANDIDATES others most like it (rapidfuzz partial ratio of normalised texts)."""
        new = [quote_id for quote_id in dict.fromkeys(quote_ids) if quote_id not in self.texts]
        texts = {quote_id: stored for quote_id, (stored, _) in self.normalized_texts(new).items()}
        verbatim = [quote_id for quote_id, stored in texts.items() if contains(stored, self.claim)]
        others = {quote_id: texts[quote_id] for quote_id in texts.keys() - set(verbatim)}
        closest = extract(self.claim, others, scorer=partial_ratio, limit=FUZZY_CANDIDATES)
        for row in _quote_rows(self.conn, verbatim + [quote_id for _, _, quote_id in closest]):
            match = self.label(row, texts[row["id"]])
            if match is not None:
                self.matches.append(match)

    def label(self, row: sqlite3.Row, stored: str) -> Match | None:
        """The claim against one stored quote (`stored` is its normalised text): a Match, or
        None if they have too little in common."""
        if stored == self.claim:
            return _match(row, "exact", 100, self.claim)
        if contains(stored, self.claim):
            return _match(row, "fragment", 100, self.claim)
        stored_words = set(stored.split())
        claim_words = self.claimed.normalized
        shared_words = sum(word in stored_words for word in claim_words)
        shared_key_words = sum(word in stored_words for word in self.key_words)
        related = shared_key_words >= max(
            min(2, len(self.key_words)), RELATED_MIN_SHARE * len(self.key_words)
        )
        if not related and shared_words < ALTERED_MIN_SIMILARITY * len(claim_words):
            return None
        written = Words.of(row["text"])
        alignment = align(written.normalized, claim_words)
        if alignment is None:
            return None
        if alignment.similarity >= ALTERED_MIN_SIMILARITY:
            label = "altered"
        elif related:
            label = "related"
        else:
            return None
        window = " ".join(written.normalized[alignment.start:alignment.end])
        score = round(ratio(window, self.claim))
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


def _key_words(words: list[str]) -> list[str]:
    """The words that tell quotes apart, once each; all the words if every one is common."""
    unique = list(dict.fromkeys(words))
    return [word for word in unique if word not in STOPWORDS] or unique


def _near(words: list[str], distance: int) -> str:
    """An FTS5 query for quotes holding all `words` within `distance` words of each other."""
    return f"NEAR({' '.join(_phrase([word]) for word in words)}, {distance})"


NORMALIZED_TEXTS = """
SELECT id, normalized, CASE WHEN normalized IS NULL THEN text END, article_id FROM quotes
WHERE id IN (SELECT value FROM json_each(?))
"""


def _earliest_first(source: Source) -> tuple[str, str]:
    return (source.published or "9999", source.id)


def _count(conn: sqlite3.Connection, word: str) -> int:
    """How many quotes hold `word`, counted up to COUNT_LIMIT (so it takes well under 1 ms)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    return conn.execute(sql, [_phrase([word]), COUNT_LIMIT]).fetchone()[0]


QUOTE_ROWS = """
SELECT quotes.id, quotes.text, quotes.type, quotes.cue_text,
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
    word_matches = [match for match in matches if match.label in WORD_MATCHES]
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
        "SELECT speaker_id, alias FROM aliases"
        " WHERE speaker_id IN (SELECT value FROM json_each(?))",
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
    word_matches = [match for match in matches if match.label in WORD_MATCHES]
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
    if top.reported_by is None:
        # No stored reporter, but the claimed speaker's quote may hold these words.
        reporters = [
            match.speaker for match in in_tier
            if match.reports == top.quote_id and _speaker_id(match) in claimed_ids
        ]
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


ARTICLE_SOURCES = """
SELECT id, title, publisher, url, published FROM articles
WHERE id IN (SELECT value FROM json_each(?))
"""


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
