"""csgraph.remote: queries on real SPARQL servers give the embedded rows; failures map to the
library's errors; nothing unsafe is ever sent.

Server tests (marked ``server``) use Oxigraph and Virtuoso processes from ``conftest.py``. Fault tests
use a small scripted HTTP server on 127.0.0.1 that counts the requests reaching it.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef
from servers import free_port

import csgraph
from csgraph.bindings import values_block, with_values
from csgraph.endpoint import Endpoint, connect, open_kg
from csgraph.errors import (
    CSGraphError,
    EndpointAuthError,
    EndpointError,
    EndpointTimeout,
    EndpointUnavailable,
    QueryError,
    QueryParameterError,
    UnsafeQueryError,
)
from csgraph.httppolicy import PASSWORD_ENV, USER_ENV, safe_url
from csgraph.kg import KnowledgeGraph, to_rdflib
from csgraph.loader import load
from csgraph.namespace import CS, ONTOLOGY_GRAPH
from csgraph.server import serve
from csgraph.upload import push

HOSTILE = 'x" || true || "'
PASSWORD = "pw-Zebra-7781"
NEEDLE = "needle-value-4242"


def bag(results) -> Counter:
    """The rows as a multiset of tuples (row order is the server's business unless ORDER BY)."""
    return Counter(tuple(row) for row in results)


def same(embedded, remote) -> None:
    assert remote.variables == embedded.variables
    assert remote.boolean == embedded.boolean
    assert bag(remote) == bag(embedded)


# --- parity on real servers ---------------------------------------------------------------------

QUERIES = {
    "every triple": "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }",
    "optional": """SELECT DISTINCT ?pilot ?label ?n WHERE {
        ?pilot a cs:Pilot ; rdfs:label ?label . OPTIONAL { ?pilot cs:settingCount ?n } }""",
    "provenance": "SELECT DISTINCT ?g ?thing ?type WHERE { GRAPH ?g { ?thing a ?type } }",
    "graph metadata": """SELECT DISTINCT ?g ?src ?url WHERE {
        GRAPH ?g { ?s ?p ?o } ?g prov:hadPrimarySource ?src . ?src cs:url ?url }""",
    "aggregate": """SELECT ?type (COUNT(DISTINCT ?thing) AS ?n) WHERE { ?thing a ?type }
        GROUP BY ?type""",
    "aggregate per graph": """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }
        GROUP BY ?g""",
    "path +": """SELECT DISTINCT ?concept ?ancestor WHERE {
        ?concept a skos:Concept ; skos:broader+ ?ancestor }""",
    "path *": """SELECT DISTINCT ?class ?super WHERE {
        ?class a owl:Class ; rdfs:subClassOf* ?super }""",
    "path sequence": """SELECT DISTINCT ?thing ?scheme WHERE {
        ?thing cs:approach/skos:inScheme ?scheme }""",
    "filter": """SELECT DISTINCT ?s ?label WHERE {
        ?s rdfs:label ?label FILTER(CONTAINS(LCASE(STR(?label)), "school")) }""",
    "ordered": """SELECT DISTINCT ?label WHERE { ?s a cs:Strategy ; rdfs:label ?label }
        ORDER BY ?label LIMIT 5""",
    "ask": "ASK { ?p a cs:Pilot }",
    "ask false": "ASK { ?p a cs:NoSuchClass }",
}


@pytest.mark.server
@pytest.mark.parametrize("key", list(QUERIES))
def test_remote_rows_equal_embedded_rows(pushed_server, key):
    # These generic patterns also match Virtuoso's two small service-description graphs in its
    # default dataset, so on Virtuoso they name the pushed graphs (the SPARQL protocol's own way);
    # the named queries and the trace run on the default dataset (test_named_queries_...).
    text = QUERIES[key]
    kw = {"graphs": pushed_server.graphs} if pushed_server.name == "virtuoso" else {}
    embedded = pushed_server.kg.query(text)
    remote = pushed_server.connect(**kw).query(text)
    same(embedded, remote)
    if embedded.boolean is None and key != "filter":
        assert len(embedded) > 0, "a parity check on no rows proves little"
    if embedded.boolean is None:  # rows read as text are the rows' terms, as the store wrote them
        for kg, res in ((pushed_server.kg, embedded), (pushed_server.connect(**kw), remote)):
            texts = kg.query_text(text)
            assert len(texts) == len(res)
            assert Counter(map(as_terms, texts, res)) == Counter(tuple(r) for r in res)


def as_terms(texts, row):
    """The text of a row read back as the row's terms: a typed literal may be written in another
    lexical form of the same value than rdflib writes it (Virtuoso's boolean 1 for true)."""
    return tuple(None if text is None else Literal(text, datatype=t.datatype)
                 if isinstance(t, Literal) and t.datatype else Literal(text, lang=t.language)
                 if isinstance(t, Literal) else type(t)(text) for text, t in zip(texts, row))


@pytest.mark.server
def test_virtuoso_cannot_walk_a_path_from_nowhere(virtuoso_pushed):
    # Virtuoso 7.2 refuses a + or * path with neither end bound ("transitive start not given");
    # bind one end first, as the "path" queries above do.
    text = "SELECT DISTINCT ?concept ?ancestor WHERE { ?concept skos:broader+ ?ancestor }"
    assert len(virtuoso_pushed.kg.query(text)) > 0
    with pytest.raises(EndpointError) as err:
        virtuoso_pushed.connect().query(text)
    assert err.value.status == 500


@pytest.mark.server
def test_order_by_is_kept(pushed_server):
    text = QUERIES["ordered"]
    assert list(pushed_server.connect().query(text)) == list(pushed_server.kg.query(text))


def _first(kg, text, var):
    rows = kg.query(text)
    assert len(rows), text
    return rows[0][var]


BOUND = "SELECT DISTINCT ?thing ?p ?value WHERE { ?thing ?p ?value }"


@pytest.mark.server
@pytest.mark.parametrize("case", ["iri", "iri object", "string", "lang", "integer", "year", "date",
                                  "two at once"])
def test_bindings_give_the_embedded_rows(pushed_server, case):
    kg = pushed_server.kg
    if case == "iri":
        text, bindings = "SELECT DISTINCT ?thing ?type WHERE { ?thing a ?type }", {"type": CS.Pilot}
    elif case == "iri object":
        strategy = _first(kg, "SELECT ?s WHERE { ?s a cs:Strategy }", "s")
        text, bindings = BOUND, {"thing": strategy}
    elif case == "string":
        code = _first(kg, "SELECT ?c WHERE { ?a cs:gssCode ?c }", "c")
        text, bindings = BOUND, {"value": code}
    elif case == "lang":
        label = _first(kg, 'SELECT ?l WHERE { ?c a owl:Class ; rdfs:label ?l FILTER(LANG(?l) = "en") }',
                       "l")
        assert label.language
        text, bindings = BOUND, {"value": label}
    elif case == "integer":
        text, bindings = BOUND, {"value": _first(kg, "SELECT ?n WHERE { ?p cs:settingCount ?n }", "n")}
    elif case == "year":
        year = _first(kg, "SELECT ?y WHERE { ?p cs:startYear ?y }", "y")
        assert year.datatype == XSD.gYear
        text, bindings = BOUND, {"value": year}
    elif case == "date":
        text, bindings = BOUND, {"value": _first(kg, "SELECT ?d WHERE { ?p cs:startDate ?d }", "d")}
    else:
        text = BOUND
        bindings = {"p": URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    "value": CS.Pilot}
    embedded = kg.query(text, bindings)
    assert len(embedded) > 0
    same(embedded, pushed_server.connect().query(text, bindings))


@pytest.mark.server
@pytest.mark.parametrize("text", ["school", "Early Help", "LEWISHAM", HOSTILE, "zzzz-no-match"])
def test_a_bound_variable_used_in_a_filter_matches_like_embedded(pushed_server, text):
    # The catalogue's `find` query filters on ?text; a VALUES block after the query would be joined
    # after that FILTER and find nothing.
    from csgraph.catalogue import query as named_query

    embedded = named_query(pushed_server.kg, "find", text=text)
    same(embedded, named_query(pushed_server.connect(), "find", text=text))
    assert (len(embedded) > 0) == (text in ("school", "Early Help", "LEWISHAM"))


@pytest.mark.server
def test_trace_runs_remotely(pushed_server):
    from csgraph.tracing import gaps, resolve, trace

    remote = pushed_server.connect()
    label = str(_first(pushed_server.kg, "SELECT ?l WHERE { ?s a cs:Strategy ; rdfs:label ?l }", "l"))
    assert resolve(remote, label) == resolve(pushed_server.kg, label)
    assert trace(remote, label).to_text() == trace(pushed_server.kg, label).to_text()
    for key, rows in gaps(pushed_server.kg).items():
        same(rows, gaps(remote)[key])


@pytest.mark.server
@pytest.mark.parametrize("value", [
    Literal(HOSTILE),
    Literal('"} ; DROP ALL ; SELECT * { ?s ?p ?o '),
    Literal("> } } # \\"),
    Literal('"""\nDROP ALL\n"""', lang="en"),
    URIRef("https://w3id.org/csgraph/id/no-such-thing"),
])
def test_hostile_values_simply_match_nothing(pushed_server, value):
    remote = pushed_server.connect()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = remote.query(count)[0][0]
    for var in ("value", "thing"):
        if var == "thing" and isinstance(value, Literal):
            continue
        embedded = pushed_server.kg.query(BOUND, {var: value})
        assert len(embedded) == 0
        same(embedded, remote.query(BOUND, {var: value}))
    assert remote.query(count)[0][0] == before


@pytest.mark.server
def test_graphs_are_discovered_once_without_server_graphs(pushed_server):
    kg = pushed_server.connect()
    assert kg.endpoint.graphs == tuple(sorted(pushed_server.graphs)) == tuple(pushed_server.kg.graphs())
    assert str(ONTOLOGY_GRAPH) in kg.endpoint.graphs
    assert not any("openlinksw" in g or "localuriqaserver" in g for g in kg.endpoint.graphs)


@pytest.mark.server
def test_the_dataset_goes_as_protocol_parameters(pushed_server):
    graph = str(ONTOLOGY_GRAPH)
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    only = connect(pushed_server.query_url, graphs=[graph])
    assert "FROM" not in only.endpoint.prepare(text)
    expected = len(list(pushed_server.kg.store.quads_for_pattern(None, None, None,
                                                                  ox.NamedNode(graph))))
    assert int(only.query(text)[0][0]) == expected
    everything = pushed_server.connect().query(text)
    assert int(everything[0][0]) > expected


@pytest.mark.server
def test_a_default_server_ignores_named_graphs_without_the_dataset(oxigraph_pushed):
    # What the client works around: a server in its default configuration reads its (empty) default
    # graph, so the same query without dataset parameters finds nothing.
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).encode()
    request = urllib.request.Request(oxigraph_pushed.query_url, data=body, headers={
        "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        data = json.load(response)
    assert data["results"]["bindings"][0]["n"]["value"] == "0"


@pytest.mark.server
def test_every_literal_kind_converts_like_the_embedded_store(pushed_server):
    text = """SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"""
    remote = {row[0] for row in pushed_server.connect().query(text)}
    embedded = {row[0] for row in pushed_server.kg.query(text)}
    assert remote == embedded
    kinds = {(o.datatype, bool(o.language)) for o in remote}
    assert (None, False) in kinds and (None, True) in kinds  # plain (xsd:string) and tagged
    assert {XSD.integer, XSD.gYear, XSD.date} <= {d for d, _ in kinds}
    assert not any(o.datatype == XSD.string for o in remote)


@pytest.mark.server
def test_an_empty_server_answers_empty_and_discovers_again(fresh_oxigraph, pushed_kg):
    kg = connect(fresh_oxigraph.query_url)
    assert kg.endpoint.graphs == ()
    assert len(kg.query("SELECT ?s WHERE { ?s ?p ?o }")) == 0
    push(pushed_kg, fresh_oxigraph.base_url)
    assert kg.endpoint.graphs == tuple(pushed_kg.graphs())  # empty is not kept
    kg.endpoint.refresh()
    assert kg.endpoint.graphs == tuple(pushed_kg.graphs())


# --- push ----------------------------------------------------------------------------------------

@pytest.mark.server
@pytest.mark.parametrize("suffix", ["", "/", "/query", "/store", "/update"])
def test_push_works_out_the_urls(fresh_oxigraph, pushed_kg, suffix):
    summary = push(pushed_kg, fresh_oxigraph.base_url + suffix)
    assert summary.method == "graph store"
    assert summary.target == fresh_oxigraph.store_url
    assert summary.query_url == fresh_oxigraph.query_url
    assert summary.graphs == tuple(pushed_kg.graphs())
    assert summary.quads == len(pushed_kg)
    assert summary.seconds > 0
    with pytest.raises(AttributeError):
        summary.quads = 0  # frozen
    same(pushed_kg.query(QUERIES["provenance"]), connect(summary.query_url).query(QUERIES["provenance"]))


@pytest.mark.server
def test_push_by_sparql_update(fresh_oxigraph, pushed_kg):
    summary = push(pushed_kg, fresh_oxigraph.query_url, method="update")
    assert (summary.method, summary.target) == ("update", fresh_oxigraph.update_url)
    same(pushed_kg.query(QUERIES["every triple"]),
         connect(fresh_oxigraph.query_url).query(QUERIES["every triple"]))


@pytest.mark.server
def test_push_replaces_graphs_or_adds_to_them(fresh_oxigraph):
    graph = "https://example.org/graph/one"

    def kg_with(*objects):
        store = ox.Store()
        for o in objects:
            store.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                              ox.Literal(o), ox.NamedNode(graph)))
        return KnowledgeGraph(store)

    remote = connect(fresh_oxigraph.query_url)
    values = "SELECT ?o WHERE { ?s ?p ?o }"
    for method in ("graph-store", "update"):
        push(kg_with("a", "b"), fresh_oxigraph.base_url, method=method)
        push(kg_with("c"), fresh_oxigraph.base_url, method=method)
        assert {str(r[0]) for r in remote.query(values)} == {"c"}
        push(kg_with("d"), fresh_oxigraph.base_url, method=method, replace=False)
        assert {str(r[0]) for r in remote.query(values)} == {"c", "d"}


