"""csgraph.network: the three projections, their filters, the analyses and the exports."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import csgraph
from csgraph import network as N
from csgraph.errors import AmbiguousError, NotFoundError, QueryParameterError

ID = "https://w3id.org/csgraph/id/"
CONCEPT = "https://w3id.org/csgraph/concept/"
CASE_STUDY = ("https://contextualsafeguarding.org.uk/resources/toolkit-overview/"
              "case-study-systems-and-structure-in-lewisham")
ROOT = Path(__file__).resolve().parent.parent


def iri(name: str) -> str:
    return ID + name


@pytest.fixture(scope="module")
def kg(bundled_kg):
    return bundled_kg


@pytest.fixture(scope="module")
def lewisham(kg):
    return N.partnership_network(kg, case="lewisham")


@pytest.fixture(scope="module")
def partnerships(kg):
    return N.partnership_network(kg)


# --- the partnership network ---------------------------------------------------------------------

def _kind_counts_in_case(kg, case: str, kinds) -> Counter:
    """The things of each kind whose type is stated in the case's graphs, counted by SPARQL."""
    rows = kg.query("""
        SELECT DISTINCT ?thing ?type ?case WHERE {
          GRAPH ?g { ?thing a ?type }
          ?g dct:isPartOf ?case .
        }""", {"case": _case_iri(case)})
    found = {}
    for r in rows:
        kind = str(r["type"]).rsplit("#", 1)[-1]
        if kind in kinds:
            found[str(r["thing"])] = kind
    return Counter(found.values())


def _case_iri(case: str):
    from rdflib import URIRef

    return URIRef(f"{ID}case/{case}")


def test_partnership_node_kinds_match_the_data(kg, lewisham):
    kinds = N.NETWORKS["partnership"].kinds
    expected = _kind_counts_in_case(kg, "lewisham", kinds)
    got = Counter(k for _, k in lewisham.nodes(data="kind"))
    assert got == expected
    # the Lewisham case names one authority, its partnerships, services, partners and accreditor
    assert got["LocalAuthority"] == 1
    assert got["Accreditor"] == 1
    assert got["Pilot"] >= 1 and got["Partnership"] >= 3 and got["Service"] >= 4


def test_restorative_now_is_a_partner_linking_the_yos_and_the_schools_pilot(lewisham):
    rn, yos, pilot = iri("restorative-now"), iri("lewisham-yos"), iri("cs-rp-pilot")
    partnership = iri("cs-rp-partnership")
    assert lewisham.nodes[rn]["kind"] == "PartnerOrganisation"
    assert lewisham.nodes[rn]["label"] == "Restorative Now"
    assert lewisham.has_edge(partnership, rn, "hasMember")
    assert lewisham.has_edge(partnership, yos, "hasMember")
    assert lewisham.has_edge(pilot, partnership, "ledBy")
    # the partnership that holds Restorative Now is the bridge from the YOS to the pilot
    U = nx.Graph(lewisham.to_undirected())
    assert partnership in nx.shortest_path(U, yos, pilot) or nx.has_path(
        U.subgraph(set(U) - {partnership}), yos, pilot)
    assert set(U[rn]) >= {partnership}
    b = N.brokers(lewisham)
    assert b.scores[partnership] > 0


def test_edges_are_typed_and_keep_their_source(lewisham):
    edge = lewisham.edges[iri("lewisham-yos"), iri("lewisham"), "unitOf"]
    assert edge["predicate"] == "http://www.w3.org/ns/org#unitOf"
    assert edge["relation"] == "unitOf"
    assert edge["case"] == "lewisham"
    assert edge["section"] == "case-study#put-in-place"
    assert edge["source"] == CASE_STUDY
    relations = {k for _, _, k in lewisham.edges(keys=True)}
    assert {"hasMember", "unitOf", "ledBy", "accreditedBy", "partOf", "postIn", "oversees"} <= relations
    for _, _, key, data in lewisham.edges(keys=True, data=True):
        assert data["relation"] == key
        assert data["predicate"].startswith(("https://w3id.org/csgraph/ontology#",
                                             "http://www.w3.org/ns/org#"))
        assert data["source"].startswith("http")
        assert "#" in data["section"]


