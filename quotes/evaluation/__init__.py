"""Evaluation: extraction measured against human-annotated articles (`quotes evaluate`).

    gold = read_gold("annotated.jsonl")            # or a brat folder of .txt + .ann
    results = score(gold, predict(gold, engine), subset="speech")

- `gold`: gold documents and quote types;
- `files`: gold files (JSON Lines) and prediction files (`quotes extract` output);
- `brat`: brat standoff folders (PolNeAR's and PARC's releases);
- `scoring`: matching, and the figures.
"""

from quotes.evaluation.files import read_gold, read_predictions
from quotes.evaluation.gold import GoldDocument, GoldError
from quotes.evaluation.scoring import figures_json, format_table, predict, score

__all__ = ["GoldDocument", "GoldError", "figures_json", "format_table", "predict", "read_gold",
           "read_predictions", "score"]
