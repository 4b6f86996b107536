"""Export: the format follows the file name, Turtle and TriG load unchanged into Virtuoso, and JSON-LD
has one object per graph."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

import csgraph
from conftest import start_virtuoso
from csgraph.remote import connect

ONTOLOGY = "https://w3id.org/csgraph/graph/ontology"


def _export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csgraph", "export", *args], capture_output=True, text=True)


@pytest.mark.parametrize("suffix,fmt", [(".ttl", ox.RdfFormat.TURTLE), (".trig", ox.RdfFormat.TRIG),
                                        (".nt", ox.RdfFormat.N_TRIPLES), (".jsonld", ox.RdfFormat.JSON_LD),
                                        (".nq", ox.RdfFormat.N_QUADS)])
def test_the_format_comes_from_the_suffix(tmp_path, suffix, fmt):
    out = tmp_path / f"y{suffix}"
    r = _export("--no-ontology", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert len(list(ox.parse(path=str(out), format=fmt))) > 900


def test_a_suffix_that_disagrees_with_the_format_is_refused(tmp_path):
    r = _export("--format", "nq", "-o", str(tmp_path / "y.ttl"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Turtle" in r.stderr
    assert not (tmp_path / "y.ttl").exists()
    r = _export("-o", str(tmp_path / "y.txt"))
    assert r.returncode == 2 and "--format" in r.stderr
    assert _export("--format", "nq", "-o", str(tmp_path / "y.data")).returncode == 0


def _quads(kg) -> set[tuple[str, ...]]:
    return set(kg.select_text(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY}>) }}"))


def _iris(rows) -> set[str]:
    return {v for row in rows for v in row[-3:] if v and v.startswith(("http://", "https://"))}


def _authorised(server):
    user, password = server.credentials
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, server.base_url, user, password)
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))


@pytest.fixture(scope="module")
def own_virtuoso(tmp_path_factory):
    """A Virtuoso of this module's own: loading exports into it must not touch the session's data."""
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso-export")) as server:
        yield server


@pytest.mark.server
def test_turtle_export_loads_into_virtuoso_unchanged(own_virtuoso, bundled_kg):
    turtle = csgraph.export(bundled_kg, format="ttl", include_ontology=False)
    assert "csid:" in turtle and "\\/" not in turtle
    graph = "urn:x-test:turtle-export"
    request = urllib.request.Request(f"{own_virtuoso.store_url}?graph={urllib.parse.quote(graph)}",
                                     data=turtle.encode(), method="PUT",
                                     headers={"Content-Type": "text/turtle"})
    with _authorised(own_virtuoso).open(request, timeout=120) as response:
        assert response.status in (200, 201, 204)
    there = connect(own_virtuoso.query_url, graphs=[graph]).select_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    here = {(s, p, o) for _, s, p, o in _quads(bundled_kg)}
    assert len(set(there)) == len(here)
    assert _iris(there) == _iris(here)


@pytest.mark.server
def test_trig_export_loads_into_virtuoso_with_its_graphs(own_virtuoso, bundled_kg):
    trig = csgraph.export(bundled_kg, format="trig", include_ontology=False).encode()

    class Serve(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/trig")
            self.send_header("Content-Length", str(len(trig)))
            self.end_headers()
            self.wfile.write(trig)

        def log_message(self, *args):
            pass

    files = ThreadingHTTPServer(("127.0.0.1", 0), Serve)
    threading.Thread(target=files.serve_forever, daemon=True).start()
    try:
        update = f"LOAD <http://127.0.0.1:{files.server_address[1]}/export.trig>"
        request = urllib.request.Request(own_virtuoso.update_url, method="POST",
                                         data=urllib.parse.urlencode({"update": update}).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with _authorised(own_virtuoso).open(request, timeout=120) as response:
            assert response.status == 200
    finally:
        files.shutdown()
        files.server_close()
    here = _quads(bundled_kg)
    graphs = sorted({g for g, *_ in here})
    there = set(connect(own_virtuoso.query_url, graphs=graphs).select_text(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert {g for g, *_ in there} == set(graphs)
    assert len(there) == len(here)
    assert _iris(there) == _iris(here)


def test_jsonld_has_one_object_per_graph_and_round_trips(bundled_kg):
    text = csgraph.export(bundled_kg, format="jsonld")
    doc = json.loads(text)
    ids = [item["@id"] for item in doc["@graph"]]
    assert len(ids) == len(set(ids)) == len(bundled_kg.graphs())
    assert doc["@context"]["csid"] == "https://w3id.org/csgraph/id/"
    for item in doc["@graph"]:
        subjects = [node["@id"] for node in item["@graph"]]
        assert len(subjects) == len(set(subjects))
    back = ox.Dataset(ox.parse(text.encode(), format=ox.RdfFormat.JSON_LD))
    mine = ox.Dataset(bundled_kg.store)
    for d in (back, mine):
        d.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert set(map(str, back)) == set(map(str, mine))
