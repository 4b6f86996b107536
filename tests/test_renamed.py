"""Names renamed for clarity keep working for one release, with a DeprecationWarning that names the new one."""

from __future__ import annotations

import importlib
import sys

import pytest

import csgraph

RENAMED_MODULES = [
    ("csgraph.guard", "csgraph.querycheck", "check_query"),
    ("csgraph.inputcheck", "csgraph.filecheck", "check_depth"),
    ("csgraph.schema", "csgraph.casekeys", "schema"),
    ("csgraph.tables", "csgraph.casetables", "read_table"),
]


def forget(module: str) -> None:
    """As if ``module`` had never been imported, so importing it runs it again."""
    sys.modules.pop(module, None)
    vars(csgraph).pop(module.rsplit(".", 1)[1], None)


@pytest.mark.parametrize(("old", "new", "name"), RENAMED_MODULES)
def test_an_old_module_name_warns_and_gives_the_same_functions(old, new, name):
    forget(old)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)
    assert set(importlib.import_module(new).__all__) <= set(dir(module))


def test_an_old_module_is_reached_from_the_package_too():
    forget("csgraph.guard")
    with pytest.warns(DeprecationWarning, match="csgraph.querycheck"):
        assert csgraph.guard.MAX_QUERY_CHARS == csgraph.querycheck.MAX_QUERY_CHARS


def test_the_package_imports_none_of_the_old_names():
    """Everything the package itself runs imports the new names: no warning reaches a user who
    uses only documented names."""
    import subprocess

    code = ("import csgraph, csgraph.cli, csgraph.loader, csgraph.validation, csgraph.caseexport, "
            "csgraph.caseschema, csgraph.tracing, csgraph.network, csgraph.publish; "
            "kg = csgraph.load(bundled=True); csgraph.validate(kg); csgraph.query(kg, 'pilots')")
    run = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]


PILOT_COUNTS = "SELECT ?n WHERE { ?p a cs:Pilot ; cs:settingCount ?n } ORDER BY ?n"


def test_knowledge_graph_query_is_select_with_a_warning(bundled_kg):
    with pytest.warns(DeprecationWarning, match="KnowledgeGraph.select"):
        old = bundled_kg.query(PILOT_COUNTS)
    assert old.to_records() == bundled_kg.select(PILOT_COUNTS).to_records() != []


def test_knowledge_graph_query_text_is_select_text_with_a_warning(bundled_kg):
    with pytest.warns(DeprecationWarning, match="KnowledgeGraph.select_text"):
        old = bundled_kg.query_text(PILOT_COUNTS, timeout=30)
    assert old == bundled_kg.select_text(PILOT_COUNTS, timeout=30) != []


def test_the_warning_points_at_the_caller(bundled_kg):
    with pytest.warns(DeprecationWarning) as caught:
        bundled_kg.query("ASK { ?s ?p ?o }")
    assert caught[0].filename == __file__


def test_the_old_name_of_the_case_document_warns():
    from csgraph.casemodel import CaseDoc

    with pytest.warns(DeprecationWarning, match="csgraph.casemodel.CaseDoc"):
        from csgraph.casefile import CaseFile
    assert CaseFile is CaseDoc


def test_the_old_guard_module_keeps_strip_sparql():
    forget("csgraph.guard")
    with pytest.warns(DeprecationWarning):
        from csgraph.guard import strip_sparql
    assert "{" not in strip_sparql('SELECT * WHERE { ?s ?p "{" } # {').replace("WHERE {", "")