def test_no_literal_becomes_a_node_and_attributes_are_graphml_safe(partnerships):
    kinds = set(N.NETWORKS["partnership"].kinds)
    for n, data in partnerships.nodes(data=True):
        assert n.startswith(ID) and data["iri"] == n
        assert data["kind"] in kinds
        assert data["label"].strip()
        for value in data.values():
            assert isinstance(value, (str, int, float, bool))
    for *_, data in partnerships.edges(keys=True, data=True):
        for value in data.values():
            assert isinstance(value, (str, int, float, bool))


def test_node_titles_are_plain_text_with_sources(lewisham):
    pilot = lewisham.nodes[iri("cs-rp-pilot")]
    assert pilot["settingCount"] == 11
    assert pilot["status"] == "piloted"
    lines = pilot["title"].splitlines()
    assert lines[0] == "CS-restorative practice schools pilot"
    assert "settings: 11" in pilot["title"]
    assert "case-study#put-in-place" in pilot["title"] and CASE_STUDY in lines
    assert lines[-1] == iri("cs-rp-pilot")
    yos = lewisham.nodes[iri("lewisham-yos")]
    assert "YOS" in yos["altLabels"] and "Also called:" in yos["title"]


def test_authority_filter_keeps_what_belongs_to_it(kg, partnerships):
    G = N.partnership_network(kg, authority="Lewisham")
    assert {iri("lewisham"), iri("lewisham-yos"), iri("lscp"), iri("met-police-se-bcu"),
            iri("restorative-now"), iri("rjc"), iri("cs-rp-pilot")} <= set(G)
    assert not any(n.startswith(iri("kr-")) for n in G)
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    assert kinds["LocalAuthority"] == 1
    # by IRI or another name, the same network
    assert set(N.partnership_network(kg, authority=iri("lewisham"))) == set(G)
    assert set(N.partnership_network(kg, authority="LB Lewisham")) == set(G)
    # the graph-level walk agrees with the store-level one on the same projection
    assert N.authority_nodes(partnerships, "Lewisham") <= set(G)


def test_authority_filter_walks_through_a_delivery_body(kg):
    G = N.partnership_network(kg, authority="Kingston")
    assert iri("kr-afc") in G  # Achieving for Children delivers Kingston's services
    assert iri("kr-afc-childrens-services") in G  # ... so its services belong to Kingston
    assert iri("kr-richmond") in G  # the partnership is joint
    assert iri("lewisham") not in G


def test_authority_errors_name_the_problem(kg):
    with pytest.raises(NotFoundError, match="no local authority is called 'Atlantis'"):
        N.partnership_network(kg, authority="Atlantis")
    with pytest.raises(AmbiguousError) as err:
        N.partnership_network(kg, authority="London Borough of")
    assert len(err.value.candidates) >= 2


def test_case_filter(kg, lewisham):
    assert all("lewisham" in d["case"].split() for _, d in lewisham.nodes(data=True))
    assert all("lewisham" in d["case"].split() for *_, d in lewisham.edges(keys=True, data=True))
    by_iri = N.partnership_network(kg, case=f"{ID}case/lewisham")
    assert set(by_iri) == set(lewisham)
    with pytest.raises(NotFoundError, match="no case study 'nowhere'"):
        N.partnership_network(kg, case="nowhere")


def test_kinds_filter(kg):
    G = N.partnership_network(kg, case="lewisham", kinds=["Partnership", "partner organisation"])
    assert {k for _, k in G.nodes(data="kind")} == {"Partnership", "PartnerOrganisation"}
    assert G.has_edge(iri("cs-rp-partnership"), iri("restorative-now"), "hasMember")
    with pytest.raises(NotFoundError, match="no node kind 'Strategy'"):
        N.partnership_network(kg, kinds=["Strategy"])


def test_time_filter(kg):
    before = N.partnership_network(kg, case="lewisham", until=2018)
    assert iri("lscp") not in before  # established 29 June 2019
    assert iri("lscb") in before  # undated: kept
    assert iri("lscp") in N.partnership_network(kg, case="lewisham", until=dt.date(2019, 6, 29))
    later = N.strategy_network(kg, case="lewisham", since="2024")
    assert iri("early-help-plan") not in later  # 2020-2023
    assert iri("lscp-strategy-2023") in later  # 2023-2025
    assert iri("early-help-plan") in N.strategy_network(kg, case="lewisham", since=2023,
                                                        until="2023-12-31")
    with pytest.raises(QueryParameterError, match="since must be a year"):
        N.partnership_network(kg, since="last spring")


# --- strategy and context networks ---------------------------------------------------------------

