"""How fast the store saves articles: `python benchmarks/bench_store.py [ARTICLES] [BATCH]`.

Articles are shuffled paragraphs of ../shared/samples/articles.jsonl (real English, so
the search index grows as it would; set QUOTES_SHARED to find `shared/` elsewhere), with
8 quotes each by 3,000 speakers. Measures a fresh save, a re-save, and `optimize()`.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from quotes.records import Article, Quote, Speaker
from quotes.store.database import DEFAULT_BATCH_SIZE, Store

SHARED = Path(os.environ.get("QUOTES_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SAMPLES = SHARED / "samples" / "articles.jsonl"


def paragraphs() -> list[str]:
    if not SAMPLES.exists():
        sys.exit(f"needs {SAMPLES}")
    with SAMPLES.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    return [p for text in texts for p in text.split("\n\n") if len(p) > 80]


def make_article(number: int, pool: list[str], rng: random.Random) -> tuple[Article, list[Quote]]:
    text = "\n\n".join(rng.sample(pool, 12))
    quotes = []
    for _ in range(8):
        start = rng.randrange(10, len(text) - 200)
        speaker = Speaker(f"Speaker {rng.randrange(3000)}", "person", role="official")
        quotes.append(
            Quote(
                type="direct",
                content=[(start, start + rng.randrange(30, 180))],
                cue=[(start - 10, start - 5)],
                cue_lemma="say",
                source=[],
                rule="benchmark",
                confidence=0.9,
                speaker=speaker,
            )
        )
    article = Article(id=f"article-{number}", text=text, published=f"2023-06-{number % 28 + 1:02d}")
    return article, quotes


def timed(label: str, count: int, work) -> None:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    rate = f", {count / seconds:,.0f} articles/s" if count else ""
    print(f"{label}: {seconds:.1f}s{rate}")


def main(count: int = 5000, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
    rng = random.Random(1)
    pool = paragraphs()
    items = [make_article(n, pool, rng) for n in range(count)]
    with tempfile.TemporaryDirectory() as directory, Store(Path(directory) / "q.db") as store:

        def save() -> None:
            store.save_many(items, batch_size)

        timed(f"save {count:,} (batches of {batch_size})", count, save)
        timed("save them again", count, save)
        timed("optimize", 0, store.optimize)
        print(store.counts())


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
