"""Train the learned quote filter (`quotes/detection/quote_filter.py`) on the PolNeAR train split.

    python benchmarks/train_quote_filter.py --cache /tmp/train_docs.pkl

What it does:

1. parses every article of `../shared/eval/polnear_train.jsonl` with spaCy (a quarter of
   an hour on two cores; `--cache FILE` keeps the parsed documents for the next run);
2. proposes quotes with the rules, every cue verb's arguments included
   (`extract.propose_quotes(..., every_object=True)`, what the filter sees at run time),
   once with the speech cues and once with all cue classes, and labels each proposal 1
   if it matches an annotated quote at ggt@0.3 (the matching of `quotes.evaluate`), else 0;
3. fits a logistic regression (L2, Newton's method, numpy) over `quote_filter.features`
   of the cue verbs' arguments in reported speech (`quote_filter.judged`; the other
   quotes are always kept) and picks the probability threshold by cross-validation over articles
   (`--folds`, default 5): the one with the best mean F1 of the two configurations,
   each scored the way `bench_extraction.py` scores it (speech cues on the speech-cue
   gold quotes, all cues on all of them);
4. prints the cross-validated precision, recall and F1 without and with the filter,
   then fits on the whole train split and writes the weights, the bias and the
   threshold to `quotes/detection/quote_filter.json` (or `--out`).

Never pass the dev split: it is for measuring (`benchmarks/bench_extraction.py`).

What it printed for the shipped weights (ggt@0.3 on the train split, 5 folds, each
quote scored against its own gold match, without rematching):

    filter             speech P   speech R   speech F      all P      all R      all F
    every proposal         79.3       84.7       81.9       71.6       68.7       70.1
    threshold 0.40         86.1       82.6       84.4       81.7       65.0       72.4

Training takes about a quarter of an hour once the documents are parsed (on a shared
2-core machine on 7 December 2026).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from quotes.detection.quote_filter import WEIGHTS, features, judged
from quotes.evaluation import read_gold
from quotes.evaluation.scoring import _Words, in_subset, match
from quotes.pipeline.extract import article_json, propose_quotes
from quotes.records import Article

sys.path.insert(0, str(Path(__file__).parent))
from bench_extraction import CONFIGURATIONS
from object_verbs import TRAIN, parsed

THRESHOLDS = [round(0.02 * n, 2) for n in range(36)]


@dataclass
class Candidate:
    """One quote the rules proposed, with what the scorer would make of it."""

    doc: int
    subset: str
    filtered: bool
    """Whether the filter judges it (a verb rule's proposal) or lets it pass."""
    features: list[str]
    label: int
    """1 if it matches an annotated quote at ggt@0.3."""
    counted: bool
    """False if it matches an annotated quote outside the subset: it counts neither way."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(TRAIN), help="the train split (never the dev split)")
    parser.add_argument("--cache", help="pickle of the parsed documents, written if missing")
    parser.add_argument("--out", default=str(WEIGHTS), help="where the weights go")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=2.0, help="L2 penalty on the weights")
    parser.add_argument("--min-count", type=int, default=3, help="rarer features are left out")
    args = parser.parse_args()
    if "dev" in Path(args.gold).name:
        sys.exit("the dev split is for measuring: train on the train split")
    if not Path(args.gold).exists():
        sys.exit(f"needs {args.gold} (set QUOTES_SHARED or pass --gold)")

    gold = read_gold(args.gold)
    docs = parsed(gold, args.cache)
    candidates, gold_counts = label_candidates(gold, docs)
    verb_proposals = [c for c in candidates if c.filtered]
    print(f"{len(gold)} articles, {len(candidates)} proposed quotes, {len(verb_proposals)} of them"
          f" judged, {sum(c.label for c in verb_proposals) / len(verb_proposals):.1%} of those quotes")

    probabilities = cross_validated(candidates, args.folds, args.l2, args.min_count)
    table = {t: {subset: figures(candidates, probabilities, gold_counts[subset], subset, t)
                 for subset in gold_counts} for t in THRESHOLDS}
    threshold = max(THRESHOLDS, key=lambda t: sum(f[2] for f in table[t].values()))
    print(f"\n{args.folds}-fold cross-validation on the train split (ggt@0.3, no rematching):")
    print(f"{'filter':<16} " + " ".join(f"{subset + ' ' + m:>10}" for subset in gold_counts for m in "PRF"))
    for name, t in (("every proposal", 0.0), (f"threshold {threshold:.2f}", threshold)):
        print(f"{name:<16} " + " ".join(f"{100 * v:>10.1f}" for subset in gold_counts for v in table[t][subset]))

    vocabulary = sorted(n for n, c in Counter(f for c in verb_proposals for f in c.features).items()
                        if c >= args.min_count)
    weights, bias = fit(verb_proposals, vocabulary, args.l2)
    save(Path(args.out), vocabulary, weights, bias, threshold, table, args)
    print(f"\n{len(vocabulary)} features; weights written to {args.out}")
    return 0


def label_candidates(gold, docs) -> tuple[list[Candidate], dict[str, int]]:
    """Every quote the rules propose in each configuration, labelled by the gold quotes;
    and the number of gold quotes each configuration is scored on."""
    candidates: list[Candidate] = []
    gold_counts = Counter()
    for n, (gold_doc, doc) in enumerate(zip(gold, docs, strict=False)):
        article = Article(gold_doc.id, gold_doc.text)
        words = _Words(gold_doc.text)
        for subset, classes in CONFIGURATIONS:
            quotes = propose_quotes(article, doc, classes, every_object=True)
            predicted = article_json(article, quotes)["quotes"]
            pairs = {p: g for g, p in match(gold_doc.quotes, predicted, words, "ggt", 0.3).items()}
            keep = [in_subset(q, gold_doc.text, subset) for q in gold_doc.quotes]
            gold_counts[subset] += sum(keep)
            for p, quote in enumerate(quotes):
                candidates.append(Candidate(n, subset, judged(quote),
                                            features(doc, quote), int(p in pairs),
                                            p not in pairs or keep[pairs[p]]))
    return candidates, dict(gold_counts)


def matrix(candidates: list[Candidate], vocabulary: list[str]) -> np.ndarray:
    index = {name: n for n, name in enumerate(vocabulary)}
    x = np.zeros((len(candidates), len(vocabulary) + 1))
    x[:, -1] = 1.0  # the bias
    for row, candidate in enumerate(candidates):
        for name in candidate.features:
            if name in index:
                x[row, index[name]] = 1.0
    return x


def fit(candidates: list[Candidate], vocabulary: list[str], l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method; the bias is not penalised."""
    x = matrix(candidates, vocabulary)
    y = np.array([c.label for c in candidates], dtype=float)
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(25):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def cross_validated(candidates: list[Candidate], folds: int, l2: float, min_count: int) -> np.ndarray:
    """Each candidate's probability from a model fitted without its article's fold
    (1 for those the filter lets pass)."""
    probabilities = np.ones(len(candidates))
    for fold in range(folds):
        train = [c for c in candidates if c.doc % folds != fold and c.filtered]
        held = [n for n, c in enumerate(candidates) if c.doc % folds == fold and c.filtered]
        vocabulary = sorted(n for n, c in Counter(f for c in train for f in c.features).items()
                            if c >= min_count)
        weights, bias = fit(train, vocabulary, l2)
        x = matrix([candidates[n] for n in held], vocabulary)
        probabilities[held] = 1.0 / (1.0 + np.exp(-(x[:, :-1] @ weights + bias)))
    return probabilities


def figures(candidates: list[Candidate], probabilities: np.ndarray, gold: int, subset: str,
            threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of one configuration keeping the quotes at `threshold` or above."""
    kept = [c for c, p in zip(candidates, probabilities, strict=False) if c.subset == subset and p >= threshold and c.counted]
    matched = sum(c.label for c in kept)
    precision = matched / len(kept) if kept else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def save(path: Path, vocabulary: list[str], weights: np.ndarray, bias: float, threshold: float,
         table: dict, args) -> None:
    data = {
        "about": "quotes.quote_filter weights: logistic regression trained by "
                 "benchmarks/train_quote_filter.py on the PolNeAR train split",
        "l2": args.l2, "min_count": args.min_count,
        "cross_validation": {subset: dict(zip("PRF", (round(100 * v, 1) for v in values), strict=False))
                             for subset, values in table[threshold].items()},
        "threshold": threshold,
        "bias": round(bias, 4),
        "weights": {name: round(float(w), 4) for name, w in zip(vocabulary, weights, strict=False) if abs(w) >= 1e-4},
    }
    path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
