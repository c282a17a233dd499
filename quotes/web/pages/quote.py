"""A quote's page: the paragraph it came from with the quote highlighted, who said it,
who reported it, the rule that found it, and other quotes by the same speaker."""

from __future__ import annotations

import json

from datasette.database import Database

from quotes.factcheck.results import Source
from quotes.factcheck.search import Search
from quotes.factcheck.worddiff import Words
from quotes.normalize import normalize
from quotes.web.pages.display import SUMMARY_TYPE, quote_words
from quotes.web.pages.highlight import Mark, highlight
from quotes.web.pages.selection import HIDDEN_TYPES

OTHER_QUOTES = 5
CHECK_WORDS = 60
"""The first words of a quote that its "check these words" link looks up."""
CONTEXT_LIMIT = 1500
"""Characters of context around the quote when its paragraph is longer than this."""

QUOTE_SQL = """
SELECT quotes_view.*, quotes.content, quotes.cue, quotes.source, quotes.source_text,
       quotes.cue_class, quotes.start, quotes."end", articles.text AS article_text,
       articles.author, speakers.article_count AS speaker_article_count,
       speakers.quote_count AS speaker_quote_count, speakers.org_type AS speaker_org_type,
       reporters.kind AS reported_by_kind, reporters.role AS reported_by_role,
       reporters.affiliation AS reported_by_affiliation
FROM quotes_view
JOIN quotes ON quotes.id = quotes_view.id
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN speakers AS reporters ON reporters.id = quotes.reported_by_id
WHERE quotes_view.id = :id
"""
OTHER_QUOTES_SQL = """
SELECT * FROM quotes_view WHERE id IN (
    SELECT id FROM quotes WHERE speaker_id = :speaker_id AND id != :id
    AND type NOT IN (SELECT value FROM json_each(:hidden_types))
    ORDER BY published DESC, id DESC LIMIT :limit
) ORDER BY published DESC, id DESC
"""


async def context(database: Database, quote_id: str) -> dict | None:
    quote = (await database.execute(QUOTE_SQL, {"id": quote_id})).first()
    if quote is None:
        return None
    others = []
    if quote["speaker_id"] is not None:
        others = list(
            await database.execute(
                OTHER_QUOTES_SQL,
                {"speaker_id": quote["speaker_id"], "id": quote["id"], "limit": OTHER_QUOTES,
                 "hidden_types": json.dumps(HIDDEN_TYPES)},
            )
        )
    text = quote["article_text"]
    marks = [
        Mark(s, e, quote["id"], label)
        for label in ("content", "cue", "source")
        for s, e in json.loads(quote[label])
    ]
    start, end = paragraph_window(text, quote["start"], quote["end"], marks)
    return {
        "quotes_template": "quotes_quote.html",
        "quote": quote,
        "words_html": quote_words(quote["text"], quote["type"], cue=quote["cue_text"]),
        "paragraphs": highlight(text, marks, start, end),
        "cut_before": not starts_line(text, start),
        "cut_after": not ends_line(text, end),
        "other_quotes": others,
        "spread": await spread(database, quote["text"]) if quote["type"] != SUMMARY_TYPE else [],
        "check_claim": " ".join(quote["text"].split()[:CHECK_WORDS]),
    }


async def spread(database: Database, text: str) -> list[Source]:
    """The articles carrying the same words in a quote of theirs, first appearance first
    (as `quotes check` counts them)."""
    words = normalize(text)
    if not words:
        return []

    def carriers(conn) -> list[Source]:
        return Search(conn, Words.of(text)).carriers(words).articles

    return await database.execute_fn(carriers)


def paragraph_window(text: str, start: int, end: int, marks: list[Mark]) -> tuple[int, int]:
    """What to show around the quote at `text[start:end]`: its paragraphs, with those of
    its cue and speaker's mention if that stays short, else a cut of its paragraph."""
    window = context_bounds(text, start, end)
    wider = context_bounds(
        text, min(start, *(m.start for m in marks)), max(end, *(m.end for m in marks))
    )
    return wider if starts_line(text, wider[0]) and ends_line(text, wider[1]) else window


def starts_line(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"


def ends_line(text: str, offset: int) -> bool:
    return offset == len(text) or text[offset] == "\n"


def context_bounds(text: str, start: int, end: int, limit: int = CONTEXT_LIMIT) -> tuple[int, int]:
    """The lines holding `text[start:end]`, or at most `limit` characters around it, cut at
    spaces, when those lines are longer."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last == -1 else last
    if last - first <= limit:
        return first, last
    margin = max(0, (limit - (end - start)) // 2)
    if start - first > margin:
        space = text.find(" ", start - margin, start)
        first = start if space == -1 else space + 1
    if last - end > margin:
        space = text.rfind(" ", end, end + margin)
        last = end if space == -1 else space
    return first, last
