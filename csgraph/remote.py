"""Remote SPARQL endpoints: query one, push the data to one, or serve the data as one.

:func:`connect` gives a :class:`~csgraph.kg.KnowledgeGraph` whose queries go to a SPARQL 1.1 endpoint
(Oxigraph, Virtuoso, Fuseki ...) and return the same rows as the embedded store.

The data lives in named graphs and csgraph queries read the union of them as their default graph.
Servers in their default configuration do not do that, so the client states the dataset itself: it
asks the server once for its named graphs and sends them with every query as the SPARQL protocol
parameters ``default-graph-uri`` and ``named-graph-uri`` (``GRAPH ?g`` patterns keep working). Pass
``graphs=`` to name them yourself.

Queries are read-only: an update, or text that does not parse as a query, is refused before anything
is sent. Values are bound as RDF terms in a ``VALUES`` block placed first in the WHERE group (so
FILTERs see them, as with the embedded store's substitutions), never pasted into the text. Credentials
come from ``CSGRAPH_ENDPOINT_USER`` and ``CSGRAPH_ENDPOINT_PASSWORD`` and are sent only over https or
to a loopback host.

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
import http.client
import json
import logging
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from http.client import HTTPException, IncompleteRead
from ipaddress import ip_address
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox
from rdflib.term import BNode, Literal, Node, URIRef

from . import __version__
from .errors import (
    CSGraphError,
    EndpointAuthError,
    EndpointError,
    EndpointTimeout,
    EndpointUnavailable,
    QueryError,
    QueryParameterError,
    UnsafeQueryError,
)
from .guard import LEXICAL, check_query, external_clauses
from .kg import PREFIX_HEADER, KnowledgeGraph
from .terms import rdflib_accepts_language, string_literal, to_oxigraph, typed_literal

__all__ = [
    "PASSWORD_ENV",
    "SERVER_GRAPH_PREFIXES",
    "USER_ENV",
    "Endpoint",
    "PushSummary",
    "Server",
    "connect",
    "free_port",
    "open_kg",
    "oxigraph_executable",
    "push",
    "safe_url",
    "serve",
    "values_block",
    "wait_until_answering",
]

# Virtuoso echoes every graph of the request's dataset as an X-SPARQL-default-graph or
# X-SPARQL-named-graph response header; past about 48 graphs that is more than the 100 headers
# http.client accepts by default, and the answer would be refused as malformed.
http.client._MAXHEADERS = max(http.client._MAXHEADERS, 100_000)

log = logging.getLogger(__name__)

USER_ENV = "CSGRAPH_ENDPOINT_USER"
PASSWORD_ENV = "CSGRAPH_ENDPOINT_PASSWORD"

#: Graphs a server keeps for itself (Virtuoso's schema and service descriptions); graph discovery
#: leaves them out. Pass ``graphs=`` to :class:`Endpoint` to choose the graphs exactly.
SERVER_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/schemas/",  # virtrdf#: Virtuoso's mapping schema
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Sent as the whole dataset when a server holds no named graphs, so that queries see nothing rather
# than whatever the server calls its default graph (all of Virtuoso's system graphs, for one).
_NO_GRAPH = "urn:x-csgraph:no-graph"
# GROUP BY, not DISTINCT: the same graphs, but Virtuoso 7.2 takes ~1 s over DISTINCT ?g alone
_DISCOVER = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Virtuoso runs IRIs in the bif: and sql: schemes as SQL procedures, which can do anything the
# server's SPARQL user may do; a read-only client does not send them.
_VIRTUOSO_SQL = re.compile(r"<\s*(?:bif|sql)\s*:", re.IGNORECASE)
_RETRY_AFTER_CAP = 30.0
# strings, IRIs and comments (skipped whole) or a bracket: enough to find the WHERE group's brace
_SCAN = re.compile(LEXICAL + r"|[(){}]", re.DOTALL)

_parser_store: ox.Store | None = None


def safe_url(url: str | None) -> str:
    """The URL without user name, password, query string or fragment, for messages and logs.

    >>> safe_url("https://ann:secret@example.org/sparql?key=abc")
    'https://example.org/sparql'
    """
    if not url:
        return ""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable URL>"
    return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))


def _check_url(url: str, what: str = "endpoint URL") -> str:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except (ValueError, TypeError):
        raise EndpointError(f"the {what} is not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"the {what} must be an http:// or https:// URL with a host, like "
                            "http://127.0.0.1:7878/query", endpoint=safe_url(url))
    if parts.username is not None or parts.password is not None:
        raise EndpointAuthError(f"credentials in the {what} are refused; set {USER_ENV} and "
                                f"{PASSWORD_ENV} instead", endpoint=safe_url(url))
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _credentials(*urls: str | None) -> tuple[str, str] | None:
    """The credentials from the environment, if the URLs may carry them; raises before any request."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user and not password:
        return None
    for url in filter(None, urls):
        if not user or not password:
            raise EndpointAuthError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither",
                                    endpoint=safe_url(url))
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme != "https" and not _is_loopback(host):
            raise EndpointAuthError(
                "refusing to send credentials over plain http to a host that is not this machine; "
                f"use an https URL, or unset {USER_ENV} and {PASSWORD_ENV}", endpoint=safe_url(url))
        if (parts.scheme == "http" and urllib.request.getproxies().get("http")
                and not urllib.request.proxy_bypass(host)):
            raise EndpointAuthError(
                "refusing to send credentials over plain http through the configured HTTP proxy; "
                f"add {host} to no_proxy or use https", endpoint=safe_url(url))
    return (user, password) if user and password else None


