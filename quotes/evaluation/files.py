"""Reading gold files (JSON Lines, or brat folders through `brat`) and prediction files
(`quotes extract` output), with one-line errors that say where and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from quotes.evaluation.brat import read_brat_folder
from quotes.evaluation.gold import GoldDocument, GoldError


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from a JSON Lines file or a brat folder (`.txt` + `.ann` pairs)."""
    path = Path(path)
    if path.is_dir():
        return read_brat_folder(path)
    if not path.exists():
        raise GoldError(f"{path}: no such file or folder")
    return read_gold_jsonl(path)


def read_gold_jsonl(path: Path) -> list[GoldDocument]:
    """One document a line: `id`, `text` and `quotes` with `content`, `cue`, `source` spans."""
    docs = []
    for number, line in _lines(path):
        try:
            record = json.loads(line)
            doc = GoldDocument(str(record["id"]), record["text"], list(record.get("quotes") or []))
            for quote in doc.quotes:
                _check_spans(quote, len(doc.text))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise GoldError(f"{path}:{number}: {_reason(error)}") from None
        docs.append(doc)
    if not docs:
        raise GoldError(f"{path}: no documents")
    return docs


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered non-blank lines of a UTF-8 text file; one-line errors if unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror}") from None
    return ((number, line) for number, line in enumerate(lines, 1) if line.strip())


def _reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not JSON ({error.msg})"
    if isinstance(error, KeyError):
        return f"missing {error.args[0]!r}"
    return str(error) or type(error).__name__


def _check_spans(quote: dict, length: int) -> None:
    if not quote.get("content"):
        raise ValueError("a quote without content spans")
    for key in ("content", "cue", "source"):
        for start, end in quote.get(key) or []:
            if not 0 <= start <= end <= length:
                raise ValueError(f"{key} span [{start}, {end}] outside the text")


def read_predictions(path: str | Path) -> dict[str, list[dict]]:
    """Predicted quotes by document id, from `quotes extract` JSON Lines output."""
    path = Path(path)
    predictions: dict[str, list[dict]] = {}
    for number, line in _lines(path):
        try:
            record = json.loads(line)
            predictions[str(record["id"])] = list(record.get("quotes") or [])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise GoldError(f"{path}:{number}: {_reason(error)}") from None
    return predictions
