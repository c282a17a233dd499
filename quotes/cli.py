"""The `quotes` command line: parses options and calls the library, nothing more."""

from __future__ import annotations

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find who said what in news articles, store it in SQLite, browse it with Datasette.

    \b
    quotes extract articles/ -o quotes.jsonl    quotes as JSON Lines
    quotes ingest articles/                     load them into db/quotes.db
    quotes serve                                browse at http://127.0.0.1:8001
    """