def _opener(credentials: tuple[str, str] | None, *urls: str) -> urllib.request.OpenerDirector:
    """A private opener (never installed globally) that answers Basic and Digest challenges."""
    handlers: list[urllib.request.BaseHandler] = []
    if credentials:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in urls:
            parts = urllib.parse.urlsplit(url)
            manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", *credentials)
        handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                     urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


# --- failures -----------------------------------------------------------------------------------

class _Retry(Exception):
    """Internal: a failure worth another attempt (connection failed, or HTTP 503)."""

    def __init__(self, final: EndpointError, delay: float | None = None) -> None:
        self.final, self.delay = final, delay
        super().__init__(str(final))


def _status_message(status: int, label: str) -> str:
    if status == 400:
        return (f"{label}: the endpoint rejected the request (HTTP 400); it may not support a SPARQL "
                "1.1 feature the query uses - try the query on the embedded store")
    if status == 404:
        return (f"{label}: nothing answers at this URL (HTTP 404); Oxigraph answers queries at "
                "/query, Virtuoso at /sparql")
    if status == 414:
        return f"{label}: the request is too long for the endpoint (HTTP 414)"
    if status in (401, 403):
        return (f"{label}: the endpoint refused access (HTTP {status}); set {USER_ENV} and "
                f"{PASSWORD_ENV} to an account allowed to do this")
    if status >= 500:
        return f"{label}: the endpoint failed (HTTP {status}); its log says why"
    return f"{label}: the endpoint answered HTTP {status}"


def _failure(exc: BaseException, url: str, label: str, timeout: float, *,
             retry_resets: bool) -> EndpointError | _Retry | None:
    """The library error for a failed request (wrapped in _Retry when worth another attempt)."""
    where = safe_url(url)
    if isinstance(exc, urllib.error.HTTPError):
        status = exc.code
        exc.close()
        if status in (401, 403):
            return EndpointAuthError(_status_message(status, label), endpoint=where, status=status)
        if status == 503:
            final = EndpointUnavailable(f"{label}: the endpoint is unavailable (HTTP 503)",
                                        endpoint=where, status=503)
            return _Retry(final, _retry_after(exc.headers.get("Retry-After")))
        return EndpointError(_status_message(status, label), endpoint=where, status=status)
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return EndpointTimeout(f"{label}: no answer within {timeout:g} s; raise the timeout or "
                               "narrow the query", endpoint=where)
    if isinstance(reason, socket.gaierror):
        return EndpointUnavailable(f"{label}: cannot find the host", endpoint=where)
    if isinstance(reason, ssl.SSLError):
        return EndpointError(f"{label}: the TLS connection failed ({type(reason).__name__})",
                             endpoint=where)
    if isinstance(reason, ConnectionRefusedError):
        return _Retry(EndpointUnavailable(f"{label}: connection refused; is the server running?",
                                          endpoint=where))
    if isinstance(reason, (ConnectionError, IncompleteRead)):
        final = EndpointUnavailable(f"{label}: the connection failed ({type(reason).__name__})",
                                    endpoint=where)
        return _Retry(final) if retry_resets else final
    if isinstance(reason, OSError):
        return _Retry(EndpointUnavailable(f"{label}: cannot reach the endpoint "
                                          f"({reason.strerror or type(reason).__name__})",
                                          endpoint=where))
    if isinstance(reason, HTTPException):
        return EndpointError(f"{label}: the answer is not well-formed HTTP ({type(reason).__name__})",
                             endpoint=where)
    if isinstance(exc, ValueError) and "scheme" in str(exc):  # urllib's Digest handler
        return EndpointAuthError(f"{label}: the endpoint asks for an authentication scheme csgraph "
                                 "does not speak (only Basic and Digest)", endpoint=where)
    return None


def _retry_after(value: str | None) -> float | None:
    try:
        return min(max(float(value), 0.0), _RETRY_AFTER_CAP) if value else None
    except ValueError:
        return None