@pytest.mark.server
def test_push_loads_paths_first(fresh_oxigraph):
    data = Path(__file__).resolve().parent.parent / "data"
    summary = push([data], fresh_oxigraph.base_url)
    assert summary.graphs == tuple(load(data).graphs())


@pytest.mark.server
def test_push_to_virtuoso_by_update_and_graph_store(virtuoso_pushed):
    server = virtuoso_pushed.server
    with server.writing():
        by_update = push(virtuoso_pushed.kg, server.query_url, method="update")
        by_store = push(virtuoso_pushed.kg, server.query_url)
    assert (by_update.method, by_update.target) == ("update", server.update_url)
    assert (by_store.method, by_store.target) == ("graph store", server.store_url)
    assert virtuoso_pushed.summary.target == server.store_url
    # replacing left exactly the bundled data behind
    text = QUERIES["aggregate per graph"]
    same(virtuoso_pushed.kg.query(text), virtuoso_pushed.connect(graphs=virtuoso_pushed.graphs).query(text))
    assert virtuoso_pushed.connect().endpoint.graphs == virtuoso_pushed.graphs


@pytest.mark.server
def test_virtuoso_refuses_writes_without_credentials(virtuoso_server, pushed_kg, monkeypatch):
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(EndpointAuthError) as err:
        push(pushed_kg, virtuoso_server.query_url)
    assert err.value.status in (401, 403)
    assert virtuoso_server.credentials[1] not in str(err.value)


