"""A speaker's page: who they are, the roles their quotes gave them and when, their names,
their quotes over time (newest first) and the publications quoting them.

Every count on it is of what the quotes page lists for them: quotes of the shown types,
with the summaries counted apart ("4 quotes (and 1 summary)"). They come from one read of
the speaker's quotes, grouped by month, publisher and role.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasette.database import Database

from quotes.web.databases import quote_columns
from quotes.web.pages.selection import HIDDEN_TYPES
from quotes.web.pages.tallies import IS_HIDDEN, Tally, hidden_args, hidden_present, reported_tallies
from quotes.web.pages.timeline import Period, timeline

__all__ = ["Period", "Role", "context", "timeline"]

NEWEST_QUOTES = 20
PUBLICATIONS = 20

SPEAKER_SQL = """
SELECT id, name, kind, org_type, role, affiliation, quote_count, article_count FROM speakers
WHERE id = :id
"""
ALIASES_SQL = "SELECT alias FROM aliases WHERE speaker_id = :id AND alias != :name ORDER BY alias"
QUOTES_SQL = f"""
SELECT * FROM quotes_view WHERE id IN (
    SELECT id FROM quotes WHERE speaker_id = :id AND NOT {IS_HIDDEN}
    ORDER BY published DESC, id DESC LIMIT :limit
) ORDER BY published DESC, id DESC
"""
SPREAD_SQL = """
SELECT type, substr(published, 1, 7) AS month, publisher, {roles},
       count(*) AS count, min(published) AS first, max(published) AS last
FROM quotes WHERE speaker_id = :id GROUP BY 1, 2, 3, 4, 5
"""
"""A speaker's quotes by month, publisher and role as of each quote (the columns of
`quotes.store.speakers.SELECT_ROLES`), summaries apart: every count of the page in one read."""


@dataclass
class Publication:
    publisher: str
    count: int = 0
    first: str | None = None
    last: str | None = None


@dataclass
class Role:
    """A role and affiliation as the quotes of some articles gave them, from the first to
    the last of those quotes."""

    role: str | None
    affiliation: str | None
    first: str | None = None
    last: str | None = None
    quotes: int = 0
    hidden: int = 0

    @property
    def title(self) -> str:
        return ", ".join(part for part in (self.role, self.affiliation) if part)

    @property
    def tally(self) -> Tally:
        return Tally(self.quotes, self.hidden)


@dataclass
class Spread:
    tally: Tally
    types: dict[str, int]
    months: list[tuple[str, int]]
    publications: list[Publication]
    roles: list[Role]


async def context(database: Database, speaker_id: str) -> dict | None:
    speaker = (await database.execute(SPEAKER_SQL, {"id": speaker_id})).first()
    if speaker is None:
        return None
    by_id = {"id": speaker["id"]}
    hidden = await hidden_present(database)
    aliases = await database.execute(ALIASES_SQL, {**by_id, "name": speaker["name"]})
    quotes = await database.execute(QUOTES_SQL, {**by_id, "limit": NEWEST_QUOTES, **hidden_args()})
    spread = await speaker_spread(database, speaker["id"])
    reported = await reported_tallies(database, [speaker["id"]], hidden)
    return {
        "quotes_template": "quotes_speaker.html",
        "speaker": speaker,
        "aliases": [row["alias"] for row in aliases],
        "quotes": list(quotes),
        "tally": spread.tally,
        "roles": spread.roles,
        "timeline": timeline(spread.months),
        "publications": spread.publications[:PUBLICATIONS],
        "reported": reported.get(speaker["id"], Tally(0)),
    }


async def speaker_spread(database: Database, speaker_id: int, include_hidden: bool = False) -> Spread:
    """The speaker's quotes and summaries, their quotes (with summaries, if
    `include_hidden`) by type, month and publisher, and their roles with dates, latest first."""
    months: dict[str, int] = {}
    types: dict[str, int] = {}
    publications: dict[str, Publication] = {}
    roles: dict[tuple, Role] = {}
    counts = [0, 0]
    sql = SPREAD_SQL.format(roles=await quote_columns(database, "speaker_role", "speaker_affiliation"))
    for row in await database.execute(sql, {"id": speaker_id}):
        hidden, number = row["type"] in HIDDEN_TYPES, row["count"]
        counts[hidden] += number
        types[row["type"]] = types.get(row["type"], 0) + number
        if row["speaker_role"] is not None or row["speaker_affiliation"] is not None:
            role = roles.setdefault((row["speaker_role"], row["speaker_affiliation"]), Role(row["speaker_role"], row["speaker_affiliation"]))
            role.first, role.last = _earliest(role.first, row["first"]), _latest(role.last, row["last"])
            role.hidden += number if hidden else 0
            role.quotes += 0 if hidden else number
        if hidden and not include_hidden:
            continue
        if row["month"] is not None:
            months[row["month"]] = months.get(row["month"], 0) + number
        if row["publisher"] is not None:
            publication = publications.setdefault(row["publisher"], Publication(row["publisher"]))
            publication.count += number
            publication.first, publication.last = _earliest(publication.first, row["first"]), _latest(publication.last, row["last"])
    return Spread(
        Tally(*counts),
        types,
        sorted(months.items()),
        sorted(publications.values(), key=lambda p: (-p.count, p.publisher)),
        sorted(roles.values(), key=lambda r: (r.last or "", r.quotes + r.hidden), reverse=True),
    )


def _earliest(one: str | None, other: str | None) -> str | None:
    return min((date for date in (one, other) if date), default=None)


def _latest(one: str | None, other: str | None) -> str | None:
    return max((date for date in (one, other) if date), default=None)
