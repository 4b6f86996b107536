"""The read-only and no-external guard decides on the parsed query: no spelling of SERVICE, FROM,
LOAD or an update gets a request out, embedded or remote, whatever escapes surround it.

A listener on 127.0.0.1 counts the requests it receives; every refused query must leave it at 0.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from csgraph.errors import UnsafeQueryError
from csgraph.querycheck import MAX_QUERY_CHARS, check_query, inspect_query

EMPTY_ANSWER = b'{"head": {"vars": ["a", "b", "c"]}, "results": {"bindings": []}}'


class Listener:
    """An HTTP server on 127.0.0.1 that answers every request with no rows and counts them."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.requests.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(EMPTY_ANSWER)))
                self.end_headers()
                self.wfile.write(EMPTY_ANSWER)

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def _running_listener():
    with Listener() as server:
        yield server


@pytest.fixture
def listener(_running_listener):
    _running_listener.requests.clear()
    return _running_listener


# Every character the SPARQL grammar lets a prefixed name escape with a backslash (PN_LOCAL_ESC), a
# percent escape, and strings and comments that a text scanner reads differently from the grammar.
PN_LOCAL_ESC = "_~.-!$&'()*+,;=/?#@%"
DISGUISES = [f"cs:x\\{c}" for c in PN_LOCAL_ESC] + [
    "cs:x%27", "cs:x%22y", "cs:a.b\\'", 'cs:x\\"',
    "'a\\'b'", '"a\\"b"', "'''a'b'''", '"""a"b"""', "'#'", '"\\\\"', "'\\u0027'",
]


def bypass(disguise: str, url: str, form: str = "SELECT *") -> str:
    """The query of the report: a disguise that a scanner takes as an open string, then SERVICE."""
    return (f"{form} WHERE {{ {{ BIND({disguise} AS ?z) }} UNION "
            f"{{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} #'\"")


def test_the_listener_counts_what_oxigraph_sends(listener, fresh_kg):
    # the control: allowed, the embedded store does call the service (so 0 below means refused)
    fresh_kg.select(bypass("cs:x\\'", listener.url), allow_external=True)
    assert len(listener.requests) >= 1


@pytest.mark.parametrize("disguise", DISGUISES)
@pytest.mark.parametrize("form", ["SELECT *", "ASK", "CONSTRUCT { ?a ?b ?c }", "DESCRIBE ?a"])
def test_no_escape_gets_service_past_the_embedded_guard(listener, bundled_kg, disguise, form):
    text = bypass(disguise, listener.url, form)
    with pytest.raises(UnsafeQueryError):
        bundled_kg.select(text)
    with pytest.raises(UnsafeQueryError):
        bundled_kg.select_text(text)
    assert listener.requests == []


@pytest.mark.parametrize("text", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?a ?b ?c }} }}",
    "select * where {{ service <{url}> {{ ?a ?b ?c }} }}",
    "PREFIX x: <{url}>\nSELECT * WHERE {{ SERVICE x: {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ {{ {{ {{ OPTIONAL {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} }} }} }}",
    "SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p 'x' # }} \n SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p 1 SERVICE<{url}>{{?a ?b ?c}} }}",
    "SELECT * WHERE {{ VALUES ?v {{ '\\u0027' }} SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "ASK FROM <{url}> {{ ?s ?p ?o }}",
])
def test_every_spelling_of_an_external_clause_is_refused(listener, bundled_kg, text):
    with pytest.raises(UnsafeQueryError):
        bundled_kg.select(text.format(url=listener.url))
    assert listener.requests == []


@pytest.mark.parametrize("text", [
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <urn:x:g>",
    "DROP ALL",
    "INSERT DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }}",
    "DELETE WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "CLEAR DEFAULT ; LOAD <{url}>",
    "SELECT * WHERE {{ ?s ?p ?o }} ; LOAD <{url}>",
    "SELECT * WHERE {{ ?s ?p ?o }} ;\n\\u004cOAD <{url}>",
])
def test_updates_are_refused_and_write_nothing(listener, fresh_kg, text):
    before = len(fresh_kg)
    with pytest.raises(UnsafeQueryError):
        fresh_kg.select(text.format(url=listener.url))
    assert listener.requests == [] and len(fresh_kg) == before


def test_a_text_the_parser_cannot_read_is_refused_naming_the_position(bundled_kg):
    with pytest.raises(UnsafeQueryError, match=r"^query:2:\d+: SPARQL syntax"):
        bundled_kg.select("SELECT ?s\nWHERE { ?s ?p }")
    with pytest.raises(UnsafeQueryError, match="nests too deeply"):
        bundled_kg.select("SELECT * WHERE " + "{" * 5000 + "}" * 5000)


def test_query_text_size_is_bounded(bundled_kg):
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_QUERY_CHARS
    with pytest.raises(UnsafeQueryError, match="over the limit of 100,000"):
        bundled_kg.select(long)


def test_safe_queries_still_run_and_the_shape_is_read_from_the_parse(bundled_kg):
    assert check_query("SELECT ?service WHERE { ?service a cs:Service }", header="PREFIX cs: <urn:x:>\n").form \
        == "SELECT"
    assert inspect_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }").external == ()
    assert inspect_query("ASK FROM NAMED <urn:g> { ?s ?p ?o }").external == ("FROM NAMED",)
    assert bundled_kg.select("SELECT ?l WHERE { ?x a cs:Accreditor ; rdfs:label ?l } #'").variables == ("l",)
    assert bundled_kg.select(r"ASK { BIND(cs:x\' AS ?z) }").boolean is True


@pytest.mark.server
@pytest.mark.parametrize("disguise", ["cs:x\\'", "cs:x\\#", "'a\\'b'"])
@pytest.mark.parametrize("form", ["SELECT *", "ASK"])
def test_remote_queries_never_send_a_service_clause(listener, oxigraph_pushed, disguise, form):
    remote = oxigraph_pushed.connect()
    with pytest.raises(UnsafeQueryError):
        remote.select(bypass(disguise, listener.url, form))
    assert listener.requests == []


def test_the_cli_refuses_the_bypass_with_one_line(listener, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text(bypass("cs:x\\'", listener.url))
    r = subprocess.run([sys.executable, "-m", "csgraph", "sparql", str(q)], capture_output=True, text=True)
    assert r.returncode == 2 and "SERVICE" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert listener.requests == []