def test_strategy_network_runs_from_strategy_to_settings_and_contexts(kg):
    G = N.strategy_network(kg, case="lewisham")
    plan, prio = iri("early-help-plan"), iri("introduce-cs")
    assert G.has_edge(plan, prio, "hasPriority")
    assert G.has_edge(plan, iri("lewisham"), "ownedBy")
    assert G.has_edge(iri("yos-remodel"), prio, "respondsTo")
    assert G.has_edge(iri("yos-remodel"), iri("lewisham-yos"), "changed")
    assert G.has_edge(iri("cs-rp-pilot"), prio, "respondsTo")
    assert G.has_edge(iri("cs-rp-pilot"), iri("cs-rp-rollout"), "hasRollout")
    school = CONCEPT + "context/school"
    assert G.has_edge(iri("cs-rp-pilot"), school, "targetsContext")
    assert G.nodes[school]["kind"] == "Context" and G.nodes[school]["label"] == "school"
    assert G.nodes[iri("cs-rp-rollout")]["settingCount"] == 20
    assert G.nodes[plan]["priorityCount"] == 7
    assert G.nodes[plan]["startDate"] == "2020" and G.nodes[plan]["endDate"] == "2023"
    reach = N.downstream(G, "Early Help and Prevention Strategic Plan")
    assert {prio, iri("yos-remodel"), iri("lewisham-yos"), iri("cs-rp-pilot"),
            iri("cs-rp-rollout"), school} <= reach
    assert iri("lscp-neglect") not in reach
    assert iri("lscp-strategy-2023") not in reach


def test_context_network_links_practice_to_concepts(kg):
    G = N.context_network(kg, case="lewisham")
    concepts = {n for n, d in G.nodes(data=True) if "scheme" in d}
    assert concepts and {G.nodes[c]["kind"] for c in concepts} <= {"Approach", "Context", "Harm"}
    for c in concepts:
        assert G.nodes[c]["label"] and not G.nodes[c]["label"].startswith("http")
        assert G.nodes[c]["scheme"].startswith(CONCEPT)
    pilot = iri("cs-rp-pilot")
    targets = {G.nodes[v]["label"]: k for _, v, k in G.out_edges(pilot, keys=True)}
    assert targets["school"] in ("targetsContext", "settingType")
    assert targets["whole-school approach"] == "approach" if "whole-school approach" in targets \
        else any(k == "approach" for k in targets.values())
    assert any(k == "addressesHarm" for k in targets.values())
    assert not list(nx.isolates(G))
    # restricting to an authority keeps its practice and the concepts it links to
    L = N.context_network(kg, authority="Lewisham")
    assert pilot in L and not any(n.startswith(iri("kr-")) for n in L)


def test_each_projection_asks_four_read_only_selects():
    from csgraph.guard import check_query

    for name in N.NETWORKS:
        queries = _network_queries(name)
        assert len(queries) == 4
        for q in queries:
            check_query(q)
            assert "SELECT DISTINCT" in q and q.lstrip().startswith("PREFIX cs:")


@pytest.mark.server
def test_remote_endpoint_gives_the_same_networks(pushed_server, kg):
    remote = pushed_server.connect()
    for build in (N.partnership_network, N.context_network):
        here, there = build(kg, case="lewisham"), build(remote, case="lewisham")
        assert set(here) == set(there)
        assert sorted(here.edges(keys=True)) == sorted(there.edges(keys=True))
        assert dict(here.nodes(data="label")) == dict(there.nodes(data="label"))
        assert dict(here.nodes(data="title")) == dict(there.nodes(data="title"))


# --- analyses ------------------------------------------------------------------------------------

def test_brokers_exact_and_sampled(lewisham):
    b = N.brokers(lewisham)
    assert b.exact and b.sample_size == lewisham.number_of_nodes()
    top = b.top(3)
    assert top[0][0] == iri("lewisham") and top[0][1] == "London Borough of Lewisham"
    big = nx.cycle_graph(2100)
    sampled = N.brokers(big)
    assert not sampled.exact and sampled.sample_size == 500
    assert N.brokers(big, k=50).sample_size == 50
    assert N.brokers(lewisham, k=10 ** 6).exact


def test_degree_table(lewisham):
    rows = N.degree_table(lewisham)
    assert len(rows) == lewisham.number_of_nodes()
    assert [r.degree for r in rows] == sorted((r.degree for r in rows), reverse=True)
    la = next(r for r in rows if r.node == iri("lewisham"))
    assert la.in_degree == lewisham.in_degree(iri("lewisham"))
    assert la.degree == la.in_degree + la.out_degree
    assert la.kind == "LocalAuthority"


