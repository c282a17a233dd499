"""Evaluation: extraction measured against human-annotated articles (`quotes evaluate`).

    gold = read_gold("annotated.jsonl")            # or a brat folder of .txt + .ann
    results = score(gold, predict(gold, engine), subset="speech")

- `scoring`: gold and prediction files, matching, the figures;
- `brat`: brat standoff folders (PolNeAR's and PARC's releases).
"""

from quotes.evaluation.scoring import (
    GoldDocument,
    GoldError,
    figures_json,
    format_table,
    predict,
    read_gold,
    read_predictions,
    score,
)

__all__ = ["GoldDocument", "GoldError", "figures_json", "format_table", "predict", "read_gold",
           "read_predictions", "score"]
