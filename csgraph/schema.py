"""Deprecated: the old name of :mod:`csgraph.casekeys` (the case-file keys, read from the SHACL
shapes), kept for one release."""

from __future__ import annotations

import warnings
from typing import Any

from . import casekeys as _new
from .casekeys import *  # noqa: F403
from .casekeys import __all__  # noqa: F401

warnings.warn("csgraph.schema is deprecated and will be removed in the next release; import csgraph.casekeys",
              DeprecationWarning, stacklevel=2)


def __getattr__(name: str) -> Any:
    return getattr(_new, name)
