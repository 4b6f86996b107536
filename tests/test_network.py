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
    rows = kg.select("""
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


class _Recording(csgraph.KnowledgeGraph):
    """The bundled data in a real store, noting each query the networks send."""

    def __init__(self, kg):
        super().__init__(kg.store)
        self.sent: list[str] = []

    def select_text(self, sparql, bindings=None, **kw):
        self.sent.append(sparql)
        return super().select_text(sparql, bindings, **kw)


def test_each_projection_asks_the_same_few_read_only_selects(kg, tmp_path):
    from csgraph.querycheck import check_query
    from csgraph.synthetic import synth

    synth(3, seed=1, path=tmp_path / "three.nq")
    national = csgraph.load(tmp_path / "three.nq")
    for name in N.NETWORKS:
        build = getattr(N, f"{name}_network")
        counts = []
        for data in (kg, national):
            spy = _Recording(data)
            G = build(spy)
            assert G.number_of_nodes() > 0
            counts.append(len(spy.sent))
            for q in spy.sent:
                check_query(q)
                assert q.lstrip().startswith("SELECT DISTINCT")
        assert counts[0] == counts[1] <= 6, (name, counts)


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


def _renamed(data: dict) -> dict:
    """Attributes as the JSON, Cytoscape.js and CSV exports name them (``source`` -> ``source_url``)."""
    return {("source_url" if k == "source" else k): v for k, v in data.items()}


def test_json_is_read_by_networkx_with_its_defaults(tmp_path, partnerships):
    path = N.write_json(partnerships, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data)  # networkx's defaults: edges, source, target, key, id
    assert H.is_multigraph() and H.is_directed()
    assert set(H) == set(partnerships)
    assert sorted(H.edges(keys=True)) == sorted(partnerships.edges(keys=True))
    for n, d in partnerships.nodes(data=True):
        assert H.nodes[n] == _renamed(d)
    for u, v, k, d in partnerships.edges(keys=True, data=True):
        assert H.edges[u, v, k] == _renamed(d)
        assert d["source"].startswith("http") and H.edges[u, v, k]["source_url"] == d["source"]


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
    nodes = list(csv.reader((tmp_path / "evil-nodes.csv").open(encoding="utf-8")))
    assert nodes[1][:2] == ["a", "'=HYPERLINK(\"http://evil\")"]


def test_csv_nodes_table_keeps_isolated_nodes_and_their_attributes(tmp_path, kg):
    G = N.partnership_network(kg, kinds=["LocalAuthority", "Accreditor"])
    isolated = set(nx.isolates(G))
    assert isolated  # authorities with no accreditor link of their own
    N.write_csv(G, tmp_path / "net.csv")
    with (tmp_path / "net-nodes.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert set(rows) == set(G)
    for n, d in G.nodes(data=True):
        assert {k: rows[n][k] for k in _renamed(d)} == {k: str(v) for k, v in _renamed(d).items()}


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


# --- one definition of "belongs to an authority" --------------------------------------------------

def test_authority_filter_and_the_authorities_attribute_agree_for_every_authority(kg):
    las = [str(r["la"]) for r in kg.select("SELECT DISTINCT ?la WHERE { ?la a cs:LocalAuthority }")]
    assert len(las) >= 5
    for build in (N.partnership_network, N.strategy_network, N.context_network):
        G = build(kg)
        for la in las:
            marked = {n for n, names in G.nodes(data="authorities") if la in names.split()}
            kept = set(build(kg, authority=la))
            assert kept == marked, (build.__name__, la)
            # the graph-level reading (what a page's authority menu lists) is the same set
            if la in G:
                assert N.authority_nodes(G, la) == kept
                assert N.authority_members(G)[la] == kept
    G = N.partnership_network(kg)
    sizes = {G.nodes[la]["label"]: len(N.authority_nodes(G, la)) for la in las}
    assert sizes["Birmingham City Council"] == len(N.partnership_network(kg, authority="Birmingham"))
    assert sizes["London Borough of Lewisham"] == len(N.partnership_network(kg, authority="Lewisham"))


# --- kinds and their names come from the ontology -------------------------------------------------

def test_kind_names_are_the_ontology_s_class_labels(kg, partnerships):
    rows = kg.select("SELECT ?c ?label WHERE { GRAPH ?g { ?c a owl:Class ; rdfs:label ?label } }")
    labels = {str(r["c"]).rsplit("#", 1)[-1]: str(r["label"]) for r in rows}
    for _, d in partnerships.nodes(data=True):
        assert d["title"].splitlines()[1].split(",")[0] == labels[d["kind"]]
    for kind, label in N.KIND_LABELS.items():
        if kind in labels:
            assert label == labels[kind]


def test_a_thing_with_two_classes_gets_the_most_specific_and_keeps_the_other(tmp_path):
    (tmp_path / "two.trig").write_text("""\
@prefix cs: <https://w3id.org/csgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
<https://example.org/graph/two> {
  <https://w3id.org/csgraph/id/two-la> a cs:LocalAuthority ; rdfs:label "Two Council" .
  <https://w3id.org/csgraph/id/two-school> a cs:School , cs:PracticeSetting ;
      rdfs:label "Two School" ; cs:inArea <https://w3id.org/csgraph/id/two-la> .
  <https://w3id.org/csgraph/id/two-hub> a cs:Service , cs:Partnership ;
      rdfs:label "Two Hub" ; org:unitOf <https://w3id.org/csgraph/id/two-la> .
}
""", encoding="utf-8")
    G = N.partnership_network(csgraph.load(tmp_path / "two.trig"))
    school, hub = G.nodes[iri("two-school")], G.nodes[iri("two-hub")]
    assert school["kind"] == "School" and "otherKinds" not in school  # School is a PracticeSetting
    assert hub["kind"] == "Partnership" and hub["otherKinds"] == "Service"


# --- exports other tools read -----------------------------------------------------------------------

GEXF = "{http://www.gexf.net/1.2draft}"


def _check_gexf(path: Path, G: nx.Graph, *, drawn: bool = True) -> None:
    """The rules of the GEXF 1.2 schema (gexf.net/1.2draft/gexf.xsd) that a writer can break.

    The schema files are not shipped by any package on PyPI, npm or Debian, so the test states its
    rules: root, version and namespace; the attributes a graph may carry; the children a node may
    have (attvalues and the drawing elements, in the GEXF namespace, nothing else); colours as
    0-255 integers and 0-1 alpha, positions and sizes as numbers; attvalues naming declared
    attributes; edges naming existing nodes."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    assert root.tag == GEXF + "gexf" and root.get("version") == "1.2"
    assert set(root.attrib) <= {"version", "variant",
                                "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"}
    assert [c.tag for c in root] in ([GEXF + "meta", GEXF + "graph"], [GEXF + "graph"])
    meta = root.find(GEXF + "meta")
    assert {c.tag for c in meta} <= {GEXF + "creator", GEXF + "keywords", GEXF + "description"}
    graph = root.find(GEXF + "graph")
    assert set(graph.attrib) <= {"timeformat", "start", "startopen", "end", "endopen",
                                 "defaultedgetype", "idtype", "mode"}
    assert graph.get("defaultedgetype") in ("directed", "undirected", "mutual")
    declared = {}
    for attrs in graph.findall(GEXF + "attributes"):
        assert attrs.get("class") in ("node", "edge")
        for a in attrs:
            assert a.tag == GEXF + "attribute" and a.get("type") in (
                "integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI")
            declared[(attrs.get("class"), a.get("id"))] = a.get("type")
    nodes = graph.find(GEXF + "nodes").findall(GEXF + "node")
    assert {n.get("id") for n in nodes} == {str(n) for n in G}
    for node in nodes:
        children = {c.tag for c in node}
        assert children <= {GEXF + t for t in ("attvalues", "spells", "parents", "color",
                                                 "position", "size", "shape")}
        if drawn:
            assert {GEXF + "color", GEXF + "position", GEXF + "size"} <= children
            colour = node.find(GEXF + "color")
            assert all(0 <= int(colour.get(c)) <= 255 for c in "rgb")
            assert 0 <= float(colour.get("a")) <= 1
            pos = node.find(GEXF + "position")
            float(pos.get("x")), float(pos.get("y")), float(pos.get("z"))
            assert float(node.find(GEXF + "size").get("value")) > 0
        for v in node.iter(GEXF + "attvalue"):
            kind = declared[("node", v.get("for"))]
            if kind in ("integer", "long"):
                int(v.get("value"))
    ids = {n.get("id") for n in nodes}
    edges = graph.find(GEXF + "edges").findall(GEXF + "edge")
    assert len(edges) == G.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)
    for e in edges:
        assert e.get("source") in ids and e.get("target") in ids
        assert {c.tag for c in e} <= {GEXF + "attvalues", GEXF + "spells", GEXF + "color",
                                      GEXF + "thickness", GEXF + "shape"}
        for v in e.iter(GEXF + "attvalue"):
            assert ("edge", v.get("for")) in declared


