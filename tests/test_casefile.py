"""The YAML case-file format: what it accepts, and errors that name the field and suggest a fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import csgraph
from csgraph.casebuild import CASE_KEYS, SOURCE_KEYS, build
from csgraph.casefile import read_case_file
from csgraph.casekeys import schema
from csgraph.casemodel import CaseFileProblems
from csgraph.cli import main
from csgraph.errors import CaseFileError, LimitError, ParseError

ID = "https://w3id.org/csgraph/id/"
INVALID = Path(__file__).parent / "casefiles" / "invalid"

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
    rows = kg.select("SELECT ?g WHERE { GRAPH ?g { ?p cs:settingCount 4 } }")
    assert str(rows[0]["g"]).endswith("/demo/other/page")


def test_new_case_template_loads_and_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new-case", "hackney"]) == 0
    kg = csgraph.load(tmp_path / "hackney.yaml")
    assert csgraph.validate(kg).conforms


# --- every problem in one run ----------------------------------------------------------------------
def test_every_problem_is_reported_in_one_run(tmp_path, capsys):
    text = (BASE.replace("    count: 4", "    count: -5").replace("label: Demo pilot", "label: 123")
            .replace("    status: piloted", "    stauts: piloted"))
    (tmp_path / "case.yaml").write_text(text)
    with pytest.raises(CaseFileProblems) as err:
        csgraph.load(tmp_path / "case.yaml")
    lines = text.splitlines()
    found = {(p.field, p.line) for p in err.value.problems}
    assert found == {("things.demo-pilot.count", lines.index("    count: -5") + 1),
                     ("things.demo-pilot.label", lines.index("    label: 123") + 1),
                     ("things.demo-pilot.stauts", lines.index("    stauts: piloted") + 1)}
    assert main(["validate", str(tmp_path / "case.yaml")]) == 2
    out = capsys.readouterr().err.strip().splitlines()
    assert len(out) == 3 and all(line.count("case.yaml:") == 1 for line in out)
    assert "label must be text, not the number 123" in "\n".join(out)


def test_validate_json_carries_every_problem(tmp_path, capsys):
    (tmp_path / "case.yaml").write_text(BASE.replace("    count: 4", "    count: 0x1F").replace(
        "url: \"https://example.org/page\"", "url: \"https://example.org/page\\n\""))
    assert main(["validate", "--format", "json", str(tmp_path / "case.yaml")]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    assert {e["field"] for e in report["errors"]} == {"things.demo-pilot.count", "sources.page.url"}
    assert all(e["path"].endswith("case.yaml") and e["line"] for e in report["errors"])


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path):
    kg = csgraph.load()
    before = len(kg)
    (tmp_path / "case.yaml").write_text(BASE.replace("    count: 4", "    count: -5"))
    with pytest.raises(CaseFileError):
        csgraph.add(kg, tmp_path / "case.yaml")
    assert len(kg) == before


# --- scoped ids (format csgraph-case/2) ---------------------------------------------------------------
def case2(case_id, extra=""):
    return f"""format: csgraph-case/2
case: {{id: {case_id}, title: {case_id} case, genre: systems-and-structure, describes: la}}
sources:
  page: {{url: "https://example.org/{case_id}", sections: [vision]}}
