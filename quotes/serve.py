"""Datasette over a quotes database, with the project's metadata, templates and plugin.

The templates and metadata live at the top of the repository (`templates/`,
`db/metadata.yml`); `quotes/templates` and `quotes/metadata.yml` are symlinks to them,
shipped as package data, so an installed package finds them too.
"""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils import BadMetadataError, parse_metadata

from . import web, web_check
from .store import check_database

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
METADATA_PATH = PACKAGE_DIR / "metadata.yml"
METADATA_DATABASE = "quotes"
"""The database name `db/metadata.yml` describes; it applies to whatever database is served."""

SETTINGS = {"truncate_cells_html": 400}
"""Article texts are long: cut them in table listings (row pages show them whole)."""


class ServeError(Exception):
    """A problem starting the server, described in one line for the user."""


def make_datasette(
    db_path: str, immutable: bool = False, metadata_path: str | Path | None = None
) -> Datasette:
    """A Datasette for the quotes database at `db_path`; raises StoreError or ServeError."""
    check_database(db_path)
    metadata = load_metadata(metadata_path or METADATA_PATH, Path(db_path).stem)
    register_plugin()
    return Datasette(
        files=[] if immutable else [db_path],
        immutables=[db_path] if immutable else [],
        metadata=metadata,
        template_dir=str(TEMPLATES_DIR),
        settings=SETTINGS,
    )


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
    """Register `quotes.web` and `quotes.web_check` with Datasette, unless entry points did."""
    for module, name in ((web, "quotes"), (web_check, "quotes_check")):
        if not pm.is_registered(module):
            pm.register(module, name=name)


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