def test_gexf_follows_the_schema_and_is_drawn_as_the_page_draws_it(tmp_path, kg):
    from csgraph.viz import KIND_STYLES, layout_positions

    for build in (N.partnership_network, N.strategy_network, N.context_network):
        G = build(kg)
        path = N.write_gexf(G, tmp_path / "g.gexf", positions=layout_positions(G)[0],
                            styles=KIND_STYLES)
        _check_gexf(path, G)
        _check_gexf(N.write_gexf(G, tmp_path / "plain.gexf"), G, drawn=False)
    # the same drawing gives the same file (no date of writing in it)
    G = N.partnership_network(kg)
    pos = layout_positions(G)[0]
    path = N.write_gexf(G, tmp_path / "p.gexf", positions=pos, styles=KIND_STYLES)
    again = N.write_gexf(G, tmp_path / "again.gexf", positions=pos, styles=KIND_STYLES)
    assert path.read_bytes() == again.read_bytes()
    # the command line draws it too
    r = _csgraph("viz", "-o", "cli.gexf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    _check_gexf(tmp_path / "cli.gexf", G)
    import xml.etree.ElementTree as ET

    for node in ET.parse(path).getroot().iter(GEXF + "node"):
        n = node.get("id")
        colour = node.find(GEXF + "color")
        want = KIND_STYLES[G.nodes[n]["kind"]][0]
        assert "#%02x%02x%02x" % tuple(int(colour.get(c)) for c in "rgb") == want.lower()
        p = node.find(GEXF + "position")
        assert (float(p.get("x")), -float(p.get("y"))) == pytest.approx(pos[n])


def test_gexf_of_any_graph_follows_the_schema(tmp_path):
    G = nx.MultiDiGraph(name="")
    G.add_node("lonely", kind="Nothing", count=3)
    G.add_edge("a", "b", "k", source="https://example.org", weight=2)
    _check_gexf(N.write_gexf(G, tmp_path / "any.gexf", positions={"a": (0, 0), "b": (1, 1),
                                                                  "lonely": (2, 2)},
                             styles={"Nothing": ("#abc", "dot", 3)}), G, drawn=False)


CYTOSCAPE = "3.34.4"


@pytest.fixture(scope="session")
def cytoscape_js():
    """A folder holding the npm package cytoscape (installed once with npm, from its cache when
    offline); the test fails naming what to install when it cannot be had."""
    import shutil

    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.fail("Node.js and npm are needed to read the export with Cytoscape.js: "
                    "apt-get install nodejs npm", pytrace=False)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "csgraph-tests" / "node"
    if not (cache / "node_modules" / "cytoscape" / "package.json").exists():
        cache.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund",
                            "--prefer-offline", f"cytoscape@{CYTOSCAPE}"],
                           capture_output=True, text=True, timeout=300, check=False)
        if r.returncode != 0:
            pytest.fail(f"cannot install cytoscape@{CYTOSCAPE} with npm ({r.stderr.strip()[-300:]}); "
                        f"run: npm install --prefix {cache} cytoscape@{CYTOSCAPE}", pytrace=False)
    return node, cache


