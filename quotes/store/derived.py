"""Columns whose values today's rules compute, kept true to the running release.

    refresh(conn, migrated=True)    after the schema steps (`schema.MIGRATIONS`) ran

- quotes' normalized words (`quotes.normalize`) and articles' keys (`keys`), filled where
  a schema step added them empty;
- speakers' keys, surnames, links and organisation types (`speakers.identity`,
  `store.links`), given again whenever the identity rules differ from those the database
  was keyed by (`fingerprint.identity_hash`, kept in `settings`): speakers that are now
  one are merged, anonymous sources and groups quoted in several articles are split;
- speakers' role and affiliation: those of their latest quote that has one
  (`latest_roles`), each quote keeping its own.

Also the row operations that merging speakers needs, here and for the editors' merges.
"""

from __future__ import annotations

import json
import sqlite3

from quotes.fingerprint import identity_hash
from quotes.normalize import normalize
from quotes.records import Speaker
from quotes.speakers.identity import PER_ARTICLE, speaker_key
from quotes.speakers.organisations import org_type
from quotes.store import links
from quotes.store.keys import canonical_url, text_hash

IDENTITY_SETTING = "speaker identity rules"


def refresh(conn: sqlite3.Connection, migrated: bool) -> None:
    """Fill what schema steps left empty (when `migrated`), and key the speakers again if
    the identity rules changed."""
    if migrated:
        fill_normalized_text(conn)
        fill_article_keys(conn)
    keyed_by = conn.execute("SELECT value FROM settings WHERE name = ?", [IDENTITY_SETTING]).fetchone()
    if keyed_by is None or keyed_by[0] != identity_hash():
        rekey_speakers(conn)
        conn.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)",
                     [IDENTITY_SETTING, identity_hash()])


def fill_normalized_text(conn: sqlite3.Connection) -> None:
    conn.create_function("quotes_normalize", 1, normalize, deterministic=True)
    conn.execute("UPDATE quotes SET normalized = quotes_normalize(text) WHERE normalized IS NULL")


