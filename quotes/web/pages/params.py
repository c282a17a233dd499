"""Reading the parameters of a page's address: each bad one is a `BadRequest` saying what
was wrong, which the plugin shows as the site's own page with status 400.

    size = whole_number(request.args, "_size", default=30, low=1, high=100)
    since, until = date_range(request.args.get("from"), request.args.get("to"))
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from datasette.utils.asgi import BadRequest

MAX_TEXT = 500
"""Longest text parameter read (a search, a name): longer ones are an error."""

MAX_DIGITS = 9


def shown(value: str, limit: int = 40) -> str:
    """A parameter's value quoted for an error message, cut if long."""
    value = value if len(value) <= limit else value[:limit] + "\u2026"
    return f"\u201c{value}\u201d"


def text(args: Mapping, name: str, limit: int = MAX_TEXT) -> str | None:
    """A text parameter, stripped; None when absent or blank."""
    value = (args.get(name) or "").strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is too long: at most {limit:,} characters, not {len(value):,}")
    if "\x00" in value:
        raise BadRequest(f"{name} holds a NUL character")
    return value or None


def whole_number(args: Mapping, name: str, default: int, low: int, high: int) -> int:
    """A whole number from `low` to `high` written in ASCII digits ("²" and "٣" are not)."""
    number = _number(args, name, low, high)
    return default if number is None else number


def identifier(args: Mapping, name: str) -> int | None:
    """A row number such as `speaker_id`, if given."""
    return _number(args, name, 0, 10**MAX_DIGITS - 1)


def _number(args: Mapping, name: str, low: int, high: int) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS and low <= int(value) <= high):
        raise BadRequest(f"{name} must be a whole number from {low:,} to {high:,}, not {shown(value)}")
    return int(value)


def choice(args: Mapping, name: str, choices: Mapping[str, str], default: str) -> str:
    """One of `choices` (value -> what it is called); the error lists them."""
    value = (args.get(name) or "").strip()
    if not value:
        return default
    if value not in choices:
        listed = ", ".join(f"{key} ({label})" for key, label in choices.items())
        raise BadRequest(f"{name} must be one of {listed}, not {shown(value)}")
    return value


DATE_FORMS = "2023, 2023-06 or 2023-06-19"


def period(value: str, name: str) -> tuple[str, str]:
    """The first day of a period written as a year, month or day, and the day after its
    last: "2023-06" -> ("2023-06-01", "2023-07-01")."""
    try:
        if len(value) == 4 and value.isascii() and value.isdigit():
            first = date(int(value), 1, 1)
            after = date(first.year + 1, 1, 1) if first.year < 9999 else date.max
        elif len(value) == 7 and value[4] == "-" and value.replace("-", "").isascii() and value.replace("-", "").isdigit():
            first = date(int(value[:4]), int(value[5:]), 1)
            after = (first + timedelta(days=31)).replace(day=1) if first < date(9999, 12, 1) else date.max
        elif len(value) == 10 and value.isascii():
            first = date.fromisoformat(value)
            after = first + timedelta(days=1) if first < date.max else date.max
        else:
            raise ValueError(value)
    except (ValueError, OverflowError) as error:
        raise BadRequest(f"{name} must be a date written {DATE_FORMS}, not {shown(value)}") from error
    return first.isoformat(), after.isoformat()


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """From the first day of `since` to the day after the last of `until` (either may be
    missing): `from=2023&to=2023-06` is 1 January 2023 to 30 June 2023 included."""
    start = period(since.strip(), "from")[0] if since and since.strip() else None
    end = period(until.strip(), "to")[1] if until and until.strip() else None
    if start and end and start >= end:
        raise BadRequest(f"the date range ends before it starts: from {since} to {until}")
    return start, end
