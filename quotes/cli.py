"""The `quotes` command line: parses options and calls the library, nothing more."""

from __future__ import annotations

import errno
import json
import os
import sys

import click

from quotes import __version__
from quotes.errors import QuotesError
from quotes.limits import ARTICLE_TIMEOUT, MAX_CHARS
from quotes.nlp import ENGINES, load_engine
from quotes.records import ORG_TYPES, SPEAKER_KINDS

DEFAULT_DB = "db/quotes.db"
KIND_CHOICES = SPEAKER_KINDS + ORG_TYPES


class QuotesGroup(click.Group):
    """The command group: any `QuotesError` a command raises is printed as one line
    ("Error: ...") with its exit status, never as a traceback; so is a failure to write
    (a full disk, /dev/full), standard output included."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except QuotesError as error:
            _give_up_stdout_if_unwritable()
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # click's own handling: a reader that went away is no error
            _give_up_stdout_if_unwritable()
            click.echo(f"Error: {describe_os_error(error)}", err=True)
            ctx.exit(1)


class OutputError(QuotesError):
    """Output cannot be written (a full disk, /dev/full): one line naming the file."""


def describe_os_error(error: OSError) -> str:
    """An OSError as a line for the user: which file, and why; one without a file name
    comes from writing to standard output (click.echo)."""
    if error.filename:
        return f"{error.filename}: {_reason(error)}"
    return f"cannot write to standard output: {_reason(error)}"


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].lower() + reason[1:]


def _give_up_stdout_if_unwritable() -> None:
    """After a failed write to standard output (`> /dev/full`), drop what is left of it."""
    try:
        sys.stdout.flush()
    except OSError:
        _give_up(sys.stdout)


def _give_up(file) -> None:
    """Send what is left in the buffer of `file`, which cannot be written, to /dev/null,
    so that closing it (or Python's exit) does not fail again, with a traceback."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), file.fileno())


@click.group(cls=QuotesGroup)
@click.version_option(__version__, prog_name="quotes")
def cli():
    """Find who said what in news articles, store it in SQLite, browse it with Datasette.

    \b
    quotes extract articles/ -o quotes.jsonl    quotes as JSON Lines
    quotes ingest articles/                     load them into db/quotes.db
    quotes serve                                browse at http://127.0.0.1:8001
    quotes speakers                             who is quoted, most first
    quotes check "benefit our two countries"    who said these words, where, when
    quotes evaluate annotated.jsonl             precision and recall on your annotations
    """


def db_option(command):
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, envvar="QUOTES_DB",
                        type=click.Path(dir_okay=False),
                        help="The quotes database (or set QUOTES_DB).")(command)


def json_option(command):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(command)


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
    from quotes.detection.lexicon import CUE_CLASSES

    classes = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in classes if c not in CUE_CLASSES]
    if unknown or not classes:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(CUE_CLASSES)}")
    return classes


def max_chars_option(f):
    return click.option("--max-chars", type=click.IntRange(min=1), default=MAX_CHARS, show_default=True,
                        help="Skip longer texts: they are not news articles and would take hours.")(f)


def article_timeout_option(f):
    return click.option("--article-timeout", type=click.FloatRange(min=0, min_open=True),
                        default=ARTICLE_TIMEOUT, show_default=True, metavar="SECONDS",
                        help="Give up an article that takes longer than this to parse and"
                             " search (it is reported as skipped), and go on.")(f)


def report_skips(skipped) -> None:
    """Each input not used, on stderr: "skipped PATH: reason", or "passed over PATH: ..."
    for documentation in a folder."""
    from quotes.reading.corpus import PassedOver

    for skip in skipped:
        click.echo(f"{'passed over' if isinstance(skip, PassedOver) else 'skipped'} {skip}", err=True)


def write_to(file, text: str) -> None:
    """Write `text` to `file`, and flush it if `text` is empty; a failure (a full disk) is
    an OutputError naming the file."""
    try:
        if text:
            file.write(text)
        else:
            file.flush()
    except OSError as error:
        _give_up(file)
        name = getattr(file, "name", None)
        where = "standard output" if name in (None, "<stdout>", "-") else name
        raise OutputError(f"cannot write to {where}: {_reason(error)}") from None