def test_shared_partners(partnerships):
    shared = {p.node: p for p in N.shared_partners(partnerships)}
    afc = shared[iri("kr-afc")]
    assert afc.label == "Achieving for Children"
    assert set(afc.authorities) >= {iri("kr-kingston"), iri("kr-richmond")}
    # Lewisham's partners serve Lewisham alone
    assert iri("restorative-now") not in shared and iri("met-police-se-bcu") not in shared


def test_shared_partner_across_two_case_studies(tmp_path):
    """A partner named in two authorities' case studies is one node, shared by both."""
    (tmp_path / "elsewhere.yaml").write_text("""\
format: csgraph-case/1
case: {id: elsewhere, title: Elsewhere, genre: systems-and-structure, describes: elsewhere}
sources:
  page: {title: A page, url: "https://example.org/elsewhere"}
things:
  elsewhere: {type: LocalAuthority, label: Elsewhere Borough Council, from: page}
  elsewhere-yos: {type: Service, label: Elsewhere YOS, from: page, unit-of: elsewhere}
  restorative-now: {type: PartnerOrganisation, label: Restorative Now, from: page}
  elsewhere-rp: {type: Partnership, label: Elsewhere RP, from: page,
                 members: [elsewhere-yos, restorative-now]}
""")
    kg = csgraph.load(ROOT / "data" / "lewisham.yaml", tmp_path / "elsewhere.yaml")
    G = N.partnership_network(kg)
    shared = {p.node: p for p in N.shared_partners(G)}
    assert set(shared[iri("restorative-now")].authority_labels) == {
        "London Borough of Lewisham", "Elsewhere Borough Council"}
    assert G.nodes[iri("restorative-now")]["case"] == "elsewhere lewisham"
    c = N.compare_authorities(G, "Lewisham", "Elsewhere")
    assert c.shared == {iri("restorative-now")}
    assert c.kinds["LocalAuthority"] == (1, 1)


def test_communities_partition_the_nodes(partnerships):
    found = N.communities(partnerships)
    assert sorted(n for c in found for n in c) == sorted(partnerships)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert found == N.communities(partnerships)  # repeatable


def test_compare(kg):
    a = N.partnership_network(kg, authority="Lewisham")
    b = N.partnership_network(kg, authority="Kingston")
    c = N.compare(a, b)
    assert c.first == (a.number_of_nodes(), a.number_of_edges())
    assert c.second == (b.number_of_nodes(), b.number_of_edges())
    assert c.only_first | c.shared == set(a)
    assert c.kinds["School"][0] == sum(1 for _, k in a.nodes(data="kind") if k == "School")
    assert c.relations["deliversFor"][1] >= 1
    assert "nodes in common" in c.to_text()


# --- exports -------------------------------------------------------------------------------------

def _same(G: nx.MultiDiGraph, H: nx.Graph) -> None:
    assert set(G) == set(H)
    assert sorted(G.edges(keys=True)) == sorted(H.edges(keys=True))
    for n, data in G.nodes(data=True):
        assert {k: v for k, v in H.nodes[n].items() if k != "id"} == data
    for u, v, k, data in G.edges(keys=True, data=True):
        assert {a: x for a, x in H.edges[u, v, k].items() if a != "id"} == data


def test_graphml_round_trip(tmp_path, lewisham):
    path = N.write_graphml(lewisham, tmp_path / "g.graphml")
    H = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    _same(lewisham, H)


def test_gexf_round_trip(tmp_path, lewisham):
    path = N.write_gexf(lewisham, tmp_path / "g.gexf")
    H = nx.read_gexf(path)
    assert set(H) == set(lewisham)
    assert H.number_of_edges() == lewisham.number_of_edges()
    for n, data in lewisham.nodes(data=True):
        assert H.nodes[n]["label"] == data["label"]
        assert H.nodes[n]["kind"] == data["kind"]
        assert H.nodes[n]["title"] == data["title"]
    relations = Counter(d["relation"] for *_, d in H.edges(keys=True, data=True))
    assert relations == Counter(k for *_, k in lewisham.edges(keys=True))