@pytest.mark.server
def test_push_with_wrong_password_is_an_auth_error(virtuoso_server, pushed_kg, monkeypatch):
    monkeypatch.setenv(USER_ENV, "dba")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with pytest.raises(EndpointAuthError) as err:
        push(pushed_kg, virtuoso_server.base_url)
    assert PASSWORD not in str(err.value)


def test_push_refuses_a_remote_knowledge_graph():
    with pytest.raises(CSGraphError, match="embedded"):
        push(connect("http://127.0.0.1:9/query"), "http://127.0.0.1:9")


# --- serve ---------------------------------------------------------------------------------------

@pytest.mark.server
def test_serve_answers_like_the_embedded_store(pushed_kg):
    with serve(pushed_kg, port=0) as server:
        assert server.query_url.startswith("http://127.0.0.1:")
        remote = connect(server.query_url)
        for key in ("provenance", "aggregate", "ask"):
            same(pushed_kg.query(QUERIES[key]), remote.query(QUERIES[key]))
        with pytest.raises(EndpointError):  # read-only: the update service is not there
            Endpoint(server.query_url, update_url=f"{server.base_url}/update",
                     allow_update=True, retries=0).update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        folder = server.folder
    assert server.process.poll() is not None
    assert not folder.exists()


def test_serve_binds_only_loopback_unless_asked(pushed_kg):
    with pytest.raises(CSGraphError, match="allow_public"):
        serve(pushed_kg, bind="0.0.0.0", port=0)


