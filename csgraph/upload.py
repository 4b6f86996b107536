"""Push: upload the named graphs of a knowledge graph to a SPARQL server.

What a push guarantees: each graph is written whole by one request (Graph Store Protocol ``PUT``) or,
by SPARQL Update, replaced by ``DROP SILENT GRAPH`` and ``INSERT DATA`` chunks; graph names are kept.
With ``replace=True`` the graphs of each case pushed that the server holds but the data no longer has
(a section renamed or removed) are dropped, after every graph has been written. The push as a whole
is not one transaction: if it stops (the server fails, the network drops), the error says how many
graphs were written, the server holds those new graphs beside the old rest, and pushing again
finishes the job.
"""

from __future__ import annotations

import logging
import os
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import __version__
from .errors import CSGraphError, EndpointError
from .httppolicy import attempts, check_url, credentials, hint, opener, safe_url
from .kg import KnowledgeGraph
from .namespace import GRAPH

__all__ = ["PushSummary", "embedded_kg", "push"]

log = logging.getLogger("csgraph.remote")

_OXIGRAPH_PATHS = ("/query", "/update", "/store")
_VIRTUOSO_PATHS = ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql")
_NOT_HERE = (404, 405, 501)
_CHUNK_BYTES = 256 * 1024
# Virtuoso turns INSERT DATA into SQL and refuses more than 10,000 lines of it (about 2,000 triples)
_CHUNK_TRIPLES = 500
_NOT_CASES = ("ontology", "file")  # graphs under GRAPH that belong to no case


@dataclass(frozen=True)
class PushSummary:
    """What :func:`push` wrote: the graphs, their quads, the time taken, how and where, and the
    stale graphs of the pushed cases it removed."""

    graphs: tuple[str, ...]
    quads: int
    seconds: float
    method: str
    target: str
    query_url: str
    removed: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        gone = f"; removed {len(self.removed)} stale graphs" if self.removed else ""
        return (f"pushed {len(self.graphs)} graphs ({self.quads} quads) in {self.seconds:.2f} s "
                f"with the {self.method} to {self.target}{gone}; query it at {self.query_url}")


def _write_targets(url: str, graph_store_url: str | None, method: str,
                   authenticated: bool) -> list[tuple[str, str, str]]:
    """Candidate (method, write URL, query URL) triples to try, in order."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    family = None
    for fam, suffixes in (("oxigraph", _OXIGRAPH_PATHS), ("virtuoso", _VIRTUOSO_PATHS)):
        found = next((s for s in suffixes if path.endswith(s)), None)
        if found:
            family, path = fam, path[: -len(found)]
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
        candidates = [("graph store", check_url(graph_store_url, "graph store URL"), query_url)] + [
            c for c in candidates if c[0] == "update"]
    if method != "auto":
        wanted = {"graph-store": "graph store", "update": "update"}.get(method)
        if wanted is None:
            raise ValueError("method must be 'auto', 'graph-store' or 'update'")
        candidates = [c for c in candidates if c[0] == wanted]
    return candidates


def _graph_requests(kind: str, url: str, graph: str, ntriples: bytes | None,
                    replace: bool) -> list[urllib.request.Request]:
    """The requests that write ``graph`` (or, with ``ntriples=None``, drop it)."""
    if kind == "graph store":
        sep = "&" if "?" in url else "?"
        target = f"{url}{sep}graph={urllib.parse.quote(graph, safe='')}"
        if ntriples is None:
            return [urllib.request.Request(target, method="DELETE")]
        return [urllib.request.Request(target, data=ntriples, method="PUT" if replace else "POST",
                                       headers={"Content-Type": "text/turtle; charset=utf-8"})]
    if ntriples is None:
        return [_update_request(url, f"DROP SILENT GRAPH <{graph}>")]
    # SPARQL Update: N-Triples lines are valid INSERT DATA content; send them in chunks
    chunks, current, size = [], [], 0
    for line in ntriples.decode("utf-8").splitlines(keepends=True):
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
        out.append(_update_request(url, text))
    return out


def _update_request(url: str, text: str) -> urllib.request.Request:
    return urllib.request.Request(url, data=urllib.parse.urlencode({"update": text}).encode(),
                                  method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})


def embedded_kg(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike]
                ) -> KnowledgeGraph:
    """The embedded knowledge graph given, or the files given loaded; a remote one is refused."""
    if isinstance(kg_or_paths, KnowledgeGraph):
        if kg_or_paths.store is None:
            raise CSGraphError("push and serve need an embedded knowledge graph, not a remote one")
        return kg_or_paths
    from .loader import load

    if isinstance(kg_or_paths, (str, os.PathLike)):
        return load(kg_or_paths)
    return load(*kg_or_paths)


def _case_of(graph: str) -> str | None:
    if not graph.startswith(str(GRAPH)):
        return None
    case = graph[len(str(GRAPH)):].split("/", 1)[0]
    return None if not case or case in _NOT_CASES else case


def _stale(server_graphs: Iterable[str], local: Iterable[str]) -> list[str]:
    """The server's graphs of the local cases that the local data no longer has."""
    local = set(local)
    cases = {c for c in map(_case_of, local) if c}
    return sorted(g for g in server_graphs if g not in local and _case_of(g) in cases)