def test_json_round_trip(tmp_path, lewisham):
    path = N.write_json(lewisham, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {"from", "to", "source", "relation"} <= set(data["edges"][0])
    H = nx.node_link_graph(data, **N.JSON_LINK_KEYS)
    _same(lewisham, H)
    assert H.is_multigraph() and H.is_directed()


def test_csv_edge_list_neutralises_formulas(tmp_path, lewisham):
    rows = list(csv.reader(N.write_csv(lewisham, tmp_path / "e.csv").open(encoding="utf-8")))
    head = rows[0]
    assert head[:5] == ["source", "target", "source_label", "target_label", "relation"]
    assert "source_url" in head and head.count("source") == 1
    assert len(rows) - 1 == lewisham.number_of_edges()
    G = nx.MultiDiGraph()
    G.add_node("a", label="=HYPERLINK(\"http://evil\")")
    G.add_node("b", label="@SUM(1)")
    G.add_edge("a", "b", "x", note="+1", other="-2")
    rows = list(csv.reader(N.write_csv(G, tmp_path / "evil.csv").open(encoding="utf-8")))
    cells = rows[1]
    assert cells[2].startswith("'=") and cells[3].startswith("'@")
    assert "'+1" in cells and "'-2" in cells


def test_exports_make_any_graph_safe(tmp_path):
    G = nx.MultiDiGraph(name="x", created=dt.date(2020, 1, 1))
    G.add_node("a", tags=["x", "y"], missing=None, when=dt.date(2020, 1, 2))
    G.add_edge("a", "b", "k", weight=None, path=Path("p"))
    H = nx.read_graphml(N.write_graphml(G, tmp_path / "g.graphml"), edge_key_type=str,
                        force_multigraph=True)
    assert H.nodes["a"] == {"tags": "x; y", "when": "2020-01-02"}
    assert H.edges["a", "b", "k"] == {"path": "p"}
    nx.read_gexf(N.write_gexf(G, tmp_path / "g.gexf"))
    json.loads(N.write_json(G, tmp_path / "g.json").read_text())


# --- scale and the command line ------------------------------------------------------------------

def _network_queries(name: str) -> list[str]:
    proj = N.NETWORKS[name]
    return [N._Q_GRAPHS, N._Q_NODES % N._values(N._CS + k for k in proj.kinds),
            N._Q_ATTRS % N._values([*N._ATTRS, N._PREF_LABEL, N._IN_SCHEME]),
            N._Q_LINKS % N._values((*proj.relations, *proj.concept_relations))]


def test_networks_build_on_national_scale_data(tmp_path):
    """Every projection builds on ~120k synthetic quads (how fast is measured in bench/run.py)."""
    from csgraph.synthetic import synth

    synth(150, seed=3, path=tmp_path / "national.nq")
    kg = csgraph.load(tmp_path / "national.nq")
    assert len(kg) > 100_000
    for name in N.NETWORKS:
        G = getattr(N, f"{name}_network")(kg)
        assert G.number_of_nodes() > 1000, name
        assert all("label" in d and "kind" in d for _, d in G.nodes(data=True))
    b = N.brokers(N.partnership_network(kg))
    assert b.sample_size > 0 and (b.exact or b.sample_size < len(b.scores))


def _csgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "csgraph", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_cli_writes_a_page_and_says_so(tmp_path):
    r = _csgraph("viz", str(ROOT / "data"), "-o", "net.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("wrote net.html (html): partnership network, ")
    assert "nodes" in r.stdout and "edges" in r.stdout and len(r.stdout.splitlines()) == 1
    assert sorted(os.listdir(tmp_path)) == ["net.html"]
    assert "Content-Security-Policy" in (tmp_path / "net.html").read_text(encoding="utf-8")


def test_cli_exports_with_a_trace(tmp_path):
    r = _csgraph("viz", "-o", "t.graphml", "--trace", "early help", "--case", "lewisham",
                 cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "strategy network" in r.stdout and "on the trace" in r.stdout
    H = nx.read_graphml(tmp_path / "t.graphml", edge_key_type=str, force_multigraph=True)
    traced = {n for n, d in H.nodes(data=True) if d.get("trace")}
    assert {iri("early-help-plan"), iri("introduce-cs"), iri("cs-rp-pilot")} <= traced
    assert iri("lscp-neglect") not in traced


def test_cli_reports_an_unknown_authority(tmp_path):
    r = _csgraph("viz", "-o", "x.svg", "--authority", "Atlantis", cwd=tmp_path)
    assert r.returncode == 2
    assert "no local authority is called 'Atlantis'" in r.stderr
    assert not (tmp_path / "x.svg").exists()
