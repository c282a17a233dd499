"""Opening a database to read only, on read-only media too.

A database in WAL mode is read through an index file beside it (`-shm`): SQLite's
`mode=ro` must create it, and cannot in a read-only folder (a read-only mount, a disc, a
folder the user may not write to), so it refuses the file. Nothing can change such a
file, so it is then opened as immutable, which needs no index: unless changes wait in
its `-wal` file, which immutable would not see.

Kept apart from `database` so that `quotes check` opens a database without importing
sqlite-utils.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class UnmergedChanges(sqlite3.OperationalError):
    """A read-only database whose last changes are still in its `-wal` file."""


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that can only read the SQLite file at `path` (which must exist)."""
    if not os.path.isfile(path):  # a named pipe would block SQLite's open() for good
        raise sqlite3.OperationalError(f"{path} is not a regular file")
    uri = Path(path).resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()  # SQLite opens the file on first use
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if can_write_beside(path):
            raise
    wal = f"{path}-wal"
    if os.path.exists(wal) and os.path.getsize(wal) > 0:
        raise UnmergedChanges(
            f"its last changes are still in {wal} and its folder is read-only: open it once"
            " where it can be written (any quotes command does it), then copy it back")
    return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def can_write_beside(path: str | Path) -> bool:
    """Can SQLite create its index file next to `path` (or write the one there)?"""
    shm = f"{path}-shm"
    if os.path.exists(shm):
        return os.access(shm, os.W_OK)
    return os.access(os.path.dirname(os.path.abspath(path)), os.W_OK)