class _Writer:
    """Writes graphs with the first write service that works, then keeps to it."""

    def __init__(self, candidates, opener_, timeout, retries, backoff, url):
        self.candidates, self.opener, self.url = candidates, opener_, url
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.chosen: tuple[str, str, str] | None = None

    def write(self, graph: str, ntriples: bytes | None, replace: bool) -> None:
        for kind, target, query_url in [self.chosen] if self.chosen else list(self.candidates):
            try:
                for request in _graph_requests(kind, target, graph, ntriples, replace):
                    request.add_header("User-Agent", f"csgraph/{__version__}")
                    self._send(request, target)
            except EndpointError as exc:
                if self.chosen is None and exc.status in _NOT_HERE:
                    log.info("%s: no %s here (HTTP %s)", safe_url(target), kind, exc.status)
                    continue
                raise
            self.chosen = (kind, target, query_url)
            return
        tried = ", ".join(safe_url(c[1]) for c in self.candidates) or "nothing"
        option = hint(python="graph_store_url=", cli="--graph-store URL")
        raise EndpointError(f"push: found no graph store or update service to write to (tried {tried}); "
                            f"the server may be read-only, or give its graph store URL ({option})",
                            endpoint=safe_url(self.url))

    def _send(self, request: urllib.request.Request, url: str) -> None:
        def once() -> None:
            with self.opener.open(request, timeout=self.timeout) as response:
                response.read()

        attempts(once, url=url, label="push", timeout=self.timeout, retries=self.retries,
                 backoff=self.backoff, retry_resets=False, writing=True)


def push(kg_or_paths: KnowledgeGraph | str | os.PathLike | Iterable[str | os.PathLike],
         endpoint_url: str, *, graph_store_url: str | None = None, replace: bool = True,
         method: str = "auto", timeout: float = 120.0, retries: int = 3, backoff: float = 0.5,
         progress: Callable[[int, int], None] | None = None) -> PushSummary:
    """Upload every named graph of a knowledge graph (or of the files given) to a SPARQL server.

    ``endpoint_url`` may be the server's base URL (``http://127.0.0.1:7878``) or its query, update or
    graph store URL; the rest is worked out. Each graph is written with the SPARQL 1.1 Graph Store
    Protocol (``PUT ?graph=IRI``; ``POST`` when ``replace=False``), or, where the server has none,
    with SPARQL Update ``INSERT DATA`` (after ``DROP SILENT GRAPH`` when replacing). ``method`` forces
    ``"graph-store"`` or ``"update"``. With ``replace=True`` the server's graphs of the pushed cases
    that the data no longer has are dropped last. Triples in the default graph (which csgraph queries
    never read) are not sent. ``progress(written, total)`` is called after each graph. Credentials
    come from the environment, as for :class:`~csgraph.endpoint.Endpoint`; Basic and Digest
    challenges are answered (Virtuoso writes need Digest, at ``/sparql-graph-crud-auth``).

    If a write fails, the :class:`~csgraph.errors.EndpointError` says how many graphs were written
    (``error.written``); the push is not one transaction (see the module notes).
    """
    started = time.monotonic()
    kg = embedded_kg(kg_or_paths)
    url = check_url(endpoint_url)
    creds = credentials(url, graph_store_url)
    candidates = _write_targets(url, graph_store_url, method, creds is not None)
    writer = _Writer(candidates, opener(creds, url, *[c[1] for c in candidates]), timeout, retries,
                     backoff, url)
    store = kg.store
    names = sorted(str(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    left = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    left += sum(1 for g in store.named_graphs() if isinstance(g, ox.BlankNode)
                for _ in store.quads_for_pattern(None, None, None, g))
    if left:
        log.warning("push: %d quads in the default graph or in blank-node graphs are not sent "
                    "(csgraph queries read only named graphs)", left)
    quads, written, removed = 0, 0, ()
    try:
        for graph in names:
            ntriples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            writer.write(graph, ntriples, replace)
            quads += ntriples.count(b"\n")
            written += 1
            if progress is not None:
                progress(written, len(names))
        if replace and names:
            removed = _remove_stale(writer, names, timeout)
    except EndpointError as exc:
        raise _partial(exc, written, len(names)) from None
    kind, target, query_url = writer.chosen or candidates[0]
    return PushSummary(graphs=tuple(names), quads=quads, seconds=time.monotonic() - started,
                       method=kind, target=safe_url(target), query_url=safe_url(query_url),
                       removed=tuple(removed))


def _remove_stale(writer: _Writer, names: list[str], timeout: float) -> list[str]:
    from .endpoint import Endpoint

    query_url = writer.chosen[2]
    on_server = Endpoint(query_url, timeout=timeout, dataset="server").discover_graphs()
    stale = _stale(on_server, names)
    for graph in stale:
        writer.write(graph, None, True)
    return stale


def _partial(exc: EndpointError, written: int, total: int) -> EndpointError:
    text = str(exc).removeprefix(f"{exc.endpoint}: ") if exc.endpoint else str(exc)
    if written == 0:
        done = "no graph was written"
    elif written < total:
        done = (f"{written} of {total} graphs were written before this; the server holds those beside "
                "its older graphs; push again to finish")
    else:
        done = f"all {total} graphs were written, but stale graphs of the pushed cases may remain; push again"
    error = type(exc)(f"{text} ({done})", endpoint=exc.endpoint, status=exc.status)
    error.written = written
    return error
