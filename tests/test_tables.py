"""Case tables (CSV): things and links tables added to a case file, and their errors."""

from __future__ import annotations

import pytest
from test_casefile import BASE

import csgraph
from csgraph.errors import CaseFileError, LimitError, ParseError

THINGS = ("case,id,type,label,from,status,count,setting-type,led-by\n"
          "demo,demo-pilot-2,Pilot,Second pilot,page#put-in-place,planned,7,school,demo-la\n")
LINKS = "case,subject,key,object,from\ndemo,demo-pilot-2,responds-to,demo-pilot,page#vision\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "demo.yaml").write_text(BASE)
    return tmp_path


def test_things_and_links_tables_load(folder):
    (folder / "things.csv").write_text(THINGS)
    (folder / "links.csv").write_text(LINKS)
    kg = csgraph.load(folder)
    rows = {r["pilotLabel"].toPython(): r for r in csgraph.query(kg, "pilots")}
    assert rows["Second pilot"]["count"].toPython() == 7
    ev = csgraph.query(kg, "evidence", subject="https://w3id.org/csgraph/id/demo-pilot-2",
                       object="https://w3id.org/csgraph/id/demo-pilot")
    assert [r["section"].toPython() for r in ev] == ["vision"]
    assert csgraph.validate(kg).conforms


def test_bom_and_list_cells(folder):
    text = ("\ufeffcase,id,type,label,from,status,audience\n"
            "demo,demo-p3,Pilot,Third,page#put-in-place,piloted,pupils;school-staff\n")
    (folder / "t.csv").write_text(text, encoding="utf-8")
    kg = csgraph.load(folder)
    res = kg.select("SELECT ?a WHERE { <https://w3id.org/csgraph/id/demo-p3> cs:audience ?a }")
    assert len(res) == 2


@pytest.mark.parametrize("text,line,field,fragment", [
    ("case,id,type,label,from,stauts\ndemo,x,Pilot,X,page,planned\n", 2, "stauts", "did you mean 'status'"),
    ("case,id,type,label,from\ndemo,x,Pilot,X\n", 2, None, "4 cells"),
    ('case,id,type,label,from\ndemo,x,Pilot,"X,page\n', None, None, "unterminated quote"),
    ("case,id,type,label\ndemo,x,Pilot,X\n", 1, "from", "needs the column"),
    ("case,id,type,label,from,status\nother,x,Pilot,X,page,planned\n", 2, "case", "not loaded"),
    ("case,id,type,label,from,status\ndemo,demo-pilot,Pilot,X,page,planned\n", 2, "id", "already used"),
    ("case,id,type,label,from,status,count\ndemo,x,Pilot,X,page#put-in-place,planned,lots\n", 2, "count",
     "whole number"),
])
def test_table_errors_name_row_and_column(folder, text, line, field, fragment):
    (folder / "t.csv").write_text(text)
    with pytest.raises((CaseFileError, ParseError)) as err:
        csgraph.load(folder)
    assert "t.csv" in str(err.value) and fragment in str(err.value)
    if line is not None:
        assert err.value.line == line
    if field is not None:
        assert err.value.field == field


def test_overlong_cell(folder):
    (folder / "t.csv").write_text("case,id,type,label,from\ndemo,x,Pilot," + "y" * 5000 + ",page\n")
    with pytest.raises(LimitError):
        csgraph.load(folder, limits=csgraph.Limits(max_literal=1000))


@pytest.mark.parametrize("cell", ["demo x", "demo<x>", "case/x", "../../evil", "Demo", "x\n"])
def test_table_ids_are_checked_as_case_file_ids(folder, cell):
    quoted = '"' + cell + '"' if "\n" in cell else cell
    (folder / "t.csv").write_text(f"case,id,type,label,from,status\ndemo,{quoted},Pilot,X,page#put-in-place,"
                                  "planned\n")
    with pytest.raises(CaseFileError, match="lower-case letters, digits and hyphens") as err:
        csgraph.load(folder)
    assert err.value.line == 2 and err.value.field == "id" and "t.csv" in str(err.value)


@pytest.mark.parametrize("column,cell,fragment", [
    ("case", "case/x", "not loaded"),
    ("subject", "../../evil", "not a thing of case"),
    ("object", "a b", "must name a thing by its id"),
])
def test_link_ids_are_checked(folder, column, cell, fragment):
    row = {"case": "demo", "subject": "demo-pilot", "key": "responds-to", "object": "demo-la", "from": "page"}
    row[column] = cell
    (folder / "links.csv").write_text("case,subject,key,object,from\n" + ",".join(row.values()) + "\n")
    with pytest.raises(CaseFileError, match=fragment) as err:
        csgraph.load(folder)
    assert err.value.line == 2 and err.value.field == column


def test_every_problem_in_a_table_in_one_run(folder):
    (folder / "t.csv").write_text("case,id,type,label,from,status,count\n"
                                  "demo,x1,Pilot,X,page#put-in-place,planned,-5\n"
                                  "demo,x2,Pilot,X,page#put-in-place,plannd,3\n"
                                  "demo,x3,Pilott,X,page#put-in-place,planned,3\n")
    with pytest.raises(CaseFileError) as err:
        csgraph.load(folder)
    assert [(p.line, p.field) for p in err.value.problems] == [(2, "count"), (3, "status"), (4, "type")]


def test_not_stated_in_a_cell(folder):
    (folder / "t.csv").write_text("case,id,type,label,from,status\ndemo,x,Pilot,X,page#put-in-place,not-stated\n")
    kg = csgraph.load(folder)
    assert kg.select("ASK { <https://w3id.org/csgraph/id/x> cs:notStated cs:status }")
