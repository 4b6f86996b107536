"""Evidence graphs cannot be forged: a graph under the evidence namespace comes from the case file
that produces it, or from an RDF file that writes and describes it; CSV ids follow case-file rules."""

from __future__ import annotations

import pytest
import rdflib
from test_casefile import BASE

import csgraph
from csgraph.errors import CaseFileError, UnsafeInputError

DATA = csgraph.resources.data_dir()
G = "https://w3id.org/csgraph/graph/"
ID = "https://w3id.org/csgraph/id/"
ORG = str(rdflib.namespace.ORG)
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CS_ = csgraph.namespace.CS


def forged_partner(graph: str) -> str:
    return (f"<{ID}invented-partner> <{TYPE}> <{CS_.PartnerOrganisation}> <{graph}> .\n"
            f"<{ID}lewisham-cs-partnership> <{ORG}hasMember> <{ID}invented-partner> <{graph}> .\n")


def own_graph(case: str, graph: str) -> str:
    """Quads that describe ``graph`` as an evidence graph of ``case`` with its source."""
    record = f"<{G}{case}>"
    return (f"<{ID}case/{case}> <{TYPE}> <{CS_.CaseStudy}> {record} .\n"
            f"<{graph}> <{TYPE}> <{CS_.EvidenceGraph}> {record} .\n"
            f"<{graph}> <http://purl.org/dc/terms/isPartOf> <{ID}case/{case}> {record} .\n"
            f"<{graph}> <{rdflib.namespace.PROV.hadPrimarySource}> <{ID}source/{case}/page> {record} .\n")


def test_a_quad_file_cannot_write_into_a_case_files_graph(tmp_path):
    graph = f"{G}lewisham/case-study/put-in-place"
    f = tmp_path / "forged.nq"
    f.write_text("# a comment\n" + forged_partner(graph))
    with pytest.raises(UnsafeInputError) as err:
        csgraph.load(DATA, f)
    msg = str(err.value)
    assert msg.startswith(f"{f}:2:") and f"<{graph}>" in msg and "lewisham.yaml" in msg
    assert "nothing was loaded" in msg


def test_describing_a_case_files_graph_does_not_make_it_yours(tmp_path, fresh_kg):
    graph = f"{G}lewisham/case-study/put-in-place"
    f = tmp_path / "forged.nq"
    f.write_text(own_graph("lewisham", graph) + forged_partner(graph))
    before = sorted(map(str, fresh_kg.store))
    with pytest.raises(UnsafeInputError, match="already in the store"):
        csgraph.add(fresh_kg, f)
    assert sorted(map(str, fresh_kg.store)) == before
    with pytest.raises(UnsafeInputError, match="lewisham.yaml produces"):
        csgraph.load(DATA, f)


@pytest.mark.parametrize("graph", [f"{G}lewisham/made-up/page", f"{G}file/other"])
def test_undescribed_or_reserved_graphs_are_refused(tmp_path, graph):
    f = tmp_path / "x.nq"
    f.write_text(forged_partner(graph))
    with pytest.raises(UnsafeInputError, match="evidence graph"):
        csgraph.load(f)


def test_files_that_describe_their_own_graphs_load_and_are_cited(tmp_path):
    graph = f"{G}new-case/page/page"
    f = tmp_path / "own.nq"
    f.write_text(own_graph("new-case", graph) + forged_partner(graph))
    g = tmp_path / "more.nq"  # a second file may add to a graph it describes too
    g.write_text(own_graph("new-case", graph) + f"<{ID}more> <{TYPE}> <{CS_.PartnerOrganisation}> <{graph}> .\n")
    kg = csgraph.load(f, g)
    assert kg.select(f"ASK {{ GRAPH <{graph}> {{ <{ID}invented-partner> a cs:PartnerOrganisation }} }}").boolean


def test_an_export_loads_back_but_an_edited_one_not_over_its_case_files(tmp_path, bundled_kg):
    out = tmp_path / "all.nq"
    csgraph.export(bundled_kg, out, format="nq")
    assert len(csgraph.load(out)) == len(bundled_kg)
    assert len(csgraph.load(DATA, out)) == len(bundled_kg)  # the same facts: nothing forged
    with out.open("a") as fh:
        fh.write(forged_partner(f"{G}birmingham/case-study/put-in-place"))
    with pytest.raises(UnsafeInputError, match="birmingham.yaml produces"):
        csgraph.load(DATA, out)


@pytest.mark.parametrize("bad", ["case/x", "../../evil", "x y", "Upper", "x<y", "x\ny", "-x"])
def test_csv_ids_are_checked_as_case_file_ids(tmp_path, bad):
    (tmp_path / "demo.yaml").write_text(BASE)
    cell = '"' + bad + '"'
    (tmp_path / "things.csv").write_text(
        f"case,id,type,label,from\ndemo,{cell},Pilot,A pilot,page#put-in-place\n")
    with pytest.raises(CaseFileError, match="must be lower-case letters, digits and hyphens") as err:
        csgraph.load(tmp_path)
    assert err.value.line and err.value.field == "id"