def _attempts(do, *, url: str, label: str, timeout: float, retries: int, backoff: float,
              retry_resets: bool = True):
    """Run ``do()``; retry with exponential backoff on connection failures and HTTP 503 only."""
    attempt = 0
    while True:
        try:
            return do()
        except (OSError, HTTPException, ValueError) as exc:
            failure = _failure(exc, url, label, timeout, retry_resets=retry_resets)
            if failure is None:
                raise
        if isinstance(failure, _Retry):
            if attempt < retries:
                delay = backoff * 2 ** attempt
                if failure.delay is not None:
                    delay = max(delay, failure.delay)
                attempt += 1
                log.info("%s: %s; attempt %d of %d in %.2f s", safe_url(url), failure.final,
                         attempt + 1, retries + 1, delay)
                time.sleep(delay)
                continue
            final = failure.final
            tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
            raise type(final)(f"{_strip_where(final, url)} (after {tries})",
                              endpoint=final.endpoint, status=final.status) from None
        raise failure from None


def _strip_where(error: EndpointError, url: str) -> str:
    text, prefix = str(error), f"{safe_url(url)}: "
    return text.removeprefix(prefix)


def _check_complete(response, label: str, url: str) -> None:
    """Raise if the server says the answer is partial (Virtuoso says so only in headers)."""
    cut = response.headers.get("X-SPARQL-MaxRows")
    state = (response.headers.get("X-SQL-State") or "").strip()
    if not cut and state != "S1TAT":
        return
    response.close()
    if cut:
        raise EndpointError(f"{label}: the server cut the answer at {cut} rows (Virtuoso's "
                            "ResultSetMaxRows); raise that limit in virtuoso.ini, or page with "
                            "LIMIT and OFFSET", endpoint=safe_url(url))
    raise EndpointTimeout(f"{label}: the server stopped the query at its time limit and sent part "
                          "of the answer (Virtuoso's anytime query); raise MaxQueryExecutionTime "
                          "or narrow the query", endpoint=safe_url(url))


def _read(response, deadline: float) -> bytes:
    """The whole body, or TimeoutError once the deadline passes (a server may trickle bytes)."""
    chunks = []
    try:
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("read deadline")
            chunk = response.read1(1 << 16)  # read1: whatever has arrived, so the deadline is seen
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        response.close()


# --- terms and bindings -------------------------------------------------------------------------

def _parser() -> ox.Store:
    global _parser_store
    if _parser_store is None:
        _parser_store = ox.Store()
    return _parser_store


def _check_iri(value: str, what: str) -> None:
    if _IRI_BAD.search(value) or not _IRI_SCHEME.match(value):
        raise QueryParameterError(
            f"{what} is not an absolute IRI, or contains a character IRIs may not hold (space, "
            '<, >, ", {, }, |, ^, `, \\ or a control character)')


def _binding_n3(key: str, term: Node) -> tuple[str, Any]:
    """The SPARQL text of a bound term and its Oxigraph twin, after checking the term."""
    what = f"the value bound to ?{key}"
    if isinstance(term, URIRef):
        _check_iri(str(term), what)
    elif isinstance(term, Literal):
        if term.language is not None:
            if not _LANG.fullmatch(term.language):
                raise QueryParameterError(f"{what} has a malformed language tag")
        elif term.datatype is not None:
            _check_iri(str(term.datatype), f"the datatype of {what}")
            if str(term.datatype) == _XSD_STRING:
                term = Literal(str(term))  # "a"^^xsd:string is "a"; some servers disagree
    else:
        raise QueryParameterError(f"{what} must be an rdflib URIRef or Literal, "
                                  f"not {type(term).__name__}")
    return term.n3(), to_oxigraph(term)


def values_block(bindings: Mapping[str, Node]) -> str:
    """A ``VALUES`` clause binding each variable to its term, checked to read back exactly.

    >>> from rdflib import Literal, URIRef
    >>> print(values_block({"p": URIRef("https://w3id.org/csgraph/id/x"), "n": Literal('x" || true || "')}))
    VALUES (?p ?n) { (<https://w3id.org/csgraph/id/x> "x\\" || true || \\"") }
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


def _with_values(text: str, block: str) -> str:
    """The query with the VALUES block first inside its WHERE group.

    There the values are joined before the group's FILTERs run, as the embedded store's pre-bound
    substitutions are; a VALUES block after the query would be joined last, so a FILTER on a bound
    variable (``CONTAINS(?label, ?text)``) would see it unbound and drop every row.
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