def fill_article_keys(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT rowid, text, url FROM articles WHERE text_hash IS NULL").fetchall()
    conn.executemany(
        "UPDATE articles SET text_hash = ?, canonical_url = ? WHERE rowid = ?",
        [(text_hash(text), canonical_url(url), rowid) for rowid, text, url in rows],
    )


def rekey_speakers(conn: sqlite3.Connection) -> None:
    """Give every speaker the key of `identity.speaker_key`, splitting anonymous sources and
    groups quoted in several articles and merging speakers whose keys become one."""
    conn.execute("DELETE FROM speaker_links")
    rows = conn.execute("SELECT id, name, kind, role, affiliation FROM speakers").fetchall()
    for speaker_id, name, kind, role, affiliation in rows:
        speaker = Speaker(name, kind)
        if kind == "organization":
            conn.execute("UPDATE speakers SET org_type = ? WHERE id = ?", [org_type(name), speaker_id])
        conn.execute("UPDATE speakers SET surname = ? WHERE id = ?", [links.surname_of(speaker), speaker_id])
        articles = [row[0] for row in conn.execute(
            "SELECT DISTINCT article_id FROM quotes WHERE ? IN (speaker_id, reported_by_id)"
            " ORDER BY article_id", [speaker_id])]
        if kind not in PER_ARTICLE or not articles:
            _move_to_key(conn, speaker_id, speaker_key(speaker))
            continue
        keeps_own_key = False
        for article_id in articles:
            target = _move_to_key(conn, None, speaker_key(speaker, article_id),
                                  (name, kind, role, affiliation))
            if target == speaker_id:  # already this article's speaker, under today's key
                keeps_own_key = True
                continue
            for column in ("speaker_id", "reported_by_id"):
                conn.execute(f"UPDATE quotes SET {column} = ? WHERE {column} = ? AND article_id = ?",
                             [target, speaker_id, article_id])
            conn.execute("INSERT OR IGNORE INTO aliases (speaker_id, alias)"
                         " SELECT ?, alias FROM aliases WHERE speaker_id = ?", [target, speaker_id])
        if not keeps_own_key:
            conn.execute("DELETE FROM aliases WHERE speaker_id = ?", [speaker_id])
            conn.execute("DELETE FROM speakers WHERE id = ?", [speaker_id])
    relink_speakers(conn)
    recount_speakers(conn)


def relink_speakers(conn: sqlite3.Connection) -> None:
    """Merge each person or organisation into an older speaker it is another name form of
    (`store.links`), oldest first, as if they had been saved in that order."""
    recount_speakers(conn)
    rows = conn.execute("SELECT id, key, name, kind FROM speakers WHERE kind IN ('person', 'organization')"
                        " ORDER BY id").fetchall()
    for speaker_id, key, name, kind in rows:
        aliases = {row[0] for row in conn.execute("SELECT alias FROM aliases WHERE speaker_id = ?", [speaker_id])}
        plan = links.LinkPlan({key: key})
        target = links.find_link(conn, Speaker(name, kind, aliases=aliases), key, {}, plan, before=speaker_id)
        if target is None:
            continue
        keep = conn.execute("SELECT id FROM speakers WHERE key = ?", [target]).fetchone()[0]
        merge_speaker_rows(conn, keep, speaker_id)
        plan.links[key] = target
        plan.record(conn, {target: keep})


def latest_roles(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Give each of `ids` the role and affiliation of its latest quote that has one."""
    for start in range(0, len(ids), 500):
        chunk = json.dumps(ids[start:start + 500])
        conn.execute(LATEST_ROLES, [chunk])


LATEST_ROLES = """
UPDATE speakers SET
    role = coalesce((SELECT speaker_role FROM quotes WHERE speaker_id = speakers.id
                     AND speaker_role IS NOT NULL ORDER BY published DESC, id DESC LIMIT 1), role),
    affiliation = coalesce((SELECT speaker_affiliation FROM quotes WHERE speaker_id = speakers.id
                            AND speaker_affiliation IS NOT NULL ORDER BY published DESC, id DESC LIMIT 1),
                           affiliation)
WHERE id IN (SELECT value FROM json_each(?))
"""


def _move_to_key(conn: sqlite3.Connection, speaker_id: int | None, key: str,
                 fields: tuple | None = None) -> int:
    """Give `speaker_id` the key `key`, merging it into the speaker that has it already;
    with no `speaker_id`, find or create the speaker of `key` from `fields`."""
    owner = conn.execute("SELECT id FROM speakers WHERE key = ?", [key]).fetchone()
    if speaker_id is None:
        if owner is not None:
            return owner[0]
        assert fields is not None, "a new speaker needs its fields"
        return conn.execute(
            "INSERT INTO speakers (key, name, kind, role, affiliation) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id", [key, *fields]).fetchone()[0]
    if owner is None:
        conn.execute("UPDATE speakers SET key = ? WHERE id = ?", [key, speaker_id])
        return speaker_id
    if owner[0] != speaker_id:
        merge_speaker_rows(conn, owner[0], speaker_id)
    return owner[0]


def merge_speaker_rows(conn: sqlite3.Connection, keep: int, other: int) -> None:
    """Move `other`'s quotes, reports and aliases to `keep`, keep what `keep` lacks of its
    role, affiliation and type, and delete `other`. Counts are left to `recount_speakers`."""
    for column in ("speaker_id", "reported_by_id"):
        conn.execute(f"UPDATE quotes SET {column} = ? WHERE {column} = ?", [keep, other])
    conn.execute("INSERT OR IGNORE INTO aliases (speaker_id, alias)"
                 " SELECT ?, alias FROM aliases WHERE speaker_id = ?", [keep, other])
    conn.execute("INSERT OR IGNORE INTO aliases (speaker_id, alias)"
                 " SELECT ?, name FROM speakers WHERE id = ?", [keep, other])
    conn.execute(
        """UPDATE speakers SET
               role = coalesce(role, (SELECT role FROM speakers WHERE id = :other)),
               affiliation = coalesce(affiliation, (SELECT affiliation FROM speakers WHERE id = :other)),
               org_type = coalesce(org_type, (SELECT org_type FROM speakers WHERE id = :other))
           WHERE id = :keep""", {"keep": keep, "other": other})
    conn.execute("DELETE FROM aliases WHERE speaker_id = ?", [other])
    conn.execute("UPDATE speaker_links SET speaker_id = ? WHERE speaker_id = ?", [keep, other])
    conn.execute("INSERT OR REPLACE INTO speaker_links (key, speaker_id)"
                 " SELECT key, ? FROM speakers WHERE id = ?", [keep, other])
    conn.execute("DELETE FROM speakers WHERE id = ?", [other])


def recount_speakers(conn: sqlite3.Connection, ids: list[int] | None = None) -> None:
    """Set quote and article counts from the quotes (of `ids`, or of every speaker)."""
    where = "" if ids is None else f"WHERE id IN ({', '.join('?' * len(ids))})"
    conn.execute(
        f"""UPDATE speakers SET
                quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id),
                article_count = (SELECT count(DISTINCT article_id) FROM quotes
                                 WHERE speaker_id = speakers.id)
            {where}""", ids or [])
