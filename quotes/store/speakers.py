"""The speakers of a quotes database: list them, and let an editor merge or rename them.

    list_speakers("db/quotes.db", kinds=["person"])   -> [SpeakerRow, ...]
    speaker_roles(conn, [42])                         -> {42: [Role("President", ...), ...]}
    merge_speakers(store, "Antony Blinken", ["Tony Blinken"])
    rename_speaker(store, "42", "Xi Jinping")

Merges and renames are recorded in `speaker_fixes`, so later ingests put new quotes of
the merged or renamed speaker on the speaker the editor chose.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from quotes.records import SPEAKER_KINDS, Speaker
from quotes.speakers.identity import PER_ARTICLE, normalized_name
from quotes.speakers.organisations import org_type
from quotes.store import derived, schema
from quotes.store.database import Store, StoreError, check_database
from quotes.store.readonly import connect_read_only


@dataclass
class SpeakerRow:
    id: int
    name: str
    kind: str
    org_type: str | None
    role: str | None
    affiliation: str | None
    quote_count: int
    article_count: int
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    """The roles and affiliations their quotes' articles gave them, latest first."""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Role:
    """A role (and affiliation) as of the quotes whose articles gave it, with the dates of
    the first and last of them."""

    role: str | None
    affiliation: str | None
    first: str | None
    last: str | None
    quotes: int


SELECT_ROLES = """
SELECT speaker_id, speaker_role, speaker_affiliation, min(published), max(published), count(*)
FROM quotes WHERE speaker_id IN ({marks}) AND (speaker_role IS NOT NULL OR speaker_affiliation IS NOT NULL)
GROUP BY speaker_id, speaker_role, speaker_affiliation
ORDER BY speaker_id, max(published) DESC, count(*) DESC
"""
"""Roles as of each quote, by speaker: what a speaker's page lists with its dates."""


