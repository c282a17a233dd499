"""One speaker for every form of a name: linking a new speaker key to a stored speaker.

    plan = link_keys(conn, speakers, targets)   # before the speakers of a batch are written
    ...                                          # the writer upserts the target keys
    plan.record(conn, ids)                       # links, renames and namesakes, once ids exist

A person's key is their written name ("person:joe biden"); `speakers.identity` says when
two written names can be one person. A new person key is linked to the stored person
whose name it agrees with when that person is the only one of the surname it agrees with
(a bare surname, "Erdoğan", goes to the one full name of that surname, or to one quoted
three times as often as any other), and never to a person its article named beside it
(`speaker_namesakes`). A speaker first stored under a bare surname takes the full name
when one comes. An organisation named by its acronym ("DWP") is linked to the one
organisation that an article gave that acronym ("the Department for Work and Pensions
(DWP)"), and the other way round; an "organisation" whose name is a stored person's full
name is that person (one entity, one kind).

Links are kept in `speaker_links` (key -> speaker id), so a key is linked once; the
editors' fixes (`speaker_fixes`) come first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from quotes.records import Speaker
from quotes.speakers.identity import is_description, name_forms_agree, normalize_person, person_name
from quotes.speakers.organisations import normalize_org

DOMINANCE = 3
"""A bare surname shared by several stored people goes to the one quoted this many times
as often as each of the others (and at least this many times)."""


@dataclass
class _Candidate:
    key: str
    name: str
    quotes: int
    keys: set[str] = field(default_factory=set)


@dataclass
class LinkPlan:
    """What linking decided for a batch: the key of the speaker row each batch key goes
    to, and what to write once the rows exist."""

    targets: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)
    """New key -> the key of the speaker row it is another form of."""
    renames: dict[str, str] = field(default_factory=dict)
    """Speaker key -> its fuller name ("Erdoğan" -> "Recep Tayyip Erdoğan")."""
    namesakes: set[tuple[str, str]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    """Quotes of each key in the batch, to tell the most quoted of one surname."""
    surnames: dict[str, list[str]] = field(default_factory=dict)
    """The people new in the batch, by surname."""

    def record(self, conn: sqlite3.Connection, ids: dict[str, int]) -> None:
        """Write the links, renames and namesakes; `ids` maps speaker keys to row ids."""
        if self.links:
            rows = [(key, ids[target]) for key, target in self.links.items() if target in ids]
            conn.executemany("INSERT OR REPLACE INTO speaker_links (key, speaker_id) VALUES (?, ?)", rows)
        for key, name in self.renames.items():
            conn.execute("UPDATE speakers SET name = ? WHERE key = ?", [name, key])
        if self.namesakes:
            conn.executemany("INSERT OR IGNORE INTO speaker_namesakes (key, other) VALUES (?, ?)",
                             sorted(self.namesakes))


def link_keys(conn: sqlite3.Connection, speakers: dict[str, Speaker], targets: dict[str, str],
              namesakes: dict[str, list[str]] | None = None, counts: dict[str, int] | None = None) -> LinkPlan:
    """Decide where each speaker of a batch goes. `speakers` are by their own key,
    `targets` the key each goes to after the editors' fixes; `namesakes` the keys each
    key's article named as other people; `counts` their quotes in the batch."""
    plan = LinkPlan(dict(targets), counts=dict(counts or {}))
    for key, others in (namesakes or {}).items():
        for other in others:
            plan.namesakes.update({(key, other), (other, key)})
    wanted = sorted(set(targets.values()))
    stored = _stored_keys(conn, wanted)
    linked = _linked_keys(conn, [t for t in wanted if t not in stored])
    batch: dict[str, Speaker] = {}
    order = sorted(speakers, key=lambda k: (-len(speakers[k].name.split()), k))
    for key in order:
        target = plan.targets[key]
        if target in stored:
            continue
        if target in linked:
            plan.targets[key] = linked[target]
            continue
        if target in plan.links:
            plan.targets[key] = plan.links[target]
            continue
        if target in batch:
            continue
        speaker = speakers[key]
        found = find_link(conn, speaker, target, batch, plan)
        if found is None:
            batch[target] = speaker
            surname = surname_of(speaker)
            if surname:
                plan.surnames.setdefault(surname, []).append(target)
        else:
            plan.links[target] = found
            plan.targets[key] = found
            plan.counts[found] = plan.counts.get(found, 0) + plan.counts.get(target, 0)
    for key, target in list(plan.targets.items()):
        plan.targets[key] = plan.links.get(target, target)
    return plan


def find_link(conn: sqlite3.Connection, speaker: Speaker, key: str, batch: dict[str, Speaker],
              plan: LinkPlan, before: int | None = None) -> str | None:
    """The key of the speaker `key` is another name form of, stored (with an id below
    `before`, if given) or new in this batch; None if there is no one such speaker."""
    if speaker.kind == "person":
        return _person_link(conn, speaker, key, batch, plan, before)
    if speaker.kind == "organization":
        return _organisation_link(conn, speaker, key, batch, plan, before)
    return None


