"""The YAML case-file format: what it accepts, and errors that name the field and suggest a fix."""

from __future__ import annotations

import pytest

import csgraph
from csgraph.errors import CaseFileError, LimitError, ParseError

BASE = """format: csgraph-case/1
case: {id: demo, title: Demo case, genre: practice, describes: demo-la}
sources:
  page: {url: "https://example.org/page", sections: [vision, put-in-place]}
things:
  demo-la:
    type: LocalAuthority
    label: Demo Borough
    from: page#vision
  demo-pilot:
    type: Pilot
    label: Demo pilot
    from: page#put-in-place
    status: piloted
    count: 4
    led-by: demo-la
"""


def load_text(tmp_path, text, name="case.yaml"):
    f = tmp_path / name
    f.write_text(text)
    return csgraph.load(f)


def test_base_case_loads_with_provenance(tmp_path):
    kg = load_text(tmp_path, BASE)
    rows = csgraph.query(kg, "evidence", subject="https://w3id.org/csgraph/id/demo-pilot")
    assert {r["section"].toPython() for r in rows} == {"what was put in place"}
    assert csgraph.validate(kg).conforms


@pytest.mark.parametrize("old,new,field,hint", [
    ("    status: piloted", "    stauts: piloted", "things.demo-pilot.stauts", "did you mean 'status'"),
    ("    count: 4", "    count: four", "things.demo-pilot.count", "whole number"),
    ("    led-by: demo-la", "    led-by: demo-lb", "things.demo-pilot.led-by", "did you mean 'demo-la'"),
    ("    status: piloted", "    status: pilotted", "things.demo-pilot.status", "did you mean 'piloted'"),
    ("    type: Pilot", "    type: Pilott", "things.demo-pilot.type", "did you mean 'Pilot'"),
    ("    from: page#put-in-place", "    from: page#challenges", "things.demo-pilot.from", "no section"),
    ("    from: page#put-in-place", "    from: pgae#put-in-place", "things.demo-pilot.from", "did you mean 'page'"),
    ("    status: piloted\n", "", "things.demo-pilot.status", "required"),
    ("    led-by: demo-la", "    led-by: demo-pilot", "things.demo-pilot.led-by", "must refer to a Organization"),
])
def test_bad_field_is_named(tmp_path, old, new, field, hint):
    with pytest.raises(CaseFileError) as err:
        load_text(tmp_path, BASE.replace(old, new))
    assert err.value.field == field
    assert hint in str(err.value)
    assert "case.yaml" in str(err.value)


def test_error_names_line(tmp_path):
    with pytest.raises(CaseFileError) as err:
        load_text(tmp_path, BASE.replace("    count: 4", "    count: four"))
    assert err.value.line == BASE.splitlines().index("    count: 4") + 1


def test_unknown_top_key(tmp_path):
    with pytest.raises(CaseFileError, match="did you mean 'things'"):
        load_text(tmp_path, BASE.replace("things:", "thigns:"))


def test_duplicate_key_in_block(tmp_path):
    with pytest.raises(CaseFileError, match="appears twice"):
        load_text(tmp_path, BASE.replace("    count: 4", "    count: 4\n    count: 5"))


def test_yaml_syntax_error_names_line(tmp_path):
    with pytest.raises(ParseError) as err:
        load_text(tmp_path, BASE + "  broken: [unclosed\n")
    assert err.value.line is not None


def test_aliases_refused(tmp_path):
    text = BASE.replace("label: Demo pilot", "label: &x Demo pilot").replace(
        "    count: 4", "    description: *x\n    count: 4")
    with pytest.raises(CaseFileError, match="aliases"):
        load_text(tmp_path, text)


def test_deep_nesting_is_a_clean_error(tmp_path):
    deep = "things:\n  x: " + "[" * 10000 + "]" * 10000 + "\n"
    with pytest.raises(LimitError, match="deeper than the limit"):
        load_text(tmp_path, BASE.split("things:")[0] + deep)


def test_nul_in_value_refused(tmp_path):
    with pytest.raises(CaseFileError, match="NUL"):
        load_text(tmp_path, BASE.replace("label: Demo pilot", 'label: "Demo\\0pilot"'))


def test_same_case_id_twice(tmp_path):
    (tmp_path / "a.yaml").write_text(BASE)
    (tmp_path / "b.yaml").write_text(BASE)
    with pytest.raises(CaseFileError, match="also used by"):
        csgraph.load(tmp_path)


def test_value_level_provenance(tmp_path):
    text = BASE.replace("sources:\n", "sources:\n  other: {url: \"https://example.org/o\"}\n").replace(
        "    count: 4", "    count: {value: 4, from: other}")
    kg = load_text(tmp_path, text)
    rows = kg.query("SELECT ?g WHERE { GRAPH ?g { ?p cs:settingCount 4 } }")
    assert str(rows[0]["g"]).endswith("/demo/other/page")


def test_new_case_template_loads_and_validates(tmp_path, monkeypatch):
    from csgraph.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["new-case", "hackney"]) == 0
    kg = csgraph.load(tmp_path / "hackney.yaml")
    assert csgraph.validate(kg).conforms
