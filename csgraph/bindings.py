"""The text csgraph sends to a SPARQL server: bound values as a checked ``VALUES`` block, and the
checks that keep the text a read-only query.

Values are bound as RDF terms in a ``VALUES`` block placed first in the WHERE group (so FILTERs see
them, as with the embedded store's substitutions), never pasted into the text; the block is read
back with a real SPARQL parser and must give exactly the terms given.

>>> from rdflib import Literal, URIRef
>>> print(values_block({"p": URIRef("https://w3id.org/csgraph/id/x"), "n": Literal('x" || true || "')}))
VALUES (?p ?n) { (<https://w3id.org/csgraph/id/x> "x\\" || true || \\"") }
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import XSD
from rdflib.term import Literal, Node, URIRef

from .errors import QueryError, QueryParameterError, UnsafeQueryError
from .querycheck import LEXICAL, external_clauses
from .terms import to_oxigraph

__all__ = ["check_iri", "check_no_sql", "query_form", "values_block", "with_values", "without_comments"]

_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Virtuoso runs IRIs in the bif: and sql: schemes as SQL procedures, which can do anything the
# server's SPARQL user may do; a read-only client does not send them.
_VIRTUOSO_SQL = re.compile(r"<\s*(?:bif|sql)\s*:", re.IGNORECASE)
# strings, IRIs and comments (skipped whole) or a bracket: enough to find the WHERE group's brace
_SCAN = re.compile(LEXICAL + r"|[(){}]", re.DOTALL)
_TOKENS = re.compile(LEXICAL, re.DOTALL)

_parser_store: ox.Store | None = None


def _parser() -> ox.Store:
    global _parser_store
    if _parser_store is None:
        _parser_store = ox.Store()
    return _parser_store


def check_iri(value: str, what: str) -> None:
    """Raise QueryParameterError unless ``value`` is an absolute IRI that can be written in ``<>``.

    >>> check_iri("https://example.org/a b", "a graph name")
    Traceback (most recent call last):
    ...
    csgraph.errors.QueryParameterError: a graph name is not an absolute IRI, ...
    """
    if _IRI_BAD.search(value) or not _IRI_SCHEME.match(value):
        raise QueryParameterError(
            f"{what} is not an absolute IRI, or contains a character IRIs may not hold (space, "
            '<, >, ", {, }, |, ^, `, \\ or a control character)')


def _binding_n3(key: str, term: Node) -> tuple[str, Any]:
    """The SPARQL text of a bound term and its Oxigraph twin, after checking the term."""
    what = f"the value bound to ?{key}"
    if isinstance(term, URIRef):
        check_iri(str(term), what)
    elif isinstance(term, Literal):
        if term.language is not None:
            if not _LANG.fullmatch(term.language):
                raise QueryParameterError(f"{what} has a malformed language tag")
        elif term.datatype is not None:
            check_iri(str(term.datatype), f"the datatype of {what}")
            if term.datatype == XSD.string:
                term = Literal(str(term))  # "a"^^xsd:string is "a"; some servers disagree
    else:
        raise QueryParameterError(f"{what} must be an rdflib URIRef or Literal, "
                                  f"not {type(term).__name__}")
    return term.n3(), to_oxigraph(term)


def values_block(bindings: Mapping[str, Node]) -> str:
    """A ``VALUES`` clause binding each variable to its term, checked to read back exactly.

    >>> values_block({})
    ''
    """
    if not bindings:
        return ""
    names, cells, expected = [], [], []
    for key, term in bindings.items():
        if not isinstance(key, str) or not _VARNAME.fullmatch(key):
            raise QueryParameterError(f"binding name {key!r} is not a SPARQL variable name")
        text, twin = _binding_n3(key, term)
        names.append(f"?{key}")
        cells.append(text)
        expected.append(twin)
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(cells)}) }}"
    # Read the block back with a real SPARQL parser: it must give exactly the terms given, one row.
    try:
        rows = list(_parser().query(f"SELECT * WHERE {{}} {block}"))
        ok = len(rows) == 1 and all(rows[0][n[1:]] == t for n, t in zip(names, expected))
    except (SyntaxError, ValueError):
        ok = False
    if not ok:
        raise QueryParameterError("a bound value does not survive SPARQL quoting; bind plain "
                                  "rdflib URIRef and Literal terms")
    return block


def with_values(text: str, block: str) -> str:
    """The query with the VALUES block first inside its WHERE group.

    There the values are joined before the group's FILTERs run, as the embedded store's pre-bound
    substitutions are; a VALUES block after the query would be joined last, so a FILTER on a bound
    variable (``CONTAINS(?label, ?text)``) would see it unbound and drop every row.

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", "VALUES ?s { <urn:a> }")
    'SELECT ?s WHERE {\\nVALUES ?s { <urn:a> }\\n ?s ?p ?o }'
    """
    if not block:
        return text
    depth = 0
    for match in _SCAN.finditer(text):
        token = match.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "{" and depth == 0:  # the WHERE group (SELECT expressions are in brackets)
            return f"{text[:match.end()]}\n{block}\n{text[match.end():]}"
    raise QueryError("the query has no WHERE group to bind values in")


def without_comments(text: str) -> str:
    """The text with its comments blanked (strings and IRIs kept whole).

    >>> without_comments('SELECT ?s # add\\nWHERE { ?s ?p "#x" }')
    'SELECT ?s      \\nWHERE { ?s ?p "#x" }'
    """
    return _TOKENS.sub(lambda m: " " * len(m.group()) if m.group().startswith("#") else m.group(), text)


def _decode_uchars(text: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16))
                      if int(m.group(1) or m.group(2), 16) < 0x110000 else "", text)


def check_no_sql(text: str) -> None:
    """Raise UnsafeQueryError if the text calls Virtuoso SQL procedures (``bif:``, ``sql:``)."""
    if _VIRTUOSO_SQL.search(_decode_uchars(text)):
        raise UnsafeQueryError("the query calls Virtuoso SQL procedures (bif: or sql: IRIs), "
                               "which reach beyond the data; csgraph does not send them")


@lru_cache(maxsize=256)
def query_form(text: str) -> tuple[str, tuple[str, ...]]:
    """("SELECT", variables) or ("ASK", ()) if the text parses as such a query; raises otherwise.

    >>> query_form("SELECT ?s WHERE { ?s ?p ?o }")
    ('SELECT', ('s',))
    """
    if "SERVICE" in external_clauses(text):
        # Oxigraph would call the service while answering an ASK; rdflib only parses.
        from pyparsing import ParseBaseException
        from rdflib.plugins.sparql.parser import parseQuery

        try:
            parsed = parseQuery(text)
        except (ParseBaseException, ValueError, TypeError):
            raise QueryError("the text does not parse as a SPARQL query; csgraph sends only "
                             "SELECT and ASK queries") from None
        form = parsed[1].name
        if form == "SelectQuery":
            return "SELECT", ()
        if form == "AskQuery":
            return "ASK", ()
    else:
        try:
            res = _parser().query(text)  # parsed here; a SELECT is not evaluated until iterated
        except SyntaxError as exc:
            raise QueryError(f"the text does not parse as a SPARQL query ({exc}); csgraph sends "
                             "only SELECT and ASK queries") from None
        if isinstance(res, ox.QuerySolutions):
            return "SELECT", tuple(v.value for v in res.variables)
        if isinstance(res, ox.QueryBoolean):
            return "ASK", ()
    raise QueryError("only SELECT and ASK queries return rows; use export for graphs")
