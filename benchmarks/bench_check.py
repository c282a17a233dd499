"""How fast `quotes check` answers on a large database.

    python benchmarks/bench_check.py                      # 1,000,000 quotes in /tmp
    python benchmarks/bench_check.py --quotes 100000 --db /tmp/check-100k.db

Builds (or reuses) a database of synthetic quotes plus the real ones of the seed article,
all saved through `Store.save_many`, then prints the in-process look-up time (p50, p95,
max) over claims of every kind, and the wall time of the whole `quotes check` command.

Synthetic quotes are sentences from a word-bigram model of ../shared/samples/articles.jsonl
(real English word frequencies; set QUOTES_SHARED to find `shared/` elsewhere), with one
word in eight swapped for a made-up name from a long-tailed (Zipf) vocabulary of 100,000,
as news has (names, places, numbers). Ten quotes an article, by 20,000 speakers, dated
over ten years. Claims are runs of 6 to 14 words of stored quotes, re-cased and
re-punctuated, some with a word dropped, changed or misspelt, and made-up words.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from itertools import accumulate, pairwise
from pathlib import Path
from statistics import mean
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotes.factcheck import check_claim, open_database
from quotes.normalize import words
from quotes.records import Article, Quote, Speaker
from quotes.store.database import Store

SHARED = Path(os.environ.get("QUOTES_SHARED", REPO.parent / "shared"))
SAMPLES = SHARED / "samples" / "articles.jsonl"
SEED = REPO / "tests" / "fixtures" / "seed-blinken-china-2023-06-19.txt"
QUOTES_PER_ARTICLE = 10
SPEAKERS = 20_000
RARE_VOCABULARY = 100_000
NAME_RANK_OFFSET = 50
"""Zipf weights 1 / (rank + 50): the most common made-up name is in about 1% of quotes,
as the most quoted names are in news; without the offset it would be in a quarter."""
SYLLABLES = (
    "ba be bi bo ka ke ko la li lo ma me mi mo na ne no ra re ri ro sa se si ta te to va vi zu"
).split()

SEED_CLAIMS = [
    ("stop hyping up the China threat theory", None),
    ("benefit our two countries", "Joe Biden"),
    ("we are communicating as clearly as possible to avoid misunderstandings", None),
    ("the moon is made of cheese", None),
]


class Generator:
    """Sentences from a word-bigram model, with made-up names from a long-tailed vocabulary."""

    def __init__(self, texts: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.following: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in texts:
            for sentence in text.replace("\n", " ").split(". "):
                tokens = sentence.split()
                if len(tokens) < 4:
                    continue
                self.starts.append(tokens[0])
                for a, b in pairwise(tokens):
                    self.following[a].append(b)
        self.rare = [self.made_up_word() for _ in range(RARE_VOCABULARY)]
        weights = (1 / (rank + NAME_RANK_OFFSET) for rank in range(RARE_VOCABULARY))
        self.rare_weights = list(accumulate(weights))

    def made_up_word(self) -> str:
        word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
        return word.capitalize() if self.rng.random() < 0.5 else word

    def sentence(self) -> str:
        word = self.rng.choice(self.starts)
        tokens = [word]
        for _ in range(self.rng.randint(8, 40)):
            choices = self.following.get(word)
            if not choices:
                break
            word = self.rng.choice(choices)
            tokens.append(word)
        for index in range(len(tokens)):
            if self.rng.random() < 1 / 8:
                tokens[index] = self.rng.choices(self.rare, cum_weights=self.rare_weights)[0]
        return " ".join(tokens).rstrip(".,;:")


def synthetic_articles(count: int, generator: Generator, rng: random.Random
                       ) -> Iterator[tuple[Article, list[Quote]]]:
    """`count` articles of QUOTES_PER_ARTICLE direct quotes each: Name said: “...”."""
    for number in range(count):
        parts: list[str] = []
        quotes: list[Quote] = []
        position = 0
        for _ in range(QUOTES_PER_ARTICLE):
            name = f"Speaker {rng.randrange(SPEAKERS)}"
            lead = f"{name} said: \u201c"
            content = generator.sentence()
            start = position + len(lead)
            parts.append(f"{lead}{content}.\u201d\n\n")
            quotes.append(Quote(
                type="direct", content=[(start, start + len(content))],
                cue=[(position + len(name) + 1, position + len(name) + 5)], cue_lemma="say",
                source=[(position, position + len(name))], rule="benchmark", confidence=0.9,
                speaker=Speaker(name, "person"),
            ))
            position += len(parts[-1])
        year, day = 2014 + number % 10, number % 365
        published = time.strftime("%Y-%m-%d", time.strptime(f"{year} {day + 1}", "%Y %j"))
        yield Article(id=f"synthetic-{number}", text="".join(parts), title=f"Synthetic {number}",
                      url=f"https://example.org/synthetic/{number}", publisher="Synthetic News",
                      published=published), quotes


def seed_article() -> tuple[Article, list[Quote]]:
    """The seed article through the real pipeline (corpus reader, spaCy), as the tests build it."""
    from quotes.nlp import load_engine
    from quotes.pipeline.extract import extract_articles
    from quotes.reading.corpus import read_articles

    [(article, quotes)] = list(extract_articles(read_articles([str(SEED)]), load_engine("spacy")))
    return article, quotes


def build(path: Path, quotes: int) -> None:
    if not SAMPLES.exists():
        sys.exit(f"needs {SAMPLES} for realistic text (set QUOTES_SHARED)")
    texts = [json.loads(line)["text"] for line in SAMPLES.open(encoding="utf-8")]
    rng = random.Random(1)
    generator = Generator(texts, rng)
    articles = quotes // QUOTES_PER_ARTICLE
    started = time.perf_counter()
    with Store(path) as store:
        store.save(*seed_article())

        def progress() -> Iterator[tuple[Article, list[Quote]]]:
            for number, item in enumerate(synthetic_articles(articles, generator, rng), 1):
                if number % 10_000 == 0:
                    rate = number / (time.perf_counter() - started)
                    print(f"  {number * QUOTES_PER_ARTICLE:,} quotes ({rate:,.0f} articles/s)",
                          file=sys.stderr)
                yield item

        store.save_many(progress(), batch_size=1000)
        store.optimize()
        print(f"built {path} in {time.perf_counter() - started:.0f}s: {store.counts()}")


class Claim(NamedTuple):
    kind: str
    text: str
    speaker: str | None
    source: str | None
    """The stored quote the claim was made from."""


def claims(path: Path, count: int, rng: random.Random) -> list[Claim]:
    """Look-ups of every kind: fragments, altered and misspelt ones, unknown words."""
    conn = sqlite3.connect(path)
    highest = conn.execute("SELECT max(id) FROM quotes").fetchone()[0]
    found: list[Claim] = []
    while len(found) < count:
        row = conn.execute(
            "SELECT quotes.text, speakers.name FROM quotes JOIN speakers"
            " ON speakers.id = quotes.speaker_id WHERE quotes.id = ?", [rng.randrange(1, highest)],
        ).fetchone()
        if row is None or len(row[0].split()) < 16:
            continue
        text, speaker = row
        tokens = text.split()
        start = rng.randrange(0, len(tokens) - 14)
        window = tokens[start:start + rng.randint(6, 14)]
        kind = ["fragment", "dropped word", "changed word", "misspelt", "unknown"][len(found) % 5]
        if kind == "dropped word":
            del window[rng.randrange(1, len(window) - 1)]
        elif kind == "changed word":
            window[rng.randrange(1, len(window) - 1)] = rng.choice(tokens)
        elif kind == "misspelt":
            index = max(range(len(window)), key=lambda i: len(window[i]))
            window[index] = window[index][:-2] + window[index][-1] + window[index][-2]
        elif kind == "unknown":
            window = ["zyx" + rng.choice(SYLLABLES) * 3 for _ in window]
        claim = " ".join(words(" ".join(window)))  # re-cased, re-punctuated
        named = speaker if rng.random() < 0.25 else None
        found.append(Claim(kind, claim, named, None if kind == "unknown" else text))
    return found


def time_lookups(path: Path, count: int) -> None:
    conn = open_database(path)
    rng = random.Random(2)
    for claim, speaker in SEED_CLAIMS:  # warm-up and sanity check
        result = check_claim(conn, claim, speaker)
        top = result.matches[0] if result.matches else None
        print(f"  {claim!r}: {result.verdict}; {result.explanation}"
              + (f"; top match {top.label}" if top else ""))
    timings: dict[str, list[float]] = defaultdict(list)
    cpu: list[float] = []
    found: dict[str, list[bool]] = defaultdict(list)
    first: dict[str, list[bool]] = defaultdict(list)
    seed = [Claim("seed", claim, speaker, None) for claim, speaker in SEED_CLAIMS]
    for claim in claims(path, count, rng) + seed:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = check_claim(conn, claim.text, claim.speaker)
        timings[claim.kind].append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if claim.source:
            texts = [match.text for match in result.matches]
            found[claim.kind].append(claim.source in texts)
            first[claim.kind].append(texts[:1] == [claim.source])
    everything = [ms for values in timings.values() for ms in values]
    print(f"look-up, in process ({len(everything)} claims; 'source': the quote the claim was"
          " made from is among the matches, and is the first match):")
    for kind, values in [*timings.items(), ("all", everything)]:
        quality = ""
        if found[kind]:
            quality = (f"  source {mean(found[kind]):4.0%}, first {mean(first[kind]):4.0%}")
        print(f"  {kind:<13} p50 {percentile(values, 50):5.1f} ms"
              f"  p95 {percentile(values, 95):5.1f} ms  max {max(values):6.1f} ms{quality}")
    print(f"  CPU time      p50 {percentile(cpu, 50):5.1f} ms  p95 {percentile(cpu, 95):5.1f} ms"
          f"  max {max(cpu):6.1f} ms  (what the look-up costs when it has a CPU to itself;"
          f" load average now {os.getloadavg()[0]:.1f})")


def time_command(path: Path, runs: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    walls = []
    for index in range(runs):
        claim, speaker = SEED_CLAIMS[index % len(SEED_CLAIMS)]
        command = [sys.executable, "-m", "quotes", "check", claim, "--db", str(path)]
        if speaker:
            command += ["--speaker", speaker]
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=False)
        walls.append(time.perf_counter() - started)
    print(f"`quotes check` command, wall time ({runs} runs): p50 {percentile(walls, 50):.2f} s,"
          f" p95 {percentile(walls, 95):.2f} s, max {max(walls):.2f} s")


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=1_000_000, help="synthetic quotes to store")
    parser.add_argument("--db", type=Path,
                        help="database to build or reuse [/tmp/quotes-check-N.db]")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the database even if it exists")
    parser.add_argument("--claims", type=int, default=500, help="look-ups to time")
    parser.add_argument("--runs", type=int, default=20, help="`quotes check` commands to time")
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/quotes-check-{args.quotes}.db")
    if args.rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        build(path, args.quotes)
    time_lookups(path, args.claims)
    time_command(path, args.runs)


if __name__ == "__main__":
    main()
