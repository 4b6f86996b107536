"""The named-query catalogue: strict headers, every query runs, values are bound as terms."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef

import csgraph
from csgraph.catalogue import parse_header
from csgraph.errors import QueryError, QueryParameterError, UnsafeQueryError

CATALOGUE = csgraph.queries()


def test_catalogue_is_large_and_covers_competency_questions():
    assert len(CATALOGUE) >= 25
    covered = {cq for q in CATALOGUE for cq in q.cq}
    for n in range(1, 25):
        assert f"CQ{n}" in covered, f"CQ{n}"


@pytest.mark.parametrize("q", CATALOGUE, ids=lambda q: q.name)
def test_query_runs_on_bundled_data(bundled_kg, q):
    params = {p.name: "Lewisham" for p in q.params if p.required}
    rows = csgraph.query(bundled_kg, q.name, **params)
    if not q.name.startswith("gap-unsourced"):
        assert len(rows) > 0, q.name
    assert "DISTINCT" in q.text or "GROUP BY" in q.text, "stores may repeat rows across graphs"


@pytest.mark.parametrize("q", [q for q in CATALOGUE if q.params], ids=lambda q: q.name)
def test_parameters_are_projected(q):
    select = q.text.split("WHERE", 1)[0]
    for p in q.params:
        assert f"?{p.name}" in select, f"{q.name}: ?{p.name} must be in the SELECT to be bound"


def test_nation_parameter_filters(bundled_kg):
    every = csgraph.query(bundled_kg, "authorities")
    wales = csgraph.query(bundled_kg, "authorities", nation="https://w3id.org/csgraph/concept/nation/wales")
    assert 0 < len(wales) < len(every)
    assert {str(r["nationLabel"]) for r in wales} == {"Wales"}


def test_shared_change_types_name_the_areas(bundled_kg):
    rows = [r for r in csgraph.query(bundled_kg, "shared-change-types") if str(r["changeTypeLabel"]) == "CS training"]
    assert {str(r["areaLabel"]) for r in rows} == {"West Sussex County Council", "Birmingham City Council"}
    assert {int(r["areas"]) for r in rows} == {2}


def test_strategy_to_practice_finds_direct_responses(tmp_path):
    case = tmp_path / "direct.yaml"
    case.write_text(DIRECT_CASE)
    rows = csgraph.query(csgraph.load(case), "strategy-to-practice")
    assert [(str(r["strategyLabel"]), str(r["practiceLabel"])) for r in rows] == [
        ("Example safety plan", "A new exploitation hub")]


DIRECT_CASE = """\
format: csgraph-case/1
case: {id: direct, title: Direct response, genre: systems-and-structure, describes: la}
sources:
  page: {url: "https://example.org/direct", title: Example page}
things:
  la: {type: LocalAuthority, label: Example Borough, from: page}
  plan: {type: Strategy, label: Example safety plan, from: page, owner: la}
  hub: {type: Change, label: A new exploitation hub, from: page, change-type: hub, responds-to: plan}
