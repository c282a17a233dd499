"""Reading gold files (JSON Lines, or brat folders through `brat`) and prediction files
(`quotes extract` output), with one-line errors that say where and why: in the terms of
the file (a field, a quote, a span), never of Python."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quotes.evaluation.brat import read_brat_folder
from quotes.evaluation.gold import GoldDocument, GoldError

SPAN_FIELDS = ("content", "cue", "source")


class BadRecord(ValueError):
    """A line that is not what the format says; the message is the reason, for the user."""


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
            docs.append(_gold_document(_object(line)))
        except BadRecord as error:
            raise GoldError(f"{path}:{number}: {error}") from None
    if not docs:
        raise GoldError(f"{path}: no documents")
    return docs


def read_predictions(path: str | Path) -> dict[str, list[dict]]:
    """Predicted quotes by document id, from `quotes extract` JSON Lines output."""
    path = Path(path)
    predictions: dict[str, list[dict]] = {}
    for number, line in _lines(path):
        try:
            record = _object(line)
            predictions[_id(record)] = _quotes(record, text_length=None)
        except BadRecord as error:
            raise GoldError(f"{path}:{number}: {error}") from None
    return predictions


def _gold_document(record: dict) -> GoldDocument:
    text = record.get("text")
    if not isinstance(text, str):
        raise BadRecord("missing 'text'" if text is None else f'"text" must be a string, not {_kind(text)}')
    return GoldDocument(_id(record), text, _quotes(record, len(text)))


def _object(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, not {_kind(record)}")
    return record


def _id(record: dict) -> str:
    value = record.get("id")
    if value is None:
        raise BadRecord("missing 'id'")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadRecord(f'"id" must be a string or a number, not {_kind(value)}')
    return str(value)


def _quotes(record: dict, text_length: int | None) -> list[dict]:
    """The record's `quotes`, checked: a list of objects whose spans are lists of
    [start, end] pairs of whole numbers (inside the text, if its length is given)."""
    quotes = record.get("quotes") or []
    if not isinstance(quotes, list) or not all(isinstance(quote, dict) for quote in quotes):
        raise BadRecord(f'"quotes" must be a list of objects, not {_kind(quotes, of=True)}')
    for number, quote in enumerate(quotes, 1):
        try:
            _check_spans(quote, text_length)
        except BadRecord as error:
            raise BadRecord(f"quote {number}: {error}") from None
    return quotes


def _check_spans(quote: dict, text_length: int | None) -> None:
    if not quote.get("content"):
        raise BadRecord("no content spans")
    for key in SPAN_FIELDS:
        spans = quote.get(key) or []
        if not isinstance(spans, list) or not all(_is_span(span) for span in spans):
            raise BadRecord(f'"{key}" must be a list of [start, end] pairs of whole numbers,'
                            f" not {json.dumps(spans)[:60]}")
        for start, end in spans:
            if not 0 <= start <= end or (text_length is not None and end > text_length):
                raise BadRecord(f"{key} span [{start}, {end}] outside the text")


def _is_span(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in value))


def _kind(value: Any, of: bool = False) -> str:
    """The JSON type of `value`, in words ("a string", "a list of numbers")."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
             int: "a number", float: "a number", type(None): "null"}
    name = names.get(type(value), type(value).__name__)
    if of and isinstance(value, list):
        other = next(item for item in value if not isinstance(item, dict))
        return f"a list holding {_kind(other)}"
    return name


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered non-blank lines of a UTF-8 text file; one-line errors if unreadable."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise GoldError(f"{path}: not a regular file (a named pipe or a device), not read")
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror}") from None
    return ((number, line) for number, line in enumerate(lines, 1) if line.strip())
