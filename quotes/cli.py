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


def cue_classes_option(f):
    return click.option(
        "--cue-classes", default="speech", show_default=True, callback=_parse_cue_classes,
        help="Which cues make quotes, comma-separated: speech (\"said\"), cognition "
             "(\"believes\", \"wants\"), evidential (\"a poll shows\").")(f)


def _parse_cue_classes(ctx, param, value: str) -> tuple[str, ...]:
    from .detect import CUE_CLASSES

    classes = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in classes if c not in CUE_CLASSES]
    if unknown or not classes:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(CUE_CLASSES)}")
    return classes


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
@cue_classes_option
@progress_option
def extract(paths, output, engine, cue_classes, progress):
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
    for article, quotes in extract_articles(articles(), nlp, cue_classes):
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
@cue_classes_option
@click.option("--force", is_flag=True, help="Re-extract articles already stored unchanged.")
@click.option("--report", type=click.File("w", encoding="utf-8"),
              help="Write the run's summary, with every skipped input and why, as JSON.")
@progress_option
def ingest(paths, db_path, engine, cue_classes, force, report, progress):
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
        summary = run_ingest(paths, store, nlp, force=force, progress=Progress(enabled=progress),
                             cue_classes=cue_classes)
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


@cli.command()
@click.argument("gold", type=click.Path(exists=True))
@engine_option
@click.option("--subset", type=click.Choice(["all", "speech", "quoted"]), default="all",
              show_default=True,
              help="Gold quotes to count: all, those with a speech cue (\"said\", \"according "
                   "to\", a colon), or those in quotation marks (direct and mixed).")
@cue_classes_option
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score these predictions (quotes extract output) instead of extracting.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@progress_option
def evaluate(gold, engine, subset, cue_classes, predictions, as_json, progress):
    """Measure extraction against your own annotated articles.

    GOLD is a JSON Lines file (one document a line: id, text, and quotes with
    content, cue and source as [start, end] character spans) or a brat folder
    (.txt + .ann with Source, Cue and Content annotations; see quotes/brat.py).
    Prints precision, recall and F1 under four matching measures (ggt@0.3 and
    ggt@0.8: share of the gold content covered; tok@0.5: word overlap; exact:
    same words), the accuracy of the source, cue and speaker of matched quotes,
    and recall by quote type.

    \b
    quotes evaluate annotated.jsonl --subset speech
    quotes evaluate brat-folder/ --json
    quotes extract annotated.jsonl -o pred.jsonl && quotes evaluate annotated.jsonl --predictions pred.jsonl
    """
    from .evaluate import GoldError, figures_json, format_table, predict, read_gold, read_predictions, score
    from .progress import Progress

    try:
        documents = read_gold(gold)
        if predictions:
            predicted = read_predictions(predictions)
        else:
            meter = Progress(label="documents", enabled=progress)
            predicted = predict(documents, open_engine(engine), cue_classes, meter)
            meter.close()
    except GoldError as error:
        raise click.ClickException(str(error)) from None
    results = score(documents, predicted, subset)
    if as_json:
        click.echo(json.dumps(figures_json(results, subset, len(documents)), indent=2))
    else:
        click.echo(format_table(results, subset, len(documents)))


@cli.group(name="models")
def models_group():
    """Download and inspect the Stanza models used by the Stanza engine.

    The Stanza engine never downloads at run time: fetch its English models once
    (needs the stanza extra: pip install 'quotes[stanza]'):

    \b
    quotes models download                 into $QUOTES_STANZA_DIR or Stanza's default
    quotes models download --dir models/   into a directory of your choice
    quotes models status                   ready or not, exit code 1 if not
    quotes models list                     every model file, its size and path

    For offline machines, copy a downloaded directory and set QUOTES_STANZA_DIR to it.
    The spaCy engine (the default) needs none of this.
    """


def _model_dir_option(command):
    return click.option(
        "--dir", "directory", type=click.Path(file_okay=False),
        help="Model directory [default: $QUOTES_STANZA_DIR, else Stanza's default]",
    )(command)


def _lang_option(command):
    return click.option("--lang", default="en", show_default=True,
                        help="Language code of the models")(command)


def _model_call(function, *args, **kwargs):
    """Call into quotes.models, turning its errors into one-line CLI errors."""
    from . import models as stanza_models

    try:
        return function(*args, **kwargs)
    except (stanza_models.StanzaMissing, stanza_models.ModelsMissing,
            stanza_models.DownloadError) as error:
        raise click.ClickException(str(error)) from error


@models_group.command(name="download")
@_lang_option
@_model_dir_option
@click.option("--url", help="Base URL of Stanza's resources.json, e.g. a local mirror "
              "[default: $QUOTES_STANZA_URL, else Stanza's hub]")
def models_download(lang, directory, url):
    """Download the Stanza models (tokenize, mwt, pos, lemma, depparse, ner).

    Shows each file with a progress bar; files already downloaded are kept.
    """
    from . import models as stanza_models

    _model_call(stanza_models.require_stanza)
    target = stanza_models.model_dir(directory)
    source = stanza_models.resources_url(url)
    click.echo(f"Downloading Stanza {stanza_models.language_name(lang)} models "
               f"({stanza_models.PROCESSORS}) from {source} to {target}", err=True)
    files = _model_call(stanza_models.download, target, lang, source)
    size = sum(f.size for f in files) / 1e6
    click.echo(f"Installed {len(files)} model files ({size:.0f} MB) in {target}", err=True)


@models_group.command(name="status")
@_lang_option
@_model_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON")
def models_status(lang, directory, as_json):
    """Say whether the Stanza models are installed, where, and whether a GPU is usable.

    Exits with code 1 when the models are not ready, so scripts can run
    `quotes models status || quotes models download`.
    """
    from . import models as stanza_models

    target = _model_call(stanza_models.model_dir, directory)
    report = _model_call(stanza_models.status, target, lang)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(f"directory: {report['dir']}")
        click.echo(f"models:    {'ready' if report['ready'] else 'NOT READY'}"
                   + (f" ({len(report['files'])} files, {report['size'] / 1e6:.0f} MB)"
                      if report["ready"] else f" - {report['problem']}"))
        click.echo(f"stanza:    {report['stanza']}, torch {report['torch']}, "
                   f"GPU {'available' if report['cuda'] else 'not available'}")
    if not report["ready"]:
        raise SystemExit(1)


@models_group.command(name="list")
@_lang_option
@_model_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the files as JSON")
def models_list(lang, directory, as_json):
    """List the model files the Stanza engine loads, with size and path."""
    from . import models as stanza_models

    target = _model_call(stanza_models.model_dir, directory)
    report = _model_call(stanza_models.status, target, lang)
    if as_json:
        click.echo(json.dumps(report["files"], indent=2))
        return
    if not report["files"]:
        click.echo(report["problem"], err=True)
    for file in report["files"]:
        size = f"{file['size'] / 1e6:7.1f} MB" if file["installed"] else "  missing "
        click.echo(f"{file['processor']:<15} {file['package']:<25} {size}  {file['path']}")


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