"""


def test_dates_sort_across_precisions(bundled_kg):
    keys = [str(r["date"]) for r in csgraph.query(bundled_kg, "timeline")]
    assert keys == sorted(keys) and {"2019", "2019-05", "2019-06-29"} <= set(keys)
    assert keys.index("2019") < keys.index("2019-05") < keys.index("2019-06-29") < keys.index("2020")


def test_parameter_narrows_results(bundled_kg):
    everything = csgraph.query(bundled_kg, "challenges")
    lewisham = csgraph.query(bundled_kg, "challenges", area="https://w3id.org/csgraph/id/lewisham")
    assert 0 < len(lewisham) < len(everything)
    assert {str(r["area"]) for r in lewisham} == {"https://w3id.org/csgraph/id/lewisham"}


@pytest.mark.parametrize("value", ['x" || true || "', "x' } ; DELETE WHERE { ?s ?p ?o } #",
                                   "Early Help\") } UNION { ?thing ?p ?o . BIND(\"x"])
def test_hostile_value_is_just_a_literal(fresh_kg, value):
    before = len(fresh_kg)
    rows = csgraph.query(fresh_kg, "find", text=value)
    assert len(rows) == 0
    assert len(fresh_kg) == before


@pytest.mark.parametrize("value", ["https://x/a> <b", 'https://x/"a', "not an iri", "https://x/a b"])
def test_hostile_iri_rejected_before_query(bundled_kg, value):
    with pytest.raises(QueryParameterError):
        csgraph.query(bundled_kg, "challenges", area=value)


def test_parameter_errors(bundled_kg):
    with pytest.raises(QueryParameterError, match="needs the parameter 'text'"):
        csgraph.query(bundled_kg, "find")
    with pytest.raises(QueryParameterError, match="did you mean 'area'"):
        csgraph.query(bundled_kg, "challenges", aera="x")
    with pytest.raises(QueryError, match="did you mean 'pilots'"):
        csgraph.query(bundled_kg, "pilot")


@pytest.mark.parametrize("header,fragment", [
    ("#+ summry: x\n", "unknown header key 'summry'"),
    ("#+ description: no summary\n", "needs a summary"),
    ("#+ summary: x\n#+ params:\n#+   a: {type: float}\n", "has type 'float'"),
    ("#+ summary: x\n#+ params:\n#+   a: {type: iri, defualt: 1}\n", "unknown key 'defualt'"),
    ("#+ summary: x\n#+ params:\n#+   a: {type: integer, default: ten}\n", "whole number"),
    ("#+ summary: [unclosed\n", "not valid YAML"),
    ("SELECT * WHERE { ?s ?p ?o }\n", "no '#+' header"),
])
def test_header_is_strict(header, fragment):
    with pytest.raises(QueryError, match=re.escape(fragment)):
        parse_header(header + "SELECT * WHERE { ?s ?p ?o }")


def test_adhoc_sparql_and_bindings(bundled_kg):
    res = csgraph.sparql(bundled_kg, "SELECT ?l WHERE { ?x rdfs:label ?l } ", l=Literal("Restorative Now"))
    assert len(res) == 1
    res = csgraph.sparql(bundled_kg, "SELECT ?x WHERE { ?x rdfs:label ?l }",
                         x=URIRef("https://w3id.org/csgraph/id/rjc"))
    assert res[0]["x"] == URIRef("https://w3id.org/csgraph/id/rjc")


@pytest.mark.parametrize("text", [
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "LOAD <file:///etc/passwd>",
    "DELETE WHERE { ?s ?p ?o }",
])
def test_unsafe_adhoc_queries_refused(fresh_kg, text):
    before = len(fresh_kg)
    with pytest.raises(UnsafeQueryError):
        csgraph.sparql(fresh_kg, text)
    assert len(fresh_kg) == before


def test_keywords_inside_strings_and_names_are_fine(bundled_kg):
    res = csgraph.sparql(bundled_kg, 'SELECT ?service WHERE { ?service a cs:Service ; rdfs:label ?l '
                                     'FILTER(?l != "DROP FROM SERVICE") }')
    assert len(res) > 3


def test_results_conversions(bundled_kg):
    res = csgraph.query(bundled_kg, "pilots")
    data = json.loads(res.to_json())
    assert data["head"]["vars"][0] == "pilot" and data["results"]["bindings"]
    assert res.to_csv().splitlines()[0].startswith("pilot,pilotLabel")
    df = res.to_dataframe()
    assert list(df.columns) == list(res.variables) and len(df) == len(res)
    html = res._repr_html_()
    assert html.startswith("<table>") and "CS-restorative practice schools pilot" in html


def test_results_escape_html_and_neutralise_formulas():
    from csgraph.results import Results

    res = Results(["x"], [[Literal("<script>alert(1)</script>")], [Literal("=HYPERLINK(\"x\")")]])
    assert "<script>" not in res._repr_html_()
    assert "'=HYPERLINK" in res.to_csv()
    assert "=HYPERLINK" in res.to_csv(safe=False).splitlines()[2]


def test_syntax_error_is_a_query_error(bundled_kg):
    with pytest.raises(QueryError, match="syntax"):
        csgraph.sparql(bundled_kg, "SELECT WHERE {")
