"""Measure extraction against human-annotated news: the figures of `quotes evaluate`.

    gold = read_gold("annotated.jsonl")            # files.py; or a brat folder of .txt + .ann
    figures = score(gold, predictions, subset="speech")
    print(format_table(figures))

Gold and predicted quotes are dicts with `content`, `cue` and `source` as lists of
`[start, end]` character spans into the document's text (the `quotes extract` format).
Quotes are matched one to one, each gold quote in turn taking its best free prediction,
under four measures:

- `ggt@0.3`, `ggt@0.8`: characters of the gold content that the prediction covers,
  over the gold content's characters, above 0.3 or 0.8 (the Gender Gap Tracker's measure);
- `tok@0.5`: words shared over the words of the longer side, at least a half;
- `exact`: the same words (a leading "that" ignored on both sides).

For matched pairs, `source` and `cue` accuracy count a predicted span that overlaps the
gold one (gold quotes without one are left out), and `speaker` accuracy compares the
resolved name with a gold `source_name` where there is one. With a subset (`speech`:
quotes whose cue is a speech word, "according to" or punctuation; `quoted`: direct and
mixed quotes), predictions matched to gold quotes outside it count neither way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from quotes.detection.lexicon import phrase_class
from quotes.evaluation.gold import WORD, GoldDocument

PRONOUNS = set("""i me my we us our you he him his she her they them their it its this that
    who which one someone""".split())
SUBSETS = ("all", "speech", "quoted")
MEASURES = (("ggt@0.3", "ggt", 0.3), ("ggt@0.8", "ggt", 0.8), ("tok@0.5", "tok", 0.5),
            ("exact", "exact", 1.0))


def in_subset(quote: dict, text: str, subset: str) -> bool:
    """Whether a gold quote belongs to `subset` (`all`, `speech` or `quoted`)."""
    if subset == "all":
        return True
    if subset == "quoted":
        return quote.get("type") in ("direct", "mixed")
    cue = " ".join(text[s:e] for s, e in quote.get("cue") or [])
    return bool(quote.get("cue")) and phrase_class(cue) in ("speech", "punctuation")


# -- matching ----------------------------------------------------------------------------

class _Words:
    """The word tokens of a text, looked up by character spans."""

    def __init__(self, text: str):
        self.words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]

    def of(self, spans: Iterable[Iterable[int]] | None) -> frozenset[int]:
        spans = [tuple(span) for span in spans or []]
        found = [n for n, (s, e, _) in enumerate(self.words) if any(s < b and a < e for a, b in spans)]
        if found and self.words[found[0]][2] == "that":
            found = found[1:]
        return frozenset(found)


def _chars(spans: Iterable[Iterable[int]] | None) -> set[int]:
    return {offset for start, end in spans or [] for offset in range(start, end)}


def _similarity(measure: str, gold_chars: set[int], pred_chars: set[int],
                gold_words: frozenset[int], pred_words: frozenset[int]) -> float:
    if measure == "ggt":
        return len(gold_chars & pred_chars) / len(gold_chars) if gold_chars else 0.0
    if measure == "tok":
        longer = max(len(gold_words), len(pred_words))
        return len(gold_words & pred_words) / longer if longer else 0.0
    return 1.0 if gold_words and gold_words == pred_words else 0.0


def _accepts(measure: str, threshold: float, similarity: float) -> bool:
    return similarity > threshold if measure == "ggt" else similarity >= threshold


def match(gold: list[dict], predicted: list[dict], words: _Words, measure: str,
          threshold: float) -> dict[int, int]:
    """{gold index: predicted index}: each gold quote in order takes its best free prediction."""
    gold_chars = [_chars(q.get("content")) for q in gold]
    pred_chars = [_chars(q.get("content")) for q in predicted]
    gold_words = [words.of(q.get("content")) for q in gold]
    pred_words = [words.of(q.get("content")) for q in predicted]
    free = list(range(len(predicted)))
    pairs: dict[int, int] = {}
    for g in range(len(gold)):
        best, best_similarity = None, -1.0
        for p in free:
            similarity = _similarity(measure, gold_chars[g], pred_chars[p], gold_words[g], pred_words[p])
            if _accepts(measure, threshold, similarity) and similarity > best_similarity:
                best, best_similarity = p, similarity
        if best is not None:
            pairs[g] = best
            free.remove(best)
    return pairs


def name_agrees(predicted: str | None, gold: str | None) -> bool:
    """Same last word, or one name's words found in the other's in order; never pronouns."""
    p = WORD.findall((predicted or "").lower())
    g = WORD.findall((gold or "").lower())
    if not p or not g or all(w in PRONOUNS for w in p) or all(w in PRONOUNS for w in g):
        return False
    if p[-1] == g[-1]:
        return True
    short, long = sorted((p, g), key=len)
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


# -- scoring -----------------------------------------------------------------------------

@dataclass
class Figures:
    """Counts for one measure, and the percentages derived from them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    source: list[int] = field(default_factory=lambda: [0, 0])
    cue: list[int] = field(default_factory=lambda: [0, 0])
    speaker: list[int] = field(default_factory=lambda: [0, 0])
    by_type: dict[str, list[int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "P": _pct(self.matched, self.predicted, zero=0.0), "R": _pct(self.matched, self.gold, zero=0.0),
            "F1": round(100 * self.f1, 1),
            "source_acc": _pct(*reversed(self.source)), "cue_acc": _pct(*reversed(self.cue)),
            "speaker_acc": _pct(*reversed(self.speaker)),
            "recall_by_type": {kind: _pct(found, total) for kind, (total, found) in sorted(self.by_type.items())},
            "counts": {"gold": self.gold, "predicted": self.predicted, "matched": self.matched},
        }


def _pct(part: int, whole: int, zero: float | None = None) -> float | None:
    return round(100.0 * part / whole, 1) if whole else zero


def score(gold: list[GoldDocument], predictions: Mapping[str, list[dict]],
          subset: str = "all") -> dict[str, Figures]:
    """Figures for each measure; `predictions` maps document ids to predicted quotes
    (a document without predictions has none)."""
    if subset not in SUBSETS:
        raise ValueError(f"unknown subset {subset!r}: choose one of {', '.join(SUBSETS)}")
    results = {name: Figures() for name, _, _ in MEASURES}
    for doc in gold:
        predicted = predictions.get(doc.id) or []
        words = _Words(doc.text)
        keep = [in_subset(q, doc.text, subset) for q in doc.quotes]
        for name, measure, threshold in MEASURES:
            figures = results[name]
            pairs = match(doc.quotes, predicted, words, measure, threshold)
            figures.gold += sum(keep)
            figures.predicted += len(predicted) - sum(1 for g in pairs if not keep[g])
            for g, quote in enumerate(doc.quotes):
                if keep[g]:
                    _count_pair(figures, quote, predicted[pairs[g]] if g in pairs else None)
    return results


def _count_pair(figures: Figures, gold: dict, predicted: dict | None) -> None:
    counts = figures.by_type.setdefault(gold.get("type") or "?", [0, 0])
    counts[0] += 1
    if predicted is None:
        return
    counts[1] += 1
    figures.matched += 1
    for key, tally in (("source", figures.source), ("cue", figures.cue)):
        if gold.get(key):
            tally[0] += 1
            tally[1] += bool(_chars(gold[key]) & _chars(predicted.get(key)))
    if gold.get("source_name"):
        figures.speaker[0] += 1
        figures.speaker[1] += name_agrees(predicted.get("speaker"), gold["source_name"])


def figures_json(results: dict[str, Figures], subset: str, documents: int) -> dict:
    return {"subset": subset, "documents": documents,
            "measures": {name: figures.as_dict() for name, figures in results.items()}}


def format_table(results: dict[str, Figures], subset: str, documents: int) -> str:
    """The figures as a plain-text table, one measure a line."""
    lines = [f"subset={subset}  gold documents={documents}",
             f"{'measure':<8} {'P':>6} {'R':>6} {'F1':>6} {'source':>7} {'cue':>6} {'speaker':>8}  recall by type"]
    for name, figures in results.items():
        row = figures.as_dict()
        by_type = ", ".join(f"{kind} {_show(value)}" for kind, value in row["recall_by_type"].items())
        lines.append(f"{name:<8} {_show(row['P']):>6} {_show(row['R']):>6} {_show(row['F1']):>6} "
                     f"{_show(row['source_acc']):>7} {_show(row['cue_acc']):>6} "
                     f"{_show(row['speaker_acc']):>8}  {by_type}")
    return "\n".join(lines)


def _show(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def predict(gold: Iterable[GoldDocument], engine, cue_classes: Iterable[str] = ("speech",),
            progress=None) -> dict[str, list[dict]]:
    """Run extraction over the gold texts: predicted quotes by document id, in the
    `quotes extract` format."""
    from quotes.pipeline.extract import article_json, extract_articles
    from quotes.records import Article

    predictions = {}
    articles = (Article(doc.id, doc.text) for doc in gold)
    for article, quotes in extract_articles(articles, engine, cue_classes):
        predictions[article.id] = article_json(article, quotes)["quotes"]
        if progress is not None:
            progress.advance(len(quotes))
    return predictions
