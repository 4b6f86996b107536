"""A remote SPARQL 1.1 endpoint as a place a :class:`~csgraph.kg.KnowledgeGraph` runs its queries.

:func:`connect` gives a knowledge graph whose queries go to an endpoint (Oxigraph, Virtuoso, Fuseki
...) and return the same rows as the embedded store.

The dataset is a property of the connection (``dataset=``). csgraph queries read the union of the
named graphs as their default graph, and ``GRAPH ?g`` sees each named graph. With ``"auto"`` (the
default) the client asks the server once what it is, then:

- Oxigraph: its ``union-default-graph`` protocol parameter;
- Virtuoso: the server's own default dataset (the union of all graphs), with Virtuoso's mapping
  schema (``virtrdf#``) left out by ``DEFINE input:default-graph-exclude`` and
  ``input:named-graph-exclude``; its two small service-description graphs stay visible to generic
  patterns (no named query matches them);
- any other server: the named graphs it holds, sent as ``default-graph-uri`` and
  ``named-graph-uri`` (the SPARQL protocol's own way, fine for hundreds of graphs).

``dataset="server"`` sends nothing and trusts the server's default dataset (``csgraph serve``,
``oxigraph serve --union-default-graph``, Fuseki with ``tdb2:unionDefaultGraph``); ``graphs=[...]``
names the graphs exactly. Nothing here grows with the number of graphs, so a national data set of
12,000 graphs is queried like the bundled 37.

Queries are read-only: an update, or text that does not parse as a query, is refused before anything
is sent. Credentials, retries and limits follow :mod:`csgraph.httppolicy`.

>>> ep = Endpoint("http://127.0.0.1:7878/query", timeout=5)
>>> ep
<Endpoint http://127.0.0.1:7878/query>
>>> ep.select("DROP ALL", {})
Traceback (most recent call last):
...
csgraph.errors.UnsafeQueryError: the query contains an update (INSERT, DELETE, LOAD, DROP ...); ...
"""

from __future__ import annotations

import base64
import logging
import math
import os
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rdflib.term import Node, URIRef

from . import __version__
from .answers import ACCEPT, accept_for, parse_answer
from .bindings import check_iri, check_no_sql, query_form, values_block, with_values, without_comments
from .errors import (
    EndpointError,
    QueryError,
    QueryParameterError,
    UnsafeQueryError,
)
from .httppolicy import (
    MAX_ANSWER_BYTES,
    MAX_ANSWER_ENV,
    attempts,
    check_complete,
    check_url,
    credentials,
    opener,
    read_body,
    safe_url,
)
from .namespace import PREFIXES
from .querycheck import check_query

if TYPE_CHECKING:  # pragma: no cover
    from .kg import KnowledgeGraph
    from .results import Results

__all__ = ["DATASETS", "SERVER_GRAPH_PREFIXES", "Endpoint", "connect"]

log = logging.getLogger("csgraph.remote")

#: Graphs a server keeps for itself (Virtuoso's schema and service descriptions): never part of the
#: dataset, and left out of :attr:`Endpoint.graphs`.
SERVER_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/schemas/",  # virtrdf#: Virtuoso's mapping schema
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
)
#: The values ``dataset=`` takes.
DATASETS = ("auto", "server", "graphs")

_PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
# Sent as the whole dataset when a server holds no named graphs, so that queries see nothing rather
# than whatever the server calls its default graph.
_NO_GRAPH = "urn:x-csgraph:no-graph"
# Virtuoso's own mapping schema (thousands of triples) is left out of its default dataset. One
# exclusion only: with two or more, Virtuoso 7.2's cost model overflows on FILTER NOT EXISTS queries.
_VIRTUOSO_DEFINES = ("DEFINE input:default-graph-exclude <http://www.openlinksw.com/schemas/virtrdf#>\n"
                     "DEFINE input:named-graph-exclude <http://www.openlinksw.com/schemas/virtrdf#>\n")
