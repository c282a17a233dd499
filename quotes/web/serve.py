"""Datasette over a quotes database, with the project's metadata, templates and plugin.

    datasette = make_datasette("db/quotes.db", immutable=True)   # read-only, public
    run(datasette, "127.0.0.1", 8001)

The templates, static files and metadata live in this package (`templates/`, `static/`,
`metadata.yml`). `--immutable` reads the file as one nothing changes (read-only media
included) and is publishing mode by default (`--public`: PUBLIC_SETTINGS).
"""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import threading
import time
import webbrowser
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils import BadMetadataError, parse_metadata

from quotes.errors import QuotesError, StoreError
from quotes.store.database import check_database
from quotes.store.schema import SCHEMA_VERSION, TABLE_NAMES
from quotes.web import plugin

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
METADATA_PATH = PACKAGE_DIR / "metadata.yml"
METADATA_DATABASE = "quotes"
"""The database name `db/metadata.yml` describes; it applies to whatever database is served."""

SETTINGS = {"truncate_cells_html": 400, "suggest_facets": False}
"""Article texts are long: cut them in table listings (row pages show them whole).
Facet suggestions run a query per column of a table: seconds on a million quotes."""

PUBLIC_SETTINGS = {
    "default_allow_sql": False,
    "sql_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "allow_csv_stream": False,
    "allow_download": False,
}
"""`quotes serve --public`: no SQL from the address bar (the pages, their JSON and CSV, and
the ready-made queries stay), a second per query at most, 1,000 rows per answer, no
download of the whole database or of whole tables as one CSV."""


class ServeError(QuotesError):
    """A problem starting the server, described in one line for the user."""


def make_datasette(
    db_path: str,
    immutable: bool = False,
    metadata_path: str | Path | None = None,
    public: bool | None = None,
) -> Datasette:
    """A Datasette for the quotes database at `db_path`; raises StoreError or ServeError.

    `public` (by default: when `immutable`) is publishing mode, PUBLIC_SETTINGS."""
    if immutable:
        check_immutable_database(db_path)
    else:
        check_database(db_path)
    public = immutable if public is None else public
    metadata = load_metadata(metadata_path or METADATA_PATH, Path(db_path).stem)
    register_plugin()
    plain_error_pages()
    return Datasette(
        files=[] if immutable else [db_path],
        immutables=[db_path] if immutable else [],
        inspect_data=fingerprint(db_path) if immutable else None,
        metadata=metadata,
        template_dir=str(TEMPLATES_DIR),
        settings={**SETTINGS, **(PUBLIC_SETTINGS if public else {})},
    )


def check_immutable_database(db_path: str) -> None:
    """Check a database to serve read-only, as SQLite's `immutable` flag opens it: on
    read-only media a database in WAL mode cannot even be opened `mode=ro` (SQLite wants
    to create its -shm file), but it can be read as a file nothing changes."""
    path = Path(db_path)
    if not path.exists():
        raise StoreError(f"{db_path}: no such database; run `quotes ingest` first to create it")
    if path.is_dir():
        raise StoreError(f"{db_path} is a directory, not a database file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith("SQLITE_NOTADB"):
            raise StoreError(f"{db_path} is not a SQLite database") from error
        raise StoreError(f"cannot read {db_path}: {error}") from error
    if version > SCHEMA_VERSION:
        raise StoreError(f"{db_path} was written by a newer version of quotes (schema {version}); upgrade quotes")
    if not set(TABLE_NAMES) <= tables:
        empty = version == 0 and not tables
        raise StoreError(
            f"{db_path} is empty; run `quotes ingest` first to fill it" if empty
            else f"{db_path} is a SQLite database but not a quotes database"
        )


def fingerprint(db_path: str) -> dict:
    """Datasette's inspect data for an immutable database, from its size and modification
    time: else Datasette hashes the whole file on the first visit to the home page
    (a gigabyte: seconds). Tables are left out, so Datasette counts their rows itself."""
    path = Path(db_path)
    stat = path.stat()
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    return {
        path.stem: {
            "hash": hashlib.sha256(key.encode()).hexdigest(),
            "size": stat.st_size,
            "file": db_path,
            "tables": {},
        }
    }


def load_metadata(path: str | Path, database_name: str) -> dict:
    """Read Datasette metadata (YAML or JSON), pointing its quotes section at `database_name`."""
    try:
        metadata = parse_metadata(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ServeError(f"cannot read metadata {path}: {error}") from error
    except BadMetadataError as error:
        raise ServeError(f"{path} is not valid YAML or JSON metadata") from error
    if not isinstance(metadata, dict):
        raise ServeError(f"{path} is not Datasette metadata: expected a mapping at the top")
    databases = metadata.get("databases") or {}
    if METADATA_DATABASE in databases and database_name != METADATA_DATABASE:
        databases[database_name] = databases.pop(METADATA_DATABASE)
    return metadata


def register_plugin() -> None:
    """Register `quotes.web.plugin` with Datasette, unless its entry point did."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotes")


def plain_error_pages() -> None:
    """Leave error pages to the plugin's `handle_exception`, quietly.

    Datasette's own handler still runs after ours (its answer is dropped): without `rich`,
    which spaCy installs and which, importable, printed each error's traceback and locals
    and failed on an address that matches no route (a 404 raised outside any `except`),
    and without printing a traceback for every bad address a visitor types. The plugin
    prints the tracebacks of real failures (status 500) itself.
    """
    # Imported here, after datasette.app: imported first, it would register with
    # Datasette's plugin manager before its hook is defined.
    from datasette import handle_exception

    handle_exception.rich = None
    handle_exception.traceback = _NoTraceback


class _NoTraceback:
    @staticmethod
    def print_exc(*args, **kwargs) -> None:
        pass


def check_port(host: str, port: int) -> None:
    """Fail early, in one line, if the server could not listen on host:port."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = error.strerror or str(error)
            raise ServeError(
                f"cannot listen on {host}:{port}: {reason}; choose another --port"
            ) from error


def run(datasette: Datasette, host: str, port: int, open_browser: bool = False) -> None:
    """Serve until Ctrl+C or SIGTERM, then shut down cleanly."""
    config = uvicorn.Config(datasette.app(), host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    if open_browser:
        threading.Thread(
            target=_open_when_started, args=(server, url(host, port)), daemon=True
        ).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass  # uvicorn has shut down already; it re-raises Ctrl+C for the caller


def url(host: str, port: int) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def _open_when_started(server: uvicorn.Server, address: str) -> None:
    while not server.started:
        if server.should_exit:
            return
        time.sleep(0.1)
    webbrowser.open(address)