def speaker_roles(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[Role]]:
    """The roles of each speaker of `ids`, latest first (`quotes.speaker_role`)."""
    found: dict[int, list[Role]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        sql = SELECT_ROLES.format(marks=", ".join("?" * len(chunk)))
        for speaker_id, *fields in conn.execute(sql, chunk):
            found.setdefault(speaker_id, []).append(Role(*fields))
    return found


SELECT_SPEAKERS = """
SELECT id, name, kind, org_type, role, affiliation, quote_count, article_count
FROM speakers {where}
ORDER BY quote_count DESC, article_count DESC, name COLLATE NOCASE
{limit}
"""


def list_speakers(path: str, kinds: Sequence[str] = (), limit: int | None = None) -> list[SpeakerRow]:
    """Speakers with their counts, roles and aliases, most quoted first; `kinds` keeps
    those of these kinds or organisation types ("person", "media", ...)."""
    version = check_database(path)
    if version < schema.SCHEMA_VERSION:
        Store(path).close()  # brings the schema up to date
    conn = connect_read_only(path)
    try:
        where, params = "", []
        if kinds:
            marks = ", ".join("?" * len(kinds))
            where = f"WHERE kind IN ({marks}) OR org_type IN ({marks})"
            params = [*kinds, *kinds]
        sql = SELECT_SPEAKERS.format(where=where, limit=f"LIMIT {int(limit)}" if limit else "")
        rows = [SpeakerRow(*row) for row in conn.execute(sql, params)]
        aliases = _aliases(conn, [row.id for row in rows])
        roles = speaker_roles(conn, [row.id for row in rows])
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {error}") from error
    finally:
        conn.close()
    for row in rows:
        row.aliases = [a for a in aliases.get(row.id, []) if a != row.name]
        row.roles = roles.get(row.id, [])
    return rows


def _aliases(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT speaker_id, alias FROM aliases WHERE speaker_id IN ({marks}) ORDER BY alias"
        for speaker_id, alias in conn.execute(sql, chunk):
            found.setdefault(speaker_id, []).append(alias)
    return found


@dataclass
class _Row:
    id: int
    key: str
    name: str
    kind: str


def find_speaker(conn: sqlite3.Connection, reference: str) -> _Row:
    """The speaker an editor means: an id, or a name or alias that only one speaker has."""
    reference = reference.strip()
    if reference.isdigit():
        row = conn.execute("SELECT id, key, name, kind FROM speakers WHERE id = ?",
                           [int(reference)]).fetchone()
        if row is None:
            raise StoreError(f"no speaker has the id {reference}")
        return _Row(*row)
    rows = conn.execute(
        """SELECT id, key, name, kind FROM speakers WHERE name = ?1 COLLATE NOCASE
           UNION SELECT speakers.id, key, name, kind FROM speakers
           JOIN aliases ON aliases.speaker_id = speakers.id WHERE alias = ?1 COLLATE NOCASE""",
        [reference]).fetchall()
    if not rows:
        raise StoreError(f"no speaker is named {reference!r}; `quotes speakers` lists them")
    if len(rows) > 1:
        ids = ", ".join(f"{row[0]} ({row[3]} {row[2]!r})" for row in rows)
        raise StoreError(f"{len(rows)} speakers are named {reference!r}: {ids}; give the id")
    return _Row(*rows[0])


def merge_speakers(store: Store, keep: str, others: list[str]) -> SpeakerRow:
    """Make the `others` one speaker with `keep`: their quotes, reports and aliases move to
    it, and later ingests send their mentions to it too."""
    with store.writing() as conn:
        kept = find_speaker(conn, keep)
        merged = [find_speaker(conn, other) for other in others]
        for other in merged:
            if other.id == kept.id:
                raise StoreError(f"cannot merge speaker {kept.id} ({kept.name!r}) into itself")
        for other in merged:
            derived.merge_speaker_rows(conn, kept.id, other.id)
            _record_fix(conn, other.key, kept, "merge")
        derived.recount_speakers(conn, [kept.id])
        return _row(conn, kept.id)


def rename_speaker(store: Store, reference: str, name: str, kind: str | None = None) -> SpeakerRow:
    """Give a speaker another name (and kind); the old name stays an alias, and later
    ingests that resolve a mention to the old name use the new one."""
    name = " ".join(name.split())
    if not name:
        raise StoreError("the new name is empty")
    if kind is not None and kind not in SPEAKER_KINDS:
        raise StoreError(f"unknown kind {kind!r}: use one of {', '.join(SPEAKER_KINDS)}")
    with store.writing() as conn:
        row = find_speaker(conn, reference)
        kind = kind or row.kind
        key = f"{kind}:{_article_scope(row) if kind in PER_ARTICLE else ''}" \
              f"{normalized_name(Speaker(name, kind))}"
        owner = conn.execute("SELECT id, name FROM speakers WHERE key = ? AND id != ?",
                             [key, row.id]).fetchone()
        if owner is not None:
            raise StoreError(f"speaker {owner[0]} is already {owner[1]!r}; merge instead: "
                             f"quotes merge-speakers {owner[0]} {row.id}")
        conn.execute("INSERT OR IGNORE INTO aliases (speaker_id, alias) VALUES (?, ?)",
                     [row.id, row.name])
        conn.execute(
            "UPDATE speakers SET name = ?, kind = ?, key = ?, org_type = ? WHERE id = ?",
            [name, kind, key, org_type(name) if kind == "organization" else None, row.id])
        _record_fix(conn, row.key, _Row(row.id, key, name, kind), "rename")
        conn.execute("UPDATE speaker_fixes SET name = ?, kind = ? WHERE speaker_key = ?",
                     [name, kind, key])
        return _row(conn, row.id)


def _article_scope(row: _Row) -> str:
    """"article-1:" of an anonymous source's key "anonymous:article-1:us official"."""
    rest = row.key[len(row.kind) + 1:]
    old = normalized_name(Speaker(row.name, row.kind))
    return rest[: len(rest) - len(old)] if row.kind in PER_ARTICLE and rest.endswith(old) else ""


def _record_fix(conn: sqlite3.Connection, key: str, target: _Row, action: str) -> None:
    """Send `key`, and every key already sent to it, to `target` from now on."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute("DELETE FROM speaker_fixes WHERE key = ?", [target.key])
    conn.execute("UPDATE speaker_fixes SET speaker_key = ?, name = ?, kind = ? WHERE speaker_key = ?",
                 [target.key, target.name, target.kind, key])
    conn.execute(
        "INSERT OR REPLACE INTO speaker_fixes (key, speaker_key, name, kind, action, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", [key, target.key, target.name, target.kind, action, now])


def _row(conn: sqlite3.Connection, speaker_id: int) -> SpeakerRow:
    row = SpeakerRow(*conn.execute(SELECT_SPEAKERS.format(where="WHERE id = ?", limit=""),
                                   [speaker_id]).fetchone())
    row.aliases = [a for a in _aliases(conn, [speaker_id]).get(speaker_id, []) if a != row.name]
    return row


def _dated(role: Role) -> str:
    """"President, US (2021-01-20 to 2023-06-19)"."""
    what = ", ".join(part for part in (role.role, role.affiliation) if part)
    if not role.first:
        return what
    return f"{what} ({role.first})" if role.first == role.last else f"{what} ({role.first} to {role.last})"


def describe(row: SpeakerRow) -> str:
    """One line about a speaker: "12  Antony Blinken  person  3 quotes in 2 articles ..."."""
    kind = f"{row.kind} ({row.org_type})" if row.org_type else row.kind
    about = ", ".join(part for part in (row.role, row.affiliation) if part)
    aliases = f"  aka {'; '.join(row.aliases)}" if row.aliases else ""
    if len(row.roles) > 1:
        aliases += "  roles: " + "; ".join(_dated(role) for role in row.roles)
    quotes = f"{row.quote_count} quote{'s' * (row.quote_count != 1)}"
    articles = f"{row.article_count} article{'s' * (row.article_count != 1)}"
    return (f"{row.id:>5}  {row.name}  [{kind}]  {quotes} in {articles}"
            + (f"  - {about}" if about else "") + aliases)
