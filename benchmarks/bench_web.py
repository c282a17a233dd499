"""How fast the Datasette pages answer on a million quotes:
`python benchmarks/bench_web.py [--quotes 1000000] [--db PATH] [--runs 40] [--summaries 0.2]`.

Builds a synthetic database (benchmarks/synthetic.py) through `Store.save_many`, or reuses
the one at --db if it holds that many quotes (bringing its schema up to date), makes a
share of its quotes summaries (`--summaries`: the pages count them apart; real databases
hold about a quarter), then requests each page through Datasette's test client, `--runs`
times each after one warm-up, and prints the median and the 95th percentile. Exits with
status 1 if a page's p95 is over the budget (300 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

from synthetic import BUSY_SPEAKER, QUOTES_PER_ARTICLE, SEARCH_TERMS, Corpus

from quotes.errors import StoreError
from quotes.store.database import Store
from quotes.web.serve import make_datasette

BUDGET_MS = 300
T = TypeVar("T")
DEFAULT_QUOTES = 1_000_000


def build(path: Path, quotes: int) -> None:
    """Fill `path` with `quotes` synthetic quotes, showing progress, unless it has them."""
    if path.exists() and _count(path) == quotes:
        started = time.perf_counter()
        try:
            Store(path).close()  # brings the schema up to date
        except StoreError as error:
            print(f"reusing {path} ({quotes:,} quotes) as it is: the store cannot open it ({error})")
            return
        print(f"reusing {path} ({quotes:,} quotes; schema up to date in {time.perf_counter() - started:,.0f}s)")
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    articles = quotes // QUOTES_PER_ARTICLE
    started = time.perf_counter()
    with Store(path) as store:
        store.save_many(_progress(Corpus().articles(articles), articles, started), 500)
        store.optimize()
    print(f"built {path} in {time.perf_counter() - started:,.0f}s: {_count(path):,} quotes")


def _progress(items: Iterator[T], total: int, started: float) -> Iterator[T]:
    for number, item in enumerate(items, 1):
        yield item
        if number % 1000 == 0 or number == total:
            rate = number / (time.perf_counter() - started)
            end = "\n" if number == total else ""
            print(f"\r{number:,} / {total:,} articles, {rate:,.0f}/s", end=end, file=sys.stderr)


def add_summaries(path: Path, share: float) -> None:
    """Make about `share` of the quotes summaries (every n-th indirect quote by id), in a
    database that holds none, keeping the store's counts by type right."""
    with closing(sqlite3.connect(path)) as conn, conn:
        if conn.execute("SELECT count(*) FROM quotes WHERE type = 'summary'").fetchone()[0] or share <= 0:
            return
        indirect = conn.execute("SELECT count(*) FROM quotes WHERE type = 'indirect'").fetchone()[0]
        total = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        every = max(1, round(indirect / (share * total)))
        conn.execute("UPDATE quotes SET type = 'summary' WHERE type = 'indirect' AND id % ? = 0", [every])
        conn.execute("DELETE FROM quote_counts WHERE facet = 'type'")
        conn.execute("INSERT INTO quote_counts (facet, value, count) SELECT 'type', type, count(*) FROM quotes GROUP BY type")
        summaries = conn.execute("SELECT count FROM quote_counts WHERE facet = 'type' AND value = 'summary'").fetchone()[0]
    print(f"made {summaries:,} quotes summaries")


def _count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        try:
            return conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        except sqlite3.Error:
            return 0