def interrupted_status(stop: KeyboardInterrupt) -> int:
    """The exit status after a stop: 130 for Ctrl+C (SIGINT), 143 for SIGTERM."""
    from quotes.pipeline.ingesting import Terminated

    return 143 if isinstance(stop, Terminated) else 130


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write JSON Lines here instead of standard output.")
@engine_option
@cue_classes_option
@max_chars_option
@article_timeout_option
@progress_option
def extract(paths, output, engine, cue_classes, max_chars, article_timeout, progress):
    """Print the quotes in articles as JSON Lines, one line per article.

    PATHS are .txt, .html, .jsonl or .warc(.gz) files, folders of them (read
    recursively), or - for JSON Lines on standard input. Each line holds the
    article's id and title and its quotes: type, text, content/cue/source
    character spans into the article text, cue lemma, the speaker's mention
    and resolved name, speaker kind, confidence and the rule that found it.

    Input that cannot be read, texts longer than --max-chars and articles that
    take longer than --article-timeout are reported on stderr and skipped. Exit
    status: 1 if nothing could be extracted, 130 after Ctrl+C and 143 after
    SIGTERM (the lines written so far are complete).

    \b
    quotes extract article.txt
    quotes extract articles/ -o quotes.jsonl
    """
    from quotes.pipeline.batches import chunked, extract_each
    from quotes.pipeline.extract import article_json
    from quotes.pipeline.ingesting import BATCH_SIZE, sigterm_as_interrupt
    from quotes.pipeline.progress import Progress
    from quotes.reading.corpus import PassedOver, Skipped, read_articles

    nlp = load_engine(engine)
    skipped = []

    def articles():
        for item in read_articles(paths, max_chars):
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item

    meter = Progress(enabled=progress)
    try:
        with sigterm_as_interrupt():
            for batch in chunked(articles(), BATCH_SIZE):
                for outcome in extract_each(nlp, batch, cue_classes, article_timeout):
                    article = outcome.article
                    if outcome.quotes is None:
                        skipped.append(Skipped(article.path or article.id, f"article {article.id}: {outcome.error}"))
                        meter.advance(skipped=True)
                        continue
                    write_to(output, json.dumps(article_json(article, outcome.quotes), ensure_ascii=False) + "\n")
                    meter.advance(len(outcome.quotes))
            write_to(output, "")
    except KeyboardInterrupt as stop:
        meter.close()
        report_skips(skipped)
        click.echo(f"Interrupted after {meter.done:,} articles; each line written is whole.", err=True)
        sys.exit(interrupted_status(stop))
    meter.close()
    report_skips(skipped)
    if meter.done == 0 and any(not isinstance(skip, PassedOver) for skip in skipped):
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@engine_option
@cue_classes_option
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default=f"all cores: {os.cpu_count() or 1}",
              help="Worker processes that parse articles (1: parse in this process).")
@click.option("--dask", "scheduler", metavar="SCHEDULER_ADDRESS",
              help="Parse on this Dask cluster instead, e.g. tcp://10.0.0.5:8786 "
                   "(needs quotes[cluster]; --workers is then ignored).")
@click.option("--gpu/--cpu", default=None,
              help="Run the stanza engine on the GPU, or on the CPU [default: the GPU if "
                   "torch sees one].")
@click.option("--force", is_flag=True, help="Re-extract articles already stored unchanged.")
@max_chars_option
@article_timeout_option
@click.option("--report", type=click.File("w", encoding="utf-8"),
              help="Write the run's summary as JSON: counts, every skipped input and duplicate"
                   " with the reason, and what stopped the run, if anything did.")
