"""Extraction quality and speed on annotated news: `python benchmarks/bench_extraction.py`.

Parses every document of the gold file once (timed), then extracts quotes in two
configurations (timed): the default (speech cues) scored on the gold quotes with a
speech cue, and all cue classes (speech, cognition, evidential) scored on every gold
quote. Prints precision, recall and F1 for each measure, source and cue accuracy, words
per second, and extraction time as a share of parsing time.

    python benchmarks/bench_extraction.py                       # PolNeAR dev
    python benchmarks/bench_extraction.py --gold my-gold.jsonl --engine stanza
    python benchmarks/bench_extraction.py --markdown            # the README table
    python benchmarks/bench_extraction.py --rules-only          # without the learned filter

The figures come from `quotes.evaluate`; when the project's reference scorer
(`../shared/eval/score.py`) is there, it scores the same predictions and its figures
are printed instead, with any difference from ours flagged. Set QUOTES_SHARED to find
`shared/` elsewhere.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotes.evaluation import read_gold, score
from quotes.nlp import load_engine
from quotes.pipeline.extract import article_json, extract_document
from quotes.records import Article


def _shared() -> Path:
    """$QUOTES_SHARED, else the nearest `shared/` beside an ancestor of this file."""
    if "QUOTES_SHARED" in os.environ:
        return Path(os.environ["QUOTES_SHARED"])
    for parent in Path(__file__).resolve().parents[1:]:
        if (parent / "shared" / "eval").is_dir():
            return parent / "shared"
    return Path(__file__).resolve().parents[2] / "shared"


SHARED = _shared()
DEV = SHARED / "eval" / "polnear_dev.jsonl"
REFERENCE_SCORER = SHARED / "eval" / "score.py"
CONFIGURATIONS = (("speech", ("speech",)), ("all", ("speech", "cognition", "evidential")))
SHOWN = ("ggt@0.3", "ggt@0.8", "tok@0.5", "exact")
WORD = re.compile(r"\w+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(DEV), help="gold JSON Lines file or brat folder")
    parser.add_argument("--engine", default="spacy", choices=("spacy", "stanza"))
    parser.add_argument("--markdown", action="store_true", help="print the figures as a Markdown table")
    parser.add_argument("--rules-only", action="store_true",
                        help="switch off the learned quote filter (quotes/quote_filter.py)")
    parser.add_argument("--save", metavar="DIR", help="keep the predictions of each configuration in DIR")
    args = parser.parse_args()
    if not Path(args.gold).exists():
        sys.exit(f"needs {args.gold} (set QUOTES_SHARED or pass --gold)")

    gold = read_gold(args.gold)
    engine = load_engine(args.engine)
    started = time.perf_counter()
    docs = list(engine.parse(doc.text for doc in gold))
    parse_seconds = time.perf_counter() - started
    words = sum(len(WORD.findall(doc.text)) for doc in gold)

    rows, timings = [], {}
    for subset, classes in CONFIGURATIONS:
        started = time.perf_counter()
        predictions = {}
        for gold_doc, doc in zip(gold, docs, strict=False):
            article = Article(gold_doc.id, gold_doc.text)
            predictions[gold_doc.id] = article_json(article, extract_document(
                article, doc, classes, learned_filter=not args.rules_only))["quotes"]
        timings[subset] = time.perf_counter() - started
        figures = {name: f.as_dict() for name, f in score(gold, predictions, subset).items()}
        reference = reference_figures(args.gold, predictions, subset)
        if args.save:
            save(Path(args.save) / f"predictions-{subset}.jsonl", predictions)
        rows.append((subset, classes, reference or figures, figures if reference else None))

    print(f"{len(gold)} documents, {words:,} words; engine {args.engine}")
    print(f"parse {parse_seconds:.1f}s ({words / parse_seconds:,.0f} words/s); extraction "
          + ", ".join(f"{subset} {seconds:.2f}s ({100 * seconds / parse_seconds:.1f}% of parsing)"
                      for subset, seconds in timings.items())
          + f"; end to end {words / (parse_seconds + timings['speech']):,.0f} words/s")
    print(markdown(rows) if args.markdown else plain(rows))
    return 0


def reference_figures(gold_path: str, predictions: dict, subset: str) -> dict | None:
    """Figures from the project's reference scorer on the same predictions, if it is there."""
    if not REFERENCE_SCORER.exists() or Path(gold_path).is_dir():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        save_lines(out, predictions)
    try:
        result = subprocess.run([sys.executable, str(REFERENCE_SCORER), gold_path, out.name,
                                 "--subset", subset, "--json"], capture_output=True, text=True, check=True)
    finally:
        os.unlink(out.name)
    return json.loads(result.stdout)["measures"]


def save(path: Path, predictions: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        save_lines(out, predictions)


def save_lines(out, predictions: dict) -> None:
    for doc_id, quotes in predictions.items():
        out.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False) + "\n")


def plain(rows) -> str:
    lines = []
    for subset, classes, figures, ours in rows:
        lines.append(f"\n--cue-classes {','.join(classes)}, scored on --subset {subset}"
                     + (" (reference scorer)" if ours else ""))
        lines.append(f"{'measure':<8} {'P':>6} {'R':>6} {'F1':>6} {'source':>7} {'cue':>6}")
        for name in SHOWN:
            f = figures[name]
            flag = ""
            if ours and (ours[name]["F1"], ours[name]["P"]) != (f["F1"], f["P"]):
                flag = f"   (quotes evaluate: P {ours[name]['P']} R {ours[name]['R']} F1 {ours[name]['F1']})"
            lines.append(f"{name:<8} {f['P']:>6} {f['R']:>6} {f['F1']:>6} {f['source_acc']:>7} {f['cue_acc']:>6}{flag}")
    return "\n".join(lines)


def markdown(rows) -> str:
    lines = ["| cue classes | scored on | measure | P | R | F1 | source acc. | cue acc. |",
             "|---|---|---|---|---|---|---|---|"]
    for subset, classes, figures, _ in rows:
        for name in SHOWN:
            f = figures[name]
            lines.append(f"| {', '.join(classes)} | {subset} | {name} | {f['P']} | {f['R']} | "
                         f"**{f['F1']}** | {f['source_acc']} | {f['cue_acc']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
