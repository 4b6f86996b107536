"""Where the bundled ontology, shapes, vocabularies, queries and case data live (via importlib.resources)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "ontology_dir", "ontology_files", "queries_dir", "shapes_file", "templates_dir"]


def _dir(name: str) -> Path:
    return Path(str(resources.files("csgraph") / name))


def ontology_dir() -> Path:
    """The folder holding the ontology modules, vocabularies, shapes and examples."""
    return _dir("ontology")


def data_dir() -> Path:
    """The folder holding the bundled case files."""
    return _dir("data")


def queries_dir() -> Path:
    """The folder of named ``.rq`` queries."""
    return _dir("queries")


def templates_dir() -> Path:
    """The folder of file templates (the case-file template)."""
    return _dir("templates")


def ontology_files() -> list[Path]:
    """The umbrella file, the modules and the vocabularies, in a stable order.

    >>> [f.name for f in ontology_files()][:2]
    ['csgraph.ttl', 'evidence.ttl']
    """
    root = ontology_dir()
    return [root / "csgraph.ttl", *sorted((root / "modules").glob("*.ttl")),
            *sorted((root / "vocab").glob("*.ttl"))]


def shapes_file() -> Path:
    """The SHACL shapes for case data.

    >>> shapes_file().name
    'csgraph-shapes.ttl'
    """
    return ontology_dir() / "shapes" / "csgraph-shapes.ttl"
