"""Strategy-to-practice tracing, the reverse trace, and the gap reports."""

from __future__ import annotations

import json

import pytest

import csgraph
from csgraph.errors import AmbiguousError, NotFoundError


@pytest.fixture(scope="module")
def early_help(bundled_kg):
    return csgraph.trace(bundled_kg, "early help")


def test_trace_reaches_the_schools_pilot(early_help):
    text = early_help.to_text()
    for needle in ("Early Help and Prevention Strategic Plan", "Introducing Contextual Safeguarding",
                   "Lewisham Youth Offending Service", "Restorative Now", "settings: 11",
                   "settings: 20", "status: planned", "Restorative Justice Council",
                   "Covid-19", "funding", "Head of the Youth Offending Service",
                   "contexts: school", "mechanism"):
        assert needle in text, needle
    assert "Sources:" in text and "contextualsafeguarding.org.uk" in text


def test_every_link_has_evidence(early_help):
    steps = list(early_help.root.walk())
    assert len(steps) > 15
    assert all(s.evidence for s in steps[1:]), [s.label for s in steps if not s.evidence]
    sections = {e.section for s in steps for e in s.evidence}
    assert {"vision", "what was put in place", "challenges", "mechanisms of change"} <= sections


def test_trace_json_and_nodes(early_help):
    data = json.loads(early_help.to_json())
    assert data["root"]["label"] == "Early Help and Prevention Strategic Plan"
    assert "https://w3id.org/csgraph/id/cs-rp-pilot" in early_help.nodes
    assert ("https://w3id.org/csgraph/id/cs-rp-pilot",
            "https://w3id.org/csgraph/id/cs-rp-rollout") in early_help.edges


def test_trace_by_iri(bundled_kg):
    t = csgraph.trace(bundled_kg, "https://w3id.org/csgraph/id/early-help-plan")
    assert t.root.label == "Early Help and Prevention Strategic Plan"


def test_no_match_and_ambiguous(bundled_kg):
    with pytest.raises(NotFoundError, match="no strategy or plan"):
        csgraph.trace(bundled_kg, "no such plan")
    with pytest.raises(AmbiguousError) as err:
        csgraph.trace(bundled_kg, "plan")
    assert len(err.value.candidates) > 1
    with pytest.raises(NotFoundError):
        csgraph.trace(bundled_kg, "https://w3id.org/csgraph/id/nothing-here")


def test_reverse_trace_from_partner(bundled_kg):
    t = csgraph.trace_back(bundled_kg, "Restorative Now")
    strategies = {s.label for s in t.root.walk() if s.kind == "strategy or plan"}
    assert {"Early Help and Prevention Strategic Plan", "Child Exploitation Strategy"} <= strategies
    assert t.reverse and "member of" in t.to_text()


def test_reverse_trace_from_training(bundled_kg):
    t = csgraph.trace_back(bundled_kg, "Restorative practice training for school staff")
    assert "Early Help and Prevention Strategic Plan" in t.to_text()


def test_gaps(bundled_kg):
    g = csgraph.gaps(bundled_kg)
    assert set(g) == {"priorities-without-practice", "pilots-without-rollout",
                      "practice-without-mandate", "unsourced-links"}
    pilots = {str(r["pilotLabel"]): str(r["gap"]) for r in g["pilots-without-rollout"]}
    assert pilots["CS-restorative practice schools pilot"] == "roll-out planned only"
    prios = {str(r["priorityLabel"]) for r in g["priorities-without-practice"]}
    assert "Neglect" in prios and "Introducing Contextual Safeguarding" not in prios
    assert len(g["unsourced-links"]) == 0


def test_unsourced_link_is_reported(tmp_path, fresh_kg):
    f = tmp_path / "loose.nq"
    from csgraph.namespace import CS

    f.write_text(f"<https://w3id.org/csgraph/id/lewisham-yos> <{CS.ledBy}> "
                 "<https://w3id.org/csgraph/id/lewisham> <https://example.org/graph/loose> .\n")
    csgraph.add(fresh_kg, f)
    assert len(csgraph.gaps(fresh_kg)["unsourced-links"]) == 1


def test_trace_words_each_link_from_the_relation_table(early_help, bundled_kg):
    from csgraph.namespace import CS
    from csgraph.relations import relation

    text = early_help.to_text()
    assert f"{relation(CS.respondsTo).backward}: CS-restorative practice schools pilot" in text
    back = csgraph.trace_back(bundled_kg, "CS-restorative practice schools pilot").to_text()
    assert f"{relation(CS.respondsTo).forward}: Introducing Contextual Safeguarding" in back


def test_every_relation_is_an_object_property_of_the_ontology_or_org(bundled_kg):
    from rdflib.namespace import ORG

    from csgraph.namespace import CS
    from csgraph.relations import RELATIONS

    for r in RELATIONS:
        if r.predicate in ORG:
            assert getattr(ORG, r.name) == r.predicate
            continue
        assert r.predicate in CS
        assert bundled_kg.select("ASK { ?p a owl:ObjectProperty }", {"p": r.predicate}).boolean, r.predicate


def test_sources_name_the_document_its_publisher_and_address(bundled_kg):
    """A trace names each source by the document's own title and publisher, not the case study's."""
    titles = {str(r[0]): (str(r[1]), str(r[2])) for r in bundled_kg.select(
        "SELECT ?url ?title ?publisher WHERE { ?s cs:url ?url ; dct:title ?title ; dct:publisher ?publisher }")}
    evidence = {e for step in csgraph.trace(bundled_kg, "Early Help").root.walk() for e in step.evidence}
    assert evidence
    for e in evidence:
        title, publisher = titles[e.url]
        assert (e.title, e.publisher) == (title, publisher)
        assert str(e) == f"{title}, {publisher}, {e.section}: {e.url}"
