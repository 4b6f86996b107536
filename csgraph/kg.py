"""The knowledge-graph handle: a small object around an embedded Oxigraph store or a remote endpoint.

Loading, validation, tracing and drawing live in modules of their own and take this object.
"""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .namespace import PREFIXES
from .querycheck import check_query
from .results import Results
from .terms import OxigraphCells, solution_texts, to_oxigraph, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

    from .backend import Backend

__all__ = ["PREFIX_HEADER", "KnowledgeGraph", "in_worker", "run_embedded", "to_oxigraph", "to_rdflib"]

PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
_HEADER_LINES = PREFIX_HEADER.count("\n")


class KnowledgeGraph:
    """A loaded knowledge graph: either an embedded store or a remote SPARQL endpoint.

    Build one with :func:`csgraph.load` (embedded) or :func:`csgraph.connect` (remote). Queries see
    the union of all named graphs as their default graph, on both.

    >>> kg = KnowledgeGraph()
    >>> kg.is_remote
    False
    """

    def __init__(self, store: ox.Store | None = None, *, endpoint: Backend | None = None) -> None:
        if store is not None and endpoint is not None:
            raise ValueError("a knowledge graph is either embedded (store) or remote (endpoint)")
        self.store = store if store is not None or endpoint is not None else ox.Store()
        self.endpoint = endpoint
        self.sources: list[str] = []
        self._timeout: float | None = None

    @property
    def timeout(self) -> float | None:
        """Seconds a query may take when the call gives no ``timeout``: None (no limit) for the
        embedded store; a remote endpoint's own timeout (30 s unless set)."""
        return self.endpoint.timeout if self.endpoint is not None else self._timeout

    @timeout.setter
    def timeout(self, seconds: float | None) -> None:
        if seconds is not None and not seconds > 0:
            raise ValueError(f"a timeout is a number of seconds above 0, not {seconds!r}")
        if self.endpoint is not None:
            self.endpoint.timeout = seconds
        else:
            self._timeout = seconds

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

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
               allow_external: bool = False, name: str | None = None,
               timeout: float | None = None) -> Results:
        """Run a read-only SELECT or ASK query; ``bindings`` maps variable names to RDF terms.

        Values are bound as terms (Oxigraph substitutions locally, a VALUES block remotely), never
        pasted into the text. A bound variable must be in the SELECT projection. ``timeout`` is in
        seconds (default: :attr:`timeout`); past it :class:`~csgraph.errors.QueryTimeout` is raised
        (remotely, the endpoint's timeout error). Ctrl-C stops waiting for the answer at once.
        """
        bindings = _checked(sparql, bindings, allow_external, name)
        if self.endpoint is not None:
            return self.endpoint.select(sparql, bindings, name=name, **_timeout_kw(timeout))
        return run_embedded(self.store, sparql, bindings, name=name,
                            timeout=self._timeout if timeout is None else timeout)

    def select_text(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
                    allow_external: bool = False, name: str | None = None,
                    timeout: float | None = None) -> list[tuple[str | None, ...]]:
        """The rows of a read-only SELECT as text: IRIs, literals' lexical forms, blank node ids,
        None where a variable is unbound.

        The same query as :meth:`select`, read without making rdflib terms or keeping the store's
        terms: the way to read hundreds of thousands of rows (networks read their facts so).

        >>> kg = KnowledgeGraph()
        >>> kg.select_text('SELECT ?x ?y WHERE { VALUES ?x { <https://example.org/a> "b" } }')
        [('https://example.org/a', None), ('b', None)]
        """
        bindings = _checked(sparql, bindings, allow_external, name)
        timeout = self._timeout if timeout is None else timeout
        if self.endpoint is not None:
            return self.endpoint.select(sparql, bindings, name=name, **_timeout_kw(timeout)).text_rows()

        def evaluate(stop: threading.Event) -> list:
            res = _solve(self.store, sparql, bindings, name)
            if not isinstance(res, ox.QuerySolutions):
                from .errors import QueryError

                raise QueryError(f"{name or 'query'}: select_text reads the rows of a SELECT query")
            width = len(res.variables)
            return _chunked(name, res, stop, lambda chunk: solution_texts(chunk, width))

        return in_worker(evaluate, timeout, name)

    def query(self, *args: Any, **kwargs: Any) -> Results:
        """Deprecated: the old name of :meth:`select` (``csgraph.query`` runs a *named* query)."""
        _renamed("query", "select")
        return self.select(*args, **kwargs)

    def query_text(self, *args: Any, **kwargs: Any) -> list[tuple[str | None, ...]]:
        """Deprecated: the old name of :meth:`select_text`."""
        _renamed("query_text", "select_text")
        return self.select_text(*args, **kwargs)

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g for g, in self.select_text("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


def _renamed(old: str, new: str) -> None:
    import warnings

    warnings.warn(f"KnowledgeGraph.{old} is deprecated and will be removed in the next release; "
                  f"use KnowledgeGraph.{new}", DeprecationWarning, stacklevel=3)


def _checked(sparql: str, bindings: Mapping[str, Node] | None, allow_external: bool,
             name: str | None = None) -> dict[str, Node]:
    # the parser sees exactly the text that runs: the prefix header and the query
    check_query(sparql, allow_external=allow_external, header=PREFIX_HEADER, name=name)
    bindings = dict(bindings or {})
    if bindings:  # rdflib is imported only by queries that bind values
        from rdflib.term import Literal, URIRef
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
        raise QueryError(_syntax_error(name, str(exc))) from None
    except (RuntimeError, OSError) as exc:  # OSError: a SERVICE the caller allowed failed
        raise QueryError(f"{name or 'query'}: {exc}") from None
    if isinstance(res, ox.QueryTriples):
        raise QueryError(f"{name or 'query'}: only SELECT and ASK queries return rows; "
                         "use export for graphs")
    return res


def _syntax_error(name: str | None, message: str) -> str:
    """``NAME:LINE:COLUMN: SPARQL syntax: ...`` with the line counted in the caller's text."""
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if m is None:
        return f"{name or 'query'}: SPARQL syntax: {message}"
    line, column = int(m.group(1)) - _HEADER_LINES, int(m.group(2))
    return f"{name or 'query'}:{line}:{column}: SPARQL syntax: {m.group(3)}"


def _timeout_kw(timeout: float | None) -> dict[str, float]:
    return {} if timeout is None else {"timeout": timeout}


_CHUNK = 4096  # rows read between two checks for a stop (a timeout or Ctrl-C)


def _chunked(name: str | None, res: Any, stop: threading.Event, read: Any) -> list:
    """``read`` applied to the solutions ``_CHUNK`` at a time, stopping when ``stop`` is set."""
    from .errors import QueryError

    it, out = iter(res), []
    try:
        while True:
            chunk = read(islice(it, _CHUNK))
            if not chunk:
                return out
            out.extend(chunk)
            if stop.is_set():
                return out  # nobody waits for these rows any more
    except (RuntimeError, OSError) as exc:  # OSError: a SERVICE the caller allowed failed
        raise QueryError(f"{name or 'query'}: {exc}") from None


def in_worker(evaluate: Any, timeout: float | None, name: str | None = None) -> Any:
    """``evaluate(stop)`` in a worker thread, waited for until ``timeout`` seconds, or Ctrl-C.

    Oxigraph has no way to cancel a query and does not look at signals while it computes, but it
    lets other threads run; so the query runs in a daemon worker thread (kept for the next query)
    and the caller waits for it in a way that a signal interrupts. On a timeout or Ctrl-C the
    caller gets control back at once; the worker stops at its next batch of rows, or when the
    engine's current step ends (a process that exits, such as the command line, stops it there
    and then).
    """
    box: dict[str, Any] = {}
    done, stop = threading.Event(), threading.Event()

    def run() -> None:
        try:
            box["value"] = evaluate(stop)
        except BaseException as exc:  # handed to the caller
            box["error"] = _detached(exc)
        finally:
            done.set()

    _submit(run)
    try:
        finished = done.wait(timeout)
    except BaseException:  # Ctrl-C while waiting
        stop.set()
        raise
    if not finished:
        stop.set()
        from .errors import QueryTimeout

        raise QueryTimeout(f"{name or 'query'}: no answer within {timeout:g} s; the query was "
                           "stopped. Narrow it (LIMIT, more specific patterns) or give a longer "
                           "timeout")
    if "error" in box:
        raise box["error"]
    return box["value"]


# idle worker threads, each waiting on its own queue of jobs; a worker whose query was abandoned
# (a timeout, Ctrl-C) comes back when that query ends, and new workers are made as needed
_IDLE: list[queue.SimpleQueue] = []
_IDLE_LOCK = threading.Lock()
os.register_at_fork(after_in_child=_IDLE.clear)  # a child process has none of these threads


def _serve(jobs: queue.SimpleQueue) -> None:
    while True:
        jobs.get()()
        with _IDLE_LOCK:
            _IDLE.append(jobs)


def _submit(job: Any) -> None:
    """Run ``job()`` on an idle worker thread (starting a thread costs more than the handover)."""
    with _IDLE_LOCK:
        jobs = _IDLE.pop() if _IDLE else None
    if jobs is None:
        jobs = queue.SimpleQueue()
        threading.Thread(target=_serve, args=(jobs,), name="csgraph-query", daemon=True).start()
    jobs.put(job)


def _detached(exc: BaseException) -> BaseException:
    """``exc`` without its tracebacks (and those of the errors it chains to): their frames hold the
    store's answer, which Oxigraph lets only the thread that made it release."""
    seen, e = set(), exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        e.__traceback__ = None
        e = e.__cause__ or e.__context__
    return exc


def run_embedded(store: ox.Store, sparql: str, bindings: Mapping[str, Node],
                 name: str | None = None, *, timeout: float | None = None) -> Results:
    """Run a query on an Oxigraph store with the union default graph and bound terms."""
    def evaluate(stop: threading.Event) -> Results:
        res = _solve(store, sparql, bindings, name)
        if isinstance(res, ox.QueryBoolean):
            return Results([], boolean=bool(res), query_name=name)
        variables = [v.value for v in res.variables]
        # Oxigraph's own terms are kept; rdflib terms are made only for the rows that are read
        rows = _chunked(name, res, stop, lambda chunk: list(map(tuple, chunk)))
        return Results.from_raw(variables, rows, OxigraphCells(), query_name=name)

    return in_worker(evaluate, timeout, name)