things:
  la: {{type: LocalAuthority, label: {case_id} council, from: page#vision}}
  police: {{type: PartnerOrganisation, label: {case_id} police, from: page#vision}}
  rp: {{type: Partnership, label: {case_id} partnership, from: page#vision, members: [police{extra}]}}
"""


def test_two_cases_may_use_the_same_id_without_merging(tmp_path):
    (tmp_path / "north.yaml").write_text(case2("north"))
    (tmp_path / "south.yaml").write_text(case2("south", ", north:police"))
    kg = csgraph.load(tmp_path)
    labels = {str(r["s"]): str(r["l"]) for r in kg.select(
        "SELECT ?s ?l WHERE { ?s a cs:PartnerOrganisation ; rdfs:label ?l }")}
    assert labels == {f"{ID}north/police": "north police", f"{ID}south/police": "south police"}
    members = {str(r["m"]) for r in kg.select(
        f"SELECT ?m WHERE {{ <{ID}south/rp> org:hasMember ?m }}")}
    assert members == {f"{ID}south/police", f"{ID}north/police"}
    assert csgraph.validate(kg).conforms


@pytest.mark.parametrize("ref,fragment", [
    ("east:police", "case 'east', which is not loaded"),
    ("north:polise", "not a thing of case 'north' (did you mean 'police'?)"),
    ("north:aim", "members must refer to a Organization, but 'north:aim' is a Aim"),
    ("North:police", "must name a thing by its id"),
])
def test_references_to_other_cases_are_checked(tmp_path, ref, fragment):
    (tmp_path / "north.yaml").write_text(case2("north") + "  aim: {type: Aim, label: An aim, from: page#vision}\n")
    (tmp_path / "south.yaml").write_text(case2("south", ", " + ref))
    with pytest.raises(CaseFileError) as err:
        csgraph.load(tmp_path)
    assert fragment in str(err.value) and "south.yaml:8 [things.rp.members]" in str(err.value)


def test_release_1_files_keep_their_iris_and_share_ids(tmp_path):
    kg = load_text(tmp_path, BASE)
    assert kg.select(f"ASK {{ <{ID}demo-pilot> a cs:Pilot }}")


def test_release_1_id_of_another_thing_in_another_file_is_named_at_both_places(tmp_path):
    (tmp_path / "a.yaml").write_text(BASE)
    (tmp_path / "b.yaml").write_text(BASE.replace("id: demo,", "id: other,").replace(
        "label: Demo pilot", "label: Another pilot"))
    with pytest.raises(CaseFileError) as err:
        csgraph.load(tmp_path)
    text = str(err.value)
    assert "b.yaml:10 [things.demo-pilot]" in text and "a.yaml:10 [things.demo-pilot]" in text


@pytest.mark.parametrize("case_id", ["case", "source", "file", "ontology"])
def test_case_ids_that_would_collide_with_record_iris_are_refused(tmp_path, case_id):
    with pytest.raises(CaseFileError, match="reserved"):
        load_text(tmp_path, case2(case_id))


# --- not stated --------------------------------------------------------------------------------------
def test_not_stated_is_recorded_in_the_evidence_graph(tmp_path):
    text = case2("north").replace("  rp:", "  plan: {type: Strategy, label: A plan, from: page#vision, "
                                  "owner: not-stated}\n  rp:")
    kg = load_text(tmp_path, text)
    rows = kg.select(f"SELECT ?p ?g WHERE {{ GRAPH ?g {{ <{ID}north/plan> cs:notStated ?p }} }}")
    assert [(str(r["p"]), str(r["g"])) for r in rows] == [
        (str(csgraph.CS.ownedBy), "https://w3id.org/csgraph/graph/north/page/vision")]
    assert not kg.select(f"ASK {{ <{ID}north/plan> cs:ownedBy ?o }}")


def test_not_stated_cannot_stand_beside_values(tmp_path):
    with pytest.raises(CaseFileError, match="cannot stand beside values"):
        load_text(tmp_path, case2("north", ", not-stated"))


# --- issue cases: wrong types and forms that used to pass or crash --------------------------------------
@pytest.mark.parametrize("old,new,field,fragment", [
    ("describes: demo-la", "describes: [demo-la, demo-pilot]", "case.describes", "takes one value"),
    ("sections: [vision, put-in-place]", "sections: 5", "sources.page.sections", "the number 5 is not in"),
    ("sections: [vision, put-in-place]", "sections: put-in-place", "things.demo-la.from", "no section 'vision'"),
    ("  demo-pilot:", '  "demo-pilot\\n":', "things.demo-pilot\\n", "lower-case letters"),
    ('{url: "https://example.org/page"', '{title: {a: 1}, url: "https://example.org/page"',
     "sources.page.title", "must be text, not a mapping"),
    ("count: 4", "count: -5", "things.demo-pilot.count", "0 or more"),
    ("count: 4", "count: 0x1F", "things.demo-pilot.count", "written in digits"),
    ("count: 4", "count: 1_000", "things.demo-pilot.count", "written in digits"),
    ('url: "https://example.org/page"', 'url: "https://example.org/page\\n"', "sources.page.url",
     "web address"),
    ("label: Demo pilot", "label: 123", "things.demo-pilot.label", "must be text, not the number 123"),
    ("label: Demo pilot", "label: !!python/object:os.system x", "", "tags"),
    ("format: csgraph-case/1", "format: csgraph-case/9", "format", "format must be one of"),
])
def test_wrong_forms_are_one_clear_error(tmp_path, old, new, field, fragment):
    assert old in BASE
    with pytest.raises(CaseFileError) as err:
        load_text(tmp_path, BASE.replace(old, new))
    assert fragment in str(err.value)
    assert (err.value.field or "") == field
    assert len(getattr(err.value, "problems", [err.value])) == 1


def test_a_source_id_that_cannot_be_an_iri_is_an_error(tmp_path):
    with pytest.raises(CaseFileError) as err:
        load_text(tmp_path, BASE.replace("  page: {url:", '  "pa ge": {url:'))
    assert err.value.field == "sources.pa ge" and "source ids are lower-case" in str(err.value)


def test_section_names_are_matched_whole(tmp_path):
    text = BASE.replace("sections: [vision, put-in-place]", "sections: put-in-place").replace(
        "from: page#vision", "from: page#put")
    with pytest.raises(CaseFileError, match="no section 'put'"):
        load_text(tmp_path, text)


def test_non_utf8_file_is_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "case.yaml").write_bytes(BASE.encode().replace(b"Demo pilot", b"Demo \xff pilot"))
    assert main(["validate", str(tmp_path / "case.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "case.yaml:12" in err and "UTF-8" in err


def test_a_long_flow_list_stops_at_the_item_bound(tmp_path):
    (tmp_path / "case.yaml").write_text(BASE + "  big: {type: Aim, label: [" + "x, " * 30_000 + "x]}\n")
    with pytest.raises(LimitError, match="more than 20000 values") as err:
        csgraph.load(tmp_path / "case.yaml", limits=csgraph.Limits(max_items=20_000))
    assert err.value.line == BASE.count("\n") + 1


def test_a_second_yaml_document_is_refused(tmp_path):
    with pytest.raises(CaseFileError, match="one YAML document"):
        load_text(tmp_path, BASE + "---\n" + BASE)


# --- every key of every type, given a value of each wrong YAML type -------------------------------------
WRONG = {"int": "123", "float": "1.5", "bool": "true", "map": "{a: 1}", "null": "", "list": "[x, y]",
         "str": "no such value!"}


def accepted(spec):
    """The YAML types a key accepts (the rest are wrong for it); a list of right values is right for a
    key that takes several."""
    many = {"list"} if spec.many else set()
    if spec.kind in ("concept", "ref"):
        return many
    if spec.kind == "slug":
        return {"int"}
    short = {str(d).rsplit("#", 1)[-1] for d in (spec.datatypes or (spec.target,))}
    names = {"string": "str", "integer": "int", "boolean": "bool"}
    return {names[s] for s in short if s in names} | many


def wrong_cases():
    for tname, tspec in schema().types.items():
        for key, spec in tspec.keys.items():
            for kind in sorted(set(WRONG) - accepted(spec)):
                yield pytest.param("thing", tname, key, kind, id=f"{tname}.{key}={kind}")
    for where, keys in (("case", CASE_KEYS), ("source", SOURCE_KEYS)):
        for key, spec in keys.items():
            for kind in sorted(set(WRONG) - accepted(spec)):
                yield pytest.param(where, None, key, kind, id=f"{where}.{key}={kind}")


def wrong_file(where, tname, key, kind):
    """A case file whose only mistake is ``key: <a value of the wrong YAML type>``, and that line."""
    blocks = {"case": {"id": "demo", "title": "Demo", "genre": "practice"},
              "source": {"url": "https://example.org/p", "sections": "[vision]"},
              "thing": {"type": tname or "Aim", "from": "page#vision", "label": "X"}}
    if tname:
        blocks["thing"].update({k: "not-stated" for k, s in schema().types[tname].keys.items() if s.min_count})
    blocks[where][key] = WRONG[kind]
    lines = ["format: csgraph-case/2", "case:", *(f"  {k}: {v}" for k, v in blocks["case"].items()),
             "sources:", "  page:", *(f"    {k}: {v}" for k, v in blocks["source"].items()),
             "things:", "  t:", *(f"    {k}: {v}" for k, v in blocks["thing"].items())]
    indent = {"case": "  ", "source": "    ", "thing": "    "}[where]
    start = {"case": 1, "source": lines.index("  page:"), "thing": lines.index("  t:")}[where]
    line = next(i for i, text in enumerate(lines, 1) if i > start and text.startswith(f"{indent}{key}:"))
    return "\n".join(lines) + "\n", line


@pytest.mark.parametrize("where,tname,key,kind", list(wrong_cases()))
def test_every_key_refuses_every_wrong_type(where, tname, key, kind):
    text, line = wrong_file(where, tname, key, kind)
    with pytest.raises(CaseFileError) as err:
        build([read_case_file("case.yaml", text=text)])
    problems = getattr(err.value, "problems", [err.value])
    field = {"case": f"case.{key}", "source": f"sources.page.{key}", "thing": f"things.t.{key}"}[where]
    assert [(p.path.endswith("case.yaml"), p.line, p.field) for p in problems] == [(True, line, field)], text
    assert f"case.yaml:{line} [{field}]: " in str(err.value)


@pytest.mark.parametrize("key,kind", [("count", "str"), ("status", "int"), ("label", "map")])
def test_wrong_type_from_the_cli_is_exit_2(tmp_path, capsys, key, kind):
    text, line = wrong_file("thing", "Pilot", key, kind)
    (tmp_path / "case.yaml").write_text(text)
    assert main(["load", str(tmp_path / "case.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"case.yaml:{line} [things.t.{key}]" in err


# --- the invalid examples ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_examples_fail_on_the_field_they_name(path):
    field, fragment = path.read_text().splitlines()[0].removeprefix("# error: ").split(": ", 1)
    with pytest.raises(CaseFileError) as err:
        csgraph.load(path)
    assert err.value.field == field and fragment in str(err.value)
