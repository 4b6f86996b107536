"""Deprecated: the old name of :mod:`csgraph.querycheck` (checks on query text before it runs), kept for one release."""

from __future__ import annotations

import warnings
from typing import Any

from . import querycheck as _new
from .querycheck import *  # noqa: F403

__all__ = [*_new.__all__, "strip_sparql"]

warnings.warn("csgraph.guard is deprecated and will be removed in the next release; import csgraph.querycheck",
              DeprecationWarning, stacklevel=2)


def strip_sparql(text: str) -> str:
    """The text with strings, IRIs and comments blanked out (decisions on queries use the parse)."""
    import re

    return re.sub(_new.LEXICAL, " ", text, flags=re.DOTALL)


def __getattr__(name: str) -> Any:
    return getattr(_new, name)
