"""Read the publication date of an article from a dateline such as "19 June 2023, 09:34".

A deliberately small parser: three common date orders, an optional weekday, an optional
"Published:"/"Updated:" label and an optional time. Anything else is not a date.
"""

from __future__ import annotations

import datetime
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_LABEL = r"(?:(?:first\s+)?(?:published|updated|posted)(?:\s+on)?\s*:?\s+)?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?"
_TIME = rf"(?:\s*[,|]?\s*(?:at\s+)?{_CLOCK})?"
_ISO_TIME = r"(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"

DATE_PATTERNS = [
    re.compile(rf"{_LABEL}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_LABEL}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}}){_ISO_TIME}", re.IGNORECASE),
]


def parse_date(value: str) -> str | None:
    """The ISO date (YYYY-MM-DD) that `value` consists of, or None if it is not just a date.

    >>> parse_date("19 June 2023, 09:34")
    '2023-06-19'
    """
    value = value.strip()
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return _iso_date(match["year"], match["month"], match["day"])
    return None


def _iso_date(year: str, month: str, day: str) -> str | None:
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower())
    if month_number is None:
        return None
    try:
        return datetime.date(int(year), month_number, int(day)).isoformat()
    except ValueError:
        return None