@pytest.mark.server
def test_serve_command_runs_until_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path),
           "PYTHONPATH": str(Path(csgraph.__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-m", "csgraph", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in line, line + proc.stderr.read()
        assert connect(f"http://127.0.0.1:{port}/query").query(QUERIES["ask"]).boolean
        assert list(tmp_path.glob("csgraph-serve-*"))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not list(tmp_path.glob("csgraph-serve-*"))


@pytest.mark.server
def test_push_command(fresh_oxigraph, capsys):
    from csgraph.cli import main

    data = str(Path(__file__).resolve().parent.parent / "data")
    assert main(["push", data, "--endpoint", fresh_oxigraph.base_url]) == 0
    out = capsys.readouterr().out
    assert "pushed" in out and fresh_oxigraph.query_url in out
    assert connect(fresh_oxigraph.query_url).graphs() == load(data).graphs()


@pytest.mark.server
def test_query_commands_take_endpoint(oxigraph_pushed, capsys, tmp_path):
    from csgraph.cli import main

    def rows(argv):
        assert main(argv) == 0
        data = json.loads(capsys.readouterr().out)
        return Counter(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])

    data = str(Path(__file__).resolve().parent.parent / "data")
    for name in ("pilots", "evidence"):
        assert rows(["query", name, "--format", "json", "--endpoint", oxigraph_pushed.query_url]) == \
            rows(["query", name, data, "--format", "json"])
    query = tmp_path / "q.rq"
    query.write_text(QUERIES["provenance"])
    assert rows(["sparql", str(query), "--format", "json", "--endpoint", oxigraph_pushed.query_url]) \
        == rows(["sparql", str(query), data, "--format", "json"])


def test_query_command_endpoint_failure_is_exit_2(capsys, tmp_path):
    from csgraph.cli import main

    query = tmp_path / "q.rq"
    query.write_text(QUERIES["ask"])
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["sparql", str(query), "--endpoint", url]) == 2
    err = capsys.readouterr().err
    assert url in err and "refused" in err


def test_open_kg_chooses_endpoint_or_files():
    assert open_kg([], "http://127.0.0.1:9/query").is_remote
    assert not open_kg([], None).is_remote
    with pytest.raises(CSGraphError, match="not both"):
        open_kg(["data"], "http://127.0.0.1:9/query")
    from csgraph.commands.remote import open_kg as command_open_kg

    assert command_open_kg([], "http://127.0.0.1:9/query").is_remote


# --- faults, against a scripted local HTTP server -------------------------------------------------

OK_BODY = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
    {"s": {"type": "uri", "value": "https://example.org/s"}}]}}).encode()


