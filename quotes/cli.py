"""The `quotes` command line: parses options and calls the library, nothing more."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .nlp import ENGINES, EngineUnavailable, load_engine

DEFAULT_DB = "db/quotes.db"


@click.group()
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find who said what in news articles, store it in SQLite, browse it with Datasette.

    \b
    quotes extract articles/ -o quotes.jsonl    quotes as JSON Lines
    quotes ingest articles/                     load them into db/quotes.db
    quotes serve                                browse at http://127.0.0.1:8001
    """


def engine_option(f):
    return click.option("--engine", type=click.Choice(ENGINES), default="spacy", show_default=True,
                        help="NLP engine that parses the articles.")(f)


def progress_option(f):
    return click.option("--progress/--no-progress", default=None,
                        help="Show progress on stderr (default: when stderr is a terminal).")(f)


def open_engine(name: str):
    try:
        return load_engine(name)
    except EngineUnavailable as error:
        raise click.ClickException(str(error)) from None


def report_skips(skipped) -> None:
    for skip in skipped:
        where = f"{skip.path}:{skip.line}" if skip.line else skip.path
        click.echo(f"skipped {where}: {skip.reason}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write JSON Lines here instead of standard output.")
@engine_option
@progress_option
def extract(paths, output, engine, progress):
    """Print the quotes in articles as JSON Lines, one line per article.

    PATHS are .txt, .html, .jsonl or .warc(.gz) files, folders of them (read
    recursively), or - for JSON Lines on standard input. Each line holds the
    article's id and title and its quotes: type, text, content/cue/source
    character spans into the article text, cue lemma, the speaker's mention
    and resolved name, speaker kind, confidence and the rule that found it.

    \b
    quotes extract article.txt
    quotes extract articles/ -o quotes.jsonl
    """
    from .corpus import Skipped, read_articles
    from .extract import article_json, extract_articles
    from .progress import Progress

    nlp = open_engine(engine)
    skipped = []

    def articles():
        for item in read_articles(paths):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item

    meter = Progress(enabled=progress)
    for article, quotes in extract_articles(articles(), nlp):
        output.write(json.dumps(article_json(article, quotes), ensure_ascii=False) + "\n")
        meter.advance(len(quotes))
    meter.close()
    report_skips(skipped)
    if skipped and meter.done == 0:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="SQLite database to fill.")
@engine_option
@click.option("--force", is_flag=True, help="Re-extract articles already stored unchanged.")
@click.option("--report", type=click.File("w", encoding="utf-8"),
              help="Write the run's summary, with every skipped input and why, as JSON.")
@progress_option
def ingest(paths, db_path, engine, force, report, progress):
    """Extract quotes from articles and store them in a SQLite database.

    Re-ingesting an article replaces its quotes; unchanged articles are skipped
    (use --force to extract them again). Inputs that cannot be read are reported
    and skipped; the run goes on with the rest.

    \b
    quotes ingest articles/
    quotes ingest crawl.warc.gz --db news.db
    """
    from .ingest import ingest as run_ingest
    from .progress import Progress
    from .store import Store, StoreError

    try:
        store = Store(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    nlp = open_engine(engine)
    try:
        summary = run_ingest(paths, store, nlp, force=force, progress=Progress(enabled=progress))
    except StoreError as error:
        raise click.ClickException(f"{error} (everything stored before this is kept)") from None
    report_skips(summary.skipped)
    counts = store.counts()
    click.echo(
        f"{summary.articles:,} articles ingested ({summary.quotes:,} quotes), "
        f"{summary.unchanged:,} unchanged, {len(summary.skipped):,} skipped; "
        f"{db_path} now holds {counts['articles']:,} articles, {counts['quotes']:,} quotes, "
        f"{counts['speakers']:,} speakers", err=True)
    if report:
        json.dump({**summary.as_dict(), "database": counts}, report, indent=2)
    if summary.skipped and not summary.articles and not summary.unchanged:
        sys.exit(1)
