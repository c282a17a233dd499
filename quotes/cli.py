"""The `quotes` command line: parses options and calls the library, nothing more."""

from __future__ import annotations

import json

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