@progress_option
def ingest(paths, db_path, engine, cue_classes, workers, scheduler, gpu, force, max_chars,
           article_timeout, report, progress):
    """Extract quotes from articles and store them in a SQLite database.

    PATHS are .txt, .html, .jsonl or .warc(.gz) files, folders of them, or -
    for JSON Lines on standard input. Articles are parsed by --workers processes
    (or a Dask cluster) and stored as they are done, a few hundred per commit.

    Re-ingesting an article replaces its quotes; articles stored unchanged by this
    version of quotes are skipped (--force extracts them again), and an article
    with the URL or text of one already stored, or with the id of one read before
    in the run, is stored once. Input that cannot be read, texts longer than
    --max-chars and articles that take longer than --article-timeout are reported
    and skipped; the run goes on with the rest. Ctrl+C, SIGTERM (or a crash) keep
    every article already stored: run the same command again to go on.

    Exit status: 0 when done, 1 on an error or when nothing could be read, 130
    after Ctrl+C and 143 after SIGTERM (both after the summary and --report).

    \b
    quotes ingest articles/
    quotes ingest crawl.warc.gz --db news.db --report report.json
    quotes ingest archive/ --dask tcp://scheduler:8786 --engine stanza --gpu
    """
    from quotes.pipeline.batches import EngineSpec, fingerprint
    from quotes.pipeline.ingesting import Summary, describe, make_extractor, report_json, sigterm_as_interrupt
    from quotes.pipeline.ingesting import ingest as run_ingest
    from quotes.pipeline.progress import Progress
    from quotes.store import Store, StoreError

    def save_report(summary, counts) -> None:
        if report:
            write_to(report, report_json(summary, counts))
            write_to(report, "")

    try:
        spec = EngineSpec(engine, use_gpu=gpu)
        store = Store(db_path)
    except QuotesError as error:
        save_report(Summary(error=str(error)), None)
        raise
    with store:
        try:
            extractor = make_extractor(spec, workers, scheduler, cue_classes, article_timeout)
        except QuotesError as error:
            save_report(Summary(error=str(error)), store.counts())
            raise
        with sigterm_as_interrupt():
            summary = run_ingest(paths, store, extractor, fingerprint=fingerprint(spec, cue_classes),
                                 force=force, progress=Progress(enabled=progress), max_chars=max_chars)
        try:
            counts = store.counts()
        except StoreError:
            counts = None
    report_skips(summary.passed_over + summary.skipped)
    click.echo(describe(summary, db_path, counts), err=True)
    save_report(summary, counts)
    _exit_after_ingest(summary)


def _exit_after_ingest(summary) -> None:
    """130 after Ctrl+C, 143 after SIGTERM, 1 on an error or when nothing could be read."""
    if summary.interrupted:
        stopped = "Stopped by SIGTERM" if summary.signal == "SIGTERM" else "Interrupted"
        click.echo(f"{stopped}: every article counted above is stored; run the same command"
                   " again to go on.", err=True)
        sys.exit(143 if summary.signal == "SIGTERM" else 130)
    if summary.error:
        raise click.ClickException(summary.error)
    if summary.skipped and summary.nothing_done:
        sys.exit(1)


def open_store(db_path):
    """The store of an existing database (editors' commands never create one)."""
    from quotes.store import Store, check_database

    check_database(db_path)
    return Store(db_path)


@cli.command(name="speakers")
@db_option
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              type=click.Choice(KIND_CHOICES, case_sensitive=False),
              help="Only speakers of this kind or organisation type; repeat for several. "
                   f"Kinds: {', '.join(KIND_CHOICES)}.")
