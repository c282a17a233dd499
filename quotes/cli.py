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
@click.option(
    "--db",
    "db_path",
    default="db/quotes.db",
    show_default=True,
    envvar="QUOTES_DB",
    type=click.Path(dir_okay=False),
    help="The quotes database to browse (or set QUOTES_DB).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535)
)
@click.option(
    "--immutable",
    is_flag=True,
    help="Open the database read-only and never look for changes: for a finished database.",
)
@click.option("-o", "--open", "open_browser", is_flag=True, help="Open it in your web browser.")
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Datasette metadata (YAML or JSON) to use instead of the bundled db/metadata.yml.",
)
def serve(db_path, host, port, immutable, open_browser, metadata):
    """Browse the quotes database in your web browser, with Datasette.

    Search quotes, facet them by speaker and type, follow them to their article,
    and export any page as JSON or CSV. Runs until you press Ctrl+C.

    \b
    quotes serve                        http://127.0.0.1:8001
    quotes serve --port 9000 --open     another port, opened in your browser
    quotes serve --db news.db --immutable
    """
    from .serve import ServeError, check_port, make_datasette, run, url
    from .store import StoreError

    try:
        datasette = make_datasette(db_path, immutable=immutable, metadata_path=metadata)
        check_port(host, port)
    except (StoreError, ServeError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Serving {db_path} at {url(host, port)} - press Ctrl+C to stop", err=True)
    run(datasette, host, port, open_browser)
