"""Every class shape and every quality check has an invalid example that names it (tests/test_shapes.py
checks that each example fails on what it names), and no example names a shape or check that is gone."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from csgraph.resources import shapes_file

INVALID = sorted((Path(__file__).resolve().parent.parent / "ontology" / "examples" / "invalid").glob("*"))


def named_by_examples() -> set[str]:
    return {re.search(r"# fails: (\S+)", p.read_text(encoding="utf-8")).group(1) for p in INVALID}


def class_shapes() -> set[str]:
    g = Graph().parse(shapes_file())
    return {str(s).rsplit("#", 1)[-1] for s in g.subjects(SH.targetClass, None)}


def violation_queries() -> set[str]:
    from csgraph.validation import violation_queries as checks  # the checks validate() runs

    return {p.stem for p in checks()}


def test_every_class_shape_has_an_invalid_example():
    assert class_shapes(), "the shapes file declares no class shapes"
    assert class_shapes() - named_by_examples() == set()


def test_every_violation_query_has_an_invalid_example():
    assert violation_queries(), "there are no quality checks"
    assert violation_queries() - named_by_examples() == set()


def test_every_example_names_a_shape_or_check_that_exists():
    g = Graph().parse(shapes_file())
    shapes = {str(s).rsplit("#", 1)[-1] for s in g.subjects(None, SH.NodeShape)}
    assert named_by_examples() - shapes - violation_queries() == set()
