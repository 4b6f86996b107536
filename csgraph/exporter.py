"""Write a knowledge graph out: N-Quads, TriG and JSON-LD keep the named graphs; Turtle and N-Triples
hold the union of them.

The format comes from ``format=`` or else from the file name's suffix; a suffix that names another
RDF format than ``format=`` is refused. Turtle and TriG use a prefixed name only where its local part
needs no backslash escape (some stores, Virtuoso among them, keep the backslash), and the full IRI
otherwise. JSON-LD has one object per named graph, with a context of the csgraph prefixes. Files are
written to a temporary file next to the target and renamed (:mod:`csgraph.files`).

>>> import csgraph
>>> text = export(csgraph.load(bundled=True), format="nq")
>>> "<https://w3id.org/csgraph/graph/lewisham>" in text
True
>>> format_for("out.ttl")
'ttl'
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .errors import CSGraphError
from .files import atomic_write
from .kg import KnowledgeGraph
from .namespace import ONTOLOGY_GRAPH, PREFIXES

__all__ = ["EXPORT_FORMATS", "SUFFIXES", "export", "format_for"]

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
#: file name suffixes and the export format each one means
SUFFIXES = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig",
            ".jsonld": "jsonld", ".json-ld": "jsonld"}

# a string, an IRI, or a prefixed name whose local part has a backslash escape (Oxigraph's output)
_ESCAPED_PNAME = re.compile(rb'"(?:[^"\\]|\\.)*"|<[^>]*>'
                            rb"|(?<![\w:])([A-Za-z][\w.-]*)?:((?:[^\s\\]|\\\S)*\\\S(?:[^\s\\]|\\\S)*)",
                            re.DOTALL)
_LOCAL_ESC = re.compile(rb"\\(\S)")


def format_for(path: str | os.PathLike | None, format: str | None = None) -> str:
    """The export format: ``format`` if given, else the one the suffix of ``path`` names, else
    N-Quads; raises :class:`CSGraphError` when they disagree or neither says.

    >>> format_for("y.ttl", "nq")
    Traceback (most recent call last):
    ...
    csgraph.errors.CSGraphError: y.ttl: the name ends in .ttl, which is Turtle (ttl), but the format ...
    """
    if format is not None and format not in EXPORT_FORMATS:
        raise CSGraphError(f"unknown export format {format!r}; choose one of "
                           f"{', '.join(EXPORT_FORMATS)}")
    if path is None:
        return format or "nq"
    suffix = Path(path).suffix.lower()
    named = SUFFIXES.get(suffix)
    if format is None:
        if named is None:
            raise CSGraphError(f"{path}: cannot tell the format from the name; end it in one of "
                               f"{', '.join(SUFFIXES)} or give --format")
        return named
    if named is not None and named != format:
        raise CSGraphError(f"{path}: the name ends in {suffix}, which is {_NAMES[named]} ({named}), "
                           f"but the format asked for is {format}; change the name or the format")
    return format


_NAMES = {"ttl": "Turtle", "nt": "N-Triples", "nq": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD"}


def export(kg: KnowledgeGraph, path: str | os.PathLike | None = None, *, format: str | None = None,
           include_ontology: bool = True) -> str | None:
    """Serialise everything loaded; return the text when ``path`` is None, else write the file.

    Examples
    --------
    >>> import csgraph
    >>> turtle = export(csgraph.load(bundled=True), format="ttl", include_ontology=False)
    >>> "Restorative Now" in turtle and "\\\\/" not in turtle
    True
    """
    if kg.store is None:
        raise CSGraphError("export works on an embedded store; query a remote endpoint instead")
    name = format_for(path, format)
    fmt = EXPORT_FORMATS[name]
    bad = kg.select('SELECT ?s WHERE { ?s ?p ?o FILTER(ISLITERAL(?o) && CONTAINS(STR(?o), "\\u0000")) } '
                   "LIMIT 1")
    if len(bad):
        raise CSGraphError(f"a literal of {bad[0]['s']} contains a NUL character; csgraph does not "
                           "write it out (run csgraph validate to list every such value)")
    store = kg.store
    if not include_ontology:
        store = ox.Store()
        onto = ox.NamedNode(str(ONTOLOGY_GRAPH))
        store.extend(q for q in kg.store if q.graph_name != onto)

    def write(output: IO[bytes]) -> None:
        if fmt == ox.RdfFormat.JSON_LD:
            _write_jsonld(store, output)
        elif fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
            _write_prefixed(store, fmt, output)
        elif fmt.supports_datasets:
            store.dump(output, format=fmt)
        else:
            ox.serialize(_triples(store), output, format=fmt)

    if path is None:
        buf = io.BytesIO()
        write(buf)
        return buf.getvalue().decode("utf-8")
    # a temporary file in the target's folder, renamed over it: a kill leaves the old file whole
    with atomic_write(path, "wb") as fh:
        write(fh)
    return None


def _triples(store: ox.Store) -> list[ox.Triple]:
    """The union of the graphs as triples, each once, in a stable order."""
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in store}, key=str)


class _FullIris(io.RawIOBase):
    """A binary stream that writes Oxigraph's Turtle or TriG on to ``out`` a line at a time, with
    every prefixed name whose local part has a backslash escape written as a full IRI."""

    def __init__(self, out: IO[bytes], prefixes: dict[str, str]) -> None:
        self.out, self.rest = out, b""
        self.prefixes = {k.encode(): v.encode() for k, v in prefixes.items()}

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        text = self.rest + bytes(data)
        cut = text.rfind(b"\n") + 1
        self.rest = text[cut:]
        if cut:
            self.out.write(self._fix(text[:cut]))
        return len(data)

    def finish(self) -> None:
        self.out.write(self._fix(self.rest))
        self.rest = b""

    def _fix(self, text: bytes) -> bytes:
        if b"\\" not in text:
            return text
        return _ESCAPED_PNAME.sub(self._full, text)

    def _full(self, m: re.Match) -> bytes:
        if m.group(2) is None:
            return m.group(0)
        base = self.prefixes.get(m.group(1) or b"")
        if base is None:
            return m.group(0)
        return b"<" + base + _LOCAL_ESC.sub(rb"\1", m.group(2)) + b">"


def _write_prefixed(store: ox.Store, fmt: ox.RdfFormat, out: IO[bytes]) -> None:
    fixer = _FullIris(out, PREFIXES)
    if fmt.supports_datasets:
        store.dump(fixer, format=fmt, prefixes=PREFIXES)
    else:
        ox.serialize(_triples(store), fixer, format=fmt, prefixes=PREFIXES)
    fixer.finish()


def _compact(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base) and not iri[len(base):].startswith("//"):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _node_ref(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _jsonld_value(term) -> dict:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return {"@value": term.value}
        return {"@value": term.value, "@type": _compact(term.datatype.value)}
    return {"@id": _node_ref(term)}


def _write_jsonld(store: ox.Store, out: IO[bytes]) -> None:
    """JSON-LD with one object per named graph (default-graph nodes at the top), each node once
    per graph, and the csgraph prefixes as the context; written a graph at a time."""
    graphs: dict[str, dict[str, dict]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else _node_ref(q.graph_name)
        node = graphs.setdefault(g, {}).setdefault(_node_ref(q.subject), {"@id": _node_ref(q.subject)})
        if q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and \
                not isinstance(q.object, ox.Literal):
            node.setdefault("@type", []).append(_node_ref(q.object))
        else:
            node.setdefault(_compact(q.predicate.value), []).append(_jsonld_value(q.object))
    w = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    w.write('{\n  "@context": ' + json.dumps(PREFIXES) + ',\n  "@graph": [')
    first = True
    for g in sorted(graphs, key=lambda k: (k != "", k)):
        nodes = [graphs[g][s] for s in sorted(graphs[g])]
        items = nodes if g == "" else [{"@id": g, "@graph": nodes}]
        for item in items:
            w.write(("\n    " if first else ",\n    ") + json.dumps(item, ensure_ascii=False))
            first = False
    w.write("\n  ]\n}\n")
    w.flush()
    w.detach()