def _json_term(cell: Mapping[str, str]) -> Node:
    """One SPARQL JSON results term as rdflib, the same way :func:`csgraph.kg.to_rdflib` converts."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # typed-literal: SPARQL 1.0-era JSON (Virtuoso)
        lang = cell.get("xml:lang")
        if lang:
            return string_literal(value, lang)
        datatype = cell.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return typed_literal(value, datatype)
        return string_literal(value)
    raise ValueError(f"unsupported term type {kind!r}")


_TERM_KINDS = frozenset(("uri", "bnode", "literal", "typed-literal"))


class JsonCells:
    """Reads SPARQL JSON result bindings as rdflib terms (each distinct term converted once) or text."""

    __slots__ = ("_variables", "_seen")

    def __init__(self, variables: Sequence[str]) -> None:
        self._variables = tuple(variables)
        self._seen: dict[tuple, Node] = {}

    def _term(self, cell: Mapping[str, str]) -> Node:
        key = (cell["type"], cell["value"], cell.get("xml:lang"), cell.get("datatype"))
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = _json_term(cell)
        return found

    def terms(self, raw: Mapping[str, Mapping[str, str]]) -> list[Node | None]:
        get, term = raw.get, self._term
        return [None if (c := get(v)) is None else term(c) for v in self._variables]

    def text_rows(self, rows: Sequence[Mapping[str, Mapping[str, str]]]) -> list[tuple[str | None, ...]]:
        variables = self._variables
        return [tuple(None if (c := r.get(v)) is None else c["value"] for v in variables) for r in rows]


def _check_bindings(variables: list, bindings: list) -> None:
    """Raises ValueError unless every row is an object of well-formed terms (checked before any
    row is read, so a malformed answer fails at once, not when a row is used)."""
    if not all(type(v) is str for v in variables) or type(bindings) is not list:
        raise ValueError("bad head or bindings")
    kinds = _TERM_KINDS
    for b in bindings:
        for cell in b.values():  # AttributeError if a row is not an object
            if cell["type"] not in kinds or type(cell["value"]) is not str:
                raise ValueError("bad term")
            if len(cell) > 2:
                lang = cell.get("xml:lang", "")
                if type(lang) is not str or type(cell.get("datatype", "")) is not str:
                    raise ValueError("bad language or datatype")
                if lang and not rdflib_accepts_language(lang):
                    raise ValueError("bad language tag")


def _results(body: bytes, name: str | None, url: str, label: str):
    from .results import Results

    try:
        data = json.loads(body)
        if "boolean" in data:
            return Results([], boolean=bool(data["boolean"]), query_name=name)
        variables = list(data["head"]["vars"])
        bindings = data["results"]["bindings"]
        _check_bindings(variables, bindings)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EndpointError(f"{label}: the answer is not SPARQL JSON results",
                            endpoint=safe_url(url)) from None
    return Results.from_raw(variables, bindings, JsonCells(variables), query_name=name)


@lru_cache(maxsize=256)
def _query_form(text: str) -> tuple[str, tuple[str, ...]]:
    """("SELECT", variables) or ("ASK", ()) if the text parses as such a query; raises otherwise."""
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


def _decode_uchars(text: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16))
                      if int(m.group(1) or m.group(2), 16) < 0x110000 else "", text)


# --- the endpoint -------------------------------------------------------------------------------

class Endpoint:
    """A SPARQL 1.1 endpoint that csgraph queries read-only (see the module notes).

    ``url`` is the query URL (Oxigraph ``http://host:7878/query``, Virtuoso ``http://host:8890/sparql``).
    ``timeout`` bounds each request in seconds; connection failures and HTTP 503 are retried
    ``retries`` times, waiting ``backoff``, then twice as long each time. ``graphs`` fixes the dataset
    (otherwise it is discovered on first use and kept). ``allow_update=True`` enables :meth:`update`.
    """

    def __init__(self, url: str, *, update_url: str | None = None, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5, user_agent: str = f"csgraph/{__version__}",
                 graphs: Iterable[str] | None = None, allow_update: bool = False) -> None:
        self._url = _check_url(url)  # as given; messages and repr use the safe form, self.url
        self._update_url = _check_url(update_url, "update URL") if update_url else None
        if not timeout or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
        if retries < 0 or backoff < 0:
            raise ValueError("retries and backoff must not be negative")
        self.timeout, self.retries, self.backoff = float(timeout), int(retries), float(backoff)
        self.user_agent = user_agent
        self.allow_update = allow_update
        self._credentials = _credentials(self._url, self._update_url)
        self._opener = _opener(self._credentials, self._url, *filter(None, [self._update_url]))
        self._graphs: tuple[str, ...] | None = None
        self._explicit_graphs = graphs is not None
        self._server = ""  # the Server header of the last answer (Oxigraph takes union-default-graph)
        if graphs is not None:
            found = tuple(str(g) for g in graphs)
            for g in found:
                _check_iri(g, "a graph name")
            self._graphs = found
        self._lock = threading.Lock()

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

    # -- the dataset --

    @property
    def graphs(self) -> tuple[str, ...]:
        """The named graphs sent as the dataset of each query (discovered once, then kept)."""
        if self._graphs is None:
            with self._lock:
                if self._graphs is None:
                    found = self.discover_graphs()
                    if not found:
                        return ()  # nothing there yet; ask again next time
                    self._graphs = found
        return self._graphs

    def discover_graphs(self) -> tuple[str, ...]:
        """Ask the server for its named graphs, leaving out server-internal ones; sorted."""
        res = self._post_query(_DISCOVER, "SELECT", None, "graph discovery", None)
        found = {str(row[0]) for row in res if isinstance(row[0], URIRef)}
        return tuple(sorted(g for g in found if not g.startswith(SERVER_GRAPH_PREFIXES)))

    def refresh(self) -> None:
        """Forget the discovered graphs (after data was pushed); explicit ``graphs`` stay."""
        if not self._explicit_graphs:
            with self._lock:
                self._graphs = None

    # -- queries --

    def prepare(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> str:
        """The exact text that :meth:`select` sends; raises if it would not be a read-only query."""
        return self._prepare(sparql, bindings)[0]

    def _prepare(self, sparql: str, bindings: Mapping[str, Node] | None) -> tuple[str, str]:
        check_query(sparql, allow_external=True)  # external clauses are KnowledgeGraph.query's call
        text = _with_values(f"{PREFIX_HEADER}{sparql}\n", values_block(bindings or {}))
        check_query(text, allow_external=True)
        if _VIRTUOSO_SQL.search(_decode_uchars(text)):
            raise UnsafeQueryError("the query calls Virtuoso SQL procedures (bif: or sql: IRIs), "
                                   "which reach beyond the data; csgraph does not send them")
        form, variables = _query_form(text)
        if form == "SELECT" and variables:
            missing = [k for k in (bindings or {}) if k not in variables]
            if missing:
                raise QueryParameterError(
                    f"bound variable{'s' if len(missing) > 1 else ''} "
                    f"{', '.join('?' + m for m in missing)} not in the SELECT projection")
        return text, form

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               name: str | None = None):
        """Run a read-only SELECT or ASK query and return :class:`~csgraph.results.Results`.

        Nothing is sent unless the text parses as a query and holds no update.
        """
        text, form = self._prepare(sparql, bindings)
        graphs = self.graphs or (_NO_GRAPH,)
        if self._graphs and not self._explicit_graphs and self._server.startswith("Oxigraph/"):
            # Oxigraph's own `union-default-graph` parameter gives the same dataset as naming every
            # graph, without sending thousands of graph IRIs with each query (at national scale
            # that list alone made a query take over 30 s).
            return self._post_query(text, form, None, name or "query", name, union=True)
        return self._post_query(text, form, graphs, name or "query", name)

    def _post_query(self, text: str, form: str, graphs: Sequence[str] | None, label: str,
                    name: str | None, *, union: bool = False):
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self._url, agent=self.user_agent)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setOnlyConneg(True)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form from the first keyword it finds, and its comment stripping
        # skips every other comment line, so "address" in a comment makes a SELECT an ADD update.
        # The form comes from the real parse instead.
        wrapper.queryType = form
        if union:
            wrapper.addParameter("union-default-graph", "")
        for g in graphs or ():
            wrapper.addParameter("default-graph-uri", g)
            wrapper.addParameter("named-graph-uri", g)
        # SPARQLWrapper builds the protocol request; csgraph sends it with its own opener, so the
        # timeout is not rounded to whole seconds, no global opener is installed, and credentials
        # never follow a redirect.
        request = wrapper._createRequest()
        self._authorise(request)
        started = time.monotonic()

        def once() -> bytes:
            deadline = time.monotonic() + self.timeout
            response = self._opener.open(request, timeout=self.timeout)
            self._server = response.headers.get("Server") or ""
            _check_complete(response, label, self._url)
            return _read(response, deadline)

        body = _attempts(once, url=self._url, label=label, timeout=self.timeout,
                         retries=self.retries, backoff=self.backoff)
        results = _results(body, name, self._url, label)
        log.debug("%s: %s, %d rows in %.3f s", safe_url(self._url), label, len(results),
                  time.monotonic() - started)
        return results

    def _authorise(self, request: urllib.request.Request) -> None:
        if self._credentials:
            token = base64.b64encode(":".join(self._credentials).encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")

    # -- updates (only when asked) --

    def update(self, sparql: str) -> None:
        """Run a SPARQL update at ``update_url``; only with ``allow_update=True``."""
        if not self.allow_update:
            raise UnsafeQueryError("this endpoint is read-only; make it with allow_update=True to "
                                   "write")
        if not self._update_url:
            raise EndpointError("no update URL; pass update_url= (Oxigraph: /update, Virtuoso: "
                                "/sparql or /sparql-auth)", endpoint=safe_url(self._url))
        check_query(sparql, allow_update=True)
        data = urllib.parse.urlencode({"update": sparql}).encode()
        request = urllib.request.Request(self._update_url, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "User-Agent": self.user_agent})

        def once() -> None:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read()

        _attempts(once, url=self._update_url, label="update", timeout=self.timeout,
                  retries=self.retries, backoff=self.backoff, retry_resets=False)


def connect(url: str, **kw: Any) -> KnowledgeGraph:
    """A knowledge graph whose queries run on the SPARQL endpoint at ``url`` (see :class:`Endpoint`).

    >>> kg = connect("http://127.0.0.1:7878/query")
    >>> kg.is_remote
    True

    Examples
    --------
    >>> kg = connect("http://127.0.0.1:7878/query", timeout=5)   # nothing is sent until a query runs
    >>> kg.is_remote
    True
    """
    return KnowledgeGraph(endpoint=Endpoint(url, **kw))


def open_kg(paths: Sequence[str | os.PathLike] = (), endpoint: str | None = None) -> KnowledgeGraph:
    """The knowledge graph a command works on: the endpoint if given, else the files (or bundled data).

    >>> open_kg([], None).is_remote
    False
    """
    if endpoint:
        if paths:
            raise CSGraphError("give files or --endpoint, not both: --endpoint queries the data "
                               "already on the server")
        return connect(endpoint)
    from .loader import load

    return load(*paths) if paths else load(bundled=True)


# --- push ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PushSummary:
    """What :func:`push` wrote: the graphs, their quads, the time taken, and how and where."""

    graphs: tuple[str, ...]
    quads: int
    seconds: float
    method: str
    target: str
    query_url: str

    def __str__(self) -> str:
        return (f"pushed {len(self.graphs)} graphs ({self.quads} quads) in {self.seconds:.2f} s "
                f"with the {self.method} to {self.target}; query it at {self.query_url}")


_OXIGRAPH_PATHS = ("/query", "/update", "/store")
_VIRTUOSO_PATHS = ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql")
_NOT_HERE = (404, 405, 501)
_CHUNK_BYTES = 256 * 1024
# Virtuoso turns INSERT DATA into SQL and refuses more than 10,000 lines of it (about 2,000 triples)
_CHUNK_TRIPLES = 500


def _write_targets(url: str, graph_store_url: str | None, method: str,
                   authenticated: bool) -> list[tuple[str, str, str]]:
    """Candidate (method, write URL, query URL) triples to try, in order."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    family = None
    for suffix in _OXIGRAPH_PATHS:
        if path.endswith(suffix):
            family, path = "oxigraph", path[: -len(suffix)]
            break
    else:
        for suffix in _VIRTUOSO_PATHS:
            if path.endswith(suffix):
                family, path = "virtuoso", path[: -len(suffix)]
                break
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    auth = "-auth" if authenticated else ""
    ox_query, vt_query = f"{base}/query", f"{base}/sparql"
    oxigraph = [("graph store", f"{base}/store", ox_query), ("update", f"{base}/update", ox_query)]
    virtuoso = [("graph store", f"{base}/sparql-graph-crud{auth}", vt_query),
                ("update", f"{base}/sparql{auth}", vt_query)]
    if family == "oxigraph":
        candidates = oxigraph
    elif family == "virtuoso":
        candidates = virtuoso
    else:  # a base URL: Oxigraph, Fuseki (/data, /update), Virtuoso
        candidates = [oxigraph[0], ("graph store", f"{base}/data", ox_query), virtuoso[0],
                      oxigraph[1], virtuoso[1]]
    if graph_store_url:
        query_url = candidates[0][2]
        candidates = [("graph store", _check_url(graph_store_url, "graph store URL"), query_url)] + [
            c for c in candidates if c[0] == "update"]
    if method != "auto":
        wanted = {"graph-store": "graph store", "update": "update"}.get(method)
        if wanted is None:
            raise ValueError("method must be 'auto', 'graph-store' or 'update'")
        candidates = [c for c in candidates if c[0] == wanted]
    return candidates


def _graph_requests(kind: str, url: str, graph: str, ntriples: bytes,
                    replace: bool) -> list[urllib.request.Request]:
    if kind == "graph store":
        sep = "&" if "?" in url else "?"
        return [urllib.request.Request(f"{url}{sep}graph={urllib.parse.quote(graph, safe='')}",
                                       data=ntriples, method="PUT" if replace else "POST",
                                       headers={"Content-Type": "text/turtle; charset=utf-8"})]
    # SPARQL Update: N-Triples lines are valid INSERT DATA content; send them in chunks
    lines = ntriples.decode("utf-8").splitlines(keepends=True)
    chunks, current, size = [], [], 0
    for line in lines:
        if current and (size + len(line) > _CHUNK_BYTES or len(current) >= _CHUNK_TRIPLES):
            chunks.append("".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line)
    chunks.append("".join(current))
    out = []
    for i, chunk in enumerate(chunks):
        text = f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}}} }}"
        if replace and i == 0:
            text = f"DROP SILENT GRAPH <{graph}> ;\n{text}"
        out.append(urllib.request.Request(url, data=urllib.parse.urlencode({"update": text}).encode(),
                                          method="POST", headers={
                                              "Content-Type": "application/x-www-form-urlencoded"}))
    return out