class Scripted:
    """A local HTTP server answering each request with the next step of a script; counts requests."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append({"method": self.command, "path": self.path,
                                       "headers": dict(self.headers), "body": body})
                step = outer.steps.pop(0) if len(outer.steps) > 1 else outer.steps[0]
                try:
                    step(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first, as a timing-out client should

            do_GET = do_POST = do_PUT = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def form(self, i=0) -> dict:
        return urllib.parse.parse_qs(self.requests[i]["body"].decode())


def reply(status=200, body=OK_BODY, headers=None):
    def step(h):
        h.send_response(status)
        h.send_header("Content-Type", "application/sparql-results+json")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return step


def stall(seconds):
    def step(h):
        time.sleep(seconds)
        reply()(h)
    return step


def trickle(seconds):
    def step(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass
    return step


def endpoint(url, **kw) -> Endpoint:
    kw.setdefault("graphs", ["https://example.org/graph"])
    kw.setdefault("backoff", 0.01)
    return Endpoint(url, **kw)


SELECT = "SELECT ?s WHERE { ?s ?p ?o }"


@pytest.fixture
def secrets_in_env(monkeypatch, caplog):
    """Credentials in the environment and every log record captured, to check neither leaks."""
    monkeypatch.setenv(USER_ENV, "ann")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    caplog.set_level(logging.DEBUG)
    return caplog


def no_secrets(error: BaseException, caplog) -> None:
    for text in (str(error), repr(error), caplog.text):
        assert PASSWORD not in text
        assert NEEDLE not in text


def test_a_stalled_server_times_out_within_about_the_timeout(secrets_in_env):
    with Scripted(stall(20)) as server:
        started = time.monotonic()
        with pytest.raises(EndpointTimeout) as err:
            endpoint(server.url, timeout=0.5).select(SELECT, {"s": Literal(NEEDLE)})
        assert time.monotonic() - started < 10  # far sooner than the 20 s stall
        assert len(server.requests) == 1  # a timeout is not retried
    assert server.url in str(err.value)
    no_secrets(err.value, secrets_in_env)


def test_a_trickling_answer_times_out_too():
    with Scripted(trickle(20)) as server:
        started = time.monotonic()
        with pytest.raises(EndpointTimeout):
            endpoint(server.url, timeout=0.5).select(SELECT)
        assert time.monotonic() - started < 10  # far sooner than the 20 s trickle


def test_503_then_200_succeeds_after_a_retry():
    with Scripted(reply(503), reply()) as server:
        rows = endpoint(server.url, backoff=0.05).select(SELECT)
        assert [r[0] for r in rows] == [URIRef("https://example.org/s")]
        assert len(server.requests) == 2


def test_retry_after_is_respected():
    with Scripted(reply(503, headers={"Retry-After": "1"}), reply()) as server:
        started = time.monotonic()
        endpoint(server.url, backoff=0.01).select(SELECT)
        assert time.monotonic() - started >= 1


def test_503_every_time_is_unavailable_after_the_retries(secrets_in_env):
    with Scripted(reply(503)) as server:
        with pytest.raises(EndpointUnavailable) as err:
            endpoint(server.url, retries=2).select(SELECT, {"s": Literal(NEEDLE)})
        assert len(server.requests) == 3
    assert err.value.status == 503 and "3 attempts" in str(err.value)
    no_secrets(err.value, secrets_in_env)


@pytest.mark.parametrize("status", [401, 403])
def test_401_and_403_are_auth_errors_without_retry(status, secrets_in_env):
    with Scripted(reply(status, b"denied: " + NEEDLE.encode())) as server:
        with pytest.raises(EndpointAuthError) as err:
            endpoint(server.url).select(SELECT, {"s": Literal(NEEDLE)})
        assert len(server.requests) == 1
        assert server.requests[0]["headers"]["Authorization"].startswith("Basic ")
    assert err.value.status == status
    no_secrets(err.value, secrets_in_env)


@pytest.mark.parametrize("status", [500, 502, 400, 404])
def test_other_statuses_are_endpoint_errors_with_the_status(status, secrets_in_env):
    echo = f"Virtuoso 37000 Error SP030: SPARQL compiler ... {NEEDLE}".encode()
    with Scripted(reply(status, echo)) as server:
        with pytest.raises(EndpointError) as err:
            endpoint(server.url).select(SELECT, {"s": Literal(NEEDLE)})
        assert len(server.requests) == 1
    assert type(err.value) is EndpointError
    assert err.value.status == status and f"HTTP {status}" in str(err.value)
    assert err.value.endpoint == server.url
    no_secrets(err.value, secrets_in_env)


def test_nothing_listening_is_unavailable_after_bounded_retries():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    started = time.monotonic()
    with pytest.raises(EndpointUnavailable) as err:
        endpoint(url, retries=2, backoff=0.1).select(SELECT)
    elapsed = time.monotonic() - started
    assert elapsed >= 0.3  # waited 0.1 + 0.2 between three attempts
    assert "3 attempts" in str(err.value) and "refused" in str(err.value)


def test_no_retries_means_one_attempt():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EndpointUnavailable, match="1 attempt"):
        endpoint(url, retries=0).select(SELECT)


def test_credentials_to_plain_http_elsewhere_are_refused_before_any_request(monkeypatch):
    # The counting server stands in as the HTTP proxy for every plain-http request, so any request
    # to the remote host would reach it.
    with Scripted(reply()) as proxy:
        monkeypatch.setenv("http_proxy", proxy.url.rsplit("/", 1)[0])
        monkeypatch.delenv("no_proxy", raising=False)
        monkeypatch.delenv("NO_PROXY", raising=False)
        url = "http://sparql.example.org/query"
        endpoint(url).select(SELECT)  # control: without credentials the request goes out
        assert len(proxy.requests) == 1
        monkeypatch.setenv(USER_ENV, "ann")
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        with pytest.raises(EndpointAuthError, match="plain http") as err:
            endpoint(url).select(SELECT)
        with pytest.raises(EndpointAuthError):
            connect(url)
        with pytest.raises(EndpointAuthError):
            push(load(), url)
        # loopback over plain http through that proxy would pass the password to the proxy
        with pytest.raises(EndpointAuthError, match="proxy"):
            endpoint("http://127.0.0.1:9/sparql")
        assert len(proxy.requests) == 1
    assert PASSWORD not in str(err.value)
    Endpoint("https://sparql.example.org/query")  # https is fine (nothing sent yet)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(EndpointAuthError) as err:
        Endpoint(f"http://ann:{PASSWORD}@127.0.0.1:7878/query")
    assert PASSWORD not in str(err.value) and "ann" not in str(err.value)


def test_the_request_is_a_proper_post(monkeypatch):
    monkeypatch.setenv(USER_ENV, "ann")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with Scripted(reply()) as server:
        graphs = ["https://example.org/g1", "https://example.org/g2"]
        endpoint(server.url, graphs=graphs).select(SELECT, {"s": Literal(HOSTILE)})
        request = server.requests[0]
        form = server.form()
    assert request["method"] == "POST"
    assert request["headers"]["User-Agent"] == f"csgraph/{csgraph.__version__}"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert "application/sparql-results+json" in request["headers"]["Accept"]
    assert form["default-graph-uri"] == graphs and form["named-graph-uri"] == graphs
    assert set(form) == {"query", "default-graph-uri", "named-graph-uri"}
    assert 'WHERE {\nVALUES (?s) { ("x\\" || true || \\"") }\n ?s ?p ?o }' in form["query"][0]
    assert "FROM" not in form["query"][0]


def test_discovery_happens_once_and_leaves_out_server_graphs():
    graphs = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": [
        {"g": {"type": "uri", "value": g}} for g in [
            "https://example.org/b", "https://example.org/a",
            "http://www.openlinksw.com/schemas/virtrdf#", "http://localuriqaserver/sparql"]]}}).encode()
    # a server csgraph does not know: one probe, then discovery once, then the graphs by name
    with Scripted(reply(body=b'{"head": {}, "boolean": true}'), reply(body=graphs), reply()) as server:
        ep = Endpoint(server.url)
        ep.select(SELECT)
        ep.select(SELECT)
        assert len(server.requests) == 4
        assert "default-graph-uri" not in server.form(0) and "default-graph-uri" not in server.form(1)
        assert server.form(2)["default-graph-uri"] == ["https://example.org/a", "https://example.org/b"]
        assert server.form(3)["named-graph-uri"] == ["https://example.org/a", "https://example.org/b"]
    assert ep.dataset == "graph list"


def test_virtuoso_row_limit_is_an_error_not_a_short_answer():
    with Scripted(reply(headers={"X-SPARQL-MaxRows": "10000"})) as server, \
            pytest.raises(EndpointError, match="ResultSetMaxRows"):
        endpoint(server.url).select(SELECT)


def test_virtuoso_partial_answer_at_its_time_limit_is_a_timeout():
    with Scripted(reply(headers={"X-SQL-State": "S1TAT"})) as server, \
            pytest.raises(EndpointTimeout, match="time limit"):
        endpoint(server.url).select(SELECT)


def test_a_key_in_the_url_is_sent_but_never_shown(secrets_in_env):
    with Scripted(reply(500)) as server:
        ep = endpoint(f"{server.url}?key={NEEDLE}")
        with pytest.raises(EndpointError) as err:
            ep.select(SELECT)
        assert server.requests[0]["path"] == f"/sparql?key={NEEDLE}"
    assert NEEDLE not in repr(ep) and NEEDLE not in repr(KnowledgeGraph(endpoint=ep))
    assert ep.url == server.url
    no_secrets(err.value, secrets_in_env)


def test_an_answer_that_is_not_sparql_json_is_an_error():
    with Scripted(reply(body=b"<html>login</html>")) as server, \
            pytest.raises(EndpointError, match="not SPARQL results"):
        endpoint(server.url).select(SELECT)


def _answer(bindings, variables=("s",)):
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}).encode()


@pytest.mark.parametrize("body", [
    _answer([["not", "an", "object"]]),
    _answer([{"s": "just text"}]),
    _answer([{"s": {"type": "uri"}}]),
    _answer([{"s": {"type": "triple", "value": "x"}}]),
    _answer([{"s": {"type": "literal", "value": 7}}]),
    _answer([{"s": {"type": "literal", "value": "x", "xml:lang": ["en"]}}]),
    _answer([{"s": {"type": "literal", "value": "x", "datatype": {"a": 1}}}]),
    _answer([{"s": {"type": "literal", "value": "x", "xml:lang": "en GB"}}]),
    _answer({"s": {"type": "uri", "value": "https://example.org/a"}}),
    _answer([], variables=(1,)),
], ids=["row-list", "cell-text", "no-value", "unknown-kind", "number-value", "list-lang",
        "object-datatype", "bad-language-tag", "bindings-object", "number-variable"])
def test_a_malformed_answer_fails_when_it_arrives_not_when_a_row_is_read(body):
    """Rows are made into terms only when read, so the answer's shape is checked as it arrives."""
    with Scripted(reply(body=body)) as server, pytest.raises(EndpointError, match="not SPARQL results"):
        endpoint(server.url).select(SELECT)