def _person_link(conn: sqlite3.Connection, speaker: Speaker, key: str, batch: dict[str, Speaker],
                 plan: LinkPlan, before: int | None) -> str | None:
    name = person_name(speaker.name)
    if not name.last or is_description(speaker.name):
        return None
    candidates = _people_of_surname(conn, name.last, before)
    for candidate in candidates:
        candidate.quotes += plan.counts.get(candidate.key, 0)
    candidates += [_Candidate(k, batch[k].name, plan.counts.get(k, 0), {k})
                   for k in plan.surnames.get(name.last, []) if k in batch]
    barred = _namesakes_of(conn, key) | {o for k, o in plan.namesakes if k == key}
    candidates = [c for c in candidates if not (c.keys & barred)]
    agreeing = [c for c in candidates if name_forms_agree(speaker.name, c.name)]
    full = [c for c in agreeing if not person_name(c.name).surname_only]
    if name.surname_only:
        return _dominant(full)
    if len(full) == 1:
        return full[0].key
    if full:
        return None
    bare = [c for c in agreeing if person_name(c.name).surname_only]
    others = [c for c in candidates if c not in bare]
    if len(bare) == 1 and not others:
        plan.renames[bare[0].key] = speaker.name
        return bare[0].key
    return None


def _dominant(candidates: list[_Candidate]) -> str | None:
    if len(candidates) == 1:
        return candidates[0].key
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: -c.quotes)
    top, second = ranked[0], ranked[1]
    if top.quotes >= DOMINANCE and top.quotes >= DOMINANCE * second.quotes:
        return top.key
    return None


def _organisation_link(conn: sqlite3.Connection, speaker: Speaker, key: str, batch: dict[str, Speaker],
                       plan: LinkPlan, before: int | None) -> str | None:
    name = " ".join(speaker.name.split())
    if len(name.split()) > 1:  # "Donald Trump" taken for an organisation
        person = _stored_key(conn, f"person:{normalize_person(name)}", before)
        if person is not None:
            return person
    if _is_acronym(name):
        owners = _organisations_with_alias(conn, name, before)
        owners |= {k for k, s in batch.items() if s.kind == "organization" and name in s.aliases}
        if len(owners) == 1:
            return owners.pop()
        return None
    for alias in sorted(speaker.aliases):
        if not _is_acronym(alias):
            continue
        owner = _stored_key(conn, f"organization:{normalize_org(alias)}", before)
        if owner is None and f"organization:{normalize_org(alias)}" in batch:
            owner = f"organization:{normalize_org(alias)}"
        if owner is not None:
            plan.renames[owner] = name
            return owner
    return None


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return " " not in name.strip() and 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def _stored_keys(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(row[0] for row in conn.execute(f"SELECT key FROM speakers WHERE key IN ({marks})", chunk))
    return found


def _linked_keys(conn: sqlite3.Connection, keys: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT speaker_links.key, speakers.key FROM speaker_links"
            f" JOIN speakers ON speakers.id = speaker_links.speaker_id"
            f" WHERE speaker_links.key IN ({marks})", chunk))
    return found


def _stored_key(conn: sqlite3.Connection, key: str, before: int | None) -> str | None:
    """The key of the speaker row that `key` is or is linked to."""
    row = conn.execute(
        "SELECT key, id FROM speakers WHERE key = ?1 UNION ALL"
        " SELECT speakers.key, speakers.id FROM speaker_links JOIN speakers"
        " ON speakers.id = speaker_links.speaker_id WHERE speaker_links.key = ?1", [key]).fetchone()
    if row is None or (before is not None and row[1] >= before):
        return None
    return row[0]


def _people_of_surname(conn: sqlite3.Connection, surname: str, before: int | None) -> list[_Candidate]:
    rows = conn.execute(
        "SELECT id, key, name, quote_count FROM speakers WHERE surname = ? AND kind = 'person'"
        " AND (?2 IS NULL OR id < ?2)", [surname, before]).fetchall()
    candidates = {row[0]: _Candidate(row[1], row[2], row[3], {row[1]}) for row in rows}
    if candidates:
        marks = ", ".join("?" * len(candidates))
        for speaker_id, key in conn.execute(
                f"SELECT speaker_id, key FROM speaker_links WHERE speaker_id IN ({marks})", list(candidates)):
            candidates[speaker_id].keys.add(key)
    return list(candidates.values())


def _namesakes_of(conn: sqlite3.Connection, key: str) -> set[str]:
    return {row[0] for row in conn.execute("SELECT other FROM speaker_namesakes WHERE key = ?", [key])}


def _organisations_with_alias(conn: sqlite3.Connection, alias: str, before: int | None) -> set[str]:
    return {row[0] for row in conn.execute(
        "SELECT DISTINCT speakers.key FROM aliases JOIN speakers ON speakers.id = aliases.speaker_id"
        " WHERE aliases.alias = ? AND speakers.kind = 'organization' AND (?2 IS NULL OR speakers.id < ?2)"
        " AND speakers.name != aliases.alias", [alias, before])}


def surname_of(speaker: Speaker) -> str | None:
    """The folded surname a person is found by (`speakers.surname`); None for others."""
    if speaker.kind != "person" or is_description(speaker.name):
        return None
    return person_name(speaker.name).last or None
