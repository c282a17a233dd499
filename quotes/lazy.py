"""Package exports loaded on first use (PEP 562), for packages whose modules import heavy
libraries or much of the pipeline: `quotes check` reads a speaker's name form or the
schema version without importing sqlite-utils, spaCy's engine or the detection rules.

    __getattr__ = exports(__name__, {"Store": "database", "StoreError": "database"})
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def exports(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that finds each exported name in its module of `package`."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{homes[name]}"), name)

    return __getattr__
