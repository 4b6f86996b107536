"""Write a knowledge graph out: N-Quads, TriG and JSON-LD keep the named graphs; Turtle and N-Triples
hold the union of them.

>>> import csgraph
>>> text = export(csgraph.load(bundled=True), format="nq")
>>> "<https://w3id.org/csgraph/graph/lewisham>" in text
True
"""

from __future__ import annotations

import os

import pyoxigraph as ox

from .errors import CSGraphError
from .files import atomic_write
from .kg import KnowledgeGraph
from .namespace import PREFIXES

__all__ = ["EXPORT_FORMATS", "export"]

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def export(kg: KnowledgeGraph, path: str | os.PathLike | None = None, *, format: str = "nq",
           include_ontology: bool = True) -> str | None:
    """Serialise everything loaded; return the text when ``path`` is None, else write the file.

    Examples
    --------
    >>> import csgraph
    >>> turtle = export(csgraph.load(bundled=True), format="ttl", include_ontology=False)
    >>> "Restorative Now" in turtle
    True
    """
    if kg.store is None:
        raise CSGraphError("export works on an embedded store; query a remote endpoint instead")
    fmt = EXPORT_FORMATS.get(format)
    if fmt is None:
        raise CSGraphError(f"unknown export format {format!r}; choose one of "
                           f"{', '.join(EXPORT_FORMATS)}")
    bad = kg.query('SELECT ?s WHERE { ?s ?p ?o FILTER(ISLITERAL(?o) && CONTAINS(STR(?o), "\\u0000")) } '
                   "LIMIT 1")
    if len(bad):
        raise CSGraphError(f"a literal of {bad[0]['s']} contains a NUL character; csgraph does not "
                           "write it out (run csgraph validate to list every such value)")
    store = kg.store
    if not include_ontology:
        store = ox.Store()
        onto = ox.NamedNode("https://w3id.org/csgraph/graph/ontology")
        store.extend(q for q in kg.store if q.graph_name != onto)
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None

    def write(output=None):
        if fmt.supports_datasets:
            return store.dump(output, format=fmt, prefixes=prefixes)
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        return ox.serialize(sorted(triples, key=str), output, format=fmt, prefixes=prefixes)

    if path is None:
        return write().decode("utf-8")
    # a temporary file in the target's folder, renamed over it: a kill leaves the old file whole
    with atomic_write(path, "wb") as fh:
        write(fh)
    return None
