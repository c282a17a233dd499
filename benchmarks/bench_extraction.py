"""Extraction quality and speed on annotated news: `python benchmarks/bench_extraction.py`.

Two gold sets, both scored by the project's reference scorer (`../shared/eval/score.py`)
on the same predictions:

1. PolNeAR dev (`../shared/eval/polnear_dev.jsonl`): every document parsed once
   (timed), then quotes extracted in two configurations (timed): the default (speech
   cues) scored on the gold quotes with a speech cue, and all cue classes (speech,
   cognition, evidential) scored on every gold quote. PolNeAR annotates what a speech
   was about as attributions too, so summaries are scored like any quote there.
2. Our own quote gold (`benchmarks/quotes_gold.jsonl`: every quote of the 40 sample
   articles of `../shared/samples/`, annotated under the guide in the README): precision
   and recall of the quotes (types direct, indirect and mixed; summaries left out on both
   sides with the scorer's `--exclude-types summary`), and for the gold summaries the
   share found and the share of those found that are typed `summary`.

Prints precision, recall and F1 for each measure, source and cue accuracy, words per
second, and extraction time as a share of parsing time.

    python benchmarks/bench_extraction.py                       # both gold sets
    python benchmarks/bench_extraction.py --markdown            # the README tables
    python benchmarks/bench_extraction.py --rules-only          # without the learned filter
    python benchmarks/bench_extraction.py --gold my-gold.jsonl --engine stanza
    python benchmarks/bench_extraction.py --cache /tmp/parses   # keep the parses for next time
    python benchmarks/bench_extraction.py --missed              # list the own gold records missed

When the reference scorer is missing, `quotes.evaluation` scores instead. Set
QUOTES_SHARED to find `shared/` elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotes.evaluation import read_gold, score
from quotes.evaluation.gold import GoldDocument
from quotes.nlp import load_engine
from quotes.pipeline.extract import article_json, extract_document
from quotes.reading.furniture import find_furniture
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
HERE = Path(__file__).resolve().parent
OWN_GOLD = HERE / "quotes_gold.jsonl"
SAMPLES = SHARED / "samples" / "articles.jsonl"
SEED = HERE.parent / "tests" / "fixtures" / "seed-blinken-china-2023-06-19.txt"
CONFIGURATIONS = (("speech", ("speech",)), ("all", ("speech", "cognition", "evidential")))
SHOWN = ("ggt@0.3", "ggt@0.8", "tok@0.5", "exact")
WORD = re.compile(r"\w+")
COVERED = 0.3
"""A gold summary is found when a prediction covers more than this share of its characters."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(DEV), help="gold JSON Lines file or brat folder (PolNeAR dev)")
    parser.add_argument("--own-gold", default=str(OWN_GOLD), help="our quote gold (offsets only; texts from shared/)")
    parser.add_argument("--engine", default="spacy", choices=("spacy", "stanza"))
    parser.add_argument("--markdown", action="store_true", help="print the figures as Markdown tables")
    parser.add_argument("--rules-only", action="store_true",
                        help="switch off the learned quote filter (quotes/detection/quote_filter.py)")
    parser.add_argument("--save", metavar="DIR", help="keep the predictions of each configuration in DIR")
    parser.add_argument("--cache", metavar="DIR", help="keep the parsed documents in DIR for the next run")
    parser.add_argument("--missed", action="store_true",
                        help="list the own gold records missed (no prediction covers them) or typed otherwise")
    args = parser.parse_args()
    if not Path(args.gold).exists():
        sys.exit(f"needs {args.gold} (set QUOTES_SHARED or pass --gold)")

    engine = load_engine(args.engine)
    gold = read_gold(args.gold)
    docs, parse_seconds = parsed(engine, gold, args.cache, args.engine)
    words = sum(len(WORD.findall(doc.text)) for doc in gold)

    rows, timings = [], {}
    predict(gold[:1], docs[:1], CONFIGURATIONS[-1][1], not args.rules_only, furniture=False)  # load the filter once
    for subset, classes in CONFIGURATIONS:
        started = time.perf_counter()
        predictions = predict(gold, docs, classes, not args.rules_only, furniture=False)
        timings[subset] = time.perf_counter() - started
        figures = {name: f.as_dict() for name, f in score(gold, predictions, subset).items()}
        reference = reference_figures(args.gold, predictions, ["--subset", subset])
        if args.save:
            save(Path(args.save) / f"predictions-{subset}.jsonl", predictions)
        rows.append((subset, classes, reference or figures, figures if reference else None))

    print(f"{len(gold)} documents, {words:,} words; engine {args.engine}")
    if parse_seconds is not None:
        print(f"parse {parse_seconds:.1f}s ({words / parse_seconds:,.0f} words/s); extraction "
              + ", ".join(f"{subset} {seconds:.2f}s ({100 * seconds / parse_seconds:.1f}% of parsing)"
                          for subset, seconds in timings.items())
              + f"; end to end {words / (parse_seconds + timings['speech']):,.0f} words/s")
    else:
        print("parses read from the cache: run without --cache for the parsing time")
    print(markdown(rows) if args.markdown else plain(rows))

    own = own_gold(Path(args.own_gold))
    if own is None:
        print(f"\n(own quote gold skipped: needs {args.own_gold} and {SAMPLES})")
        return 0
    own_docs, _ = parsed(engine, own, args.cache, args.engine, name="own")
    predictions = predict(own, own_docs, ("speech",), not args.rules_only, furniture=True)
    if args.save:
        save(Path(args.save) / "predictions-own.jsonl", predictions)
    print(own_report(own, predictions, args.markdown))
    if args.missed:
        print("\n".join(missed(own, predictions)))
    return 0


