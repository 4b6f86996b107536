"""The CS namespace class stays in step with the ontology; misspelt terms fail loudly."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, URIRef

from csgraph.namespace import CS, PREFIXES
from csgraph.resources import ontology_dir


def ontology_terms() -> set[str]:
    g = Graph()
    for f in (ontology_dir() / "modules").glob("*.ttl"):
        g.parse(f)
    ns = PREFIXES["cs"]
    return {str(s)[len(ns):] for s in g.subjects() if str(s).startswith(ns)}


def test_namespace_matches_ontology():
    # every term of the ontology is an attribute of CS, and CS has no term the ontology lacks
    ns = PREFIXES["cs"]
    assert {str(t)[len(ns):] for t in dir(CS) if str(t).startswith(ns)} == ontology_terms()
    assert all(getattr(CS, name) == URIRef(ns + name) for name in ontology_terms())


def test_generated_namespace_is_in_step_with_the_ontology():
    run = subprocess.run([sys.executable, "-m", "csgraph.namespace", "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_short_names_use_the_one_prefix_table():
    from rdflib.namespace import ORG, SKOS

    from csgraph.namespace import short

    assert short(CS.Pilot) == "cs:Pilot" and short(ORG.hasMember) == "org:hasMember"
    assert short(SKOS.prefLabel) == "skos:prefLabel"
    assert short("https://example.org/x") == "https://example.org/x"
    for prefix, ns in PREFIXES.items():
        assert short(ns + "x") == f"{prefix}:x"


@pytest.mark.parametrize("text, ok", [
    ("https://w3id.org/csgraph/id/lewisham", True), ("urn:x", True), ("lewisham", False),
    ("https://example.org/a b", False), ("https://example.org/<a>", False), ('https://e.org/"', False),
    ("", False), ("1http://x", False)])
def test_absolute_iri_check(text, ok):
    from csgraph.namespace import is_absolute_iri

    assert is_absolute_iri(text) is ok


def test_class_and_concept_labels_come_from_the_ontology():
    from rdflib import RDFS

    from csgraph.vocabulary import label

    g = Graph()
    for f in (ontology_dir() / "modules").glob("*.ttl"):
        g.parse(f)
    for cls in (CS.Pilot, CS.Strategy, CS.LocalAuthority):
        assert label(cls) == str(g.value(cls, RDFS.label))
    with pytest.raises(KeyError, match="no label"):
        label("https://example.org/nothing")


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        CS.Pilott  # noqa: B018


def test_every_term_is_documented():
    import csgraph

    kg = csgraph.load()
    assert not kg.select((ontology_dir() / "quality" / "unlabelled_term_violation.rq").read_text())


def test_ontology_header():
    g = Graph().parse(ontology_dir() / "csgraph.ttl")
    q = g.query("""PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?t ?d ?l ?v WHERE { ?o a owl:Ontology ; dct:title ?t ; dct:description ?d ;
        dct:license ?l ; owl:versionIRI ?v }""")
    assert len(q) == 1
    imports = list(g.objects(None, g.namespace_manager.expand_curie("owl:imports")))
    assert len(imports) >= 10


def test_generator_takes_in_a_new_term_of_the_ontology(tmp_path):
    from csgraph.namespace import generate

    modules = tmp_path / "modules"
    modules.mkdir()
    for f in (ontology_dir() / "modules").glob("*.ttl"):
        (modules / f.name).write_text(f.read_text())
    (modules / "extra.ttl").write_text(
        f"<{PREFIXES['cs']}Hub> a <http://www.w3.org/2002/07/owl#Class> .\n"
        f"<{PREFIXES['cs']}hubOf> a <http://www.w3.org/2002/07/owl#ObjectProperty> .\n")
    body = generate(modules)
    classes, props = body.split("# properties")
    assert '    "Hub",\n' in classes and '    "hubOf",\n' in props
    assert '    "Hub",\n' not in generate()
