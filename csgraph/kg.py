"""The knowledge-graph handle: a small object around an embedded Oxigraph store or a remote endpoint.

Loading, validation, tracing and drawing live in modules of their own and take this object.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef, _is_valid_langtag

from .guard import check_query
from .namespace import PREFIXES
from .results import Results

if TYPE_CHECKING:  # pragma: no cover
    from .remote import Endpoint

__all__ = ["PREFIX_HEADER", "KnowledgeGraph", "to_oxigraph", "to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_new_str = str.__new__
PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _string_literal(text: str, lang: str | None = None) -> Literal:
    """A plain or language-tagged string literal, made as ``Literal(text, lang=lang)`` makes it
    (the text is also its value; rdflib keeps the tag as given) without its type dispatch and tag
    check on every call: the commonest terms in results are labels and descriptions."""
    if lang is not None and not _rdflib_accepts_language(lang):
        return Literal(text, lang=lang)  # raises rdflib's own error
    lit = _new_str(Literal, text)
    lit._language = lang
    lit._datatype = None
    lit._value = text
    lit._ill_typed = None
    return lit


@lru_cache(maxsize=512)
def _rdflib_accepts_language(tag: str) -> bool:
    return _is_valid_langtag(tag)


def to_rdflib(term: Any) -> Node | None:
    """An Oxigraph term as an rdflib term (xsd:string literals become plain literals).

    >>> to_rdflib(ox.Literal("11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('11', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> to_rdflib(ox.Literal("Lewisham"))
    rdflib.term.Literal('Lewisham')
    >>> to_rdflib(ox.Literal("school", language="en"))
    rdflib.term.Literal('school', lang='en')
    """
    kind = type(term)
    if kind is ox.NamedNode:
        # Oxigraph has already checked the IRI; URIRef() would check it again (only to log a
        # warning), which costs more than the query on large results. Same object, made directly.
        return _new_str(URIRef, term.value)
    if kind is ox.Literal:
        lang = term.language
        if lang:
            return _string_literal(term.value, lang)
        dtype = term.datatype.value
        if dtype == _XSD_STRING:
            return _string_literal(term.value)
        return Literal(term.value, datatype=dtype)
    if term is None:
        return None
    if kind is ox.BlankNode:
        return BNode(term.value)
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
        bindings = _checked(sparql, bindings, allow_external)
        if self.endpoint is not None:
            return self.endpoint.select(sparql, bindings, name=name)
        return run_embedded(self.store, sparql, bindings, name=name)

    def query_text(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
                   allow_external: bool = False, name: str | None = None
                   ) -> list[tuple[str | None, ...]]:
        """The rows of a read-only SELECT as text: IRIs, literals' lexical forms, blank node ids,
        None where a variable is unbound.

        The same query as :meth:`query`, read without making rdflib terms or keeping the store's
        terms: the way to read hundreds of thousands of rows (networks read their facts so).

        >>> kg = KnowledgeGraph()
        >>> kg.query_text('SELECT ?x ?y WHERE { VALUES ?x { <https://example.org/a> "b" } }')
        [('https://example.org/a', None), ('b', None)]
        """
        bindings = _checked(sparql, bindings, allow_external)
        if self.endpoint is not None:
            return self.endpoint.select(sparql, bindings, name=name).text_rows()
        res = _solve(self.store, sparql, bindings, name)
        if not isinstance(res, ox.QuerySolutions):
            from .errors import QueryError

            raise QueryError(f"{name or 'query'}: query_text reads the rows of a SELECT query")
        return _read(name, solution_texts, res, len(res.variables))

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g for g, in self.query_text("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


def _checked(sparql: str, bindings: Mapping[str, Node] | None, allow_external: bool) -> dict[str, Node]:
    check_query(sparql, allow_external=allow_external)
    bindings = dict(bindings or {})
    for key, value in bindings.items():
        if not isinstance(value, (URIRef, Literal)):
            raise TypeError(f"binding {key!r} must be an rdflib URIRef or Literal, not {value!r}")
    return bindings


def _solve(store: ox.Store, sparql: str, bindings: Mapping[str, Node], name: str | None) -> Any:
    """Oxigraph's answer (solutions or a boolean) with the union default graph and bound terms."""
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
    if isinstance(res, ox.QueryTriples):
        raise QueryError(f"{name or 'query'}: only SELECT and ASK queries return rows; "
                         "use export for graphs")
    return res


def _read(name: str | None, read: Any, *args: Any) -> Any:
    """``read(*args)``, with an error met while Oxigraph computes the rows as a QueryError."""
    from .errors import QueryError

    try:
        return read(*args)
    except RuntimeError as exc:
        raise QueryError(f"{name or 'query'}: {exc}") from None


def run_embedded(store: ox.Store, sparql: str, bindings: Mapping[str, Node],
                 name: str | None = None) -> Results:
    """Run a query on an Oxigraph store with the union default graph and bound terms."""
    res = _solve(store, sparql, bindings, name)
    if isinstance(res, ox.QueryBoolean):
        return Results([], boolean=bool(res), query_name=name)
    variables = [v.value for v in res.variables]
    # Oxigraph's own terms are kept; rdflib terms are made only for the rows that are read
    rows = _read(name, list, map(tuple, res))
    return Results.from_raw(variables, rows, OxigraphCells(), query_name=name)


def solution_texts(rows: Iterable[Any], width: int) -> list[tuple[str | None, ...]]:
    """Rows of Oxigraph terms (solutions or tuples of ``width`` values) as tuples of text.

    Rows of up to four values are unpacked, about twice as fast as a loop per value.
    """
    if width == 1:
        return [(None if a is None else a.value,) for a, in rows]
    if width == 2:
        return [(None if a is None else a.value, None if b is None else b.value) for a, b in rows]
    if width == 3:
        return [(None if a is None else a.value, None if b is None else b.value,
                 None if c is None else c.value) for a, b, c in rows]
    if width == 4:
        return [(None if a is None else a.value, None if b is None else b.value,
                 None if c is None else c.value, None if d is None else d.value)
                for a, b, c, d in rows]
    return [tuple(None if t is None else t.value for t in r) for r in rows]


class _TermCache(dict):
    """Oxigraph term -> rdflib term, converting on first use (results repeat their terms:
    labels, sources, concepts)."""

    def __missing__(self, term: Any) -> Node | None:
        value = self[term] = to_rdflib(term)
        return value


class OxigraphCells:
    """Reads rows of Oxigraph terms as rdflib terms (each distinct term converted once) or text."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache = _TermCache()

    def terms(self, raw: tuple) -> list[Node | None]:
        cache = self._cache
        return [cache[t] for t in raw]

    def text_rows(self, rows: list[tuple]) -> list[tuple[str | None, ...]]:
        return solution_texts(rows, len(rows[0]) if rows else 0)
