"""Candidate quotes for a claim: full-text search (FTS5) for the claim's rarest key words near
each other (then all but one of them, then any), each candidate labelled against the claim
(exact, fragment, altered, related) from its normalized text and a word alignment."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection

from rapidfuzz.fuzz import partial_ratio, ratio
from rapidfuzz.process import extract

from quotes.factcheck.results import VERBATIM, WORD_MATCHES, Carriers, Match, Person, Source
from quotes.factcheck.worddiff import Words, align, diff
from quotes.normalize import contains, normalize
from quotes.records import QUOTE_TYPES

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


STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be been but by can could did do does for
    from had has have he her him his i if in into is it its me my no not of on or our she
    so than that the their them then there these they this those to up us was we were
    what when which who will with would you your s t
    """.split()
)
"""Words too common to tell quotes apart: left out of the key words."""


class Search:
    """Candidate quotes from full-text search, labelled against the claim.

    Searches use the claim's rarest key words: a database has many quotes with "one" or
    "week", few with "Wenbin", and FTS5 reads through every quote of a word it looks for.
    """

    def __init__(self, conn: sqlite3.Connection, claimed: Words,
                 types: Collection[str] = QUOTE_TYPES) -> None:
        self.conn = conn
        self.types = frozenset(types)
        """The quote types a match may have: summaries are left out by default."""
        self.claimed = claimed
        self.claim = " ".join(claimed.normalized)
        self.key_words = key_words(claimed.normalized)
        self.counts = {word: count_quotes(conn, word) for word in self.key_words}
        self.texts: dict[int, tuple[str, str]] = {}
        """Normalized text and article id of every quote looked at, by quote id."""
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
                self.consider(self.fetch(" OR ".join(phrase([word]) for word in rare)))
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
            found = self.fetch(phrase(self.claimed.normalized))
            self.consider(found)
        self.complete = len(found) < CANDIDATES
        if self.count(*VERBATIM):
            return
        middle = len(self.claimed.normalized) // 2
        for half in (self.claimed.normalized[:middle], self.claimed.normalized[middle:]):
            if len(half) < 2 or not all(self.counts.get(word, 1) for word in half):
                continue  # too short, or holds the wrong word
            words = self.rarest(key_words(half))[:SEARCH_WORDS]
            self.consider(self.fetch(self.near(words, 1) if len(words) > 1 else phrase(half)))

    def near(self, words: list[str], slack: int) -> str:
        """An FTS5 query for quotes holding `words` no further apart than in the claim,
        give or take `slack` words."""
        claim = self.claimed.normalized
        places = [claim.index(word) for word in words]
        between = max(places) - min(places) + 1 - len(words)
        return near_query(words, max(between, 0) + slack)

    def count(self, *labels: str) -> int:
        return sum(match.label in labels for match in self.matches)

    def rarest(self, words: list[str]) -> list[str]:
        """The words some quote holds, rarest first (and, among words too common to count
        exactly, longer first). A word no quote holds (misspelt, changed) is left out."""
        for word in words:
            if word not in self.counts:
                self.counts[word] = count_quotes(self.conn, word)
        present = [word for word in words if self.counts[word]]
        return sorted(present, key=lambda word: (self.counts[word], -len(word)))

    def fetch(self, query: str, limit: int | None = None) -> list[int]:
        """Ids of quotes matching a full-text query, at most `limit` (CANDIDATES)."""
        sql = "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?"
        return [row[0] for row in self.conn.execute(sql, [query, limit or CANDIDATES])]

    def normalized_texts(self, quote_ids: list[int]) -> dict[int, tuple[str, str]]:
        """(normalized text, article id) of these quotes, read once per check."""
        missing = [quote_id for quote_id in quote_ids if quote_id not in self.texts]
        rows = self.conn.execute(NORMALIZED_TEXTS, [json.dumps(missing)])
        for quote_id, stored, text, article_id in rows:
            # A quote stored by another tool may lack its normalized text.
            self.texts[quote_id] = (stored if stored is not None else normalize(text), article_id)
        return {quote_id: self.texts[quote_id] for quote_id in quote_ids if quote_id in self.texts}

    def carriers(self, words: str) -> Carriers:
        """The articles with a quote holding `words` (normalized), earliest first."""
        if words == self.claim and self.complete:
            holding = [quote_id for quote_id, (stored, _) in self.texts.items()
                       if contains(stored, words)]
            capped = False
        else:
            split = words.split()
            rarest = self.rarest(key_words(split))[:SEARCH_WORDS]
            holding = self.fetch(near_query(rarest, len(split)), CARRIERS_LIMIT) if rarest else []
            capped = len(holding) >= CARRIERS_LIMIT
        article_ids = {
            article_id
            for stored, article_id in self.normalized_texts(holding).values()
            if contains(stored, words)
        }
        cursor = self.conn.execute(ARTICLE_SOURCES, [json.dumps(sorted(article_ids))])
        articles = sorted((Source(*row) for row in cursor), key=earliest_first)
        return Carriers(len(articles), capped, articles)

    def consider(self, quote_ids: list[int]) -> None:
        """Label the closest of these quotes: all that hold the claim word for word, and the
        FUZZY_CANDIDATES others most like it (rapidfuzz partial ratio of normalized texts)."""
        new = [quote_id for quote_id in dict.fromkeys(quote_ids) if quote_id not in self.texts]
        texts = {quote_id: stored for quote_id, (stored, _) in self.normalized_texts(new).items()}
        verbatim = [quote_id for quote_id, stored in texts.items() if contains(stored, self.claim)]
        others = {quote_id: texts[quote_id] for quote_id in texts.keys() - set(verbatim)}
        closest = extract(self.claim, others, scorer=partial_ratio, limit=FUZZY_CANDIDATES)
        for row in quote_rows(self.conn, verbatim + [quote_id for _, _, quote_id in closest]):
            if row["type"] not in self.types:
                continue
            match = self.label(row, texts[row["id"]])
            if match is not None:
                self.matches.append(match)

    def label(self, row: sqlite3.Row, stored: str) -> Match | None:
        """The claim against one stored quote (`stored` is its normalized text): a Match, or
        None if they have too little in common."""
        if stored == self.claim:
            return make_match(row, "exact", 100, self.claim)
        if contains(stored, self.claim):
            return make_match(row, "fragment", 100, self.claim)
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
        return make_match(row, label, score, window, diff(alignment, written, self.claimed))


