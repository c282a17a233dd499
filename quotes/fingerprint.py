"""What a version of quotes would store differently, as short hashes of its own files.

    extraction_hash()   the engine adapters, reading, detection and speaker rules, and the
                        learned filter's weights: a stored article whose fingerprint holds
                        another hash is extracted again by the next ingest
    identity_hash()     the rules that decide when two speakers are one: a database keyed
                        by other rules has its speakers keyed again when next opened

Hashes are of the files as shipped, so any change to a rule, a word table or the weights
changes them; nothing else (the store, the web pages, the command line) does.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parent
EXTRACTION_FILES = ("nlp", "reading", "detection", "speakers", "pipeline/extract.py")
IDENTITY_FILES = ("speakers/identity.py", "speakers/names.py", "speakers/organisations.py", "store/links.py",
                  "speakers/countries.py")
HASH_CHARS = 12


@cache
def extraction_hash() -> str:
    return files_hash(EXTRACTION_FILES)


@cache
def identity_hash() -> str:
    return files_hash(IDENTITY_FILES)


def files_hash(parts: tuple[str, ...]) -> str:
    """A hash of the Python files and JSON tables under `parts` of the package, by content
    and relative path."""
    digest = hashlib.sha256()
    for path in sorted(_files(parts)):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:HASH_CHARS]


def _files(parts: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = PACKAGE / part
        found += [path] if path.is_file() else [*path.rglob("*.py"), *path.rglob("*.json")]
    return found