def test_remote_rows_are_read_as_text_without_terms():
    cells = [{"s": {"type": "uri", "value": "https://example.org/a"}, "o": {"type": "literal", "value": "A",
                                                                             "xml:lang": "en"}},
             {"s": {"type": "bnode", "value": "b0"}},
             {"s": {"type": "literal", "value": "7", "datatype": str(XSD.integer)}}]
    with Scripted(reply(body=_answer(cells, variables=("s", "o")))) as server:
        res = endpoint(server.url).select(SELECT)
    assert res.text_rows() == [("https://example.org/a", "A"), ("b0", None), ("7", None)]
    rows = list(res)
    assert rows[0].o == Literal("A", lang="en") and isinstance(rows[1].s, BNode)
    assert rows[2].s == Literal("7", datatype=XSD.integer) and rows[2].o is None


# --- nothing unsafe is sent -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "error"), [
    ("DROP ALL", UnsafeQueryError),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", UnsafeQueryError),
    ("SELECT * {?s ?p ?o} ; DROP ALL", UnsafeQueryError),
    ("SELECT * {?s ?p ?o} ;\n\\u0044ROP ALL", QueryError),  # the guard misses it; the parser does not
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", QueryError),
    ("SELECT ?s WHERE { ?s ?p }", QueryError),
    ("PREFIX bif: <bif:> SELECT (bif:sprintf('%d', 1) AS ?x) WHERE {}", UnsafeQueryError),
    ("SELECT (<sql:shell>('x') AS ?x) WHERE {}", UnsafeQueryError),
    ("SELECT (<\\u0062if:x>(1) AS ?x) WHERE {}", UnsafeQueryError),
])
def test_unsafe_or_broken_text_is_refused_before_any_request(text, error):
    with Scripted(reply()) as server:
        ep = endpoint(server.url, allow_update=True, update_url=server.url)
        with pytest.raises(error):
            ep.select(text)
        with pytest.raises(error):
            KnowledgeGraph(endpoint=ep).query(text)
        assert server.requests == []


