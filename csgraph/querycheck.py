"""Checks on SPARQL text before it runs: read-only, and no reach to files or other services.

The decision is made on the parsed query, not on a scan of the text: the text is parsed with
rdflib's SPARQL 1.1 grammar (``parseQuery``, then ``parseUpdate``) and the parse tree is walked for
``SERVICE`` patterns, dataset clauses (``FROM`` / ``FROM NAMED``) and update operations (``LOAD``,
``INSERT``, ``DROP`` ...). A text that parses as neither a query nor an update is refused, naming
the line and column where the parser stopped: what cannot be read cannot be checked. The text must
be the one that runs, prefix header included. Decisions are cached per text, so a named query run
many times is parsed once.

>>> is_update("SELECT * WHERE { ?s ?p 'DROP ALL' }")
False
>>> is_update("DROP ALL")
True
>>> external_clauses("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
['FROM']
>>> external_clauses("SELECT ?service WHERE { ?service a <urn:x:Service> }")
[]
>>> inspect_query("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }").external
('SERVICE',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import UnsafeQueryError

__all__ = ["LEXICAL", "MAX_QUERY_CHARS", "QueryShape", "check_query", "external_clauses", "trust",
           "inspect_query", "is_update"]

#: The longest query text csgraph parses and runs (characters); parsing cost grows with the text.
MAX_QUERY_CHARS = 100_000

#: Strings, IRIs and comments of SPARQL text as a regular expression. Kept for locating braces in
#: text that has already passed :func:`check_query`; it is not used to decide what a query does.
LEXICAL = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
)
_LEXICAL = re.compile(LEXICAL, re.DOTALL)

# parse-tree node names (rdflib.plugins.sparql.parser) that reach beyond the loaded data
_EXTERNAL_NODES = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM", "Load": "LOAD",
                   "UsingClause": "USING"}
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class QueryShape:
    """What a SPARQL text does, read from its parse tree.

    ``form`` is SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE; ``external`` lists the clauses that reach
    beyond the loaded data (SERVICE, FROM, FROM NAMED), in order; ``updates`` the update operations.
    """

    form: str
    external: tuple[str, ...] = ()
    updates: tuple[str, ...] = ()


def inspect_query(text: str, *, header: str = "", name: str | None = None) -> QueryShape:
    """The :class:`QueryShape` of ``header + text`` (the text that runs); raises
    :class:`UnsafeQueryError` if it cannot be read, naming ``name`` (a file, a query's name) with
    the line and column counted in ``text``.

    >>> inspect_query("SELECT * FROM NAMED <urn:g> { GRAPH ?g { ?s ?p ?o } }")
    QueryShape(form='SELECT', external=('FROM NAMED',), updates=())
    >>> inspect_query("SELECT * { ?s ?p }", name="mine.rq")
    Traceback (most recent call last):
    ...
    csgraph.errors.UnsafeQueryError: mine.rq:1:19: SPARQL syntax: ...
    """
    if not isinstance(text, str):
        raise TypeError(f"a query is a str, not {type(text).__name__}")
    if len(text) > MAX_QUERY_CHARS:
        raise UnsafeQueryError(f"{name or 'query'}: the query is {len(text):,} characters long, over "
                               f"the limit of {MAX_QUERY_CHARS:,}; shorten it (put data in a file and "
                               "load it instead of writing it into the query)")
    try:
        return _inspect(header + text)
    except _Unreadable as exc:
        raise UnsafeQueryError(_syntax_message(text, header, name, exc)) from None


def _syntax_message(text: str, header: str, name: str | None, exc: _Unreadable) -> str:
    """Where the text stops being SPARQL. Oxigraph's parser places errors better than rdflib's; it
    is asked only when the text cannot name a service (no 'service' in any spelling), since
    Oxigraph answers an ASK as soon as it has parsed it."""
    lines = header.count("\n")
    label = name or "query"
    tail = "; csgraph runs only read-only queries that it can parse and check"
    lowered = text.lower()
    if "service" not in lowered and "\\u" not in lowered:
        import pyoxigraph as ox

        try:
            ox.Store().query(header + text)
        except SyntaxError as err:
            m = re.match(r"error at (\d+):(\d+): (.*)", str(err), re.DOTALL)
            if m:
                return f"{label}:{int(m.group(1)) - lines}:{m.group(2)}: SPARQL syntax: {m.group(3)}{tail}"
            return f"{label}: SPARQL syntax: {err}{tail}"
        except (RuntimeError, OSError, ValueError):
            pass
    line = exc.line - lines
    if line > 0:
        return f"{label}:{line}:{exc.col}: SPARQL syntax: {exc.msg}{tail}"
    return f"{label}: SPARQL syntax error in the prefix header ({exc.msg}){tail}"


class _Unreadable(Exception):
    def __init__(self, line: int, col: int, msg: str) -> None:
        self.line, self.col, self.msg = line, col, msg


@lru_cache(maxsize=1024)
def _inspect(text: str) -> QueryShape:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    failures = []
    for parse in (parseQuery, parseUpdate):
        try:
            tree = parse(text)
        except ParseBaseException as exc:
            failures.append(exc)
            continue
        except RecursionError:
            raise UnsafeQueryError("the query nests too deeply to be checked; flatten its groups "
                                   "and expressions") from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # the grammar matched but a term in it is invalid (a bad IRI, an unknown prefix ...)
            raise UnsafeQueryError(f"the query cannot be read: {exc}") from None
        return _shape(tree, update=parse is parseUpdate)
    # report where the parser got furthest
    exc = max(failures, key=lambda e: e.loc)
    raise _Unreadable(exc.lineno, exc.col, exc.msg)


def _shape(tree, *, update: bool) -> QueryShape:
    external: list[str] = []
    updates: list[str] = []
    form = "UPDATE" if update else ""
    stack = [tree]
    while stack:  # iterative: a deep parse tree cannot exhaust the stack here
        node = stack.pop()
        name = getattr(node, "name", None)
        if isinstance(name, str) and isinstance(node, dict):
            if name in _EXTERNAL_NODES:
                clause = _EXTERNAL_NODES[name]
                external.append(f"{clause} NAMED" if clause in ("FROM", "USING") and "named" in node else clause)
            elif name in _FORMS and not form:
                form = _FORMS[name]
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(reversed(list(node)))
    if update:
        for op in tree.get("request", ()):
            updates.append(getattr(op, "name", "Update"))
    return QueryShape(form, tuple(external), tuple(updates) or (("Update",) if update else ()))


def is_update(text: str) -> bool:
    """True when the text is a SPARQL update (raises if it is neither a query nor an update)."""
    return inspect_query(text).form == "UPDATE"


def external_clauses(text: str) -> list[str]:
    """The SERVICE / FROM / FROM NAMED clauses of the query (which reach beyond the loaded data)."""
    return [c.split()[0] for c in inspect_query(text).external]


_TRUSTED: set[str] = set()


def trust(text: str) -> str:
    """Mark a query text that csgraph itself wrote (a named query's file, a compiled shape, a quality
    check) as read-only and local, so that running it skips the parse; returns the text.

    The parse costs tens of milliseconds a text, which hundreds of shape checks or a command line
    that runs one named query would otherwise pay. Text from users is never marked.

    >>> q = trust("SELECT ?s WHERE { ?s a cs:Pilot }")
    >>> check_query(q) is None
    True
    """
    _TRUSTED.add(text)
    return text


def check_query(text: str, *, allow_update: bool = False, allow_external: bool = False,
                header: str = "", name: str | None = None) -> QueryShape | None:
    """Raise :class:`UnsafeQueryError` if the text would write, or reach other data, unasked, or
    cannot be read; return its :class:`QueryShape` otherwise (None for a text marked by
    :func:`trust`).

    >>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    csgraph.errors.UnsafeQueryError: the query uses SERVICE, which reaches beyond the loaded data; ...
    """
    if text in _TRUSTED:
        return None
    shape = inspect_query(text, header=header, name=name)
    if shape.form == "UPDATE" and not allow_update:
        raise UnsafeQueryError("the query contains an update (INSERT, DELETE, LOAD, DROP ...); "
                               "csgraph runs read-only queries unless you pass allow_update=True "
                               f"(found: {', '.join(shape.updates)})")
    if shape.external and not allow_external:
        raise UnsafeQueryError(f"the query uses {', '.join(sorted(set(shape.external)))}, which "
                               "reaches beyond the loaded data; pass allow_external=True if you "
                               "mean it")
    return shape
