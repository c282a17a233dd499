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


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print each article as a JSON object.")
def read(paths, as_json):
    """Read articles from PATHS and list them, without looking for quotes.

    PATHS are files (.txt, .html, .jsonl, .json, .warc, .warc.gz), directories (read
    recursively), or - for JSON Lines on standard input. Prints one line per article:
    id, title and length; input that cannot be read is reported on stderr. Exits with
    status 1 if no article could be read.

    \b
    quotes read examples/
    quotes read crawl.warc.gz --json | head -1
    """
    import dataclasses
    import json

    from .corpus import Skipped, read_articles

    articles = 0
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            click.echo(f"skipped {item}", err=True)
            continue
        articles += 1
        if as_json:
            click.echo(json.dumps(dataclasses.asdict(item), ensure_ascii=False))
        else:
            click.echo(f"{item.id}\t{item.title or '(no title)'}\t{len(item.text):,} characters")
    if not articles:
        raise SystemExit(1)
