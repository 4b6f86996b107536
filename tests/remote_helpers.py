"""Shared by the remote tests: the parity check, generic queries, and a scripted local HTTP server
that answers each request with the next step of a script and counts what reaches it."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from csgraph.endpoint import Endpoint

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



def no_secrets(error: BaseException, caplog) -> None:
    for text in (str(error), repr(error), caplog.text):
        assert PASSWORD not in text
        assert NEEDLE not in text



def answer(bindings, variables=("s",)):
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}).encode()

