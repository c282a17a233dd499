"""An article's page: its full text with every quote highlighted, coloured by speaker
(summaries too, marked apart), and a legend of the speakers with their quotes counted as
the quotes page lists them: "2 quotes (and 1 summary)"."""

from __future__ import annotations

import json
from dataclasses import dataclass

from datasette.database import Database

from quotes.web.databases import quote_columns
from quotes.web.pages.highlight import Mark, highlight
from quotes.web.pages.links import SPEAKER_COLOURS, speaker_colour
from quotes.web.pages.selection import HIDDEN_TYPES
from quotes.web.pages.tallies import Tally

ARTICLE_SQL = """
SELECT id, title, url, publisher, published, author, words, quote_count, text FROM articles
WHERE id = :id
"""
QUOTES_SQL = """
SELECT quotes.id, quotes.type, quotes.text, quotes.content, quotes.cue_text, {via},
       quotes.speaker_id, speakers.name AS speaker, speakers.kind AS speaker_kind,
       reporters.name AS reported_by
FROM quotes
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN speakers AS reporters ON reporters.id = quotes.reported_by_id
WHERE quotes.article_id = :id
ORDER BY quotes.start, quotes.id
"""


@dataclass
class LegendEntry:
    speaker_id: int | None
    name: str
    colour: str
    quotes: int = 0
    hidden: int = 0
    number: int | None = None
    """The speaker's number, shown on their highlights when colours alone repeat."""

    @property
    def tally(self) -> Tally:
        return Tally(self.quotes, self.hidden)


async def context(database: Database, article_id: str) -> dict | None:
    article = (await database.execute(ARTICLE_SQL, {"id": article_id})).first()
    if article is None:
        return None
    sql = QUOTES_SQL.format(via=await quote_columns(database, "via"))
    quotes = list(await database.execute(sql, {"id": article["id"]}))
    legend = speaker_legend(quotes)
    marks = [
        Mark(start, end, quote["id"])
        for quote in quotes
        for start, end in json.loads(quote["content"])
    ]
    numbered = sum(key is not None for key in legend) > SPEAKER_COLOURS
    return {
        "quotes_template": "quotes_article.html",
        "numbered": numbered,
        "article": article,
        "paragraphs": highlight(article["text"], marks),
        "quotes": {quote["id"]: quote for quote in quotes},
        "legend": legend,
        "tally": Tally(*_split(quotes)),
        "colours": {quote["id"]: legend[quote["speaker_id"]].colour for quote in quotes},
    }


def speaker_legend(quotes: list) -> dict[int | None, LegendEntry]:
    """One entry per speaker, in order of first appearance, with a colour each;
    quotes without a speaker share one grey entry, listed last."""
    legend: dict[int | None, LegendEntry] = {}
    for quote in quotes:
        speaker_id = quote["speaker_id"]
        if speaker_id not in legend:
            position = None if speaker_id is None else sum(k is not None for k in legend)
            name = quote["speaker"] if speaker_id is not None else "unknown speaker"
            number = None if position is None else position + 1
            legend[speaker_id] = LegendEntry(speaker_id, name, speaker_colour(position), number=number)
        if quote["type"] in HIDDEN_TYPES:
            legend[speaker_id].hidden += 1
        else:
            legend[speaker_id].quotes += 1
    if None in legend:
        legend[None] = legend.pop(None)
    return legend


def _split(quotes: list) -> tuple[int, int]:
    hidden = sum(quote["type"] in HIDDEN_TYPES for quote in quotes)
    return len(quotes) - hidden, hidden