def parsed(engine, gold: list[GoldDocument], cache: str | None, engine_name: str, name: str = "polnear"):
    """The parsed documents and the parsing time (None when read from the cache)."""
    key = hashlib.sha256("\n".join(doc.text for doc in gold).encode()).hexdigest()[:16]
    path = Path(cache) / f"{name}-{engine_name}-{key}.pickle" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle), None
    started = time.perf_counter()
    docs = list(engine.parse(doc.text for doc in gold))
    seconds = time.perf_counter() - started
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(docs, handle)
    return docs, seconds


def predict(gold: list[GoldDocument], docs, classes: tuple[str, ...], learned_filter: bool,
            furniture: bool) -> dict[str, list[dict]]:
    """The `quotes extract` output for each gold document. Our own gold's articles are read
    as `quotes` reads them, page furniture marked; PolNeAR's texts are scored as given."""
    predictions = {}
    for gold_doc, doc in zip(gold, docs, strict=False):
        article = Article(gold_doc.id, gold_doc.text,
                          ignored=find_furniture(gold_doc.text) if furniture else [])
        predictions[gold_doc.id] = article_json(article, extract_document(
            article, doc, classes, learned_filter=learned_filter))["quotes"]
    return predictions


def own_gold(path: Path) -> list[GoldDocument] | None:
    """Our quote gold with the texts it was annotated on (checked by their hash)."""
    if not path.exists() or not SAMPLES.exists() or not SEED.exists():
        return None
    with SAMPLES.open(encoding="utf-8") as lines:
        texts = {doc["id"]: doc["text"] for doc in map(json.loads, lines) if doc}
    texts[SEED.stem] = SEED.read_text(encoding="utf-8")
    docs = []
    with path.open(encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            text = texts[record["id"]]
            if hashlib.sha256(text.encode()).hexdigest() != record["text_sha256"]:
                sys.exit(f"{record['id']}: the text differs from the one the gold was annotated on")
            docs.append(GoldDocument(record["id"], text, record["quotes"]))
    return docs


def own_report(gold: list[GoldDocument], predictions: dict, as_markdown: bool) -> str:
    """Quotes (direct, indirect, mixed) by the reference scorer, and the summaries."""
    quotes_only = [GoldDocument(d.id, d.text, [q for q in d.quotes if q["type"] != "summary"]) for d in gold]
    figures = reference_figures_of(quotes_only, predictions, ["--exclude-types", "summary"])
    if figures is None:
        kept = {k: [q for q in v if q["type"] != "summary"] for k, v in predictions.items()}
        figures = {name: f.as_dict() for name, f in score(quotes_only, kept, "all").items()}
    found, typed, total = summaries(gold, predictions)
    predicted, right = summary_precision(gold, predictions)
    n_quotes = sum(len(d.quotes) for d in quotes_only)
    title = (f"\nOwn quote gold: {len(gold)} articles, {n_quotes} quotes (direct, indirect, mixed)"
             f" and {total} summaries; default cue classes, summaries left out of the quote figures")
    lines = [title]
    if as_markdown:
        lines += ["| measure | P | R | F1 | source acc. | cue acc. |", "|---|---|---|---|---|---|"]
        lines += [f"| {name} | {figures[name]['P']} | {figures[name]['R']} | **{figures[name]['F1']}** | "
                  f"{figures[name]['source_acc']} | {figures[name]['cue_acc']} |" for name in SHOWN]
    else:
        lines.append(f"{'measure':<8} {'P':>6} {'R':>6} {'F1':>6} {'source':>7} {'cue':>6}  recall by type")
        lines += [f"{name:<8} {figures[name]['P']:>6} {figures[name]['R']:>6} {figures[name]['F1']:>6} "
                  f"{figures[name]['source_acc']:>7} {figures[name]['cue_acc']:>6}  "
                  f"{figures[name].get('recall_by_type', '')}" for name in SHOWN]
    lines.append(f"summaries: {found} of {total} gold summaries found ({percent(found, total)}),"
                 f" {typed} of those typed summary ({percent(typed, found)});"
                 f" {right} of {predicted} predicted summaries are annotated records ({percent(right, predicted)})")
    return "\n".join(lines)


def summaries(gold: list[GoldDocument], predictions: dict) -> tuple[int, int, int]:
    """Gold summaries found (a prediction covers more than 30% of them), those found whose
    best prediction is typed summary, and the gold summaries in all."""
    found = typed = total = 0
    for doc in gold:
        for quote in doc.quotes:
            if quote["type"] != "summary":
                continue
            total += 1
            best = best_cover(quote["content"], predictions.get(doc.id, []))
            if best is not None:
                found += 1
                typed += best["type"] == "summary"
    return found, typed, total


def missed(gold: list[GoldDocument], predictions: dict) -> list[str]:
    """One line per gold record that no prediction covers ("missed"), or whose best
    prediction has another type ("typed"): the gold type, its cue and words, and the
    prediction's type, cue lemma, rule and words."""
    lines = ["\nown gold records missed or typed otherwise (gold type | cue | words || prediction):"]
    for doc in gold:
        for quote in doc.quotes:
            best = best_cover(quote["content"], predictions.get(doc.id, []))
            if best is not None and best["type"] == quote["type"]:
                continue
            cue = " ".join(doc.text[s:e] for s, e in quote["cue"])
            words = " / ".join(doc.text[s:e] for s, e in quote["content"])
            found = "" if best is None else f" || {best['type']} {best['cue_lemma']} {best.get('rule', '')}: {best['text']}"
            lines.append(f"{doc.id}: {'typed' if best else 'missed'} {quote['type']} | {cue} | {words}{found}")
    return lines


def summary_precision(gold: list[GoldDocument], predictions: dict) -> tuple[int, int]:
    """Predicted summaries, and those whose content is over 30% of some gold record's."""
    predicted = right = 0
    for doc in gold:
        for prediction in predictions.get(doc.id, []):
            if prediction["type"] == "summary":
                predicted += 1
                right += any(coverage(q["content"], prediction["content"]) > COVERED for q in doc.quotes)
    return predicted, right


def best_cover(content: list, candidates: list[dict]) -> dict | None:
    scored = [(coverage(content, c["content"]), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s > COVERED]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def coverage(gold_spans: list, predicted_spans: list) -> float:
    gold = {i for s, e in gold_spans for i in range(s, e)}
    predicted = {i for s, e in predicted_spans for i in range(s, e)}
    return len(gold & predicted) / len(gold) if gold else 0.0


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def reference_figures(gold_path: str, predictions: dict, options: list[str]) -> dict | None:
    """Figures from the project's reference scorer on the same predictions, if it is there."""
    if not REFERENCE_SCORER.exists() or Path(gold_path).is_dir():
        return None
    return _run_scorer(gold_path, predictions, options)


def reference_figures_of(gold: list[GoldDocument], predictions: dict, options: list[str]) -> dict | None:
    """The reference scorer's figures against gold documents held in memory."""
    if not REFERENCE_SCORER.exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for doc in gold:
            out.write(json.dumps({"id": doc.id, "text": doc.text, "quotes": doc.quotes}, ensure_ascii=False) + "\n")
    try:
        return _run_scorer(out.name, predictions, options)
    finally:
        os.unlink(out.name)


def _run_scorer(gold_path: str, predictions: dict, options: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        save_lines(out, predictions)
    try:
        result = subprocess.run([sys.executable, str(REFERENCE_SCORER), gold_path, out.name, *options, "--json"],
                                capture_output=True, text=True, check=True)
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
        lines.append(f"\nPolNeAR: --cue-classes {','.join(classes)}, scored on --subset {subset}"
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
