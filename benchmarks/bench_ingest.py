"""How fast and how lean `quotes ingest` is, against spaCy and SQLite on their own.

    python benchmarks/bench_ingest.py [CORPUS.jsonl] [--workers N] [--limit N] [--repeat K]

CORPUS defaults to ../shared/eval/polnear_train.jsonl (840 articles, 625,000 words).
Everything is measured in this one run, because the machines are shared and noisy:

1. spaCy alone: `nlp.pipe(texts, n_process=N)` with the same model over the same texts,
   timed from its first text to its last document (model loading not counted).
2. `quotes ingest CORPUS --workers N` into a new database, timed as a whole command:
   start-up, reading, parsing, finding quotes, storing. The ratio of their words per
   second is the cost of everything that is ours. The CPU time of both process trees
   (start-up included for both) is printed too: on a busy machine it is the steadier
   figure.
3. Peak memory (RSS summed over the command and its worker processes, sampled every
   0.1 s) on the corpus, and on the corpus repeated K times (each copy a new article):
   it must not grow with the corpus.
4. Storing: what the one writer of an ingest does with the rows the workers send
   (`Store.save_rows`: numbering quotes and speakers, merging speakers, counts, full-text
   indexes), against `sqlite3.executemany` of the very rows it wrote into the same empty
   schema (same settings), then its full-text indexes filled in one
   statement each. Printed beside it: how fast the workers work the rows out from the
   records (`rows.article_rows`: words normalised for `quotes check`, spans as JSON,
   hashes, speaker keys), and `Store.save_many`, which does both in one process. Wall
   and CPU time, best of five runs each, interleaved; from the second run on, speaker
   names are normalised already (cached), as they are for recurring speakers in a long
   ingest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from peak_memory import PeakMemory

from quotes.pipeline.ingesting import COMMIT_ARTICLES
from quotes.records import Article, Quote, Speaker
from quotes.store import schema
from quotes.store.database import CACHE_KIB, Store
from quotes.store.rows import ArticleRows, article_rows

DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear_train.jsonl"
TABLES = ("articles", "speakers", "aliases", "quotes")
STORE_RUNS = 5

RAW_SPACY = """
import json, sys, time
import spacy
from quotes.nlp.spacy_engine import MODELS
path, processes = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines]
for name in MODELS:
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        pass
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes))
print(json.dumps({"seconds": time.perf_counter() - started, "tokens": tokens}))
"""


def main() -> None:
    options = arguments()
    corpus = Path(options.corpus)
    if not corpus.exists():
        sys.exit(f"{corpus} not found: give the path of a JSON Lines corpus")
    articles = read_corpus(corpus, options.limit)
    words = sum(len(item["text"].split()) for item in articles)
    print(f"corpus: {corpus.name}, {len(articles):,} articles, {words:,} words; "
          f"{options.workers} processes on {os.cpu_count()} cores")

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        source = write_jsonl(scratch / "corpus.jsonl", articles)

        raw = run_raw_spacy(source, options.workers)
        raw_rate = words / raw["seconds"]
        print(f"spaCy nlp.pipe alone:     {raw['seconds']:7.1f}s  {raw_rate:8,.0f} words/s"
              f"  (CPU {raw['cpu']:,.0f}s, start-up included)")

        db = scratch / "once.db"
        once = run_ingest(source, db, options.workers)
        rate = words / once["seconds"]
        print(f"quotes ingest:            {once['seconds']:7.1f}s  {rate:8,.0f} words/s"
              f"  = {rate / raw_rate:.2f} x spaCy alone (goal >= 0.8)"
              f"  (CPU {once['cpu']:,.0f}s = {raw['cpu'] / once['cpu']:.2f} x spaCy's words"
              f" per CPU second)")
        print(f"  {once['report']['articles']:,} articles, {once['report']['quotes']:,} quotes;"
              f" peak memory {once['peak'] / 2**20:,.0f} MB (goal <= 2,048 MB)")

        repeated = write_jsonl(scratch / "repeated.jsonl", copies(articles, options.repeat))
        more = run_ingest(repeated, scratch / "repeated.db", options.workers)
        print(f"quotes ingest x{options.repeat}:         {more['seconds']:7.1f}s  "
              f"{words * options.repeat / more['seconds']:8,.0f} words/s;"
              f" peak memory {more['peak'] / 2**20:,.0f} MB"
              f" ({more['peak'] / once['peak']:.2f} x the single corpus)")

        items = stored_records(db)
        quotes = sum(len(quotes) for _, quotes in items)
        runs: dict[str, list[dict]] = {"rows": [], "writer": [], "save_many": [], "plain": []}
        for run in range(STORE_RUNS):
            with Stopwatch() as stopwatch:
                prepared = [(article, article_rows(article, quotes)) for article, quotes in items]
            runs["rows"].append(stopwatch.times)
            stored = scratch / f"stored-{run}.db"
            runs["writer"].append(time_store(stored, prepared=prepared))
            runs["save_many"].append(time_store(scratch / f"whole-{run}.db", items=items))
            runs["plain"].append(time_executemany(stored, scratch / f"plain-{run}.db"))
        for clock in ("wall", "cpu"):
            best = {name: min(times[clock] for times in timed) for name, timed in runs.items()}
            print(f"storing {quotes:,} quotes, {clock} time, best of {STORE_RUNS}:"
                  f" sqlite3.executemany {quotes / best['plain']:,.0f} quotes/s;"
                  f" the writer (Store.save_rows) {quotes / best['writer']:,.0f} quotes/s"
                  f" = {best['plain'] / best['writer']:.2f} (goal >= 0.5);"
                  f" rows worked out (in the workers) {quotes / best['rows']:,.0f} quotes/s;"
                  f" both in one process (Store.save_many) {quotes / best['save_many']:,.0f}"
                  f" quotes/s = {best['plain'] / best['save_many']:.2f}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N articles.")
    parser.add_argument("--repeat", type=int, default=3, help="Copies for the memory check.")
    return parser.parse_args()


def read_corpus(path: Path, limit: int) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines]
    return [{"id": item["id"], "text": item["text"]} for item in items][: limit or None]


def copies(articles: list[dict], count: int) -> list[dict]:
    """`count` copies of every article, each copy a different article to the store."""
    return [{"id": f"{item['id']}#{copy}", "text": f"{item['text']}\n\n(Copy {copy}.)"}
            for copy in range(count) for item in articles]


def write_jsonl(path: Path, items: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as file:
        for item in items:
            file.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


def run_raw_spacy(corpus: Path, processes: int) -> dict:
    """spaCy's own time for nlp.pipe, and the CPU time of its whole process tree."""
    cpu = children_cpu()
    output = subprocess.run([sys.executable, "-c", RAW_SPACY, str(corpus), str(processes)],
                            check=True, capture_output=True, text=True, env=environment()).stdout
    return {**json.loads(output.strip().splitlines()[-1]), "cpu": children_cpu() - cpu}


