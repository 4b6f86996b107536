"""Deprecated: the old name of :mod:`csgraph.filecheck` (checks on RDF files before they are
parsed), kept for one release."""

from __future__ import annotations

import warnings
from typing import Any

from . import filecheck as _new
from .filecheck import *  # noqa: F403
from .filecheck import __all__  # noqa: F401

warnings.warn("csgraph.inputcheck is deprecated and will be removed in the next release; import csgraph.filecheck",
              DeprecationWarning, stacklevel=2)


def __getattr__(name: str) -> Any:
    return getattr(_new, name)
