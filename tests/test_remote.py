"""Remote parity: queries on real Oxigraph and Virtuoso servers give the embedded store's rows, on
the connection's dataset; the query commands take --endpoint."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import XSD, Literal, URIRef
from remote_helpers import (
    HOSTILE,
    QUERIES,
    same,
)
from servers import free_port

import csgraph
from csgraph.endpoint import connect
from csgraph.errors import EndpointError
from csgraph.namespace import CS, ONTOLOGY_GRAPH
from csgraph.upload import push


@pytest.mark.server
@pytest.mark.parametrize("key", list(QUERIES))
def test_remote_rows_equal_embedded_rows(pushed_server, key):
    # These generic patterns also match Virtuoso's two small service-description graphs in its
    # default dataset, so on Virtuoso they name the pushed graphs (the SPARQL protocol's own way);
    # the named queries and the trace run on the default dataset (test_named_queries_...).
    text = QUERIES[key]
    kw = {"graphs": pushed_server.graphs} if pushed_server.name == "virtuoso" else {}
    embedded = pushed_server.kg.select(text)
    remote = pushed_server.connect(**kw).select(text)
    same(embedded, remote)
    if embedded.boolean is None and key != "filter":
        assert len(embedded) > 0, "a parity check on no rows proves little"
    if embedded.boolean is None:  # rows read as text are the rows' terms, as the store wrote them
        for kg, res in ((pushed_server.kg, embedded), (pushed_server.connect(**kw), remote)):
            texts = kg.select_text(text)
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
    assert len(virtuoso_pushed.kg.select(text)) > 0
    with pytest.raises(EndpointError) as err:
        virtuoso_pushed.connect().select(text)
    assert err.value.status == 500


@pytest.mark.server
def test_order_by_is_kept(pushed_server):
    text = QUERIES["ordered"]
    assert list(pushed_server.connect().select(text)) == list(pushed_server.kg.select(text))


def _first(kg, text, var):
    rows = kg.select(text)
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
    embedded = kg.select(text, bindings)
    assert len(embedded) > 0
    same(embedded, pushed_server.connect().select(text, bindings))


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
    before = remote.select(count)[0][0]
    for var in ("value", "thing"):
        if var == "thing" and isinstance(value, Literal):
            continue
        embedded = pushed_server.kg.select(BOUND, {var: value})
        assert len(embedded) == 0
        same(embedded, remote.select(BOUND, {var: value}))
    assert remote.select(count)[0][0] == before


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
    assert int(only.select(text)[0][0]) == expected
    everything = pushed_server.connect().select(text)
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
    remote = {row[0] for row in pushed_server.connect().select(text)}
    embedded = {row[0] for row in pushed_server.kg.select(text)}
    assert remote == embedded
    kinds = {(o.datatype, bool(o.language)) for o in remote}
    assert (None, False) in kinds and (None, True) in kinds  # plain (xsd:string) and tagged
    assert {XSD.integer, XSD.gYear, XSD.date} <= {d for d, _ in kinds}
    assert not any(o.datatype == XSD.string for o in remote)


@pytest.mark.server
def test_an_empty_server_answers_empty_and_discovers_again(fresh_oxigraph, pushed_kg):
    kg = connect(fresh_oxigraph.query_url)
    assert kg.endpoint.graphs == ()
    assert len(kg.select("SELECT ?s WHERE { ?s ?p ?o }")) == 0
    push(pushed_kg, fresh_oxigraph.base_url)
    assert kg.endpoint.graphs == tuple(pushed_kg.graphs())  # empty is not kept
    kg.endpoint.refresh()
    assert kg.endpoint.graphs == tuple(pushed_kg.graphs())


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


def test_oxigraph_gets_its_union_parameter_instead_of_a_list_of_graphs(oxigraph_pushed):
    remote = oxigraph_pushed.connect()
    rows = remote.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0][0]) == len(oxigraph_pushed.graphs)
    assert remote.endpoint.server.startswith("Oxigraph/") and remote.endpoint.dataset == "union parameter"
    local = csgraph.query(oxigraph_pushed.kg, "pilots").to_records()
    assert sorted(map(str, csgraph.query(remote, "pilots").to_records())) == sorted(map(str, local))


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
    same(pushed_server.kg.select(text), remote.select(text))
    assert "query" in wrapper.queryString or wrapper.queryString  # the wrapper is still the user's
    assert "union-default-graph" not in wrapper.parameters and "default-graph-uri" not in wrapper.parameters


def test_the_old_module_still_gives_the_old_names_with_a_warning():
    import importlib
    import sys

    sys.modules.pop("csgraph.remote", None)
    with pytest.warns(DeprecationWarning, match="csgraph.endpoint"):
        old = importlib.import_module("csgraph.remote")
    assert {"connect", "push", "serve", "Endpoint", "PushSummary", "open_kg", "values_block", "safe_url",
            "free_port", "wait_until_answering", "oxigraph_executable", "USER_ENV"} <= set(old.__all__)
    assert old.connect is csgraph.connect and old.push is csgraph.push and old.serve is csgraph.serve
    assert old.connect("http://127.0.0.1:9/query").is_remote


def test_the_endpoint_is_a_backend_of_the_knowledge_graph():
    from csgraph.backend import Backend
    from csgraph.endpoint import Endpoint
    from csgraph.kg import KnowledgeGraph

    ep = Endpoint("http://127.0.0.1:9/query")
    assert isinstance(ep, Backend)
    assert KnowledgeGraph(endpoint=ep).endpoint is ep
