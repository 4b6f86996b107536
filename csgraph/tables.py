"""Deprecated: the old name of :mod:`csgraph.casetables` (CSV case tables), kept for one release."""

from __future__ import annotations

import warnings
from typing import Any

from . import casetables as _new
from .casetables import *  # noqa: F403
from .casetables import __all__  # noqa: F401

warnings.warn("csgraph.tables is deprecated and will be removed in the next release; import csgraph.casetables",
              DeprecationWarning, stacklevel=2)


def __getattr__(name: str) -> Any:
    return getattr(_new, name)
