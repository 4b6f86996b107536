"""Which files a load reads: the file types csgraph knows, and the files of a folder.

Kept apart from the loader so that a command answering from the store cache finds its input files
without importing the readers (rdflib, PyYAML).

>>> FORMATS[".ttl"], ".yaml" in CASE_SUFFIXES
(<RdfFormat Turtle>, True)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import LoadError

__all__ = ["CASE_SUFFIXES", "FORMATS", "TABLE_SUFFIXES", "expand_paths"]

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
CASE_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv",)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to load: each file as given, and each folder's case files, tables and RDF, sorted.

    >>> from csgraph.resources import data_dir
    >>> sorted(p.name for p in expand_paths([data_dir()]))[:2]
    ['birmingham.yaml', 'kingston-richmond.yaml']
    """
    out: list[Path] = []
    known = (*FORMATS, *CASE_SUFFIXES, *TABLE_SUFFIXES)
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(f for f in sorted(path.rglob("*"))
                       if f.is_file() and f.suffix.lower() in known and _not_other_yaml(f)
                       and not any(part.startswith(".") for part in f.relative_to(path).parts))
        elif path.is_file():
            if path.suffix.lower() not in known:
                raise LoadError(f"unknown file type {path.suffix!r}; csgraph reads "
                                f"{', '.join(known)}", path=str(path))
            out.append(path)
        else:
            bundled = ("; the case studies shipped with csgraph load with csgraph.load(bundled=True), "
                       "or `csgraph load` with no PATH") if path.name == "data" else ""
            raise LoadError("no such file or folder" + bundled, path=str(path))
    return out


_CASE_KEY = re.compile(rb"^(format|case|sources|things)[ \t]*:", re.MULTILINE)


def _not_other_yaml(path: Path) -> bool:
    """False for a YAML file in a folder that has none of a case file's top-level keys (a
    configuration or question table kept beside the data): a folder's walk passes over it."""
    if path.suffix.lower() not in CASE_SUFFIXES:
        return True
    with path.open("rb") as f:
        return bool(_CASE_KEY.search(f.read(1 << 16)))