@click.option("-n", "--limit", type=click.IntRange(min=1), help="Show only the N most quoted.")
@json_option
def speakers_list(db_path, kinds, limit, as_json):
    """List the speakers in the database, most quoted first, with their quote and
    article counts, kind (and organisation type), role, affiliation and aliases.

    \b
    quotes speakers
    quotes speakers --kind person -n 20
    quotes speakers --kind government --kind international --json
    """
    from quotes.store.speakers import describe, list_speakers

    rows = list_speakers(db_path, [k.lower() for k in kinds], limit)
    if as_json:
        click.echo(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(describe(row))
    if not rows:
        click.echo("no speakers" + (f" of kind {', '.join(kinds)}" if kinds else ""), err=True)


@cli.command(name="merge-speakers")
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@db_option
@json_option
def merge_speakers_command(keep, others, db_path, as_json):
    """Merge speakers OTHERS into speaker KEEP: their quotes, reports and aliases go to
    KEEP, and later ingests put new quotes of OTHERS on KEEP as well.

    Speakers are given by id or by a name or alias only one speaker has
    (`quotes speakers` lists ids).

    \b
    quotes merge-speakers 12 40 41
    quotes merge-speakers "Antony Blinken" "Tony Blinken"
    """
    from quotes.store.speakers import describe, merge_speakers

    with open_store(db_path) as store:
        row = merge_speakers(store, keep, list(others))
    click.echo(json.dumps(row.as_dict(), ensure_ascii=False) if as_json
               else f"merged into {describe(row).strip()}")


@cli.command(name="rename-speaker")
@click.argument("speaker")
@click.argument("name")
@click.option("--kind", type=click.Choice(SPEAKER_KINDS), help="Change the kind as well.")
@db_option
@json_option
def rename_speaker_command(speaker, name, kind, db_path, as_json):
    """Rename SPEAKER (an id, or a name only one speaker has) to NAME. The old name
    stays an alias, and later ingests that find the old name use the new one.

    \b
    quotes rename-speaker 7 "Xi Jinping"
    quotes rename-speaker "Nicola Sturgeon" "Nicola Sturgeon" --kind person
    """
    from quotes.store.speakers import describe, rename_speaker

    with open_store(db_path) as store:
        row = rename_speaker(store, speaker, name, kind)
    click.echo(json.dumps(row.as_dict(), ensure_ascii=False) if as_json
               else f"renamed: {describe(row).strip()}")


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
@max_chars_option
@progress_option
def evaluate(gold, engine, subset, cue_classes, predictions, as_json, max_chars, progress):
    """Measure extraction against your own annotated articles.

    GOLD is a JSON Lines file (one document a line: id, text, and quotes with
    content, cue and source as [start, end] character spans) or a brat folder
    (.txt + .ann with Source, Cue and Content annotations; see quotes/evaluation/brat.py).
    Prints precision, recall and F1 under four matching measures (ggt@0.3 and
    ggt@0.8: share of the gold content covered; tok@0.5: word overlap; exact:
    same words), the accuracy of the source, cue and speaker of matched quotes,
    and recall by quote type. Documents longer than --max-chars are left out, each
    reported on stderr.

    \b
    quotes evaluate annotated.jsonl --subset speech
    quotes evaluate brat-folder/ --json
    quotes extract annotated.jsonl -o pred.jsonl && quotes evaluate annotated.jsonl --predictions pred.jsonl
    """
    from quotes.evaluation import GoldError, figures_json, format_table, predict, read_gold, read_predictions, score
    from quotes.pipeline.progress import Progress
    from quotes.reading.corpus import too_long

    documents = []
    for document in read_gold(gold):
        if len(document.text) > max_chars:
            click.echo(f"skipped {gold}: document {document.id}: "
                       f"{too_long(len(document.text), max_chars)}", err=True)
        else:
            documents.append(document)
    if not documents:
        raise GoldError(f"{gold}: no document within --max-chars ({max_chars:,} characters)")
    if predictions:
        predicted = read_predictions(predictions)
    else:
        meter = Progress(label="documents", enabled=progress)
        predicted = predict(documents, load_engine(engine), cue_classes, meter)
        meter.close()
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


@models_group.command(name="download")
@_lang_option
@_model_dir_option
@click.option("--url", help="Base URL of Stanza's resources.json, e.g. a local mirror "
              "[default: $QUOTES_STANZA_URL, else Stanza's hub]")
def models_download(lang, directory, url):
    """Download the Stanza models (tokenize, mwt, pos, lemma, depparse, ner).

    Shows each file with a progress bar; files already downloaded are kept.
    """
    from quotes.nlp import models as stanza_models

    stanza_models.require_stanza()
    target = stanza_models.model_dir(directory)
    source = stanza_models.resources_url(url)
    click.echo(f"Downloading Stanza {stanza_models.language_name(lang)} models "
               f"({stanza_models.PROCESSORS}) from {source} to {target}", err=True)
    files = stanza_models.download(target, lang, source)
    size = sum(f.size or 0 for f in files) / 1e6
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
    from quotes.nlp import models as stanza_models

    target = stanza_models.model_dir(directory)
    report = stanza_models.status(target, lang)
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
    from quotes.nlp import models as stanza_models

    target = stanza_models.model_dir(directory)
    report = stanza_models.status(target, lang)
    if as_json:
        click.echo(json.dumps(report["files"], indent=2))
        return
    if not report["files"]:
        click.echo(report["problem"], err=True)
    for file in report["files"]:
        size = f"{file['size'] / 1e6:7.1f} MB" if file["installed"] else "  missing "
        click.echo(f"{file['processor']:<15} {file['package']:<25} {size}  {file['path']}")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "-p", "--port", default=8001, show_default=True, type=click.IntRange(1, 65535)
)
@click.option(
    "--immutable",
    is_flag=True,
    help="Open the database read-only, as a file nothing changes (read-only media included): "
         "for a finished database. Implies --public.",
)
@click.option(
    "--public/--no-public",
    default=None,
    help="Publishing mode: no SQL typed in the address bar (the pages, their JSON and CSV and "
         "the ready-made queries stay), a time limit and 1,000 rows per answer, no whole-database "
         "download. The default with --immutable.",
)
@click.option("-o", "--open", "open_browser", is_flag=True, help="Open it in your web browser.")
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Datasette metadata (YAML or JSON) to use instead of the bundled quotes/web/metadata.yml.",
)
def serve(db_path, host, port, immutable, public, open_browser, metadata):
    """Browse the quotes database in your web browser, with Datasette.

    Search quotes, find speakers, see them over time and by outlet, follow them to
    their article, check claimed words, and export any list as JSON or CSV. Runs
    until you press Ctrl+C.

    \b
    quotes serve                        http://127.0.0.1:8001
    quotes serve --port 9000 --open     another port, opened in your browser
    quotes serve --db news.db --immutable --host 0.0.0.0   publish it
    """
    from quotes.web.serve import check_port, make_datasette, run, url

    datasette = make_datasette(db_path, immutable=immutable, metadata_path=metadata, public=public)
    check_port(host, port)
    mode = " (public: no SQL from the address bar)" if (immutable if public is None else public) else ""
    click.echo(f"Serving {db_path} at {url(host, port)}{mode} - press Ctrl+C to stop", err=True)
    run(datasette, host, port, open_browser)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print each article as a JSON object.")