_READ_WITH_CYTOSCAPE = """
const cytoscape = require(process.argv[2]);
const doc = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const cy = cytoscape({ headless: true, styleEnabled: true, elements: doc.elements, style: doc.style,
                      layout: doc.layout });
const out = { nodes: {}, edges: [], version: cytoscape.version };
cy.nodes().forEach(n => { out.nodes[n.id()] = { data: n.data(), position: n.position(),
                                                colour: n.style("background-color"),
                                                degree: n.degree(false) }; });
cy.edges().forEach(e => { out.edges.push({ source: e.source().id(), target: e.target().id(),
                                           data: e.data() }); });
cy.destroy();
// the headless renderer keeps a timer running: leave once the answer is written
process.stdout.write(JSON.stringify(out) + "\\n", () => process.exit(0));
"""


def test_cytoscape_js_reads_the_export(tmp_path, kg, cytoscape_js):
    from csgraph.viz import KIND_STYLES, layout_positions

    node, folder = cytoscape_js
    G = N.partnership_network(kg)
    path = N.write_cytoscape(G, tmp_path / "g.cyjs", positions=layout_positions(G)[0],
                             styles=KIND_STYLES)
    (tmp_path / "read.js").write_text(_READ_WITH_CYTOSCAPE, encoding="utf-8")
    r = subprocess.run([node, str(tmp_path / "read.js"), str(folder / "node_modules" / "cytoscape"),
                        str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout)
    assert seen["version"] == CYTOSCAPE
    assert set(seen["nodes"]) == {str(n) for n in G}
    pos = layout_positions(G)[0]
    for n, d in G.nodes(data=True):
        got = seen["nodes"][n]
        assert got["data"]["label"] == d["label"] and got["data"]["kind"] == d["kind"]
        assert got["data"]["authorities"] == d["authorities"]
        assert (got["position"]["x"], got["position"]["y"]) == pytest.approx(pos[n])
        assert got["degree"] == G.degree(n)
        r_, g_, b_ = (int(x) for x in got["colour"].removeprefix("rgb(").rstrip(")").split(","))
        assert "#%02x%02x%02x" % (r_, g_, b_) == KIND_STYLES[d["kind"]][0].lower()
    assert sorted((e["source"], e["target"], e["data"]["relation"]) for e in seen["edges"]) == \
        sorted((u, v, k) for u, v, k in G.edges(keys=True))
    for e in seen["edges"]:
        assert e["data"]["source_url"].startswith("http")  # not the link's end


def test_cli_writes_cytoscape_json_and_a_nodes_table(tmp_path):
    r = _csgraph("viz", "-o", "net.cyjs", "--authority", "Lewisham", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("wrote net.cyjs (cyjs): partnership network, ")
    doc = json.loads((tmp_path / "net.cyjs").read_text(encoding="utf-8"))
    assert len(doc["elements"]["nodes"]) == int(r.stdout.split(" nodes")[0].rsplit(" ", 1)[1])
    r = _csgraph("viz", "-o", "e.csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "nodes in e-nodes.csv" in r.stdout
    assert (tmp_path / "e-nodes.csv").read_text(encoding="utf-8").startswith("id,label,kind,")


def test_a_delivery_body_brings_its_own_parts_not_the_partnerships_it_joins_elsewhere(tmp_path):
    (tmp_path / "two.trig").write_text("""\
@prefix cs: <https://w3id.org/csgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix id: <https://w3id.org/csgraph/id/> .
<https://example.org/graph/two> {
  id:one a cs:LocalAuthority ; rdfs:label "One Council" .
  id:other a cs:LocalAuthority ; rdfs:label "Other Council" .
  id:body a cs:PartnerOrganisation ; rdfs:label "Delivery Body" ; cs:deliversFor id:one .
  id:body-service a cs:Service ; rdfs:label "Body's children's services" ; org:unitOf id:body .
  id:other-service a cs:Service ; rdfs:label "Other's team" ; org:unitOf id:other .
  id:other-rp a cs:Partnership ; rdfs:label "Other's practice partnership" ;
      org:hasMember id:body , id:other-service .
}
""", encoding="utf-8")
    kg = csgraph.load(tmp_path / "two.trig")
    one = set(N.partnership_network(kg, authority="One Council"))
    assert one == {iri("one"), iri("body"), iri("body-service")}
    other = set(N.partnership_network(kg, authority="Other Council"))
    assert other == {iri("other"), iri("other-service"), iri("other-rp"), iri("body")}
    G = N.partnership_network(kg)
    assert N.authority_members(G) == {iri("one"): one, iri("other"): other}