def pages(path: Path, rng: random.Random) -> dict[str, list[str]]:
    """Page name -> the paths to request (one is picked at random on each run)."""
    name = path.stem
    with closing(sqlite3.connect(path)) as conn:
        busy = conn.execute(
            "SELECT id, quote_count FROM speakers WHERE name = ?", [BUSY_SPEAKER.name]
        ).fetchone()
        articles = rng.sample([row[0] for row in conn.execute("SELECT id FROM articles")], 200)
        quote_ids = rng.sample([row[0] for row in conn.execute("SELECT id FROM quotes")], 200)
        claims = [claim_from(text) for (text,) in conn.execute(
            "SELECT text FROM quotes WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(quote_ids[:50])]
        )]  # fmt: skip
        hits = {
            term: conn.execute(
                "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [term]
            ).fetchone()[0]
            for term in SEARCH_TERMS
        }
        common = max(SEARCH_TERMS, key=hits.get)
        indirect = conn.execute(
            "SELECT count(*) FROM quotes WHERE type = 'indirect' AND id IN"
            " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [common]
        ).fetchone()[0]
    searches = {
        f"search, {hits[term]:,} hits": [f"/{name}/quotes_view?_search={term}"]
        for term in SEARCH_TERMS
    }
    searches[f"search, indirect, {indirect:,} hits"] = [
        f"/{name}/quotes_view?_search={common}&type=indirect"
    ]
    rare = min(SEARCH_TERMS, key=hits.get)
    return {
        "home": ["/"],
        **searches,
        f"search, {hits[common]:,} hits, by relevance": [f"/{name}/quotes_view?_search={common}&_sort=relevance"],
        "search of a name (speaker offered)": [f"/{name}/quotes_view?_search=Kowalczyk"],
        "search of operators only": [f"/{name}/quotes_view?_search=OR+NOT"],
        f"speaker, {busy[1]:,} quotes": [f"/{name}/speakers/{busy[0]}"],
        "article": [f"/{name}/articles/{article}" for article in articles],
        "quote (with the same words elsewhere)": [f"/{name}/quotes/{quote}" for quote in quote_ids],
        "all quotes, unfiltered": [f"/{name}/quotes_view"],
        "all quotes, page 300": [f"/{name}/quotes_view?_next=9000"],
        "listing of that speaker": [f"/{name}/quotes_view?speaker_id={busy[0]}"],
        "quotes of one month": [f"/{name}/quotes_view?from=2023-06&to=2023-06"],
        "quotes of a year, one type": [f"/{name}/quotes_view?year=2023&type=direct"],
        "quotes and summaries, unfiltered": [f"/{name}/quotes_view?_include=hidden"],
        "that speaker's quotes and summaries": [f"/{name}/quotes_view?speaker_id={busy[0]}&_include=hidden"],
        "speakers, most quoted first": [f"/{name}/speakers"],
        "speakers named": [f"/{name}/speakers?q=kowal", f"/{name}/speakers?q=marta"],
        "speakers, one kind": [f"/{name}/speakers?kind=anonymous"],
        "articles, newest first": [f"/{name}/articles"],
        "articles searched": [f"/{name}/articles?q={rare}"],
        "check page": [f"/-/check?{urlencode({'claim': claim})}" for claim in claims],
        "check JSON": [f"/-/check.json?{urlencode({'claim': claim})}" for claim in claims],
        "check JSON, summaries included": [
            f"/-/check.json?{urlencode({'claim': claim, 'types': 'direct,indirect,mixed,summary'})}" for claim in claims
        ],
        "ready-made: quotes by a speaker": [f"/{name}/quotes_by_speaker?name=Kowalczyk"],
        "a bad parameter (400 page)": [f"/{name}/quotes_view?_sort=nonexistent"],
    }


def claim_from(text: str) -> str:
    """Six words cut from a stored quote, as a fact-checker would paste them."""
    words = text.split()
    start = len(words) // 3
    return " ".join(words[start:start + 6]).strip("\u201c\u201d\"")


async def measure(datasette, paths: list[str], runs: int, rng: random.Random) -> list[float]:
    """Milliseconds per request, after one warm-up request."""
    await datasette.client.get(paths[0])
    times = []
    for _ in range(runs):
        path = rng.choice(paths)
        started = time.perf_counter()
        response = await datasette.client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != (400 if "_sort=nonexistent" in path else 200):
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


async def run(path: Path, runs: int) -> bool:
    rng = random.Random(1)
    datasette = make_datasette(str(path))
    await datasette.invoke_startup()
    within_budget = True
    print(f"{'page':<40} {'median':>8} {'p95':>8}")
    for page, paths in pages(path, rng).items():
        times = await measure(datasette, paths, runs, rng)
        slow = p95(times) > BUDGET_MS
        within_budget &= not slow
        print(f"{page:<40} {statistics.median(times):>6.0f}ms {p95(times):>6.0f}ms"
              + ("  over budget" if slow else ""))
    return within_budget


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=DEFAULT_QUOTES)
    parser.add_argument("--db", type=Path, help="build or reuse this database (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--summaries", type=float, default=0.2, help="share of quotes made summaries (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = args.db or Path(directory) / "quotes.db"
        build(path, args.quotes)
        add_summaries(path, args.summaries)
        within_budget = asyncio.run(run(path, args.runs))
    sys.exit(0 if within_budget else 1)


if __name__ == "__main__":
    main()
