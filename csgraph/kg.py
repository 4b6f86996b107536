"""The knowledge-graph handle: a small object around an embedded Oxigraph store or a remote endpoint.

Loading, validation, tracing and drawing live in modules of their own and take this object.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from .guard import check_query
from .namespace import PREFIXES
from .results import Results

if TYPE_CHECKING:  # pragma: no cover
    from .remote import Endpoint

__all__ = ["PREFIX_HEADER", "KnowledgeGraph", "to_oxigraph", "to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_new_str = str.__new__
PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _plain_literal(text: str) -> Literal:
    """A plain string literal, made as ``Literal(text)`` makes it but without its type dispatch
    (the commonest term in results: labels and descriptions)."""
    lit = _new_str(Literal, text)
    lit._language = None
    lit._datatype = None
    lit._value = text
    lit._ill_typed = None
    return lit


def to_rdflib(term: Any) -> Node | None:
    """An Oxigraph term as an rdflib term (xsd:string literals become plain literals).

    >>> to_rdflib(ox.Literal("11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('11', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> to_rdflib(ox.Literal("Lewisham"))
    rdflib.term.Literal('Lewisham')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        # Oxigraph has already checked the IRI; URIRef() would check it again (only to log a
        # warning), which costs more than the query on large results. Same object, made directly.
        return _new_str(URIRef, term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dtype = term.datatype.value
        if dtype == _XSD_STRING:
            return _plain_literal(term.value)
        return Literal(term.value, datatype=dtype)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as an Oxigraph term.

    >>> to_oxigraph(Literal("school", lang="en"))
    <Literal value=school language=en>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


class KnowledgeGraph:
    """A loaded knowledge graph: either an embedded store or a remote SPARQL endpoint.

    Build one with :func:`csgraph.load` (embedded) or :func:`csgraph.connect` (remote). Queries see
    the union of all named graphs as their default graph, on both.

    >>> kg = KnowledgeGraph()
    >>> kg.is_remote
    False
    """

    def __init__(self, store: ox.Store | None = None, *, endpoint: Endpoint | None = None) -> None:
        if store is not None and endpoint is not None:
            raise ValueError("a knowledge graph is either embedded (store) or remote (endpoint)")
        self.store = store if store is not None or endpoint is not None else ox.Store()
        self.endpoint = endpoint
        self.sources: list[str] = []

    @property
    def is_remote(self) -> bool:
        return self.endpoint is not None

    def __repr__(self) -> str:
        where = f"endpoint {self.endpoint.url}" if self.endpoint else "embedded store"
        return f"<KnowledgeGraph on {where}>"

    def __len__(self) -> int:
        """The number of quads (embedded only)."""
        if self.store is None:
            raise TypeError("len() is not available for a remote endpoint; query COUNT(*) instead")
        return len(self.store)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              allow_external: bool = False, name: str | None = None) -> Results:
        """Run a read-only SELECT or ASK query; ``bindings`` maps variable names to RDF terms.

        Values are bound as terms (Oxigraph substitutions locally, a VALUES block remotely), never
        pasted into the text. A bound variable must be in the SELECT projection.
        """
        check_query(sparql, allow_external=allow_external)
        bindings = dict(bindings or {})
        for key, value in bindings.items():
            if not isinstance(value, (URIRef, Literal)):
                raise TypeError(f"binding {key!r} must be an rdflib URIRef or Literal, not {value!r}")
        if self.endpoint is not None:
            return self.endpoint.select(sparql, bindings, name=name)
        return run_embedded(self.store, sparql, bindings, name=name)

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r[0]) for r in res)


def run_embedded(store: ox.Store, sparql: str, bindings: Mapping[str, Node],
                 name: str | None = None) -> Results:
    """Run a query on an Oxigraph store with the union default graph and bound terms."""
    from .errors import QueryError, QueryParameterError

    try:
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
    except ValueError as exc:  # an IRI or datatype with a space, '>' or '"' in it
        raise QueryParameterError(f"{name or 'query'}: a bound value is not a valid RDF term ({exc}); "
                                  "nothing was run") from None
    try:
        res = store.query(PREFIX_HEADER + sparql, use_default_graph_as_union=True,
                          substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"{name or 'query'}: SPARQL syntax: {exc}") from None
    except RuntimeError as exc:
        raise QueryError(f"{name or 'query'}: {exc}") from None
    if isinstance(res, ox.QueryBoolean):
        return Results([], boolean=bool(res), query_name=name)
    if isinstance(res, ox.QueryTriples):
        raise QueryError(f"{name or 'query'}: only SELECT and ASK queries return rows; "
                         "use export for graphs")
    variables = [v.value for v in res.variables]
    terms = _TermCache()  # results repeat their terms (labels, sources, concepts): convert each once
    rows = [[terms[t] for t in sol] for sol in res]
    return Results(variables, rows, query_name=name)


class _TermCache(dict):
    """Oxigraph term -> rdflib term, converting on first use."""

    def __missing__(self, term: Any) -> Node | None:
        value = self[term] = to_rdflib(term)
        return value
