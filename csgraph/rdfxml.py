"""Pre-checks for RDF/XML: no DOCTYPE, so no entity expansion (billion laughs) and no external entities."""

from __future__ import annotations

from pathlib import Path

from .casefile import Limits
from .errors import UnsafeInputError

__all__ = ["check_rdfxml"]


def check_rdfxml(path: Path, limits: Limits) -> None:
    """Refuse RDF/XML that declares a DOCTYPE or entities; csgraph never expands or fetches them."""
    data = Path(path).read_bytes()[: limits.max_bytes]
    upper = data.upper()
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        pos = upper.find(marker)
        if pos >= 0:
            line = data[:pos].count(b"\n") + 1
            raise UnsafeInputError("RDF/XML with a DOCTYPE or entity declarations is refused "
                                   "(entity expansion and external entities are unsafe); remove the "
                                   "declarations", path=str(path), line=line)
