"""Addresses of the listings with parameters changed: a filter added or dropped, another
sort, the next page."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

PAGE_PARAMETERS = ("_next",)
"""Dropped whenever anything else changes: the next page of another selection is meaningless."""


def changed(request, changes: dict[str, object | None], path: str | None = None) -> str:
    """The current address with `changes` (None drops a parameter)."""
    kept = [
        (key, value)
        for key, value in parse_qsl(request.query_string, keep_blank_values=False)
        if key not in changes and key not in PAGE_PARAMETERS and value != ""
    ]
    kept += [(key, str(value)) for key, value in changes.items() if value is not None]
    query = urlencode(kept)
    return (path or request.path) + (f"?{query}" if query else "")


def with_args(path: str, args: dict[str, object]) -> str:
    query = urlencode([(key, str(value)) for key, value in args.items() if value is not None])
    return path + (f"?{query}" if query else "")