# GROUP BY, not DISTINCT: the same graphs, but Virtuoso 7.2 takes ~1 s over DISTINCT ?g alone
_DISCOVER = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class Endpoint:
    """A SPARQL 1.1 endpoint that csgraph queries read-only (see the module notes).

    ``url`` is the query URL (Oxigraph ``http://host:7878/query``, Virtuoso ``http://host:8890/sparql``).
    ``timeout`` bounds each request in seconds (each call may pass its own); connection failures and
    HTTP 503 are retried ``retries`` times, waiting ``backoff``, then twice as long each time.
    ``dataset`` is ``"auto"``, ``"server"`` or, with ``graphs``, the graphs named.
    ``max_answer_bytes`` bounds an answer (default 512 MiB, or ``CSGRAPH_MAX_ANSWER_BYTES``).
    ``wrapper`` is a configured ``SPARQLWrapper`` to send the queries through (see :func:`connect`).
    ``allow_update=True`` enables :meth:`update`.
    """

    def __init__(self, url: str, *, update_url: str | None = None, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5, user_agent: str = f"csgraph/{__version__}",
                 graphs: Iterable[str] | None = None, dataset: str = "auto",
                 max_answer_bytes: int | None = None, wrapper: Any = None,
                 allow_update: bool = False) -> None:
        self._url = check_url(url)  # as given; messages and repr use the safe form, self.url
        self._update_url = check_url(update_url, "update URL") if update_url else None
        self._timeout: float | None = _seconds(timeout)
        if retries < 0 or backoff < 0:
            raise ValueError("retries and backoff must not be negative")
        self.retries, self.backoff = int(retries), float(backoff)
        self.user_agent, self.allow_update, self._wrapper = user_agent, allow_update, wrapper
        if max_answer_bytes is None:
            env = os.environ.get(MAX_ANSWER_ENV, "")
            max_answer_bytes = int(env) if env.isdigit() else MAX_ANSWER_BYTES
        if max_answer_bytes <= 0:
            raise ValueError("max_answer_bytes must be a positive number of bytes")
        self.max_answer_bytes = int(max_answer_bytes)
        self._credentials = credentials(self._url, self._update_url)
        self._opener = opener(self._credentials, self._url, *filter(None, [self._update_url]))
        self._graphs: tuple[str, ...] | None = None
        self._server: str | None = None  # the Server header, once seen
        if graphs is not None:
            dataset = "graphs"
            found = tuple(str(g) for g in graphs)
            for g in found:
                check_iri(g, "a graph name")
            self._graphs = found
        elif dataset == "graphs":
            raise ValueError("dataset='graphs' needs graphs=[...]")
        if dataset not in DATASETS:
            raise ValueError(f"dataset must be one of {', '.join(DATASETS)}")
        self._dataset = dataset
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"<Endpoint {self.url}>"

    @property
    def url(self) -> str:
        """The query URL without user information, query string or fragment."""
        return safe_url(self._url)

    @property
    def update_url(self) -> str | None:
        """The update URL (if any), shown the same way."""
        return safe_url(self._update_url) if self._update_url else None

    @property
    def timeout(self) -> float | None:
        """Seconds each request may take unless a call gives its own (None: no limit)."""
        return self._timeout

    @timeout.setter
    def timeout(self, seconds: float | None) -> None:
        self._timeout = None if seconds is None else _seconds(seconds)

    @property
    def server(self) -> str:
        """The server's ``Server`` header ("" until it has answered, or if it sends none)."""
        return self._server or ""

    # -- the dataset --

    @property
    def dataset(self) -> str:
        """How the dataset is given: ``"union parameter"`` (Oxigraph), ``"server default"``
        (Virtuoso, or ``dataset="server"``), or ``"graph list"``; ``"auto"`` before the first query."""
        if self._dataset == "server":
            return "server default"
        if self._dataset == "graphs":
            return "graph list"
        if self._server is None:
            return "auto"
        if self._server.startswith("Oxigraph/"):
            return "union parameter"
        if self._server.startswith("Virtuoso/"):
            return "server default"
        return "graph list"

    @property
    def graphs(self) -> tuple[str, ...]:
        """The named graphs holding data, without the server's own (discovered once, then kept;
        an empty answer is asked again next time)."""
        if self._graphs is None:
            with self._lock:
                if self._graphs is None:
                    self._discover()
        return self._graphs or ()

    def discover_graphs(self) -> tuple[str, ...]:
        """Ask the server for its named graphs, leaving out server-internal ones; sorted."""
        return self._discover()

    def _discover(self) -> tuple[str, ...]:
        res = self._send(_DISCOVER, "SELECT", [], "", "graph discovery", None, self.timeout)
        found = sorted({str(row[0]) for row in res if isinstance(row[0], URIRef)})
        mine = tuple(g for g in found if not g.startswith(SERVER_GRAPH_PREFIXES))
        if self._dataset != "graphs":
            self._graphs = mine or None
        return mine

    def refresh(self) -> None:
        """Forget the discovered graphs (after data was pushed); explicit ``graphs`` stay."""
        if self._dataset != "graphs":
            with self._lock:
                self._graphs = None

    def _dataset_request(self) -> tuple[list[tuple[str, str]], str]:
        """The protocol parameters and the text before the query that give the dataset."""
        if self._dataset == "server":
            return [], ""
        if self._dataset == "graphs":
            return _graph_params(self._graphs or (_NO_GRAPH,)), ""
        if self._server is None:
            with self._lock:
                if self._server is None:
                    self._send("ASK {}", "ASK", [], "", "server probe", None, self.timeout)
        kind = self.dataset
        if kind == "union parameter":
            return [("union-default-graph", "")], ""
        if kind == "server default" and self._server and self._server.startswith("Virtuoso/"):
            return [], _VIRTUOSO_DEFINES
        return _graph_params(self.graphs or (_NO_GRAPH,)), ""

    # -- queries --

    def prepare(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> str:
        """The query text :meth:`select` sends (before any dataset text); raises if it would not be
        a read-only query."""
        return self._prepare(sparql, bindings)[0]

    def _prepare(self, sparql: str, bindings: Mapping[str, Node] | None) -> tuple[str, str]:
        check_query(sparql, allow_external=True)  # external clauses are KnowledgeGraph.select's call
        text = with_values(f"{_PREFIX_HEADER}{sparql}\n", values_block(bindings or {}))
        check_query(text, allow_external=True)
        check_no_sql(text)
        form, variables = query_form(text)
        if form == "SELECT" and variables:
            missing = [k for k in (bindings or {}) if k not in variables]
            if missing:
                raise QueryParameterError(
                    f"bound variable{'s' if len(missing) > 1 else ''} "
                    f"{', '.join('?' + m for m in missing)} not in the SELECT projection")
        return text, form

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
               name: str | None = None, timeout: float | None = None) -> Results:
        """Run a read-only SELECT or ASK query and return :class:`~csgraph.results.Results`.

        Nothing is sent unless the text parses as a query and holds no update. ``timeout`` (seconds)
        overrides the endpoint's for this call.
        """
        text, form = self._prepare(sparql, bindings)
        seconds = self.timeout if timeout is None else _seconds(timeout)
        params, defines = self._dataset_request()
        return self._send(text, form, params, defines, name or "query", name, seconds)

    def select_text(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
                    name: str | None = None, timeout: float | None = None
                    ) -> list[tuple[str | None, ...]]:
        """The rows of a read-only SELECT as text (see :meth:`csgraph.kg.KnowledgeGraph.select_text`)."""
        res = self.select(sparql, bindings, name=name, timeout=timeout)
        if res.boolean is not None:
            raise QueryError(f"{name or 'query'}: select_text reads the rows of a SELECT query")
        return res.text_rows()

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
            name: str | None = None, timeout: float | None = None) -> bool:
        """The answer of a read-only ASK query."""
        res = self.select(sparql, bindings, name=name, timeout=timeout)
        if res.boolean is None:
            raise QueryError(f"{name or 'query'}: ask() takes an ASK query")
        return res.boolean

    def _send(self, text: str, form: str, params: Sequence[tuple[str, str]], defines: str,
              label: str, name: str | None, timeout: float | None) -> Results:
        started = time.monotonic()
        if self._wrapper is not None:
            body, content_type = self._through_wrapper(defines + text, form, params, label, timeout)
        else:
            body, content_type = self._post(defines + text, params, label, timeout)
        results = parse_answer(body, content_type, label, self._url, name)
        log.debug("%s: %s, %d rows in %.3f s", self.url, label, len(results), time.monotonic() - started)
        return results

    def _post(self, text: str, params: Sequence[tuple[str, str]], label: str,
              timeout: float) -> tuple[bytes, str]:
        data = urllib.parse.urlencode([("query", text), *params]).encode()
        accept = accept_for(self._server) if self._server is not None else ACCEPT
        request = urllib.request.Request(self._url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
            "User-Agent": self.user_agent})
        if self._credentials:  # pre-emptive Basic, never sent on after a redirect
            token = base64.b64encode(":".join(self._credentials).encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")

        def once() -> tuple[bytes, str]:
            deadline = time.monotonic() + (timeout or math.inf)
            response = self._opener.open(request, timeout=timeout)
            self._server = response.headers.get("Server") or ""
            check_complete(response, label, self._url)
            content_type = response.headers.get("Content-Type") or ""
            return read_body(response, deadline, self.max_answer_bytes, label, self._url), content_type

        return attempts(once, url=self._url, label=label, timeout=timeout, retries=self.retries,
                        backoff=self.backoff)

    def _through_wrapper(self, text: str, form: str, params: Sequence[tuple[str, str]], label: str,
                         timeout: float) -> tuple[bytes, str]:
        from .wrapper import send_with_wrapper

        with self._lock:
            body, content_type, server = send_with_wrapper(
                self._wrapper, without_comments(text), form, params, server=self.server, label=label,
                url=self._url,
                timeout=timeout, retries=self.retries, backoff=self.backoff,
                limit=self.max_answer_bytes)
        self._server = server
        return body, content_type

    # -- updates (only when asked) --

    def update(self, sparql: str, *, timeout: float | None = None) -> None:
        """Run a SPARQL update at ``update_url``; only with ``allow_update=True``."""
        if not self.allow_update:
            raise UnsafeQueryError("this endpoint is read-only; make it with allow_update=True to "
                                   "write")
        if not self._update_url:
            raise EndpointError("no update URL; pass update_url= (Oxigraph: /update, Virtuoso: "
                                "/sparql or /sparql-auth)", endpoint=self.url)
        check_query(sparql, allow_update=True)
        seconds = self.timeout if timeout is None else _seconds(timeout)
        data = urllib.parse.urlencode({"update": sparql}).encode()
        request = urllib.request.Request(self._update_url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "User-Agent": self.user_agent})

        def once() -> None:
            with self._opener.open(request, timeout=seconds) as response:
                response.read()

        attempts(once, url=self._update_url, label="update", timeout=seconds, retries=self.retries,
                 backoff=self.backoff, retry_resets=False, writing=True)


def _seconds(timeout: float) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError("timeout must be a positive number of seconds")
    return float(timeout)


def _graph_params(graphs: Iterable[str]) -> list[tuple[str, str]]:
    out = []
    for g in graphs:
        out += [("default-graph-uri", g), ("named-graph-uri", g)]
    return out


def connect(url: Any, **kw: Any) -> KnowledgeGraph:
    """A knowledge graph whose queries run on the SPARQL endpoint at ``url`` (see :class:`Endpoint`).

    ``url`` may also be a configured ``SPARQLWrapper`` instance: its endpoint, credentials, headers
    and parameters are used through its public API (its timeout is in whole seconds, and its
    credentials follow redirects; see the README).

    Examples
    --------
    >>> kg = connect("http://127.0.0.1:7878/query", timeout=5)   # nothing is sent until a query runs
    >>> kg.is_remote
    True
    """
    from .kg import KnowledgeGraph

    if not isinstance(url, str) and hasattr(url, "endpoint") and hasattr(url, "setQuery"):
        kw["wrapper"] = url
        url = url.endpoint
    return KnowledgeGraph(endpoint=Endpoint(url, **kw))
