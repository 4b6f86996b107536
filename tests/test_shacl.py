"""The shapes run as SPARQL report what pyshacl reports, on every example and on data made to break
every constraint of every shape."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF, SH

import csgraph
from csgraph.resources import ontology_dir, shapes_file
from csgraph.shacl import compile_shapes
from csgraph.validation import validate

EXAMPLES = sorted((ontology_dir() / "examples").glob("*/*.trig"))


def _same(kg) -> tuple[Counter, Counter]:
    fast = Counter(validate(kg, queries=False, engine="sparql").problems)
    slow = Counter(validate(kg, queries=False, engine="pyshacl").problems)
    return fast, slow


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_both_engines_report_the_same_problems_on_each_example(example):
    fast, slow = _same(csgraph.load(example))
    assert fast == slow


def test_both_engines_agree_on_the_bundled_data(bundled_kg):
    fast, slow = _same(bundled_kg)
    assert fast == slow == Counter()


def _breaking_everything(folder: Path) -> Path:
    """A TriG file with, for every targeted shape, one thing that has no values at all and one whose
    every key holds both an IRI and a literal (two values, of both kinds, and neither from a scheme)."""
    shapes = ox.Store()
    shapes.load(path=str(shapes_file()), format=ox.RdfFormat.TURTLE)
    sh = lambda name: ox.NamedNode(str(SH[name]))  # noqa: E731
    lines = []
    for i, q in enumerate(shapes.quads_for_pattern(None, sh("targetClass"), None)):
        empty, full = f"<https://w3id.org/csgraph/id/broken-empty-{i}>", f"<https://w3id.org/csgraph/id/broken-{i}>"
        lines.append(f"{empty} <{RDF.type}> <{q.object.value}> .")
        lines.append(f"{full} <{RDF.type}> <{q.object.value}> .")
        for prop in shapes.quads_for_pattern(q.subject, sh("property"), None):
            for path in shapes.quads_for_pattern(prop.object, sh("path"), None):
                lines.append(f"{full} <{path.object.value}> <https://w3id.org/csgraph/id/nowhere> .")
                lines.append(f'{full} <{path.object.value}> "1x"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    out = folder / "broken.trig"
    out.write_text("<https://example.org/broken> {\n" + "\n".join(lines) + "\n}\n")
    return out


def test_both_engines_agree_on_data_breaking_every_constraint(tmp_path):
    kg = csgraph.load(_breaking_everything(tmp_path))
    fast, slow = _same(kg)
    assert sum(slow.values()) > 100  # the data really breaks the shapes
    assert fast == slow


def test_every_constraint_of_the_shipped_shapes_is_compiled():
    compiled = compile_shapes(shapes_file())
    assert compiled.supported, compiled.reason
    assert {c.component for c in compiled.checks} >= {"MinCount", "MaxCount", "Datatype", "NodeKind",
                                                       "Class", "Node", "Pattern"}


def test_shapes_with_features_it_does_not_compile_are_left_to_pyshacl(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<https://example.org/S> a sh:NodeShape ; sh:targetClass <https://example.org/C> ;
    sh:or ( [ sh:path <https://example.org/p> ; sh:minCount 1 ] [ sh:path <https://example.org/q> ; sh:minCount 1 ] ) .
""")
    compiled = compile_shapes(shapes)
    assert not compiled.supported and "or" in compiled.reason


def test_validate_refuses_an_unknown_engine(bundled_kg):
    with pytest.raises(ValueError, match="engine"):
        validate(bundled_kg, engine="fast")
