"""Links to outside pages, and names for the colours of highlights."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
SPEAKER_COLOURS = 8
"""Highlights cycle through this many colours, `speaker-colour-0` to `-7` in quotes.css."""


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address, else None: never link `javascript:` or `data:`."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in WEB_SCHEMES else None


def speaker_colour(position: int | None) -> str:
    """CSS class of the `position`-th speaker to appear; unknown speakers are grey."""
    if position is None:
        return "speaker-colour-none"
    return f"speaker-colour-{position % SPEAKER_COLOURS}"
