"""Remote parity at national scale: a synthetic data set of about 100,000 quads in over a thousand
named graphs, pushed to real Virtuoso and Oxigraph servers, gives the embedded store's rows for every
named query and the trace, on the connection's default dataset.

At a million quads the same comparison runs in the benchmark (bench/run.py), where the time it takes
belongs.
"""

from __future__ import annotations

from collections import Counter

import pytest

import csgraph
from conftest import start_oxigraph, start_virtuoso
from csgraph.catalogue import queries, query
from csgraph.endpoint import connect
from csgraph.loader import load
from csgraph.tracing import gaps, trace
from csgraph.upload import push

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "national.nq"
    csgraph.synth(128, seed=7, path=path)
    kg = load(path)
    assert 95_000 < len(kg) < 110_000 and len(kg.graphs()) > 1_000
    return kg


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def national_server(request, national, tmp_path_factory):
    if request.param == "oxigraph":
        with start_oxigraph() as server:
            push(national, server.base_url)
            yield server
    else:
        with start_virtuoso(tmp_path_factory.mktemp("virtuoso-national")) as server:
            with server.writing():
                push(national, server.base_url)
            yield server


def _bag(results):
    return Counter(tuple(row) for row in results)


def test_every_named_query_gives_the_embedded_rows(national, national_server):
    remote = connect(national_server.query_url, timeout=300)
    assert remote.endpoint.dataset == "auto"
    for named in queries():
        if named.params:
            continue  # bound queries are compared on the bundled data (test_remote.py)
        embedded, answer = query(national, named.name), query(remote, named.name)
        assert answer.variables == embedded.variables, named.name
        assert _bag(answer) == _bag(embedded), named.name
    assert remote.endpoint.dataset in ("union parameter", "server default")
    assert len(remote.endpoint.graphs) == len(national.graphs())


def test_the_trace_and_gaps_give_the_embedded_answers(national, national_server):
    remote = connect(national_server.query_url, timeout=300)
    label = str(national.select("SELECT ?l WHERE { ?s a cs:Strategy ; rdfs:label ?l } ORDER BY ?l LIMIT 1")[0][0])
    assert trace(remote, label).to_text() == trace(national, label).to_text()
    mine = gaps(national)
    for key, rows in gaps(remote).items():
        assert _bag(rows) == _bag(mine[key]), key
