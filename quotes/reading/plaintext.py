"""Plain text articles: decode the bytes, and find the headline and dateline at the top."""

from __future__ import annotations

import codecs

from quotes.reading.dates import parse_date
from quotes.reading.furniture import CLOSING_QUOTES, SENTENCE_END

SNIFF_BYTES = 8192
"""How much of a file is looked at to tell text from binary data."""

TITLE_MAX_CHARS = 150
DATELINE_SEARCH_LINES = 6
"""The dateline is looked for among this many non-blank lines at the top."""


class NotText(ValueError):
    """Bytes that are not UTF-8 text; the message is a short reason for the user."""


def check_not_binary(head: bytes) -> None:
    """Raise NotText if the first bytes of a file show it is binary (or UTF-16) data."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotText("UTF-16 text: convert it to UTF-8")
    if b"\x00" in head[:SNIFF_BYTES]:
        raise NotText("binary file")


def decode_text(data: bytes) -> str:
    """UTF-8 `data` as a string, a byte order mark removed; raise NotText if it is not text."""
    if not data:
        raise NotText("empty file")
    check_not_binary(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(describe_decode_error(error)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise NotText("no text (whitespace only)")
    return text


def describe_decode_error(error: UnicodeDecodeError, offset: int = 0) -> str:
    """A one-line reason such as "not UTF-8 text (byte 0x93 at offset 1200)"."""
    byte = error.object[error.start]
    return f"not UTF-8 text (byte 0x{byte:02x} at offset {offset + error.start})"


def find_title(text: str) -> str | None:
    """The first line if it looks like a headline: short, no final full stop or colon,
    not a date, and followed by a blank line and more text."""
    first, separator, rest = text.partition("\n")
    title = first.strip()
    if not title or len(title) > TITLE_MAX_CHARS or not separator:
        return None
    if title.rstrip(CLOSING_QUOTES).endswith(SENTENCE_END):
        return None
    if parse_date(title):
        return None
    next_line, _, after = rest.partition("\n")
    if next_line.strip() or not after.strip():
        return None
    return title


def find_dateline(text: str) -> str | None:
    """The ISO date of a line near the top that is only a date, e.g. "19 June 2023, 09:34"."""
    seen = 0
    for line in text[:2000].splitlines():
        if not line.strip():
            continue
        date = parse_date(line)
        if date:
            return date
        seen += 1
        if seen >= DATELINE_SEARCH_LINES:
            break
    return None
