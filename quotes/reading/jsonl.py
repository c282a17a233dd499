"""JSON Lines articles: one JSON object per line with a `text` and optional metadata."""

from __future__ import annotations

import json
from typing import Any

from quotes.reading.dates import parse_date

OPTIONAL_FIELDS = ("url", "title", "publisher", "published", "author")


class BadRecord(ValueError):
    """A line or item that is not an article; the message is a short reason for the user."""


def parse_line(line: str) -> tuple[str, dict[str, str | None]]:
    """The text and metadata of one JSON line; raise BadRecord if it holds no article."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"invalid JSON: {error.msg} (column {error.colno})") from None
    return article_fields(value)


def article_fields(value: Any) -> tuple[str, dict[str, str | None]]:
    """The `text`, and the `id` and optional fields, of a decoded JSON object; unknown keys
    are ignored. A `published` date that `parse_date` understands becomes YYYY-MM-DD."""
    if not isinstance(value, dict):
        raise BadRecord(f"expected a JSON object, got {_json_type(value)}")
    text = value.get("text")
    if text is None:
        raise BadRecord('no "text" field')
    if not isinstance(text, str):
        raise BadRecord(f'"text" must be a string, not {_json_type(text)}')
    if not text.strip():
        raise BadRecord('"text" is empty')
    _check_encodable("text", text)
    fields: dict[str, str | None] = {"id": _id(value.get("id"))}
    for name in OPTIONAL_FIELDS:
        field = value.get(name)
        if field is not None and not isinstance(field, str):
            raise BadRecord(f'"{name}" must be a string, not {_json_type(field)}')
        fields[name] = field or None
    for name, field in fields.items():
        if field:
            _check_encodable(name, field)
    if fields["published"]:
        fields["published"] = parse_date(fields["published"]) or fields["published"]
    return text, fields


def _check_encodable(name: str, value: str) -> None:
    """Raise BadRecord for a string that cannot be stored as UTF-8 (a lone surrogate)."""
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        raise BadRecord(
            f'"{name}" has an unpaired surrogate (\\u{code:04x}) at {error.start}'
        ) from None


def _id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadRecord(f'"id" must be a string or an integer, not {_json_type(value)}')
    return str(value)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)
