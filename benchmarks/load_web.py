"""The published site under load: `python benchmarks/load_web.py [--db PATH] [--quotes N]
[--clients 8] [--requests 2000]`.

Starts `quotes serve --immutable` (publishing mode) on a free port of 127.0.0.1, then
`--clients` threads send `--requests` requests in all, each to a page picked at random
among the home page, a quote search, a quote page and `/-/check.json`, and prints the
median, 95th percentile and slowest answer of each kind and of all, and the number of
errors (a status other than 200, or no answer). Exits with status 1 if the p95 of all is
over the budget (300 ms) or any request failed. The database is built as bench_web.py
builds it (synthetic, `--quotes`, default 1,000,000), or reused at --db. Traffic goes to
127.0.0.1 only, and stops after the requests are sent.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode

from bench_web import DEFAULT_QUOTES, build, claim_from
from synthetic import SEARCH_TERMS

BUDGET_MS = 300
REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 30


def addresses(path: Path, rng: random.Random) -> dict[str, list[str]]:
    """Kind of page -> addresses to pick from."""
    name = path.stem
    with closing(sqlite3.connect(path)) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM quotes ORDER BY random() LIMIT 300")]
        texts = [row[0] for row in conn.execute(
            "SELECT text FROM quotes WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids[:100])]
        )]  # fmt: skip
    return {
        "home": ["/"],
        "search": [f"/{name}/quotes_view?{urlencode({'_search': term})}" for term in SEARCH_TERMS],
        "quote page": [f"/{name}/quotes/{quote_id}" for quote_id in ids],
        "check.json": [f"/-/check.json?{urlencode({'claim': claim_from(text)})}" for text in texts],
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "quotes", "serve", "--db", str(db), "--immutable", "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"quotes serve exited with {server.returncode}: {server.stderr.read() if server.stderr else ''}")
        try:
            with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=5)) as conn:
                conn.request("GET", "/")
                if conn.getresponse().status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("quotes serve did not answer within 60 s")


def client(port: int, jobs: list[tuple[str, str]], results: list, lock: threading.Lock) -> None:
    """Send `jobs` (kind, address) one after the other on one kept-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    for kind, address in jobs:
        started = time.perf_counter()
        try:
            conn.request("GET", address)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((kind, elapsed, ok))
    conn.close()


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def report(results: list[tuple[str, float, bool]], wall: float) -> tuple[float, int]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for kind, elapsed, ok in results:
        by_kind[kind].append(elapsed)
        errors[kind] += not ok
    print(f"{'page':<14} {'requests':>8} {'median':>8} {'p95':>8} {'max':>8} {'errors':>7}")
    for kind, times in sorted(by_kind.items()):
        print(f"{kind:<14} {len(times):>8} {statistics.median(times):>6.0f}ms {p95(times):>6.0f}ms"
              f" {max(times):>6.0f}ms {errors[kind]:>7}")  # fmt: skip
    everything = [elapsed for _, elapsed, _ in results]
    total_errors = sum(errors.values())
    print(f"{'all':<14} {len(everything):>8} {statistics.median(everything):>6.0f}ms {p95(everything):>6.0f}ms"
          f" {max(everything):>6.0f}ms {total_errors:>7}")  # fmt: skip
    print(f"{len(everything) / wall:.0f} requests/s over {wall:.1f} s")
    return p95(everything), total_errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="build or reuse this database (default: a temporary one)")
    parser.add_argument("--quotes", type=int, default=DEFAULT_QUOTES)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as directory:
        db = args.db or Path(directory) / "quotes.db"
        build(db, args.quotes)
        pages = addresses(db, rng)
        jobs = [(kind, rng.choice(pages[kind])) for kind in rng.choices(list(pages), k=args.requests)]
        port = free_port()
        server = start_server(db, port)
        try:
            results: list[tuple[str, float, bool]] = []
            lock = threading.Lock()
            threads = [
                threading.Thread(target=client, args=(port, jobs[number::args.clients], results, lock))
                for number in range(args.clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"{args.clients} clients, {args.requests:,} requests, {db}")
    slowest, errors = report(results, wall)
    sys.exit(0 if slowest <= BUDGET_MS and errors == 0 else 1)


if __name__ == "__main__":
    main()
