"""Named queries rewritten for speed give the same rows as their earlier formulations.

The earlier texts are kept in ``tests/queries_before/``; each is run beside the current named query
on the bundled data, on synthetic national data, and on a small file made to give the gap queries
rows, and the answers are compared as multisets of rows (and in order where the order is total).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import csgraph
from csgraph.catalogue import get_query

BEFORE = Path(__file__).parent / "queries_before"
REWRITTEN = sorted(p.stem for p in BEFORE.glob("*.rq"))

# Things with links that no source supports, practice with and without a mandate, a pilot whose
# roll-out is only planned, and one rolled out: every gap query has rows to compare. Tools in use with
# no user named and with two, for the branches of the tools query.
GAPS = """
@prefix cs: <https://w3id.org/csgraph/ontology#> .
@prefix csid: <https://w3id.org/csgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/unsourced> {
  csid:gap-pilot-a a cs:Pilot ; rdfs:label "Pilot with no mandate" ; cs:ledBy csid:gap-partnership ;
      cs:hasRollout csid:gap-rollout-a .
  csid:gap-rollout-a a cs:Rollout ; rdfs:label "Planned roll-out" ;
      cs:status <https://w3id.org/csgraph/concept/status/planned> .
  csid:gap-partnership a cs:Partnership ; rdfs:label "Gap partnership" .
  csid:gap-change-a a cs:Change ; rdfs:label "Change within a mandated change" ; cs:partOf csid:gap-change-b .
  csid:gap-change-b a cs:Change ; rdfs:label "Mandated change" ; cs:respondsTo csid:gap-priority .
  csid:gap-priority a cs:Priority ; rdfs:label "Gap priority" .
  csid:gap-pilot-b a cs:Pilot ; rdfs:label "Rolled-out pilot" ;
      cs:status <https://w3id.org/csgraph/concept/status/rolled-out> .
}
<https://example.org/tools> {
  <https://example.org/tools> dct:isPartOf <https://w3id.org/csgraph/id/case/cse-conference-pilot-practice> .
  csid:gap-tool-a a cs:ToolInUse ; rdfs:label "Tool nobody is named as using" ;
      cs:toolType <https://w3id.org/csgraph/concept/tool/mapping-tool> .
  csid:gap-tool-b a cs:ToolInUse ; rdfs:label "Tool used by two" ;
      cs:toolType <https://w3id.org/csgraph/concept/tool/mapping-tool> ;
      cs:usedBy csid:gap-partnership, csid:gap-pilot-a .
}
"""


def _rows(kg, text: str) -> list[tuple]:
    return [tuple(r) for r in kg.select(text)]


@pytest.fixture(scope="module")
def stores(bundled_kg, tmp_path_factory):
    folder = tmp_path_factory.mktemp("formulations")
    national = folder / "national.nq"
    csgraph.synth(12, seed=5, path=national)
    gaps = folder / "gaps.trig"
    gaps.write_text(GAPS)
    return {"bundled": bundled_kg, "synthetic": csgraph.load(national),
            "gaps": csgraph.load(csgraph.resources.data_dir(), gaps)}


@pytest.mark.parametrize("data", ["bundled", "synthetic", "gaps"])
@pytest.mark.parametrize("name", REWRITTEN)
def test_rewritten_query_gives_the_earlier_rows(stores, name, data):
    kg = stores[data]
    before = _rows(kg, (BEFORE / f"{name}.rq").read_text())
    now = _rows(kg, get_query(name).text)
    assert Counter(now) == Counter(before)


def test_the_gap_fixture_gives_every_gap_query_rows(stores):
    kg = stores["gaps"]
    for name in ("gap-unsourced-links", "gap-practice-without-mandate", "gap-pilots-without-rollout"):
        assert len(kg.select(get_query(name).text)) > 0, name
    mandated = {str(r["practiceLabel"]) for r in kg.select(get_query("gap-practice-without-mandate").text)}
    assert "Pilot with no mandate" in mandated
    assert "Change within a mandated change" not in mandated and "Mandated change" not in mandated


@pytest.fixture(scope="module")
def servers_with_gaps(stores, tmp_path_factory):
    """A Virtuoso and an Oxigraph server of this module's own, holding the bundled data and the gaps."""
    from conftest import start_oxigraph, start_virtuoso
    from csgraph.endpoint import connect
    from csgraph.upload import push

    with start_virtuoso(tmp_path_factory.mktemp("virtuoso-gaps")) as virtuoso, start_oxigraph() as oxigraph:
        for server in (virtuoso, oxigraph):
            with server.writing():
                push(stores["gaps"], server.base_url)
        yield {"virtuoso": connect(virtuoso.query_url), "oxigraph": connect(oxigraph.query_url)}


@pytest.mark.server
@pytest.mark.parametrize("server", ["virtuoso", "oxigraph"])
@pytest.mark.parametrize("name", REWRITTEN)
def test_rewritten_query_gives_the_embedded_rows_on_a_server(stores, servers_with_gaps, name, server):
    """A formulation that one engine plans well must mean the same on the others (an empty GRAPH ?g {}
    lists the graphs on Oxigraph and nothing on Virtuoso, for one)."""
    remote = servers_with_gaps[server]
    text = get_query(name).text
    assert Counter(remote.select_text(text)) == Counter(stores["gaps"].select_text(text))
