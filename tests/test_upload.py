"""csgraph push: it works out where to write, replaces or adds, drops the graphs a case no longer
has, says how far it got when stopped, and says when a server refuses writing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from remote_helpers import (
    PASSWORD,
    QUERIES,
    Scripted,
    reply,
    same,
)

from csgraph.endpoint import connect
from csgraph.errors import (
    CSGraphError,
    EndpointAuthError,
    EndpointError,
    EndpointUnavailable,
)
from csgraph.httppolicy import PASSWORD_ENV, USER_ENV
from csgraph.kg import KnowledgeGraph
from csgraph.loader import load
from csgraph.server import serve
from csgraph.upload import push


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
    same(pushed_kg.select(QUERIES["provenance"]), connect(summary.query_url).select(QUERIES["provenance"]))


@pytest.mark.server
def test_push_by_sparql_update(fresh_oxigraph, pushed_kg):
    summary = push(pushed_kg, fresh_oxigraph.query_url, method="update")
    assert (summary.method, summary.target) == ("update", fresh_oxigraph.update_url)
    same(pushed_kg.select(QUERIES["every triple"]),
         connect(fresh_oxigraph.query_url).select(QUERIES["every triple"]))


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
        assert {str(r[0]) for r in remote.select(values)} == {"c"}
        push(kg_with("d"), fresh_oxigraph.base_url, method=method, replace=False)
        assert {str(r[0]) for r in remote.select(values)} == {"c", "d"}


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
    same(virtuoso_pushed.kg.select(text), virtuoso_pushed.connect(graphs=virtuoso_pushed.graphs).select(text))
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


@pytest.mark.server
def test_push_command(fresh_oxigraph, capsys):
    from csgraph.cli import main

    data = str(Path(__file__).resolve().parent.parent / "data")
    assert main(["push", data, "--endpoint", fresh_oxigraph.base_url]) == 0
    out = capsys.readouterr().out
    assert "pushed" in out and fresh_oxigraph.query_url in out
    assert connect(fresh_oxigraph.query_url).graphs() == load(data).graphs()


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
    facts = Counter(str(r[0]) for r in remote.select("SELECT ?o WHERE { ?s ?p ?o }"))
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
            same(pushed_kg.select(QUERIES[key]), remote.select(QUERIES[key]))


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


