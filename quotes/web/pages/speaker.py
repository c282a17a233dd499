"""A speaker's page: who they are, their names, their quotes over time (newest first)
and the publications quoting them."""

from __future__ import annotations

from dataclasses import dataclass

from datasette.database import Database

NEWEST_QUOTES = 20
PUBLICATIONS = 20
MONTHS_IN_TIMELINE = 24
"""Quotes are counted by month over up to two years, by year beyond."""

SPEAKER_SQL = """
SELECT id, name, kind, org_type, role, affiliation, quote_count, article_count FROM speakers
WHERE id = :id
"""
ALIASES_SQL = "SELECT alias FROM aliases WHERE speaker_id = :id AND alias != :name ORDER BY alias"
QUOTES_SQL = """
SELECT * FROM quotes_view WHERE speaker_id = :id ORDER BY published DESC, id DESC LIMIT :limit
"""
MONTHS_SQL = """
SELECT substr(published, 1, 7) AS month, count(*) AS count FROM quotes
WHERE speaker_id = :id AND published IS NOT NULL GROUP BY month ORDER BY month
"""
PUBLICATIONS_SQL = """
SELECT publisher, count(*) AS count, min(published) AS first, max(published) AS last
FROM quotes WHERE speaker_id = :id AND publisher IS NOT NULL
GROUP BY publisher ORDER BY count DESC, publisher LIMIT :limit
"""
REPORTED_SQL = "SELECT count(*) FROM quotes WHERE reported_by_id = :id"


@dataclass
class Period:
    """A bar of the timeline: quotes in one month ("2023-06") or year ("2023")."""

    label: str
    """Also the `published__startswith=` filter that lists these quotes."""
    count: int
    height: int = 0
    """Percent of the busiest period."""


async def context(database: Database, speaker_id: str) -> dict | None:
    speaker = (await database.execute(SPEAKER_SQL, {"id": speaker_id})).first()
    if speaker is None:
        return None
    by_id = {"id": speaker["id"]}
    aliases = await database.execute(ALIASES_SQL, {**by_id, "name": speaker["name"]})
    quotes = await database.execute(QUOTES_SQL, {**by_id, "limit": NEWEST_QUOTES})
    months = await database.execute(MONTHS_SQL, by_id)
    publications = await database.execute(PUBLICATIONS_SQL, {**by_id, "limit": PUBLICATIONS})
    reported = (await database.execute(REPORTED_SQL, by_id)).single_value()
    return {
        "quotes_template": "quotes_speaker.html",
        "speaker": speaker,
        "aliases": [row["alias"] for row in aliases],
        "quotes": list(quotes),
        "timeline": timeline([(row["month"], row["count"]) for row in months]),
        "publications": list(publications),
        "reported_count": reported,
    }


def timeline(months: list[tuple[str, int]]) -> list[Period]:
    """Bars for quote counts by month, empty months included, or by year when the months
    span more than two years. Dates that are not ISO 8601 are left as they are."""
    counts = dict(months)
    labels = _month_range(months[0][0], months[-1][0]) if months else []
    if labels is None:
        periods = [Period(month, count) for month, count in months]
    elif len(labels) <= MONTHS_IN_TIMELINE:
        periods = [Period(month, counts.get(month, 0)) for month in labels]
    else:
        years = {label[:4]: 0 for label in labels}
        for month, count in months:
            years[month[:4]] += count
        periods = [Period(year, count) for year, count in years.items()]
    busiest = max((period.count for period in periods), default=0)
    for period in periods:
        period.height = round(100 * period.count / busiest) if busiest else 0
    return periods


def _month_range(first: str, last: str) -> list[str] | None:
    """Every month from `first` to `last` ("2023-06"), or None if they are not months."""
    try:
        start, end = (int(m[:4]) * 12 + int(m[5:7]) - 1 for m in (first, last))
    except ValueError:
        return None
    if not (len(first) == len(last) == 7 and first[4] == last[4] == "-"):
        return None
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(start, end + 1)]