@max_chars_option
def read(paths, as_json, max_chars):
    """Read articles from PATHS and list them, without looking for quotes.

    PATHS are files (.txt, .html, .jsonl, .json, .warc, .warc.gz), directories (read
    recursively), or - for JSON Lines on standard input. Prints one line per article:
    id, title and length; input that cannot be read (or longer than --max-chars) is
    reported on stderr, as is documentation passed over in a folder. Exits with
    status 1 if no article could be read.

    \b
    quotes read examples/
    quotes read crawl.warc.gz --json | head -1
    """
    import dataclasses
    import json

    from quotes.reading.corpus import Skipped, read_articles

    articles = 0
    for item in read_articles(paths, max_chars):
        if isinstance(item, Skipped):
            report_skips([item])
            continue
        articles += 1
        if as_json:
            click.echo(json.dumps(dataclasses.asdict(item), ensure_ascii=False))
        else:
            click.echo(f"{item.id}\t{item.title or '(no title)'}\t{len(item.text):,} characters")
    if not articles:
        raise SystemExit(1)


@cli.command()
@click.argument("claim")
@click.option("-s", "--speaker", help="Who the claim says spoke the words: is it theirs?")
@db_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "claimreview"]),
              default="text", show_default=True,
              help="text for people, json for scripts, claimreview for schema.org JSON-LD.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Show at most this many matches.")
@click.option("--types", "types", default="direct,indirect,mixed", show_default=True,
              help="Quote types to look at, comma-separated: direct, indirect, mixed, summary."
                   " Summaries (what a speech was about, not its words) are left out unless named.")
def check(claim, speaker, db_path, output_format, as_json, limit, types):
    """Look up claimed words: are they in the database, whose are they, where and when?

    Finds stored quotes holding the words even when the claim is a fragment,
    re-cased, re-punctuated, or has words changed or dropped, and labels each
    match: exact (the whole quote), fragment (part of it), altered (the wording
    differs: a word diff shows how) or related (shares the key words). Each
    match gives the speaker, who reported it, the cue, the article, its date,
    the sentence in context and how many articles carry the same words.

    Summaries ("called for the release of the prisoners": what a speech was
    about, not its words) are left out; --types direct,indirect,mixed,summary
    looks at them too.

    With --speaker, the verdict says whether the words are that speaker's:
    attributed, misattributed (they are someone else's: it says whose),
    unattributed (they are stored without a speaker) or not found.

    Exit status: 0 if the words are found (with --speaker: attributed),
    1 if not, 2 on errors. `quotes serve` offers the same check at /-/check.

    \b
    quotes check "stop hyping up the China threat theory"
    quotes check "benefit our two countries" --speaker "Joe Biden"
    quotes check "avoid misunderstandings" --json
    quotes check "benefit our two countries" --format claimreview
    quotes check "release of detained American citizens" --types direct,indirect,mixed,summary
    """
    from quotes.factcheck import check_claim, open_database

    if speaker is not None and not any(character.isalpha() for character in speaker):
        raise click.BadParameter(f"{speaker!r} names no one: a name has letters",
                                 param_hint="'--speaker'")
    conn = open_database(db_path)
    wanted = [name.strip() for name in types.split(",") if name.strip()]
    result = check_claim(conn, claim, speaker=speaker, limit=limit, types=wanted)
    if as_json or output_format == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif output_format == "claimreview":
        from quotes.factcheck.claimreview import claim_review

        click.echo(json.dumps(claim_review(result), ensure_ascii=False, indent=2))
    else:
        from quotes.factcheck.report import render

        click.echo(render(result))
    answered = result.verdict == "attributed" if speaker else result.found
    sys.exit(0 if answered else 1)