def make_match(
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


def phrase(words: list[str]) -> str:
    """An FTS5 phrase; normalized words hold only letters and digits, so need no escaping."""
    return '"' + " ".join(words) + '"'


def key_words(words: list[str]) -> list[str]:
    """The words that tell quotes apart, once each; all the words if every one is common."""
    unique = list(dict.fromkeys(words))
    return [word for word in unique if word not in STOPWORDS] or unique


def near_query(words: list[str], distance: int) -> str:
    """An FTS5 query for quotes holding all `words` within `distance` words of each other."""
    return f"NEAR({' '.join(phrase([word]) for word in words)}, {distance})"


NORMALIZED_TEXTS = """
SELECT id, normalized, CASE WHEN normalized IS NULL THEN text END, article_id FROM quotes
WHERE id IN (SELECT value FROM json_each(?))
"""


def earliest_first(source: Source) -> tuple[str, str]:
    return (source.published or "9999", source.id)


def count_quotes(conn: sqlite3.Connection, word: str) -> int:
    """How many quotes hold `word`, counted up to COUNT_LIMIT (so it takes well under 1 ms)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    return conn.execute(sql, [phrase([word]), COUNT_LIMIT]).fetchone()[0]


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


def quote_rows(conn: sqlite3.Connection, quote_ids: list[int]) -> list[sqlite3.Row]:
    if not quote_ids:
        return []
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(QUOTE_ROWS, [json.dumps(quote_ids)]).fetchall()


ARTICLE_SOURCES = """
SELECT id, title, publisher, url, published FROM articles
WHERE id IN (SELECT value FROM json_each(?))
"""