def run_ingest(corpus: Path, db: Path, workers: int) -> dict:
    """Run `quotes ingest` as a user would; its wall time, CPU time, report, and peak RSS."""
    report = db.with_suffix(".json")
    cpu = children_cpu()
    command = [sys.executable, "-m", "quotes", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers), "--report", str(report), "--no-progress"]
    started = time.perf_counter()
    process = psutil.Popen(command, env=environment(), stderr=subprocess.PIPE, text=True)
    peak = PeakMemory(process)
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode:
        sys.exit(f"quotes ingest failed:\n{errors}")
    return {"seconds": seconds, "peak": peak.bytes, "cpu": children_cpu() - cpu,
            "report": json.loads(report.read_text())}


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_store(target: Path, *, prepared: list[tuple[Article, ArticleRows]] | None = None,
               items: list[tuple[Article, list[Quote]]] | None = None) -> dict:
    """Save into a new database, as ingest commits: rows `prepared` as the workers send
    them (what the writer does), or records `items` (rows worked out here too)."""
    with Store(target) as store, Stopwatch() as stopwatch:
        if prepared is not None:
            store.save_rows(prepared, batch_size=COMMIT_ARTICLES, fingerprint="benchmark")
        else:
            store.save_many(items, batch_size=COMMIT_ARTICLES, fingerprint="benchmark")
    return stopwatch.times


def time_executemany(source: Path, target: Path) -> dict:
    """Copy every row of `source` into the same empty schema with executemany, with the
    store's own settings (WAL, synchronous = NORMAL, its page cache)."""
    Store(target).close()
    with sqlite3.connect(source) as conn:
        rows = {table: conn.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES}
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    with Stopwatch() as stopwatch:
        conn.execute("BEGIN")
        for table in TABLES:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
        for table in schema.FULL_TEXT:
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    conn.close()
    return stopwatch.times


class Stopwatch:
    """Wall and CPU seconds of this process over a `with` block, in `times`."""

    def __enter__(self) -> Self:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.times = {"wall": time.perf_counter() - self._wall,
                      "cpu": time.process_time() - self._cpu}


def stored_records(db: Path) -> list[tuple[Article, list[Quote]]]:
    """The articles and quotes in a quotes database, as the records ingest stored."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    speakers = {}
    for row in conn.execute("SELECT id, name, kind, role, affiliation FROM speakers"):
        aliases = {a for (a,) in conn.execute(
            "SELECT alias FROM aliases WHERE speaker_id = ?", [row["id"]])}
        speakers[row["id"]] = Speaker(row["name"], row["kind"], row["role"], row["affiliation"],
                                      aliases)
    by_article: dict[str, list[Quote]] = {}
    for row in conn.execute("SELECT * FROM quotes ORDER BY id"):
        by_article.setdefault(row["article_id"], []).append(Quote(
            type=row["type"], content=spans(row["content"]), cue=spans(row["cue"]),
            cue_lemma=row["cue_lemma"], source=spans(row["source"]), rule=row["rule"],
            confidence=row["confidence"], cue_class=row["cue_class"], stance=row["stance"],
            speaker=speakers.get(row["speaker_id"]),
            reported_by=speakers.get(row["reported_by_id"])))
    items = [
        (Article(id=row["id"], text=row["text"], title=row["title"], url=row["url"],
                 publisher=row["publisher"], published=row["published"], author=row["author"],
                 path=row["source_path"], ignored=spans(row["ignored"])),
         by_article.get(row["id"], []))
        for row in conn.execute("SELECT * FROM articles ORDER BY rowid")
    ]
    conn.close()
    return items


def spans(value: str) -> list[tuple[int, int]]:
    return [tuple(span) for span in json.loads(value)]


def environment() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


if __name__ == "__main__":
    main()
