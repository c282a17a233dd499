"""How well and how fast speakers are resolved: `python benchmarks/bench_speakers.py`.

Runs the extraction pipeline (spaCy engine) on

- the articles of `speakers_gold.jsonl` (beside this file): 17 articles of
  ../shared/samples/articles.jsonl and the bundled seed article, whose quotes were
  annotated by hand with the mention and the resolved speaker's name (the file holds
  offsets and names only; the texts are read from ../shared and tests/fixtures);
- PolNeAR dev (../shared/eval/polnear_dev.jsonl), which marks only the mention;

scores both with ../shared/eval/score.py and prints the figures, with the time the
parser, detection and resolution took. Set QUOTES_SHARED to find `shared/` elsewhere;
`--skip-polnear` leaves PolNeAR out (it takes a minute).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotes.detection.detect import find_quotes
from quotes.detection.quotemarks import find_quotations
from quotes.nlp import load_engine
from quotes.records import Article
from quotes.speakers.resolve import PRONOUNS, resolve_speakers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("QUOTES_SHARED") or next(
    (parent / "shared" for parent in ROOT.parents if (parent / "shared").is_dir()), ROOT.parent / "shared"))
GOLD = HERE / "speakers_gold.jsonl"
SAMPLES = SHARED / "samples" / "articles.jsonl"
POLNEAR_DEV = SHARED / "eval" / "polnear_dev.jsonl"
SCORER = SHARED / "eval" / "score.py"
BUNDLED = {"seed-blinken-china-2023-06-19": ROOT / "tests" / "fixtures" / "seed-blinken-china-2023-06-19.txt"}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_with_texts() -> list[dict]:
    """The speaker gold, each article with its text, checked against the annotated hash."""
    texts = {doc["id"]: doc["text"] for doc in read_jsonl(SAMPLES)}
    texts.update({key: path.read_text(encoding="utf-8") for key, path in BUNDLED.items()})
    docs = []
    for doc in read_jsonl(GOLD):
        text = texts[doc["id"]]
        if hashlib.sha256(text.encode()).hexdigest() != doc["text_sha256"]:
            sys.exit(f"{doc['id']}: the text differs from the one annotated in {GOLD.name}")
        docs.append({**doc, "text": text})
    return docs


class Timings:
    def __init__(self) -> None:
        self.parse = self.detect = self.resolve = 0.0


def predict(docs: list[dict], engine, timings: Timings) -> tuple[list[dict], list[str]]:
    """Prediction lines for score.py, and every speaker name that is a bare pronoun."""
    articles = [Article(doc["id"], doc["text"]) for doc in docs]
    started = time.perf_counter()
    parsed = list(engine.parse(article.text for article in articles))
    timings.parse += time.perf_counter() - started
    predictions, pronouns = [], []
    for article, doc in zip(articles, parsed, strict=False):
        started = time.perf_counter()
        quotations = find_quotations(article.text)
        quotes = find_quotes(doc, quotations, article.ignored)
        timings.detect += time.perf_counter() - started
        started = time.perf_counter()
        resolve_speakers(doc, quotes, quotations)
        timings.resolve += time.perf_counter() - started
        lines = []
        for quote in quotes:
            name = quote.speaker.name if quote.speaker else None
            if name and name.lower() in PRONOUNS:
                pronouns.append(f"{article.id}: {name}")
            lines.append({"content": quote.content, "source": quote.source, "cue": quote.cue,
                          "speaker": name})
        predictions.append({"id": article.id, "quotes": lines})
    return predictions, pronouns


def score(gold: list[dict], predictions: list[dict], subset: str) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        gold_path, pred_path = Path(directory) / "gold.jsonl", Path(directory) / "pred.jsonl"
        for path, rows in ((gold_path, gold), (pred_path, predictions)):
            path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        out = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(pred_path),
                              "--subset", subset, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["measures"]


def report(label: str, measures: dict, figures: tuple[str, ...]) -> None:
    print(f"\n{label}")
    print(f"  {'measure':8} {'P':>6} {'R':>6} {'F1':>6} " + " ".join(f"{f:>8}" for f in figures))
    for name in ("ggt@0.3", "tok@0.5", "exact"):
        m = measures[name]
        values = " ".join(f"{m[f + '_acc']!s:>8}" for f in figures)
        print(f"  {name:8} {m['P']:6} {m['R']:6} {m['F1']:6} {values}")
    counts = measures["ggt@0.3"]["counts"]
    print(f"  (ggt@0.3: {counts['tp_gold']} of {counts['gold']} gold quotes matched; "
          f"speaker judged on {counts['spk_n']}, source on {counts['src_n']})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-polnear", action="store_true", help="score the speaker gold only")
    args = parser.parse_args(argv)
    for path in (SAMPLES, SCORER):
        if not path.exists():
            sys.exit(f"needs {path} (set QUOTES_SHARED to the shared/ folder)")
    engine = load_engine("spacy")
    timings = Timings()
    gold = gold_with_texts()
    predictions, pronouns = predict(gold, engine, timings)
    quotes = sum(len(doc["quotes"]) for doc in gold)
    report(f"Speaker gold: {len(gold)} articles, {quotes} annotated quotes (all cues)",
           score(gold, predictions, "all"), ("source", "speaker"))
    print(f"  predicted speakers that are bare pronouns: {len(pronouns)}"
          + (f" ({', '.join(pronouns)})" if pronouns else ""))
    if not args.skip_polnear and POLNEAR_DEV.exists():
        polnear = read_jsonl(POLNEAR_DEV)
        predictions, _ = predict(polnear, engine, timings)
        report(f"PolNeAR dev: {len(polnear)} articles, speech cues (mention only)",
               score(polnear, predictions, "speech"), ("source", "cue"))
    print(f"\nTime: parse {timings.parse:.1f}s, detect {timings.detect:.2f}s, "
          f"resolve {timings.resolve:.2f}s = {100 * timings.resolve / timings.parse:.1f}% of the parse")


if __name__ == "__main__":
    main()
