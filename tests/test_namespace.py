"""The CS namespace class stays in step with the ontology; misspelt terms fail loudly."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from csgraph.namespace import CS
from csgraph.resources import ontology_dir


def ontology_terms() -> set[str]:
    g = Graph()
    for f in (ontology_dir() / "modules").glob("*.ttl"):
        g.parse(f)
    ns = str(CS._NS)
    return {str(s)[len(ns):] for s in g.subjects() if str(s).startswith(ns)}


def test_namespace_matches_ontology():
    import csgraph.namespace as mod

    declared = set(re.findall(r"^    (\w+): URIRef", open(mod.__file__).read(), re.MULTILINE))
    assert declared == ontology_terms()


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        CS.Pilott  # noqa: B018


def test_every_term_is_documented():
    import csgraph

    kg = csgraph.load()
    assert not kg.query((ontology_dir() / "quality" / "unlabelled_term_violation.rq").read_text())


def test_ontology_header():
    g = Graph().parse(ontology_dir() / "csgraph.ttl")
    q = g.query("""PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?t ?d ?l ?v WHERE { ?o a owl:Ontology ; dct:title ?t ; dct:description ?d ;
        dct:license ?l ; owl:versionIRI ?v }""")
    assert len(q) == 1
    imports = list(g.objects(None, g.namespace_manager.expand_curie("owl:imports")))
    assert len(imports) >= 10
