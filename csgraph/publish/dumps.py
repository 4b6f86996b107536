"""The machine-readable files of a release: the whole data set in four formats (through
:func:`csgraph.export`), the ontology, and a Turtle and a JSON-LD description beside each page.

The N-Quads, TriG and JSON-LD dumps keep the named graphs (so every fact keeps its source and section);
the Turtle dump holds their union. A thing's own files hold the triples whose subject it is.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..exporter import export
from ..namespace import ONTOLOGY_GRAPH, PREFIXES
from .index import Index
from .layout import alternate_path

__all__ = ["DUMPS", "write_alternates", "write_dumps", "write_ontology"]

#: (release path, export format, media type, description) of each dump.
DUMPS = (
    ("dumps/csgraph.nq", "nq", "application/n-quads", "every fact in its named graph, as N-Quads"),
    ("dumps/csgraph.trig", "trig", "application/trig", "every fact in its named graph, as TriG"),
    ("dumps/csgraph.jsonld", "jsonld", "application/ld+json", "every fact in its named graph, as JSON-LD"),
    ("dumps/csgraph.ttl", "ttl", "text/turtle", "the union of the named graphs, as Turtle"),
)


def write_dumps(kg, out: Path) -> dict[str, str]:
    """Write the four dumps; returns release path -> N-Quads text of the first (the query page's data)."""
    (out / "dumps").mkdir(parents=True, exist_ok=True)
    for path, fmt, _, _ in DUMPS:
        export(kg, out / path, format=fmt)
    return {"dumps/csgraph.nq": (out / "dumps/csgraph.nq").read_text(encoding="utf-8")}


def write_ontology(kg, out: Path) -> None:
    """The ontology graph as Turtle and JSON-LD, and its documentation page."""
    from ..docs import ontology_html

    onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object)
                      for q in kg.store.quads_for_pattern(None, None, None, onto)}, key=str)
    (out / "ontology.ttl").write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    (out / "ontology.jsonld").write_bytes(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    (out / "ontology.html").write_text(ontology_html(), encoding="utf-8")


def write_alternates(idx: Index, iri: str, out: Path) -> tuple[str, str]:
    """The Turtle and JSON-LD files of one thing; returns their release paths."""
    subject = ox.NamedNode(iri)
    triples = sorted({ox.Triple(subject, ox.NamedNode(p), o) for p, o, _ in idx.facts[iri]}, key=str)
    paths = []
    for suffix, fmt, prefixes in (("ttl", ox.RdfFormat.TURTLE, PREFIXES), ("jsonld", ox.RdfFormat.JSON_LD, None)):
        rel = alternate_path(iri, suffix)
        assert rel is not None
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(ox.serialize(triples, format=fmt, prefixes=prefixes))
        paths.append(rel)
    return paths[0], paths[1]
