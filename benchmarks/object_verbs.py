"""Which verbs' arguments are what was said: the figures behind `lexicon.OBJECT_CONTENT`.

    python benchmarks/object_verbs.py [--gold ../shared/eval/polnear_train.jsonl]
                                      [--cache train-docs.pickle] [--min-count 6]

Lets every cue lemma of the lexicon use the argument rule of `detect.py` ("called for a
recount", "accused Republicans of ..."), extracts quotes from the annotated articles
with all cue classes, and prints for each lemma how many argument quotes it made and
the share that matched an annotated attribution (the annotated content covered more
than 0.3 by ours, with an overlapping cue). `OBJECT_CONTENT` holds the speech lemmas at
0.6 or more, and the cognition and evidential lemmas (used only when asked for) at 0.45
or more, over at least 6 quotes of the PolNeAR train split. Run it on the train split
only: the dev split is for measuring.

Parsing the 840 train articles with spaCy takes a quarter of an hour; `--cache FILE`
keeps the parsed documents (a pickle) for the next run.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path

from quotes.detection import lexicon
from quotes.evaluation import read_gold
from quotes.nlp import load_engine
from quotes.pipeline.extract import extract_document
from quotes.records import Article

sys.path.insert(0, str(Path(__file__).parent))
from bench_extraction import SHARED

TRAIN = SHARED / "eval" / "polnear_train.jsonl"
ALL_CLASSES = ("speech", "cognition", "evidential")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(TRAIN))
    parser.add_argument("--cache", help="pickle of the parsed documents, written if missing")
    parser.add_argument("--min-count", type=int, default=6)
    parser.add_argument("--speech-threshold", type=float, default=0.6)
    parser.add_argument("--other-threshold", type=float, default=0.45,
                        help="threshold for cognition and evidential lemmas")
    args = parser.parse_args()
    if not Path(args.gold).exists():
        sys.exit(f"needs {args.gold} (set QUOTES_SHARED or pass --gold)")
    gold = read_gold(args.gold)
    docs = parsed(gold, args.cache)

    lexicon.OBJECT_CONTENT.update(lexicon.cue_lemmas())
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for gold_doc, doc in zip(gold, docs, strict=False):
        article = Article(gold_doc.id, gold_doc.text)
        for quote in extract_document(article, doc, ALL_CLASSES):
            if quote.rule == "verb-object":
                counts = tally[quote.cue_lemma]
                counts[0] += 1
                counts[1] += matches(quote, gold_doc.quotes)

    chosen: dict[str, list[str]] = {"speech": [], "other": []}
    print(f"{'lemma':<14} {'class':<11} {'quotes':>6} {'matched':>8}")
    for lemma, (made, matched) in sorted(tally.items(), key=lambda item: -item[1][0]):
        if made < args.min_count:
            continue
        cls = lexicon.cue_for(lemma).cls
        print(f"{lemma:<14} {cls:<11} {made:>6} {matched / made:>8.2f}")
        group = "speech" if cls == "speech" else "other"
        threshold = args.speech_threshold if group == "speech" else args.other_threshold
        if matched / made >= threshold:
            chosen[group].append(lemma)
    print(f"\nspeech lemmas at {args.speech_threshold} or more:\n{' '.join(chosen['speech'])}")
    print(f"\ncognition and evidential lemmas at {args.other_threshold} or more:\n{' '.join(chosen['other'])}")
    return 0


def parsed(gold, cache: str | None):
    if cache and Path(cache).exists():
        with open(cache, "rb") as handle:
            return pickle.load(handle)
    docs = list(load_engine("spacy").parse(doc.text for doc in gold))
    if cache:
        with open(cache, "wb") as handle:
            pickle.dump(docs, handle)
    return docs


def matches(quote, gold_quotes: list[dict]) -> bool:
    """The gold quote whose content ours covers best, if above 0.3, has a cue overlapping ours."""
    ours = {i for s, e in quote.content for i in range(s, e)}
    cue = {i for s, e in quote.cue for i in range(s, e)}
    best, best_cover = None, 0.3
    for gold_quote in gold_quotes:
        content = {i for s, e in gold_quote["content"] for i in range(s, e)}
        cover = len(content & ours) / len(content) if content else 0.0
        if cover > best_cover:
            best, best_cover = gold_quote, cover
    return best is not None and bool(cue & {i for s, e in best.get("cue") or [] for i in range(s, e)})


if __name__ == "__main__":
    sys.exit(main())