def test_update_needs_allow_update_and_then_goes_to_the_update_url():
    with Scripted(reply(body=b"")) as server:
        with pytest.raises(UnsafeQueryError):
            endpoint(server.url, update_url=server.url).update("DROP ALL")
        assert server.requests == []
        endpoint(server.url, update_url=server.url, allow_update=True).update(
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert server.form()["update"] == ["INSERT DATA { <urn:a> <urn:b> <urn:c> }"]


def test_discovery_waits_for_a_safe_query():
    with Scripted(reply()) as server:
        with pytest.raises(UnsafeQueryError):
            Endpoint(server.url).select("SELECT * {?s ?p ?o} ; DROP ALL")
        assert server.requests == []  # not even graph discovery


@pytest.mark.parametrize("value", [
    URIRef("https://example.org/a b"),
    URIRef("https://example.org/a>"),
    URIRef("https://example.org/{x}"),
    URIRef("https://example.org/a|b"),
    URIRef("https://example.org/a^b"),
    URIRef("https://example.org/a`b"),
    URIRef('https://example.org/a"b'),
    URIRef("https://example.org/a\\b"),
    URIRef("no-scheme"),
    Literal("x", datatype="https://example.org/dt> ; DROP ALL ; <x"),
    Literal("x", datatype="https://example.org/d t"),
    BNode("b1"),
    "plain python string",
])
def test_bad_binding_values_are_refused_before_any_request(value):
    with Scripted(reply()) as server:
        with pytest.raises(QueryParameterError):
            endpoint(server.url).select(SELECT, {"s": value})
        assert server.requests == []


@pytest.mark.parametrize("name", ["a b", "s) {} ; DROP ALL #", "?s", "", "1x"])
def test_bad_binding_names_are_refused(name):
    with pytest.raises(QueryParameterError):
        values_block({name: URIRef("https://example.org/a")})


def test_a_bound_variable_must_be_projected():
    with Scripted(reply()) as server:
        with pytest.raises(QueryParameterError, match=r"\?o"):
            endpoint(server.url).select("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})
        assert server.requests == []


@pytest.mark.parametrize(("query", "where"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", "WHERE {"),
    ("SELECT ?s { ?s ?p ?o }", "?s {"),
    ("ASK { ?s ?p ?o }", "ASK {"),
    ("# a { comment\nSELECT ?s WHERE { ?s ?p '{' }", "WHERE {"),
    ("SELECT ?s (EXISTS { ?s a ?t } AS ?typed) WHERE { ?s ?p ?o }", "WHERE {"),
    ("SELECT ?s (CONCAT('{', STR(?s)) AS ?x) WHERE { ?s ?p ?o }", "WHERE {"),
])
def test_values_go_first_in_the_where_group(query, where):
    block = values_block({"s": URIRef("https://example.org/a")})
    out = with_values(query, block)
    assert f"{where}\n{block}\n" in out
    ox.Store().query(out)  # still parses


def test_values_block_reads_back_exactly():
    terms = {"a": Literal(HOSTILE), "b": Literal('tab\there\nnew """ line \\ end'),
             "c": Literal("07", datatype=XSD.integer), "d": Literal("x", lang="en-GB"),
             "e": Literal("s", datatype=XSD.string), "f": URIRef("https://example.org/é?q=1#f")}
    block = values_block(terms)
    rows = list(ox.Store().query(f"SELECT * WHERE {{}} {block}"))
    assert len(rows) == 1
    assert {k: to_rdflib(rows[0][k]) for k in terms} == {**terms, "e": Literal("s")}


def test_json_terms_convert_like_the_embedded_store():
    cases = [
        ({"type": "uri", "value": "https://example.org/a"}, ox.NamedNode("https://example.org/a")),
        ({"type": "literal", "value": "x"}, ox.Literal("x")),
        ({"type": "literal", "value": "x", "datatype": str(XSD.string)}, ox.Literal("x")),
        ({"type": "typed-literal", "value": "2019", "datatype": str(XSD.gYear)},
         ox.Literal("2019", datatype=ox.NamedNode(str(XSD.gYear)))),
        ({"type": "literal", "value": "7", "datatype": str(XSD.integer)},
         ox.Literal("7", datatype=ox.NamedNode(str(XSD.integer)))),
        ({"type": "literal", "value": "x", "xml:lang": "en-gb"}, ox.Literal("x", language="en-GB")),
    ]
    with Scripted(reply(body=_answer([{"s": cell} for cell, _ in cases]))) as server:
        rows = [row[0] for row in endpoint(server.url).select(SELECT)]
    for term, (_, twin) in zip(rows, cases):
        assert term == to_rdflib(twin)
        assert type(term) is type(to_rdflib(twin))
        if isinstance(term, Literal):
            assert term.datatype == to_rdflib(twin).datatype


def test_safe_url_drops_secrets():
    assert safe_url(f"https://ann:{PASSWORD}@example.org:8443/sparql?key={NEEDLE}#x") == \
        "https://example.org:8443/sparql"


def test_repr_shows_no_secrets(monkeypatch):
    monkeypatch.setenv(USER_ENV, "ann")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    ep = Endpoint("http://127.0.0.1:7878/query")
    assert PASSWORD not in repr(ep) and PASSWORD not in repr(KnowledgeGraph(endpoint=ep))


@pytest.mark.server
def test_oxigraph_gets_its_union_parameter_instead_of_a_list_of_graphs(oxigraph_pushed):
    remote = oxigraph_pushed.connect()
    rows = remote.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0][0]) == len(oxigraph_pushed.graphs)
    assert remote.endpoint.server.startswith("Oxigraph/") and remote.endpoint.dataset == "union parameter"
    local = csgraph.query(oxigraph_pushed.kg, "pilots").to_records()
    assert sorted(map(str, csgraph.query(remote, "pilots").to_records())) == sorted(map(str, local))


# --- push: what it guarantees ----------------------------------------------------------------------

def _case_kg(sections: dict[str, list[str]]) -> KnowledgeGraph:
    """A knowledge graph with one case whose facts live in the section graphs given."""
    from csgraph.namespace import GRAPH

    store = ox.Store()
    for section, facts in sections.items():
        for fact in facts:
            store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal(fact),
                              ox.NamedNode(f"{GRAPH}demo-case/{section}")))
    return KnowledgeGraph(store)


