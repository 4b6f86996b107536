"""The endpoint client against a scripted local HTTP server: failures map to the library's errors,
nothing unsafe is ever sent, answers are bounded, timeouts are per call."""

from __future__ import annotations

import json
import time

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef
from remote_helpers import (
    HOSTILE,
    NEEDLE,
    PASSWORD,
    SELECT,
    Scripted,
    answer,
    endpoint,
    no_secrets,
    reply,
    stall,
    trickle,
)
from servers import free_port

import csgraph
from csgraph.bindings import values_block, with_values
from csgraph.endpoint import Endpoint, connect
from csgraph.errors import (
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
from csgraph.upload import push


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


def test_virtuoso_row_limit_is_an_error_not_a_shortanswer():
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



@pytest.mark.parametrize("body", [
    answer([["not", "an", "object"]]),
    answer([{"s": "just text"}]),
    answer([{"s": {"type": "uri"}}]),
    answer([{"s": {"type": "triple", "value": "x"}}]),
    answer([{"s": {"type": "literal", "value": 7}}]),
    answer([{"s": {"type": "literal", "value": "x", "xml:lang": ["en"]}}]),
    answer([{"s": {"type": "literal", "value": "x", "datatype": {"a": 1}}}]),
    answer([{"s": {"type": "literal", "value": "x", "xml:lang": "en GB"}}]),
    answer({"s": {"type": "uri", "value": "https://example.org/a"}}),
    answer([], variables=(1,)),
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
    with Scripted(reply(body=answer(cells, variables=("s", "o")))) as server:
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
            KnowledgeGraph(endpoint=ep).select(text)
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
    with Scripted(reply(body=answer([{"s": cell} for cell, _ in cases]))) as server:
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
# --- bounded answers, timeouts per call, a user's SPARQLWrapper -------------------------------------

def test_an_answer_over_the_size_limit_is_refused_naming_the_limit():
    big = answer([{"s": {"type": "literal", "value": "x" * 1000}}] * 200)
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
        h.wfile.write(answer([{"s": {"type": "literal", "value": "y" * 1000}}] * 100))
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


def test_the_command_line_names_what_it_can_change(tmp_path, capsys, monkeypatch):
    from csgraph.cli import main

    graphs = answer([{"g": {"type": "uri", "value": "https://example.org/g"}}], variables=("g",))
    big = answer([{"s": {"type": "literal", "value": "x" * 1000}}] * 100)
    query = tmp_path / "q.rq"
    query.write_text(SELECT)
    monkeypatch.setenv("CSGRAPH_MAX_ANSWER_BYTES", "20000")
    with Scripted(reply(body=b'{"head": {}, "boolean": true}'), reply(body=graphs), reply(body=big)) as server:
        assert main(["sparql", str(query), "--endpoint", server.url]) == 2
    err = capsys.readouterr().err
    assert "limit of 20000 bytes" in err and "CSGRAPH_MAX_ANSWER_BYTES" in err
    assert "max_answer_bytes=" not in err and len(err.strip().splitlines()) == 1


def test_the_endpoint_timeout_can_be_changed_or_lifted():
    with Scripted(stall(1)) as server:
        ep = endpoint(server.url, timeout=0.2, retries=0)
        with pytest.raises(EndpointTimeout):
            ep.select(SELECT)
        ep.timeout = None  # no limit
        assert ep.select_text(SELECT) == [("https://example.org/s",)]
        with pytest.raises(ValueError):
            ep.timeout = -1