def _as_kg(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike]
           ) -> KnowledgeGraph:
    if isinstance(kg_or_paths, KnowledgeGraph):
        if kg_or_paths.store is None:
            raise CSGraphError("push and serve need an embedded knowledge graph, not a remote one")
        return kg_or_paths
    from .loader import load

    if isinstance(kg_or_paths, (str, os.PathLike)):
        return load(kg_or_paths)
    return load(*kg_or_paths)


def push(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike],
         endpoint_url: str, *, graph_store_url: str | None = None, replace: bool = True,
         method: str = "auto", timeout: float = 120.0, retries: int = 3,
         backoff: float = 0.5) -> PushSummary:
    """Upload every named graph of a knowledge graph (or of the files given) to a SPARQL server.

    ``endpoint_url`` may be the server's base URL (``http://127.0.0.1:7878``) or its query, update or
    graph store URL; the rest is worked out. Each graph is written with the SPARQL 1.1 Graph Store
    Protocol (``PUT ?graph=IRI``; ``POST`` when ``replace=False``), or, where the server has none,
    with SPARQL Update ``INSERT DATA`` (after ``DROP SILENT GRAPH`` when replacing). ``method`` forces
    ``"graph-store"`` or ``"update"``. Graph names are kept; triples in the default graph (which
    csgraph queries never read) are not sent. Each graph is replaced on its own: the push as a whole
    is not atomic. Credentials come from the environment, as for :class:`Endpoint`; Basic and Digest
    challenges are answered (Virtuoso writes need Digest, at ``/sparql-graph-crud-auth``).

    Examples
    --------
    A real, writable Oxigraph server on 127.0.0.1, as a team's shared store would be:

    >>> import subprocess, tempfile, csgraph
    >>> port = free_port()
    >>> server = subprocess.Popen([oxigraph_executable(), "serve", "--location", tempfile.mkdtemp(),
    ...                            "--bind", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    >>> wait_until_answering(f"http://127.0.0.1:{port}/query", process=server)
    >>> summary = push(csgraph.load(bundled=True), f"http://127.0.0.1:{port}")
    >>> len(summary.graphs) > 30, summary.quads > 2000
    (True, True)
    >>> server.terminate(); _ = server.wait(10)
    """
    started = time.monotonic()
    kg = _as_kg(kg_or_paths)
    url = _check_url(endpoint_url)
    credentials = _credentials(url, graph_store_url)
    candidates = _write_targets(url, graph_store_url, method, credentials is not None)
    opener = _opener(credentials, url, *[c[1] for c in candidates])
    agent = f"csgraph/{__version__}"
    names = sorted(str(g.value) for g in kg.store.named_graphs() if isinstance(g, ox.NamedNode))
    left = sum(1 for q in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    left += sum(1 for g in kg.store.named_graphs() if isinstance(g, ox.BlankNode)
                for _ in kg.store.quads_for_pattern(None, None, None, g))
    if left:
        log.warning("push: %d quads in the default graph or in blank-node graphs are not sent "
                    "(csgraph queries read only named graphs)", left)
    chosen: tuple[str, str, str] | None = None
    quads = 0
    for graph in names:
        ntriples = kg.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        quads += ntriples.count(b"\n")
        options = [chosen] if chosen else list(candidates)
        for kind, target, query_url in options:
            try:
                for request in _graph_requests(kind, target, graph, ntriples, replace):
                    request.add_header("User-Agent", agent)
                    _send_write(opener, request, target, timeout, retries, backoff)
            except EndpointError as exc:
                if chosen is None and exc.status in _NOT_HERE:
                    log.info("%s: no %s here (HTTP %s)", safe_url(target), kind, exc.status)
                    continue
                raise
            chosen = (kind, target, query_url)
            break
        else:
            tried = ", ".join(safe_url(c[1]) for c in candidates) or "nothing"
            raise EndpointError(f"found no graph store or update service to write to (tried "
                                f"{tried}); pass graph_store_url=", endpoint=safe_url(url))
    kind, target, query_url = chosen or candidates[0]
    return PushSummary(graphs=tuple(names), quads=quads, seconds=time.monotonic() - started,
                       method=kind, target=safe_url(target), query_url=safe_url(query_url))


def _send_write(opener, request, url, timeout, retries, backoff) -> None:
    def once() -> None:
        with opener.open(request, timeout=timeout) as response:
            response.read()

    _attempts(once, url=url, label="push", timeout=timeout, retries=retries, backoff=backoff,
              retry_resets=False)


# --- serve --------------------------------------------------------------------------------------

def oxigraph_executable() -> str:
    """The ``oxigraph`` command (from the ``oxigraph`` package), next to this Python or on PATH.

    >>> oxigraph_executable().endswith("oxigraph")
    True
    """
    beside = Path(sys.executable).with_name("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise CSGraphError("the oxigraph server is not installed; pip install 'oxigraph>=0.5,<0.6'")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Server:
    """A running read-only Oxigraph server holding a copy of the data; stop it with :meth:`stop`."""

    def __init__(self, process: subprocess.Popen, base_url: str, folder: Path, graphs: int,
                 quads: int) -> None:
        self.process, self.base_url, self.folder = process, base_url, folder
        self.query_url = f"{base_url}/query"
        self.graphs, self.quads = graphs, quads

    def __repr__(self) -> str:
        state = "running" if self.process.poll() is None else "stopped"
        return f"<Server {self.query_url} {state}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        """Stop the server and delete its copy of the data."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike], *,
          port: int = 7878, bind: str = "127.0.0.1", allow_public: bool = False,
          union_default_graph: bool = False, ready_timeout: float = 60.0) -> Server:
    """Serve the data as a read-only SPARQL endpoint with the Oxigraph server; returns the running
    :class:`Server` (query it at ``server.query_url`` with :func:`connect`).

    The data is copied into a temporary store (``oxigraph load``) served by ``oxigraph
    serve-read-only``. Only loopback addresses are bound unless ``allow_public=True``. ``port=0``
    picks a free port. ``union_default_graph=True`` also lets clients other than csgraph see the data
    without naming graphs.

    Examples
    --------
    >>> import csgraph
    >>> kg = csgraph.load(bundled=True)
    >>> with serve(kg, port=0) as server:               # a real Oxigraph server on 127.0.0.1
    ...     remote = connect(server.query_url)
    ...     [str(r["count"]) for r in csgraph.query(remote, "pilots") if r["count"] is not None]
    ['11']
    """
    host = bind.strip("[]")
    if not _is_loopback(host) and not allow_public:
        raise CSGraphError(f"refusing to serve on {bind}, which other machines can reach; bind "
                           "127.0.0.1, or pass allow_public=True (--public) if you mean it")
    kg = _as_kg(kg_or_paths)
    exe = oxigraph_executable()
    port = port or free_port(host)
    folder = Path(tempfile.mkdtemp(prefix="csgraph-serve-"))
    try:
        dump = folder / "data.nq"
        kg.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        loaded = subprocess.run([exe, "load", "--location", str(folder / "db"), "--file", str(dump)],
                                check=False, capture_output=True, text=True,
                                timeout=600)
        if loaded.returncode != 0:
            raise CSGraphError(f"oxigraph load failed: {loaded.stderr.strip()[-500:]}")
        dump.unlink()
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        args = [exe, "serve-read-only", "--location", str(folder / "db"), "--bind", address]
        if union_default_graph:
            args.append("--union-default-graph")
        logfile = open(folder / "server.log", "wb")  # noqa: SIM115 - the server process owns it
        # its own session: Ctrl-C reaches csgraph, which then stops the server and cleans up
        process = subprocess.Popen(args, stdout=logfile, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        logfile.close()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    url_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://[{url_host}]:{port}" if ":" in url_host else f"http://{url_host}:{port}"
    graphs = sum(1 for _ in kg.store.named_graphs())
    server = Server(process, base, folder, graphs, len(kg.store))
    try:
        wait_until_answering(f"{base}/query", process=process, timeout=ready_timeout)
    except (TimeoutError, RuntimeError):
        tail = (folder / "server.log").read_text(errors="replace")[-500:].strip()
        server.stop()
        raise CSGraphError(f"the oxigraph server did not start on {address}: {tail}") from None
    except BaseException:
        server.stop()
        raise
    return server


def wait_until_answering(query_url: str, *, process: subprocess.Popen | None = None,
                         timeout: float = 60.0) -> None:
    """Wait until a SPARQL endpoint answers ``ASK {}``; raises TimeoutError or RuntimeError."""
    deadline = time.monotonic() + timeout
    request_url = f"{query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with opener.open(urllib.request.Request(
                    request_url, headers={"Accept": "application/sparql-results+json"}),
                    timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{safe_url(query_url)} did not answer within {timeout:g} s")
        time.sleep(0.1)