@pytest.mark.server
@pytest.mark.parametrize("method", ["graph-store", "update"])
def test_replacing_a_case_removes_its_graphs_that_no_longer_exist(fresh_oxigraph, method):
    from csgraph.namespace import GRAPH

    other = f"{GRAPH}another-case/vision"
    keep = KnowledgeGraph(ox.Store())
    keep.store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("kept"), ox.NamedNode(other)))
    push(keep, fresh_oxigraph.base_url, method=method)
    push(_case_kg({"vision": ["moved fact"], "challenges": ["stays"]}), fresh_oxigraph.base_url,
         method=method)
    # the fact moved from the vision section to the response section
    summary = push(_case_kg({"response": ["moved fact"], "challenges": ["stays"]}),
                   fresh_oxigraph.base_url, method=method)
    assert summary.removed == (f"{GRAPH}demo-case/vision",)
    remote = connect(fresh_oxigraph.query_url)
    facts = Counter(str(r[0]) for r in remote.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert facts == Counter({"moved fact": 1, "stays": 1, "kept": 1})  # once, and other cases untouched
    assert str(summary).endswith(f"removed 1 stale graphs; query it at {fresh_oxigraph.query_url}")


@pytest.mark.server
def test_a_push_stopped_by_a_dying_server_says_how_far_it_got(tmp_path, pushed_kg):
    from conftest import start_oxigraph

    location = tmp_path / "db"
    total = len(pushed_kg.graphs())
    with start_oxigraph(location) as server:
        def kill_midway(written, of):
            if written == 5:
                server.process.kill()
                server.process.wait()

        with pytest.raises(EndpointUnavailable) as err:
            push(pushed_kg, server.base_url, progress=kill_midway, retries=1, backoff=0.01)
    assert err.value.written == 5
    assert f"5 of {total} graphs were written" in str(err.value) and "push again" in str(err.value)
    with start_oxigraph(location) as again:  # the same store: what was written is there
        assert len(connect(again.query_url).endpoint.graphs) == 5
        push(pushed_kg, again.base_url)
        remote = connect(again.query_url)
        for key in ("every triple", "provenance"):
            same(pushed_kg.query(QUERIES[key]), remote.query(QUERIES[key]))


@pytest.mark.server
def test_pushing_to_a_read_only_server_says_it_refused_writing(pushed_kg, capsys, monkeypatch):
    from csgraph.cli import main

    monkeypatch.delenv(USER_ENV, raising=False)
    with serve(pushed_kg, port=0) as server:
        with pytest.raises(EndpointError) as err:
            push(pushed_kg, server.base_url)
        assert "refused writing" in str(err.value) and "no graph was written" in str(err.value)
        assert USER_ENV not in str(err.value)
        assert main(["push", "--endpoint", server.base_url]) == 2
    out = capsys.readouterr().err
    assert "refused writing" in out and USER_ENV not in out
    assert len(out.strip().splitlines()) == 1


def test_hints_name_cli_flags_on_the_command_line_and_keywords_in_python(capsys):
    from csgraph.cli import main

    with Scripted(reply(404)) as server:  # nothing to write to anywhere
        base = server.url.rsplit("/", 1)[0]
        with pytest.raises(EndpointError, match="graph_store_url=") as err:
            push(load(), base, retries=0)
        assert "--graph-store" not in str(err.value)
        assert main(["push", "--endpoint", base]) == 2
    out = capsys.readouterr().err
    assert "--graph-store" in out and "graph_store_url" not in out
    assert main(["serve", "--bind", "0.0.0.0", "--port", "0"]) == 2
    out = capsys.readouterr().err
    assert "--public" in out and "allow_public" not in out
    with pytest.raises(CSGraphError, match="allow_public=True"):
        serve(load(), bind="0.0.0.0", port=0)


# --- bounded answers, timeouts per call, a user's SPARQLWrapper -------------------------------------

def test_an_answer_over_the_size_limit_is_refused_naming_the_limit():
    big = _answer([{"s": {"type": "literal", "value": "x" * 1000}}] * 200)
    with Scripted(reply(body=big)) as server:
        with pytest.raises(EndpointError, match=r"limit of 50000 bytes.*max_answer_bytes=") as err:
            endpoint(server.url, max_answer_bytes=50_000).select(SELECT)
        assert len(endpoint(server.url, max_answer_bytes=len(big)).select(SELECT)) == 200
    assert type(err.value) is EndpointError


def test_an_answer_with_no_length_is_cut_at_the_limit_too():
    def unsized(h):
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(_answer([{"s": {"type": "literal", "value": "y" * 1000}}] * 100))
        h.close_connection = True

    with Scripted(unsized) as server, pytest.raises(EndpointError, match="limit of 20000 bytes"):
        endpoint(server.url, max_answer_bytes=20_000).select(SELECT)


def test_a_deeply_nested_answer_is_an_endpoint_error_not_a_recursion_error():
    deep = b'{"head": {"vars": ["s"]}, "results": {"bindings": [' + b"[" * 200_000 + b"]" * 200_000 + b"]}}"
    with Scripted(reply(body=deep)) as server, pytest.raises(EndpointError, match="not SPARQL results"):
        endpoint(server.url).select(SELECT)


def test_the_timeout_is_per_call():
    with Scripted(stall(3)) as server:
        ep = endpoint(server.url, timeout=60, retries=0)
        with pytest.raises(EndpointTimeout, match="0.5 s"):
            ep.select(SELECT, timeout=0.5)
        with pytest.raises(EndpointTimeout):
            ep.ask("ASK { ?s ?p ?o }", timeout=0.5)
        assert ep.select_text(SELECT, timeout=30) == [("https://example.org/s",)]
        with pytest.raises(ValueError):
            ep.select(SELECT, timeout=0)


@pytest.mark.server
def test_a_configured_sparqlwrapper_is_used_as_given(pushed_server):
    from SPARQLWrapper import SPARQLWrapper

    wrapper = SPARQLWrapper(pushed_server.query_url)
    wrapper.addCustomHttpHeader("X-Team", "research")
    remote = connect(wrapper)
    assert remote.endpoint.url == pushed_server.query_url
    for name in ("pilots", "evidence"):
        same(csgraph.query(pushed_server.kg, name), csgraph.query(remote, name))
    # a comment with an update keyword does not make SPARQLWrapper send the query as an update
    text = "# add one later\nSELECT ?p WHERE { ?p a cs:Pilot }"
    same(pushed_server.kg.query(text), remote.query(text))
    assert "query" in wrapper.queryString or wrapper.queryString  # the wrapper is still the user's
    assert "union-default-graph" not in wrapper.parameters and "default-graph-uri" not in wrapper.parameters
